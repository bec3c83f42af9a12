package search_test

import (
	"slices"
	"testing"
)

// Queries of the judged batch of 2026-12-10 (acronyms, dictation, a
// person's situation, Darija and English, needs no place offers) that
// found the wrong places or nothing, each with the rule that answers it.

// Acronyms and everyday names the thesaurus lacked: « urssaf », « CNI »
// and « ANPE » found nothing; « french lessons » found « French Tech »;
// « arriver en France » and « perdre mon travail » were required as words
// (« viens » was the Vienne by a word form).
func TestAcronymsAndSituationsOfTheBatch1210(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("emploi", "Atelier emploi", "Nice", "06000", "1 rue de France", "services", "Insertion professionnelle via le numérique"),
		record("fle", "Apprendre le français", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeTools),
		record("cada", "CADA les Oliviers", "Toulon", "83000", "3 rue Victor Clappier", "typologie", "CADA"),
		record("tech", "French Tech Provence", "Avignon", "84000", "4 rue de la République", "services", themeTools),
		record("vienne", "France services Pleumartin", "Pleumartin", "86450", "1 place de la Mairie", "services", themeProcedures),
		record("travail", "L'îlot Travail", "Marignane", "13700", "1 rue du Port", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want string
		not  string
	}{
		{"urssaf", "Espace démarches", ""},
		{"urssaf", "Atelier emploi", ""},
		{"renouvellement CNI", "Espace démarches", ""},
		{"ANPE", "Atelier emploi", ""},
		{"french lessons", "Apprendre le français", "French Tech Provence"},
		{"je viens d'arriver en France", "CADA les Oliviers", "France services Pleumartin"},
		{"je viens de perdre mon travail", "Atelier emploi", "L'îlot Travail"},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Contains(got, tc.want) || (tc.not != "" && slices.Contains(got, tc.not)) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s and not %q", tc.q, got, r.Partial, tc.want, tc.not)
		}
	}
}
