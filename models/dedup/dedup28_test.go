package dedup

import "testing"

// The causes of misses left across the labelled sets after dup27, each a
// rule about how producers write places, not about these names.

// TestCompareTwoStructuresNameWithGloss: a hub names a place by the two
// structures it houses and adds its label in parentheses (« Maison des
// solidarité et CCAS de Montivilliers (Maison France Service) », Normandie
// set), against the national record of one of them (« CENTRE COMMUNAL
// D'ACTION SOCIALE », 125 m, its square read as a building). Each
// structure's name is read alone (namedStructures) as for a name without a
// gloss: the gloss belongs to the whole name, not to the last structure
// named, and kept it made « CCAS » one word of four. Not the same
// structures farther apart on two streets, nor a third structure nearby.
func TestCompareTwoStructuresNameWithGloss(t *testing.T) {
	lodeve := in("Lodève", "34700")
	hub := with(place("hub", "Maison des solidarités et CCAS de Lodève (Maison France Services)", "Cour du Moulin", 43.7300, 3.3200), lodeve)
	cases := []compareCase{
		{"OK the CCAS of a two-structure name with a gloss", hub,
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"OK the other structure", hub,
			with(place("cnfs", "Maison des solidarités de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"NotDup the CCAS on two streets 400 m apart", with(hub, func(p *Place) { p.Street = "3 rue du Moulin" }),
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7336, 3.3200), lodeve), false, ""},
		{"NotDup a third structure nearby", hub,
			with(place("cnfs", "Médiathèque de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), false, ""},
	}
	runCompareCases(t, cases)
}
