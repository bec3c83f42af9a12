package dedup

import (
	"strings"
	"testing"
)

// TestCompareNamesakesOnOneStreetWithoutCoordinates: Aidants Connect's
// « Maison des Services de Saint-Aigulin » at 1 rue Victor Hugo and the
// national record of that name at 72 (0.575), « FRANCE SERVICES PLOUHA »
// at 15 avenue Laennec and « Maison France Services » at 22: each
// source's only place of that name in the commune, as namesakes within
// 500 m are read (namesakePlace). A file without coordinates (Aidants
// Connect's has none) gave no distance, and the rule never applied: one
// street of the commune stands for the radius there. Two streets, or a
// source with two places of the name, still say nothing.
func TestCompareNamesakesOnOneStreetWithoutCoordinates(t *testing.T) {
	aigulin := in("Saint-Aigulin", "17360")
	aidants := with(place("aidants", "Maison des Services de Saint-Aigulin", "1 RUE VICTOR HUGO", 0, 0), aigulin)
	cnfs := with(place("cnfs", "Maison des services de Saint-Aigulin", "72 rue Victor Hugo", 45.15525, -0.00722), aigulin)
	plouha := in("Plouha", "22580")
	runCompareCases(t, []compareCase{
		{"OK one name at two numbers of one street, no coordinates", aidants, cnfs, true, "seul lieu de ce nom"},
		{"OK a France Services named by its commune and by its label", with(place("aidants", "FRANCE SERVICES PLOUHA", "15 avenue Laennec 22580 Plouha", 0, 0), plouha),
			with(place("cnfs", "Maison France Services", "22 Avenue Laënnec", 0, 0), plouha), true, "seul lieu de ce nom"},
		{"NotDup one name on two streets, no coordinates", aidants, with(cnfs, func(p *Place) { p.Street = "4 place de la Mairie" }), false, ""},
		{"NotDup two names on one street, no coordinates", aidants, with(cnfs, func(p *Place) { p.Name = "Médiathèque de Saint-Aigulin" }), false, ""},
		{"NotDup one name on one street of two communes", aidants, with(cnfs, in("La Roche-Chalais", "24490")), false, ""},
	})
	second := with(place("cnfs", "Maison des services de Saint-Aigulin", "3 place du Champ de Foire", 0, 0), func(p *Place) { aigulin(p); p.ID = "cnfs-second" })
	if r, _ := NewBlock([]Place{aidants, cnfs, second}).Compare(aidants.ID, cnfs.ID); r.Score >= Threshold || strings.Contains(reasons(r), "seul lieu de ce nom") {
		t.Errorf("a source with two places of the name: %.3f %s", r.Score, reasons(r))
	}
}
