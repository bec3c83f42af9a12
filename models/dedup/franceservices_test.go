package dedup

import (
	"testing"
)

// France Services (franceservices.go): two France Services on one street or
// at one number, one in a social centre, one under a public SIRET. Each test
// is a habit met in a labelled set; its doc says which.

// TestCompareTwoFranceServicesOnOneStreet: Aidants Connect's « FRANCE
// SERVICES DE GOURBEYRE, Ruelle des Bambous, près de la gendarmerie » and
// the national record « TIERS-LIEU DE GOURBEYRE labalisé "FRANCE
// SERVICES" », Ruelle Bambou, no number on either side, no coordinates on
// Aidants Connect's (0.573). A France Services with no name of its own (its
// label and its commune) and another record whose name says it is a France
// Services, on one street of that commune, the numbers not disagreeing, are
// that commune's France Services: the label is given to one structure of a
// commune, and a street does not hold two. A record that is not a France
// Services by its name stays a door of its own up the street (the
// médiathèque 68 m from the mairie's MSAP, housesFranceServices), and so
// does one at another number.
func TestCompareTwoFranceServicesOnOneStreet(t *testing.T) {
	gourbeyre := in("Gourbeyre", "97113")
	cnfs := with(place("cnfs", `TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES"`, "Ruelle Bambou", 15.992072, -61.691048), gourbeyre)
	cases := []compareCase{
		{"OK the commune's France Services and the labelled tiers-lieu", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Ruelle des Bambous\nprès de la gendarmerie", 0, 0), gourbeyre),
			cnfs, true, "France Services"},
		{"NotDup a record that is not a France Services", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Ruelle des Bambous", 0, 0), gourbeyre),
			with(place("cnfs", "TIERS-LIEU DE GOURBEYRE", "Ruelle Bambou", 15.992072, -61.691048), gourbeyre), false, ""},
		{"NotDup two numbers of the street", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "3 Ruelle des Bambous", 0, 0), gourbeyre),
			with(place("cnfs", `TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES"`, "40 Ruelle Bambou", 15.992072, -61.691048), gourbeyre), false, ""},
		{"NotDup another street", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Rue de la Gendarmerie", 0, 0), gourbeyre),
			cnfs, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareFranceServicesInItsSocialCentre: Charente's « France services
// Mansle » and the national record « CENTRE SOCIAL ET CULTUREL DU PAYS
// MANSLOIS » at one address, 21 rue Martin (0.350: the names share
// nothing, and an association's SIREN was read as a tenant's). Centres
// sociaux, associations approved by the CAF to receive the public, are
// among the usual carriers of a France Services, which they run at their
// own reception desk (the BFC set's MSAP of Saint-Amand-en-Puisaye in the
// « Centre social et culturel de Puisaye Forterre », the Haute-Vienne
// set's France Services of Serres-Castet in the « Centre social Alexis
// Peyret »): a France Services with no name of its own at a centre
// social's address is its door, as at a commune's. Another association at
// that address is still a tenant; a France Services with a name of its own
// still names another door; another address is another place.
func TestCompareFranceServicesInItsSocialCentre(t *testing.T) {
	mansle := in("Mansle", "16230")
	fs := with(place("hub", "France services Mansle", "21 Rue Martin", 45.8760, 0.1790), mansle)
	centre := with(place("cnfs", "CENTRE SOCIAL ET CULTUREL DU PAYS MANSLOIS", "21 RUE MARTIN", 45.8760, 0.1790), both(mansle, siren("781234567")))
	cases := []compareCase{
		{"OK a bare France Services at its centre social's address", fs, centre, true, "France Services à la même adresse"},
		{"OK a centre socio-culturel", fs, with(centre, func(p *Place) { p.Name = "Association Vie et Culture - Centre socio-culturel" }), true, "France Services à la même adresse"},
		{"NotDup another association at that address", fs, with(centre, func(p *Place) { p.Name = "Coworking du Pays Manslois" }), false, ""},
		{"NotDup a France Services with a name of its own", with(fs, func(p *Place) { p.Name = "France services Le Lavoir" }), centre, false, ""},
		{"NotDup another address", with(fs, func(p *Place) { p.Street = "3 place du Champ de Foire"; p.Latitude, p.Longitude = at(45.8790, 0.1790) }), centre, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareFranceServicesUnderPublicSIRET: « Espace France Services de
// Rostrenen » under the commune's SIRET and « Communauté de Communes du
// Kreiz-Breizh » under its own, at 6 rue Joseph Pennec (the cité
// administrative), were read as the intercommunality hosting its France
// Services (0.61) less the other-SIREN penalty: 0.51. A France Services
// with no name of its own is a label, not a body: producers give it the
// SIRET of whichever public body holds the label or runs the counter (the
// commune, the intercommunality, the CCAS: publicSIREN), so two public
// SIRENs say nothing against its house at one numbered address (one point,
// one building), the reading housesFranceServices makes without SIRETs.
// A private SIREN still counts, and so do two public bodies' records that
// are not a France Services (a CCAS and the mairie at one address).
func TestCompareFranceServicesUnderPublicSIRET(t *testing.T) {
	rostrenen := in("Rostrenen", "22110")
	siret := func(v string) func(*Place) {
		return func(p *Place) { rostrenen(p); p.Pivot, p.PivotKind = v, "siret" }
	}
	cc := with(place("cnfs", "Communauté de Communes du Kreiz-Breizh", "6 RUE JOSEPH PENNEC", 48.23616, -3.320585), siret("24220071500074"))
	cases := []compareCase{
		{"OK a France Services under the commune's SIRET at the intercommunality's address", with(place("aidants", "Espace France Services de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("21220266700110")),
			cc, true, "collectivité à la même adresse"},
		{"OK the intercommunality's Maison des services at its seat, its new and old SIRENs", with(place("aidants", "Maison des services Coeur de Garonne", "8 AV DE LA GARE", 0, 0), siret("20009652700011")),
			with(place("cnfs", "COEUR DE GARONNE COMMUNAUTE", "8 AV DE LA GARE", 48.23616, -3.320585), siret("24561438300199")), true, "France Services à la même adresse"},
		{"NotDup the France Services at another number", with(place("aidants", "Espace France Services de Rostrenen", "16 RUE JOSEPH PENNEC", 0, 0), siret("21220266700110")),
			cc, false, ""},
		{"NotDup a France Services under a private SIREN", with(place("aidants", "Espace France Services de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("77567227200045")),
			cc, false, ""},
		{"NotDup the CCAS and the intercommunality at one address", with(place("aidants", "CCAS de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("26220266700015")),
			cc, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareTwoFranceServicesAtOneNumber: Aidants Connect's « France
// Services BHAP » (the initials of its intercommunality, the Bastides en
// Haut Agenais Périgord) and the national file's « Espace Numérique France
// Services Monflanquin », both at 32 rue de l'Union (0.518): each names
// itself a France Services in its own way, and one numbered address of a
// commune houses one France Services. A France Services bus parked there,
// or another number, still says nothing.
func TestCompareTwoFranceServicesAtOneNumber(t *testing.T) {
	monflanquin := in("Monflanquin", "47150")
	cnfs := with(place("cnfs", "Espace Numérique France Services Monflanquin", "32 Rue de l'Union", 0, 0), monflanquin)
	runCompareCases(t, []compareCase{
		{"OK two France Services' names at one numbered address", with(place("aidants", "France Services BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, true, "deux France Services à la même adresse"},
		{"NotDup at another number", with(place("aidants", "France Services BHAP", "12, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
		{"NotDup a bus at the address", with(place("aidants", "Bus France Services BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
		{"NotDup a France Services and another body", with(place("aidants", "Médiathèque BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
	})
}

// TestCompareFranceServicesNamedAfterItsCentreSocial: the network names a
// France Services run by a centre social « France services » and the
// centre's name, and the centre's record writes from a domain that spells
// its own name: the domain names the France Services' host (PACA's
// « France services Centre social l'Aiguier » and the national « centre
// social de la Tour d'Aigues » at « MAIRIE », one phone, geocoded 6.6 km
// apart, centresocialaiguier.com: found since; TestDuplicateLabels recall
// 0.941 → 0.945, precision 1.000). After the label, a territory's name is
// spelled by its intercommunality's domain, from which all its services
// write: not read so.
func TestCompareFranceServicesNamedAfterItsCentreSocial(t *testing.T) {
	town := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Bellerive", "84990", "84999" }
	fs := with(place("fs", "France services Centre social Les Tilleuls", "12 rue des Écoles", 0, 0), both(town, phones("+33490000001")))
	centre := with(place("cnfs", "Centre social de Bellerive", "MAIRIE", 0, 0), both(town, phones("+33490000001"), func(p *Place) {
		p.Websites = []string{"https://www.centresocialtilleuls.fr/"}
	}))
	runCompareCases(t, []compareCase{
		{"OK its centre's domain and phone", fs, centre, true, "site web ou courriel au nom de l'autre lieu"},
		{"OK the commune written after the name", with(fs, func(p *Place) { p.Name += " - Bellerive" }), centre, true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup a territory's France Services and its intercommunality's domain",
			with(fs, func(p *Place) { p.Name = "France services Haut Val" }),
			with(centre, func(p *Place) { p.Name, p.Websites = "Espace numérique du Haut Val", []string{"https://hautval.fr/"} }), false, ""},
	})
	if got := withoutFranceServicesLabel("Espace France Services"); got != "" {
		t.Errorf("the label alone: %q", got)
	}
}

// TestCompareFranceServicesInItsSocioculturalSpace: Aidants Connect's
// « Espace socioculturel Paray-le-Monial » (an association's SIRET) and
// France Services' « France services de Paray-le-Monial », 1 rue du 8 mai
// 1945 (0.350: the names share nothing, and the association was read as a
// tenant). An « espace socioculturel » and an « espace de vie sociale »
// are what the CAF approves beside the centres sociaux (the « espace de
// vie sociale » is its smaller approval), run by an association to
// receive the public as a centre social does, and carry France Services
// as centres sociaux do (TestCompareFranceServicesInItsSocialCentre). A
// « service d'accompagnement à la vie sociale » (SAVS, a medico-social
// service for disabled adults) receives no public at a counter: still a
// tenant; and another address is another place.
func TestCompareFranceServicesInItsSocioculturalSpace(t *testing.T) {
	paray := in("Paray-le-Monial", "71600")
	fs := with(place("fs", "France services de Paray-le-Monial", "1 Rue du 8 mai", 46.4510, 4.1190), paray)
	space := with(place("aidants", "Espace socioculturel Paray-le-Monial", "1 RUE DU 8 MAI 1945", 0, 0), both(paray, siren("313244501")))
	cases := []compareCase{
		{"OK a bare France Services at an espace socioculturel's address", fs, space, true, "France Services à la même adresse"},
		{"OK an espace socio-culturel", fs, with(space, func(p *Place) { p.Name = "Espace socio-culturel la Pépinière" }), true, "France Services à la même adresse"},
		{"OK an espace de vie sociale", fs, with(space, func(p *Place) { p.Name = "Familles Rurales Espace de Vie Sociale" }), true, "France Services à la même adresse"},
		{"NotDup a service d'accompagnement à la vie sociale", fs, with(space, func(p *Place) { p.Name = "Service d'Accompagnement à la Vie Sociale" }), false, ""},
		{"NotDup another address", fs, with(space, func(p *Place) { p.Street = "12 rue de la Paix" }), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareFranceServicesNextDoorOnOneStreet: the Région Sud's « France
// Services » at 26 avenue des Arcades in Sisteron and the national
// « Permanence France Services Sisteron » at 22, 45 m apart (0.581: the
// numbers disagree). Within 50 m on one street (nextDoor) the two numbers
// are one street front, as an authority's premises are: the commune's
// France Services. Without a point on one side, or farther apart, two
// numbers stay two doors (TestCompareTwoFranceServicesOnOneStreet).
func TestCompareFranceServicesNextDoorOnOneStreet(t *testing.T) {
	sisteron := in("Sisteron", "04200")
	region := with(place("paca", "France Services", "26 avenue des arcades", 44.193862, 5.942648), sisteron)
	cnfs := with(place("cnfs", "Permanence France Services Sisteron", "22 avenue des arcades", 44.194262, 5.942748), sisteron)
	runCompareCases(t, []compareCase{
		{"OK two numbers 45 m apart", region, cnfs, true, "France Services de la commune dans la même rue"},
		{"NotDup no point on one side", with(region, func(p *Place) { p.Latitude, p.Longitude = nil, nil }), cnfs, false, ""},
		{"NotDup 120 m apart", region, with(cnfs, func(p *Place) { lat := 44.194942; p.Latitude = &lat }), false, ""},
		{"NotDup not a France Services by its name", region, with(cnfs, func(p *Place) { p.Name = "Médiathèque de Sisteron" }), false, ""},
	})
}
