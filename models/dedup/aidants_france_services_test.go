package dedup

import (
	"fmt"
	"testing"
)

// Tests of dup33, from the misses of the twenty-sixth and twenty-seventh
// sets (Aidants Connect's list, without coordinates nor contacts, against
// France Services' list): each reproduces a habit of producers that any
// région's files show, not one place.

var (
	fsContact = func(phone, email string) func(*Place) {
		return func(p *Place) { p.Phones, p.Emails = []string{phone}, []string{email} }
	}
	siretOf = func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siret" } }
)

// TestParseStreetNumbersJoinedByEt: « 2 ET 4 RUE ST CHRISTOPHE » is a
// building at 2 and 4 of the street, as « 2-4 » is; it was read as 2 alone.
func TestParseStreetNumbersJoinedByEt(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []int
	}{
		{"2 ET 4 RUE ST CHRISTOPHE", []int{2, 4}},
		{"12 et 14 bis avenue Jean Jaurès", []int{12, 14}},
		{"3 & 5 place du Marché", []int{3, 5}},
		{"2 rue Pierre et Marie Curie", []int{2}},
	} {
		if got := parseStreet(tc.line, nil).numbers; fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("parseStreet(%q).numbers = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestCompareNumbersJoinedByEt: Aidants Connect's « Espace France
// Services Vic-sur-Aisne », 2 ET 4 RUE ST CHRISTOPHE, and France Services'
// « France services Retz-en-Valois », 4 Rue Saint Christophe (0.468,
// « même rue, autre numéro »): one of the numbers is the other's.
func TestCompareNumbersJoinedByEt(t *testing.T) {
	vic := in("Vic-sur-Aisne", "02290")
	ac := with(place("aidants", "Espace France Services Vic-sur-Aisne", "2 ET 4 RUE ST CHRISTOPHE", 0, 0), both(vic, siretOf("20007199100018")))
	fs := with(place("fs", "France services Retz-en-Valois", "4 Rue Saint Christophe", 49.4062, 3.1124), both(vic, fsContact("+33323554654", "franceservices@retzenvalois.fr")))
	runCompareCases(t, []compareCase{
		{"OK 2 and 4, and 4", ac, fs, true, ""},
		{"NotDup 2 and 6, and 4", with(ac, func(p *Place) { p.Street = "2 ET 6 RUE ST CHRISTOPHE" }), fs, false, ""},
	})
}

// TestCompareStreetNamedByItsTypeAlone: « LA PLACE » and « 5 la place »
// of Éperlecques (0.400, the place part 0): a village's square, or its
// « Grande Rue », is named by its type alone, and the line was read as no
// street at all.
func TestCompareStreetNamedByItsTypeAlone(t *testing.T) {
	ep := in("Éperlecques", "62910")
	ac := with(place("aidants", "ESPACE FRANCE SERVICES EPERLECQUES", "LA PLACE", 0, 0), both(ep, siretOf("21620297800013")))
	fs := with(place("fs", "France services d’Eperlecques", "5 la place", 50.8043, 2.1521), both(ep, fsContact("+33374182351", "espacefranceservices@mairie-eperlecques.fr")))
	runCompareCases(t, []compareCase{
		{"OK the square with and without its number", ac, fs, true, ""},
		// Another street is another address; the commune's one France
		// Services in each source, under one name, is still one service
		// (TestCompareOneFranceServicesOfCommune), not a médiathèque.
		{"OK the square and another street, one France Services", ac, with(fs, func(p *Place) { p.Street = "5 rue de la Gare" }), true, "adresses différentes, seule France Services de la commune"},
		{"OK the square and the Grande Rue, one France Services", ac, with(fs, func(p *Place) { p.Street = "5 Grande Rue" }), true, "adresses différentes, seule France Services de la commune"},
		{"NotDup the square and another street", with(ac, func(p *Place) { p.Name = "Médiathèque d'Éperlecques" }),
			with(fs, func(p *Place) { p.Name, p.Street = "Médiathèque d'Eperlecques", "5 rue de la Gare" }), false, ""},
		{"NotDup the square and the Grande Rue", with(ac, func(p *Place) { p.Name = "Médiathèque d'Éperlecques" }),
			with(fs, func(p *Place) { p.Name, p.Street = "Médiathèque d'Eperlecques", "5 Grande Rue" }), false, ""},
	})
}

// TestCompareContactNamedAfterTheOtherOnOneStreet: « Mairie de Vineuil »,
// rue de la République (no number, no coordinates), and « France services
// de Vineuil », 4 rue de la République, whose e-mail is
// mairie.vineuil@… (0.543: one street, the e-mail named after the other
// place); « Info Emploi et Services - Avoine », AV DE LA REPUBLIQUE, and
// « France services Avoine », Avenue de la république, e-mail
// infoemploietservices@… The contact of one record named after the other
// says which door of the street it is, as an own contact does
// (unnumberedStreetDoor).
func TestCompareContactNamedAfterTheOtherOnOneStreet(t *testing.T) {
	vin := in("Vineuil", "41350")
	ac := with(place("aidants", "Mairie de Vineuil", "rue de la République", 0, 0), both(vin, siretOf("21410295600015")))
	fs := with(place("fs", "France services de Vineuil", "4 rue de la République", 47.5822, 1.3766), both(vin, fsContact("+33254505479", "mairie.vineuil@vineuil41.fr")))
	av := in("Avoine", "37420")
	ac2 := with(place("aidants", "Info Emploi et Services - Avoine", "AV DE LA REPUBLIQUE", 0, 0), both(av, siretOf("50037339400013")))
	fs2 := with(place("fs", "France services Avoine", "Avenue de la république", 47.2083, 0.1822), both(av, fsContact("+33247981704", "infoemploietservices@cc-cvl.fr")))
	runCompareCases(t, []compareCase{
		{"OK the mairie's e-mail on the mairie's street", ac, fs, true, "même rue et contact"},
		{"OK the association's e-mail on its street", ac2, fs2, true, ""},
		{"NotDup another street", ac, with(fs, func(p *Place) { p.Street = "4 rue de Blois" }), false, ""},
		{"NotDup two numbers", with(ac, func(p *Place) { p.Street = "12 rue de la République" }), fs, false, ""},
		{"NotDup an e-mail naming neither", ac, with(fs, fsContact("+33254505479", "vineuil@france-services.gouv.fr")), false, ""},
	})
}

// TestWithoutCommuneTailHyphenated: a name written with hyphens for spaces
// (« Médiance-13---Marignane », a habit of producers the robustness test
// replays) ends with its commune as « Médiance 13 - Marignane » does; the
// domain or mailbox the place writes from (« mediance13@ ») spells the
// name before it. It was read whole, and the rule reading a mailbox named
// after the other place lost the link so written.
func TestWithoutCommuneTailHyphenated(t *testing.T) {
	mar := map[string]bool{stem("marignane"): true}
	for _, tc := range []struct{ name, want string }{
		{"Médiance 13 - Marignane", "Médiance 13"},
		{"Médiance-13---Marignane", "Médiance-13"},
		{"Médiance-13-Marignane", "Médiance-13"},
		{"Médiance-13-Vitrolles", "Médiance-13-Vitrolles"},
		{"Marignane", "Marignane"},
	} {
		if got := withoutCommuneTail(tc.name, mar); got != tc.want {
			t.Errorf("withoutCommuneTail(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCompareOneAddressOfASharedPostalCode: Aidants Connect's list gives a
// postal code and no commune, and the importer takes the commune the
// address line names among the postal code's communes — a road's
// destination as often as its commune (« 31 B RTE DE RIANS » filed under
// Rians, « 2 Bis Route de Montaigu » under Montaigu). France Services'
// record of the place, one street and one number, is in the neighbouring
// commune of that postal code: « CIAS Terres du Haut Berry » and « France
// services Terres du Haut Berry - Les Aix » (0.000, « adresses
// différentes »); the agglomeration of Château-Thierry at its seat and its
// France Services, 2 avenue Ernest Couvrecelle, under Château-Thierry and
// Étampes-sur-Marne (0.099). Without coordinates on one side, one numbered
// address of one postal code is one address, as it is when one side names
// no commune; two mairies at the « place de la Mairie » of two communes of
// one postal code are not one place (their names say which commune).
func TestCompareOneAddressOfASharedPostalCode(t *testing.T) {
	cias := with(place("aidants", "CIAS Terres du Haut Berry", "31 B RTE DE RIANS", 0, 0), both(in("Rians", "18220"), siretOf("20006705600016")))
	fs := with(place("fs", "France services Terres du Haut Berry - Les Aix", "31 bis Route de Rians", 47.1962, 2.5707),
		both(in("Les Aix-d'Angillon", "18220"), fsContact("+33248667588", "franceserviceslesaix@terresduhautberry.fr")))
	agglo := with(place("aidants", "Communauté d'Agglomération de le Région de Château-Thierry", "2 avenue Ernesrt Couvrecelle", 0, 0),
		both(in("Château-Thierry", "02400"), siretOf("20007203100129")))
	fsct := with(place("fs", "France services Agglomération de la région de Château-Thierry - Etampes sur Marne", "2 Avenue Ernest Couvrecelle", 49.0373, 3.4108),
		both(in("Étampes-sur-Marne", "02400"), fsContact("+33323697541", "france-service@carct.fr")))
	runCompareCases(t, []compareCase{
		{"OK one numbered address under two communes of one postal code", cias, fs, true, ""},
		{"OK the agglomeration's seat and its France Services", agglo, fsct, true, ""},
		{"NotDup another number", with(cias, func(p *Place) { p.Street = "3 RTE DE RIANS" }), fs, false, ""},
		{"NotDup both with coordinates 5 km apart", with(cias, func(p *Place) { p.Latitude, p.Longitude = at(47.1512, 2.5707) }), fs, false, ""},
		{"NotDup two communes' mairies at their place de la Mairie",
			with(place("aidants", "Mairie de Précy", "1 place de la Mairie", 0, 0), both(in("Précy", "18140"), siretOf("21180184000011"))),
			with(place("fs", "Mairie de Sancergues", "1 place de la Mairie", 47.1551, 2.9192), both(in("Sancergues", "18140"), fsContact("+33248799947", "mairie@sancergues.fr"))), false, ""},
		{"NotDup another postal code", with(cias, in("Rians", "18221")), fs, false, ""},
		{"NotDup a mairie and a delegated commune's mairie, each on its mairie's street",
			with(place("aidants", "Mairie de Plumelin", "6 B RUE DE LA MAIRIE", 0, 0), both(in("Plumelin", "56500"), siretOf("21560174200019"))),
			with(place("cnfs", "Mairie déléguée Remungol", "6 place de la mairie", 47.8897, -2.8939), in("Évellys", "56500")), false, ""},
	})
}

// TestCompareTwoTravellingServicesNamedByTheirVehicle: Aidants Connect's
// « Itinérante Vierzon Sologne Berry » and France Services' « Bus France
// services Vierzon Sologne Berry », at one address (0.574, names 0.56):
// both records travel, and « itinérante » and « bus » say how, not which
// service; the rest of the names is one. A travelling service and a fixed
// place stay two doors (travelling), and two buses of two territories two
// services.
func TestCompareTwoTravellingServicesNamedByTheirVehicle(t *testing.T) {
	vz := in("Vierzon", "18100")
	ac := with(place("aidants", "Itinérante Vierzon Sologne Berry", "2 RUE BLANCHE BARON", 0, 0), both(vz, siretOf("20009056100016")))
	fs := with(place("fs", "Bus France services Vierzon Sologne Berry", "2 Rue Blanche Baron", 47.2229, 2.0686), both(vz, fsContact("+33761979384", "franceservices@cc-vierzon.fr")))
	runCompareCases(t, []compareCase{
		{"OK one service named by two vehicles", ac, fs, true, ""},
		{"NotDup a fixed France Services at the bus's base", with(ac, func(p *Place) { p.Name = "France Services Vierzon Sologne Berry" }), fs, false, ""},
		{"NotDup two territories' buses", with(ac, func(p *Place) { p.Name = "Itinérante Cœur de France" }), fs, false, ""},
	})
}

// TestCompareFranceServicesNamedByItsQuarterDirection: « France services
// Tours Sud » at 11 rue de Saussure, whose e-mail is the operator's, and
// the centre social that houses it there, « Maison pour Tous Centre
// Social des Fontaines » (0.350, one address only): a city's France
// Services named by the quarter's direction (« Tours Sud », « Amiens -
// Nord ») has no name of its own, the direction tells the city's sites
// apart but no door, as its commune's name does (housesFranceServices).
// An association that is not a centre social may still be a tenant.
func TestCompareFranceServicesNamedByItsQuarterDirection(t *testing.T) {
	tours := in("Tours", "37200")
	cs := with(place("aidants", "Maison pour Tous Centre Social des Fontaines", "11 rue de Saussure", 0, 0), both(tours, siretOf("77534862600026")))
	fs := with(place("fs", "France services Tours Sud", "11 Rue de saussure", 47.3636, 0.6989), both(tours, fsContact("+33637689602", "efstourssud@fol37.org")))
	runCompareCases(t, []compareCase{
		{"OK the centre social and the France Services it houses", cs, fs, true, "France Services à la même adresse"},
		{"NotDup an association that is not a centre social", with(cs, func(p *Place) { p.Name = "Association sportive des Fontaines" }), fs, false, ""},
		{"NotDup another number", with(cs, func(p *Place) { p.Street = "3 rue de Saussure" }), fs, false, ""},
		{"NotDup a France Services named by its own name", cs, with(fs, func(p *Place) { p.Name = "France services Tours Le Sanitas" }), false, ""},
	})
}
