package search_test

import (
	"slices"
	"testing"
)

// A victim's words (« porter plainte en ligne violences conjugales »,
// « victime de violences ») name a procedure, met at the places helping
// with procedures, and the CIDFF, which receive victims of violence: the
// thesaurus had none of them, so « plainte » was spelt « plaine » (a Club
// Senior La Plaine) and « porter » « porteur » (P@5 0 on the batch of
// 2027-01-17).
func TestVictimsWordsOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cidff", "CIDFF Dordogne, antenne de Bergerac", "Bergerac", "24100", "21 boulevard Jean Moulin", "services", themeTools),
		record("fs", "France services Draguignan", "Draguignan", "83300", "3 rue de Trans", "services", themeProcedures),
		record("plaine", "Club Senior La Plaine", "Marseille", "13005", "1 place Jean Jaurès", "services", themeTools),
		record("porteur", "Commune de Losne porteur du projet", "Losne", "21170", "1 rue de la Mairie", "services", themeTools),
	})
	for _, q := range []string{"porter plainte en ligne violences conjugales", "victime de violences", "deposer plainte pour violences"} {
		r, got := searchNames(t, m, q)
		slices.Sort(got)
		if !slices.Equal(got, []string{"CIDFF Dordogne, antenne de Bergerac", "France services Draguignan"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the CIDFF and the France services", q, got, r.Partial)
		}
	}
	// « plein » is no misspelling of « plainte »: a full phone's storage.
	if r, _ := searchNames(t, m, "mon portable est plein"); len(r.Spellings) > 0 {
		t.Errorf("mon portable est plein: spellings %v, want none", r.Spellings)
	}
}
