package search_test

import (
	"slices"
	"testing"
)

// A word naming a kind of place beside a commune (« bij nice », « ccas
// toulon ») finds the places of that kind there; the places it finds
// through its related need or public (young people, help with procedures)
// are left out when the commune has one, kept when it has none, and kept
// after the places of that kind when the word stands alone. A word naming
// a body whose need is met elsewhere (« caf ») is not a kind of place.
func TestKindOfPlaceBesideACommune(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("bij", "Bureau Information Jeunesse de Nice", "Nice", "06000", "1 rue Gioffredo", "services", themeTools),
		record("fsn", "France services Ariane", "Nice", "06300", "2 rue de l'Ariane", "services", themeTools,
			"publics_accueillis", "Jeunes (16-26 ans)"),
		record("ccas", "CCAS de Toulon", "Toulon", "83000", "3 rue Racine"),
		record("fst", "Espace numérique Toulon", "Toulon", "83000", "4 rue Racine"),
		record("gap", "Médiation numérique Gap", "Gap", "05000", "5 rue Carnot"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"bij nice", []string{"Bureau Information Jeunesse de Nice"}},
		{"ccas toulon", []string{"CCAS de Toulon"}},
		// No CCAS in Gap: the places helping with procedures there.
		{"ccas gap", []string{"Médiation numérique Gap"}},
		// Alone: the CCAS first, then the places helping with procedures.
		{"ccas", []string{"CCAS de Toulon", "Espace numérique Toulon", "Médiation numérique Gap"}},
		// « caf » is a need (help with the CAF's procedures), met at
		// every place helping with procedures.
		{"caf toulon", []string{"CCAS de Toulon", "Espace numérique Toulon"}},
	} {
		r, got := searchNames(t, m, tc.q)
		switch tc.q {
		case "ccas":
			slices.Sort(got[1:]) // ties after the CCAS
		case "caf toulon":
			slices.Sort(got) // ties
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}
