package dedup

import (
	"testing"
)

// The causes of the misses and the wrong link of the set of new régions
// (the ninth labelled set, Corse, Épernay, La Creuse, La Réunion and France
// Services, held out and unseen when it was measured: precision 0.966,
// recall 0.800), each a rule that is not about these names.

// TestCompareBuildingBeforeStreet: « Communauté d'Agglomération de Bastia »,
// address « Mairie de Santa maria di Lota, Lieu-dit Mocali », and « Mairie
// de Santa Maria Di Lota », « Lieu-dit Mocali », one phone, coordinates
// 1.1 km apart (0.583): the hub names the conseiller's employer and puts the
// place it works in before the street, and the whole line was read as a
// street. A first part with neither a number nor a street's type, before a
// part that is a street, names a building: it is read as the building the
// other place's name or address may name.
func TestCompareBuildingBeforeStreet(t *testing.T) {
	lota := in("Santa-Maria-di-Lota", "20200")
	phone := func(p *Place) { lota(p); p.Phones = []string{"+33495332499"} }
	cases := []compareCase{
		{"OK the employer at the mairie named before the street, one phone", with(place("corse", "Communauté d’Agglomération de Bastia", "Mairie de Santa maria di Lota, Lieu-dit Mocali", 42.72, 9.44), phone),
			with(place("cnfs", "Mairie de Santa Maria Di Lota", "Lieu-dit Mocali", 42.73, 9.44), phone), true, "même bâtiment"},
		{"OK a library named before its street and number", with(place("corse", "Communauté d’Agglomération de Bastia", "Bibliothèque Municipale de Furiani, 511 Route du Village", 42.72, 9.44), lota),
			with(place("cnfs", "Bibliothèque Municipale de Furiani", "511 Rte du Village", 42.7205, 9.44), lota), true, "même adresse"},
		{"NotDup the building before the street names another place than the other's", with(place("corse", "Association Alpha", "Maison des associations, Lieu-dit Mocali", 42.72, 9.44), phone),
			with(place("cnfs", "Mairie de Santa Maria Di Lota", "Lieu-dit Mocali", 42.73, 9.44), lota), false, ""},
		{"NotDup two streets are no building", with(place("corse", "Permanence Centre Social Saint-Jean", "Avenue Maréchal Moncey, 6 rue Cardinali", 42.72, 9.44), lota),
			with(place("cnfs", "UDAF", "Avenue Maréchal Lyautey", 42.72, 9.44), lota), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareNameOfSeveralSites: « Communauté d'Agglomération de Bastia »
// at its seat, port de Toga, and the hub's row of the same name at « Mairie
// annexe de Ville di Pietrabugno », 806 m away, were linked on the name
// (0.610): the hub gives the agglomeration's name to each of the five sites
// where its conseillers receive. A name that one source gives to places at
// three or more locations (networkSites, as for a phone or an e-mail) does
// not say which of them the other place means: unless the two are on one
// street, it counts as an annex's name against its main site does, at most
// 0.5. At two locations it is as often one place listed twice at two
// addresses (the national file's « Centre Social de Saint-Mens »), and it
// is read as before.
func TestCompareNameOfSeveralSites(t *testing.T) {
	bastia := in("Bastia", "20200")
	seat := with(place("cnfs", "COMMUNAUTE D AGGLOMERATION DE BASTIA", "PORT DE TOGA", 42.710, 9.450), bastia)
	annexe := with(place("corse", "Communauté d’Agglomération de Bastia", "Mairie annexe de Ville di Pietrabugno", 42.717, 9.450), func(p *Place) { bastia(p); p.ID = "corse-annexe" })
	toga := with(place("corse", "Communauté d’Agglomération de Bastia", "Port de Toga", 42.7101, 9.4502), func(p *Place) { bastia(p); p.Phones = []string{"+33495551818"} })
	furiani := with(place("corse", "Communauté d’Agglomération de Bastia", "Bibliothèque Municipale de Furiani, 511 Route du Village", 42.66, 9.41), func(p *Place) { in("Furiani", "20600")(p); p.ID = "corse-furiani" })
	seatPhone := with(seat, func(p *Place) { p.Phones = []string{"+33495551818"} })
	for _, tc := range []struct {
		name   string
		places []Place
		a, b   Place
		dup    bool
	}{
		{"NotDup a name the hub gives to three sites, another address", []Place{seat, annexe, toga, furiani}, seat, annexe, false},
		{"OK the seat of that name at its address, one phone", []Place{seatPhone, annexe, toga, furiani}, seatPhone, toga, true},
		{"OK a name the hub gives to two sites, as before", []Place{seat, annexe, toga}, seat, annexe, true},
		{"OK a name the hub gives to one site, as before", []Place{seat, annexe}, seat, annexe, true},
	} {
		r, _ := NewBlock(tc.places).Compare(tc.a.ID, tc.b.ID)
		if (r.Score >= Threshold) != tc.dup {
			t.Errorf("%s: score %.3f (name %.2f, place %.2f, identity %.2f: %s), want duplicate=%v", tc.name, r.Score, r.Name, r.Place, r.Identity, reasons(r), tc.dup)
		}
	}
}

// TestCompareLaPosteFranceServices: « LA POSTE » (La Poste's SIRET) and
// « France services Tours-sur-Marne » at 1 rue de la Halle were read as two
// names sharing nothing at one address (0.350). La Poste runs France
// Services in its post offices, the counter's staff being the France
// Services' agents: La Poste's record at the address of a France Services
// is that France Services, as a mairie's record is the service it hosts
// (hostName). Another structure at the address stays another door, and so
// does a mairie's agence postale (TestCompareAgencePostaleNotHosted).
func TestCompareLaPosteFranceServices(t *testing.T) {
	tours := in("Tours-sur-Marne", "51150")
	laPoste := func(p *Place) { tours(p); p.Pivot, p.PivotKind = "35600000021116", "siret" }
	cases := []compareCase{
		{"OK La Poste and the France Services at its address", with(place("fs", "France services Tours-sur-Marne", "1 Rue de la Halle", 49.05, 4.12), tours),
			with(place("cnfs", "LA POSTE", "1 RUE DE LA HALLE", 49.05, 4.12), laPoste), true, "France Services de La Poste"},
		{"NotDup La Poste and the France Services in the next street", with(place("fs", "France services Tours-sur-Marne", "3 Place de la Mairie", 49.052, 4.12), tours),
			with(place("cnfs", "LA POSTE", "1 RUE DE LA HALLE", 49.05, 4.12), laPoste), false, ""},
		{"NotDup La Poste and another structure at its address", with(place("hub", "Médiathèque de Tours-sur-Marne", "1 Rue de la Halle", 49.05, 4.12), tours),
			with(place("cnfs", "LA POSTE", "1 RUE DE LA HALLE", 49.05, 4.12), laPoste), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDomainOfTheAuthority: « COMMUNE DE CORMICY » at 1 place
// d'Armes and « France services Cormicy », msap@cormicy.fr, at 5, geocoded
// at one point (0.523, the host-authority rule and the square): the France
// Services' e-mail is at the commune's own domain, the commune's name
// alone (or « ville- », « mairie- » and the name). It says that the place
// is one of the commune's services, as a shared domain does (not that it is
// the commune's one place: every service of the commune writes from it),
// where the commune may host it (the host-authority rule's one address or
// next door; the Gironde's BIJ of Bègles at 21 and the mairie at 77 of one
// street stay two).
// And « CCAS Saint Louis », l.denoyelle@ccas-stlouis.fr, against « CCAS DE
// SAINT-LOUIS (LA REUNION) » at another address (0.400, the same name): a
// domain spells a name with « saint » written « st », and without the
// name's gloss in parentheses.
func TestCompareDomainOfTheAuthority(t *testing.T) {
	cormicy := in("Cormicy", "51220")
	mail := func(m string) func(*Place) { return func(p *Place) { cormicy(p); p.Emails = []string{m} } }
	stLouis := in("Saint-Louis", "97450")
	cases := []compareCase{
		{"OK the commune and its France Services writing from the commune's domain, on its square", with(place("fs", "France services Cormicy", "5 Place d'Armes", 49.37, 3.89), mail("msap@cormicy.fr")),
			with(place("cnfs", "COMMUNE DE CORMICY", "1 PL D ARMES", 49.37, 3.89), cormicy), true, "domaine de la commune"},
		{"OK the domain ville- and the commune's name", with(place("fs", "France services Cormicy", "5 Place d'Armes", 49.37, 3.89), mail("msap@ville-cormicy.fr")),
			with(place("cnfs", "Mairie de Cormicy", "1 PL D ARMES", 49.37, 3.89), cormicy), true, "domaine de la commune"},
		{"NotDup a service of the commune in another street", with(place("hub", "Médiathèque de Cormicy", "12 rue de Reims", 49.373, 3.89), mail("mediatheque@cormicy.fr")),
			with(place("cnfs", "COMMUNE DE CORMICY", "1 PL D ARMES", 49.37, 3.89), cormicy), false, ""},
		{"NotDup a service of the commune up its street, its name close", with(place("hub", "Bureau Information Jeunesse (BIJ) de la ville de Cormicy", "21 place d'Armes", 49.382, 3.89), mail("bij@cormicy.fr")),
			with(place("cnfs", "Ville de Cormicy", "77 PL D ARMES", 49.37, 3.89), cormicy), false, ""},
		{"NotDup another commune's domain on the square", with(place("fs", "France services Cormicy", "5 Place d'Armes", 49.37, 3.89), mail("msap@cauroy.fr")),
			with(place("cnfs", "COMMUNE DE CORMICY", "1 PL D ARMES", 49.37, 3.89), cormicy), false, ""},
		{"OK one CCAS at two addresses, its domain spelling its name with st", with(place("hub", "CCAS Saint Louis", "5 Rue Victor Hugo CS 41006", -21.2869, 55.41), func(p *Place) { stLouis(p); p.Emails = []string{"l.denoyelle@ccas-stlouis.fr"} }),
			with(place("cnfs", "CCAS DE SAINT-LOUIS (LA REUNION)", "65 AV PRINCIPALE", -21.28, 55.41), stLouis), true, "au nom de l'autre lieu"},
	}
	runCompareCases(t, cases)
}
