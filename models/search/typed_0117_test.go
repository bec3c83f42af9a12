package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// A farmer's words (« agriculteurs », « paysan », « éleveur », Spanish
// « agricultor ») lead to the chambres d'agriculture, where farmers are
// helped with Telepac and their online procedures: the standard files
// them under « Chambres consulaires (CCI, CMA, CA) » with the chambers of
// commerce, so no typology tells them apart and the farmers' words found
// every procedure place but them (« paysan internet », « agriculteurs
// informatique »: P@5 0). A chamber of commerce is no place for a farmer.
// (« paysan internet » still wants the internet-access theme the
// chambers do not declare.)
func TestFarmersFindTheChambersOfAgricultureOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ca16", "Chambre d'agriculture de la Charente Bureau décentralisé Ouest Charente", "Segonzac", "16130", "7 rue du Stade",
			"services", themeTools, "typologie", "CC|CCONS"),
		record("ca87", "Antenne Chambre d'Agriculture Saint Laurent Sur Gorre", "Saint-Laurent-sur-Gorre", "87310", "1 place Léon Litaud", "services", themeTools),
		record("cci", "Chambre de commerce et d'industrie du Var", "Toulon", "83000", "236 boulevard Maréchal Leclerc",
			"services", themeTools, "typologie", "CCONS"),
		record("fs", "France services Draguignan", "Draguignan", "83300", "3 rue de Trans", "services", themeProcedures+"|"+themeTools+"|"+themeAccess),
		record("bib", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools+"|"+themeAccess),
	})
	chambers := []string{"Antenne Chambre d'Agriculture Saint Laurent Sur Gorre", "Chambre d'agriculture de la Charente Bureau décentralisé Ouest Charente"}
	for _, q := range []string{"agriculteurs informatique", "eleveur informatique", "numerique pour les agriculteurs",
		"paysanne informatique", "ayuda para agricultor", "cours informatique viticulteur"} {
		r, got := searchNames(t, m, q)
		if len(got) < 2 {
			t.Errorf("%s: %v (partial %v), want the chambers of agriculture first", q, got, r.Partial)
			continue
		}
		first := slices.Clone(got[:2])
		slices.Sort(first)
		if !slices.Equal(first, chambers) || slices.Contains(got, "Chambre de commerce et d'industrie du Var") {
			t.Errorf("%s: %v (partial %v), want the chambers of agriculture first and no chamber of commerce", q, got, r.Partial)
		}
	}
	// The chamber of commerce is still the shopkeepers'.
	if _, got := searchNames(t, m, "aide numerique pour les commercants"); len(got) == 0 || got[0] != "Chambre de commerce et d'industrie du Var" {
		t.Errorf("aide numerique pour les commercants: %v, want the chamber of commerce first", got)
	}
}

// A match through a kind of place named says the kind's name.
func TestANamedKindMatchSaysItsNameOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ca", "Chambre départementale d'agriculture du Lot", "Cahors", "46000", "430 avenue Jean Jaurès", "services", themeTools),
	})
	r, _ := searchNames(t, m, "agriculteurs informatique")
	if len(r.Hits) != 1 || !slices.ContainsFunc(r.Hits[0].Matches, func(x search.Match) bool {
		return x.Field == search.FieldNamed && x.Value == "chambre d'agriculture" && x.How == search.HowRelated
	}) {
		t.Errorf("agriculteurs informatique: %+v, want a match named « chambre d'agriculture »", r.Hits)
	}
}
