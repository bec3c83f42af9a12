package search_test

import (
	"testing"
)

// Text-message spellings of the batch of 2027-01-24: « pa » for « pas »
// (« pa cher ordi »: « pa » was the beginning of « Paul » and « cher » the
// Cher, so a library of Vierzon came first and the refurbishers not at
// all) and « chuis » for « je suis » (« chuis perdu avec mon portabl »:
// spelt as Cluis, a village of the Indre, it kept one place).
func TestTextMessageSpellingsOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("eq", "Planète Champsaur Valgo", "Gap", "05000", "1 rue du Champsaur", "services", themeSolidarityEquipment+"|"+themeTools),
		record("vierzon", "Médiathèque Paul Éluard", "Vierzon", "18100", "1 place Paul Eluard", "services", themeTools),
		record("cluis", "ADAPEI 36 Cluis", "Cluis", "36340", "1 route de Cluis", "services", themeTools),
		record("gap", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
	})
	for _, q := range []string{"pa cher ordi", "ordi pa cher", "ordi reconditioner pa cher"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Planète Champsaur Valgo" {
			t.Errorf("%s: %v (partial %v), want the refurbisher first", q, got, r.Partial)
		}
		for _, n := range r.NamedPlaces {
			if n.Kind == "departement" {
				t.Errorf("%s: names %+v, want no département (« pa cher » is « pas cher »)", q, n)
			}
		}
	}
	r, got := searchNames(t, m, "chuis perdu avec mon portabl")
	if len(got) < 3 || r.Partial {
		t.Errorf("chuis perdu avec mon portabl: %v (partial %v), want every place teaching the phone", got, r.Partial)
	}
}
