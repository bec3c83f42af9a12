package search_test

import (
	"testing"
)

// A common French word no record writes (« ferme », « moulin »)
// is that word, not a misspelling of a place's name: near spelling read
// « internet à la ferme » as « Ferté », « au moulin » as Moulis, and answered the places of La
// Ferté-… that give internet access, or none (batch 2027-03-21).
func TestACommonWordIsNotRespeltIntoAPlaceOfTheBatch0322(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("moulis", "Médiathèque de Moulis", "Moulis", "09200", "1 place de la Mairie", "services", themeTools),
		record("ferte", "Mairie", "La Ferté-Bernard", "72400", "2 rue Carnot", "services", themeTools),
		record("access", "Tiers-lieu numérique", "Cognac", "16100", "3 rue de la Prédasse", "services", themeAccess0314),
	})
	for _, q := range []string{"internet au moulin", "wifi pres du moulin", "acces internet a la ferme"} {
		r, got := searchNames(t, m, q)
		for _, s := range r.Spellings {
			t.Errorf("%s: « %s » spelt « %s », want the word read as itself", q, s.Word, s.Suggestion)
		}
		if len(got) == 0 || got[0] != "Tiers-lieu numérique" {
			t.Errorf("%s: %v, want the place giving internet access, not Moulis nor La Ferté", q, got)
		}
	}
	// A misspelt word is still read as its near spelling.
	if r, _ := searchNames(t, m, "mediateque moulis"); len(r.Hits) == 0 || r.Hits[0].Item.Name != "Médiathèque de Moulis" {
		t.Errorf("mediateque moulis: %v, want the library", actorNames(r))
	}
}
