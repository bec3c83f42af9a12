package dedup

import "testing"

// TestCompareNameListingTheStructuresItHouses: a name that lists the
// structures a place houses, parts joined by dashes and « et » (« Service
// Action Sociale de Mauriac - MSD Mauriac et antenne de Riom-es-Montagnes »,
// « DPT de la Vienne - Territoire 2 MDS Jaunay Marigny et MDSP Loudun »),
// names each of them: the Maison de la Solidarité Départementale de
// Mauriac at its address is one of them (0.527 before: the whole list read
// as one name against one structure's). Not a part of one word (a
// commune's name after a dash, « Mairie et CCAS »), nor at another
// address.
func TestCompareNameListingTheStructuresItHouses(t *testing.T) {
	mauriac := in("Mauriac", "15200")
	list := with(place("aidants", "Service Action Sociale de Mauriac - MSD Mauriac et antenne de Riom-es-Montagnes", "28 rue d'Enchalade", 0, 0), mauriac)
	runCompareCases(t, []compareCase{
		{"OK the MSD named in the list, same address", list,
			with(place("hub", "Maison de la Solidarité Départementale de Mauriac", "28 Rue d’Enchalade", 45.2186, 2.3330), mauriac), true, ""},
		{"NotDup the MSD named in the list, another street", list,
			with(place("hub", "Maison de la Solidarité Départementale de Mauriac", "3 place Georges Pompidou", 45.2186, 2.3330), mauriac), false, ""},
		{"NotDup a structure the list does not name, same address", list,
			with(place("hub", "Médiathèque de Mauriac", "28 Rue d’Enchalade", 45.2186, 2.3330), mauriac), false, ""},
	})
}
