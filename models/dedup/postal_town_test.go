package dedup

import "testing"

// TestComparePostalTownAsCommune: the Charente hub file writes La Poste's
// « libellé d'acheminement », the postal town, where the commune belongs:
// « Mairie de CHATEAUBERNARD », 2 rue de la commanderie, 16100, filed under
// Cognac (16102), and Aidants Connect's record of it, one SIRET, name,
// street and postal code, filed under Châteaubernard (16089), were not
// linked at all (place -1, « adresses différentes »). Both communes have
// the postal code 16100: the postal town is a common way to write the
// commune line, and one SIRET on one street of one postal code both
// communes have is one place. Another street, another SIRET, a postal code
// one commune does not have, or coordinates far apart on both sides stay
// apart.
func TestComparePostalTownAsCommune(t *testing.T) {
	hub := with(place("hub", "Mairie de CHATEAUBERNARD", "2 rue de la commanderie", 45.68606, -0.35417),
		both(in("Cognac", "16100"), insee("16102"), siren("21160089500018")))
	ac := with(place("aidants", "Mairie de CHATEAUBERNARD", "2 rue de la commanderie", 0, 0),
		both(in("Châteaubernard", "16100"), insee("16089"), siren("21160089500018")))
	balzacHub := with(place("hub", "Bibliothèque de Balzac", "PLACE JEAN-LOUIS GUEZ DE BALZAC", 45.746094, 0.192356),
		both(in("Champniers", "16430"), insee("16078"), siren("21160026700010")))
	balzacAC := with(place("aidants", "Bibliothèque de Balzac", "PLACE JEAN-LOUIS GUEZ DE BALZAC", 0, 0),
		both(in("Balzac", "16430"), insee("16026"), siren("21160026700010")))
	triacHub := with(place("hub", "MAIRIE DE TRIAC-LAUTRAIT", "13 rue de la Mairie", 45.680693, -0.165225),
		both(in("Jarnac", "16200"), insee("16167"), siren("21160387300012")))
	triacAC := with(place("aidants", "MAIRIE DE TRIAC-LAUTRAIT", "13, rue de la Mairie", 0, 0),
		both(in("Triac-Lautrait", "16200"), insee("16387"), siren("21160387300012")))
	runCompareCases(t, []compareCase{
		{"OK one SIRET at one numbered address, the postal town as commune", hub, ac, true, "bureau distributeur"},
		{"OK one SIRET on one unnumbered square, the postal town as commune", balzacHub, balzacAC, true, ""},
		{"OK one SIRET on the rue de la Mairie, the postal town as commune", triacHub, triacAC, true, ""},
		{"NotDup another street", hub, with(ac, func(p *Place) { p.Street = "5 avenue de la gare" }), false, ""},
		{"NotDup another number", hub, with(ac, func(p *Place) { p.Street = "14 rue de la commanderie" }), false, ""},
		{"NotDup a postal code the commune does not have", with(hub, in("Angoulême", "16100")), with(ac, insee("16015")), false, ""},
		{"NotDup both placed 8 km apart", hub, with(ac, func(p *Place) { p.Latitude, p.Longitude = at(45.60, -0.30) }), false, ""},
	})
}
