package search_test

import (
	"slices"
	"testing"
)

// « papiers », « feuilles » are what is printed or scanned as « documents »
// are: beside a need they rank the places holding them without being
// required. Required, « scanner papiers toulon » kept the one place of
// five with a scanner whose text held « papiers » (counter helper,
// 2027-03-15). « papiers » alone, or beside a body, is still required.
func TestPapersArePrintedAsDocumentsOfTheBatch0315(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("print", "Espace numérique Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeAccess0314),
		record("pap", "Association Papiers Solidaires", "Marseille", "13002", "2 rue du Panier", "services", themeTools),
	})
	for _, q := range []string{"imprimer mes papiers marseille", "scanner un papier a marseille", "imprimer une feuille marseille"} {
		if r, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace numérique Bellevue" || r.Partial {
			t.Errorf("%s: %v (partial %v), want the place with a printer first", q, got, r.Partial)
		}
	}
	if _, got := searchNames(t, m, "papiers solidaires"); !slices.Equal(got, []string{"Association Papiers Solidaires"}) {
		t.Errorf("papiers solidaires: %v, want the association by its name", got)
	}
}
