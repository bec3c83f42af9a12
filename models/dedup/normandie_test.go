package dedup

import "testing"

// The causes of the misses and wrong links of the Normandie set (the
// fourteenth labelled set, Numi's and Le Havre's files against the
// Conseillers numériques national file, held out and unseen when it was
// measured: precision 0.814, recall 0.814), each a rule that is not about
// these names.

func complement(c string) func(*Place) {
	return func(p *Place) { p.Complement = c }
}

// TestCompareComplementRepeatingTheName: the odspep directory (read through
// Numi) writes each place's own name, cut to 38 capitals, as its address
// complement (« Ysos » at 24 rue des Tombettes, complement « YSOS »). Read
// as a building's name, it was found in the name of the association's other
// site, avenue du Maréchal Foch 680 m away, and the two were « même
// bâtiment » (0.664; six wrong links). A complement that only repeats the
// place's own name names no building: the name is already compared as a
// name. A complement naming a building the other place's address or name
// gives still counts.
func TestCompareComplementRepeatingTheName(t *testing.T) {
	evreux := both(in("Évreux", "27000"), insee("27229"))
	cases := []compareCase{
		{"NotDup one association's two sites, one complement repeating its name", with(place("numi", "Ysos", "24 RUE DES TOMBETTES", 49.0215, 1.1431), both(evreux, complement("YSOS"))),
			with(place("cnfs", "ASSOCIATION YSOS", "82 AV DU MARECHAL FOCH", 49.0252, 1.1509), evreux), false, ""},
		{"NotDup a cut name in the complement", with(place("numi", "Mairie de Louviers", "19 RUE PIERRE MENDES FRANCE", 49.2153, 1.1657), both(in("Louviers", "27400"), complement("MAIRIE DE LOUVIERS"))),
			with(place("cnfs", "Mairie annexe de Louviers", "3 rue du Quai", 49.2171, 1.1689), in("Louviers", "27400")), false, ""},
		{"OK a complement naming the building the other is named after", with(place("numi", "Point Info", "2 rue de la Gare", 49.0215, 1.1431), both(evreux, complement("Maison des services"))),
			with(place("cnfs", "Maison des services", "rue de la Gare", 49.0216, 1.1432), evreux), true, ""},
	}
	runCompareCases(t, cases)
}
