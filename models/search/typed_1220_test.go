package search_test

import (
	"slices"
	"testing"
)

// A commune whose name begins with an article, typed without it and
// before a word of need, is the head of a noun phrase, not the place:
// « garde d'enfants », « garde enfants mercredi » found La Garde's places
// serving families as full matches (no place of the files minds
// children), then the Gard by a form of its name (a street « des
// Enfants » in Nîmes). Typed with its article, or after the need, it is the
// commune (« mediatheque la garde », « la garde aide numerique »).
func TestArticleCommuneBeforeANeedIsAWordOfTheBatch1220(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("garde", "Maison des Seniors et des Familles", "La Garde", "83130", "1 rue de la Mairie", "services", "Parentalité et éducation avec le numérique", "horaires", "We 09:00-12:00"),
		record("bib", "Médiathèque Marcel Pagnol", "La Garde", "83130", "2 rue Jean Jaurès", "services", themeTools),
		record("bib2", "Médiathèque Chalucet", "Toulon", "83000", "1 rue Chalucet", "services", themeTools),
		record("fam", "Espace familles", "Toulon", "83000", "3 rue Victor Clappier", "services", "Parentalité et éducation avec le numérique"),
		record("gard", "France services", "Nîmes", "30000", "1 rue des Enfants", "horaires", "We 09:00-12:00"),
	})
	for _, q := range []string{"garde d'enfants", "garde enfants mercredi", "garde d'enfants toulon"} {
		if r, got := searchNames(t, m, q); len(got) > 0 && !r.Partial {
			t.Errorf("%s: %v, want nothing or a partial answer", q, got)
		}
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"mediatheque la garde", []string{"Médiathèque Marcel Pagnol"}},
		{"la garde", []string{"Maison des Seniors et des Familles", "Médiathèque Marcel Pagnol"}},
		{"la garde parentalite", []string{"Maison des Seniors et des Familles"}},
	} {
		r, got := searchNames(t, m, c.q)
		slices.Sort(got)
		if !slices.Equal(got, c.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", c.q, got, r.Partial, c.want)
		}
	}
}
