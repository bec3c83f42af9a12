package dedup

import "testing"

// TestCompareUnnumberedSquareWithoutCoordinates: two records on one square
// that neither numbers (« PL PIERRE QUINIO », « place quinio ») are one
// address once coordinates put them within 150 m, and a square's doors
// always are; without coordinates on one side (Aidants Connect's list gives
// none, and a producer's coordinates may be dropped as invalid) the pair
// was only « one street », 0.75: the commune's Espace France Services,
// whose e-mail and website name the mairie's domain, was missed at 0.543.
// With every labelled file's coordinates removed, 14 of the 95 links lost
// were such pairs on a square (duplicates_robustness_test.go). A square's
// name is its address; a street's is not (its doors may be a kilometre
// apart), and coordinates that say far still count.
//
// The host rules (a collectivité, La Poste or a France Services at the
// same address) do not take a square read so: their check that the
// authority's contacts name no other door needs coordinates, and without
// it they linked the CCAS and the commune on Le Lamentin's square, two
// doors.
func TestCompareUnnumberedSquareWithoutCoordinates(t *testing.T) {
	queven := in("Quéven", "56530")
	mairie := with(place("aidants", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 0, 0), queven)
	espace := with(place("cnfs", "Espace France service", "place quinio", 47.789556, -3.419257), func(p *Place) {
		queven(p)
		p.Emails = []string{"france-services@mairie-queven.fr"}
		p.Websites = []string{"https://www.queven.com/"}
	})
	runCompareCases(t, []compareCase{
		{"OK the commune's France Services on the mairie's square, its domain, no coordinates on one side", mairie, espace, true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup a street is no square: its doors may be far apart",
			with(place("aidants", "MAIRIE DE QUEVEN", "RUE PIERRE QUINIO", 0, 0), queven),
			with(espace, func(p *Place) { p.Street = "rue quinio" }), false, ""},
		{"NotDup coordinates 450 m apart on one square still count",
			with(place("aidants", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 47.7936, -3.4193), queven), espace, false, ""},
		{"NotDup no host rule on a square read without coordinates",
			with(place("fs", "France services de Quéven", "Place Pierre Quinio", 0, 0), queven),
			with(place("cnfs", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 0, 0), queven), false, ""},
	})
}
