package search_test

import (
	"slices"
	"testing"
)

// A public beside a need and a commune (« club informatique retraités
// toulouse », « atelier informatique seniors nice »): within a commune
// the places meeting the need are where the person can go, those naming
// or declaring the public first; required, the public kept the two places
// of Toulouse named « senior » (a « Restaurant senior ») and none of the
// twelve helping with computers (recall@20 0.14). Without a commune the
// public is still required (« cours informatique seniors »).
func TestAPublicBesideANeedAndACommuneRanksOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("senior", "Point info senior", "Toulouse", "31000", "1 rue de Metz", "services", themeTools),
		record("etape", "L'Etape Numérique", "Toulouse", "31100", "3 rue de l'Université", "services", themeTools),
		record("crij", "CRIJ Occitanie", "Toulouse", "31000", "17 rue de Metz", "services", themeTools),
		record("fs", "France services Toulouse", "Toulouse", "31200", "5 rue des Fontaines", "services", themeProcedures),
		record("nice", "Maison des Seniors", "Nice", "06000", "1 rue de France", "services", themeTools),
	})
	for _, q := range []string{"club informatique retraites toulouse", "cours ordinateur seniors toulouse"} {
		r, got := searchNames(t, m, q)
		// Generic words only beside the public (« club informatique »)
		// rank without filtering: a place of the commune not helping with
		// computers may follow, never before.
		if len(got) < 3 || got[0] != "Point info senior" || slices.Index(got, "France services Toulouse") >= 0 && slices.Index(got, "France services Toulouse") < 3 || r.Partial {
			t.Errorf("%s: %v (partial %v), want Toulouse's three places helping with computers first, Point info senior first", q, got, r.Partial)
		}
	}
	if _, got := searchNames(t, m, "cours informatique seniors"); !slices.Equal(got, []string{"Maison des Seniors", "Point info senior"}) &&
		!slices.Equal(got, []string{"Point info senior", "Maison des Seniors"}) {
		t.Errorf("cours informatique seniors: %v, want the two places for seniors", got)
	}
}
