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

// Addresses abbreviate as La Poste's norm does (« Ctre Commercial »,
// « Av. », « Bd », « Rte », « Imm. », « Rés. », « ZAC »): a query writes
// the words out, and « aide numérique au centre commercial » did not find
// the one place whose address says « Ctre Commercial St-Jacques »: places
// named « Centre … » held more of its words (batch 2027-03-21).
func TestAddressAbbreviationsMeetTheWordsOfTheBatch0322(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ctre", "La Poste Metz", "Metz", "57000", "Ctre Cial St-Jacques", "services", themeTools),
		record("cs", "Centre social Saint-Jacques", "Metz", "57000", "1 rue de la Paix", "services", themeTools),
		record("av", "Atelier du lien", "Gap", "05000", "12 Av. du Commandant Dumont", "services", themeTools),
		record("dumont", "Maison Dumont", "Gap", "05000", "3 avenue de la Gare", "services", themeTools),
		record("res", "Point relais", "Soyaux", "16800", "Rés. Les Acacias, Imm. B", "services", themeTools),
		record("lilas", "Résidence autonomie Les Lilas", "Soyaux", "16800", "2 rue des Pins", "services", themeTools),
		record("zac", "Tiers-lieu", "Istres", "13800", "ZAC du Tubé, Rte de Fos", "services", themeTools),
		record("fos", "Médiathèque de Fos", "Istres", "13800", "1 rue du Tubé", "services", themeTools),
	})
	for q, want := range map[string]string{
		"aide numerique centre commercial saint jacques": "La Poste Metz",
		"aide ordinateur avenue du commandant dumont":    "Atelier du lien",
		"residence les acacias":                          "Point relais",
		"aide numerique immeuble acacias":                "Point relais",
		"route de fos zone du tube":                      "Tiers-lieu",
	} {
		if r, got := searchNames(t, m, q); len(got) == 0 || got[0] != want {
			t.Errorf("%s: %v (partial %v), want %s first", q, got, r.Partial, want)
		}
	}
}
