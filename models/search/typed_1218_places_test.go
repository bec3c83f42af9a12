package search_test

import (
	"slices"
	"testing"
)

// Queries of the testers' batch of 2026-12-18 (PACA, Charente and the
// conseillers numériques).

// A commune named by the first word of its name (« barbezieux » for
// Barbezieux-Saint-Hilaire), when the directory holds one such commune
// only, is that commune: it was a word of text, and « mairie barbezieux »
// listed the town hall of Saint-Hilaire-de-Chaléons (44) first.
func TestACommuneNamedByItsFirstWord(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("barb", "Centre socioculturel du Barbezilien", "Barbezieux-Saint-Hilaire", "16300", "1 boulevard Chanzy", "services", themeTools),
		record("sthil", "Mairie de Saint-Hilaire-de-Chaléons", "Saint-Hilaire-de-Chaléons", "44680", "1 place de l'église"),
		record("vil1", "Espace numérique", "Villeneuve-Loubet", "06270", "1 rue de la Mairie", "services", themeTools),
		record("vil2", "Point numérique", "Villeneuve-lès-Avignon", "30400", "1 rue de la République", "services", themeTools),
	})
	for _, tc := range []struct {
		q     string
		first string
	}{
		{"mairie barbezieux", "Centre socioculturel du Barbezilien"},
		{"mairie barbezieux saint hilaire", "Centre socioculturel du Barbezilien"},
		{"barbezieux", "Centre socioculturel du Barbezilien"},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("%q: %v, want %q first", tc.q, got, tc.first)
		}
	}
	// A first word several communes share stays a word.
	if _, got := searchNames(t, m, "villeneuve"); len(got) != 2 {
		t.Errorf("villeneuve: %v, want both Villeneuve", got)
	}
}

// In a partial answer, the named commune is the last word given up: the
// commune's records holding some of the other words come before records
// elsewhere holding more (« atelier smartphone seniors gratuit angouleme »:
// no place of Angoulême says seniors and free, and the free workshops
// for seniors of La Garde came first). When the other words name only
// a kind of place the commune lacks (« mairie barbezieux »), the
// commune's places come first; when the commune's records hold none of a
// need (« impots angers »), the need's places around still do.
func TestANamedCommuneKeptInAPartialAnswer(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "Rives de Charente", "Angoulême", "16000", "1 rue de Paris", "services", themeTools),
		record("ang2", "Salle des fêtes", "Angoulême", "16000", "2 rue de Paris", "services", "Loisirs et créations numériques"),
		record("sen", "Club Senior smartphone", "La Garde", "83130", "1 rue Victor Hugo", "services", themeTools, "frais_a_charge", "Gratuit", "publics_accueillis", "Seniors (+ 65 ans)"),
		record("cog", "Impôts Cognac", "Cognac", "16100", "1 rue du Port"),
	})
	r, got := searchNames(t, m, "atelier smartphone seniors gratuit angouleme")
	if !r.Partial || len(got) < 2 || got[0] != "Rives de Charente" || !slices.Contains(got, "Club Senior smartphone") {
		t.Errorf("atelier smartphone seniors gratuit angouleme: partial %v %v, want Rives de Charente first, then the Club Senior", r.Partial, got)
	}
	if slices.Contains(got, "Salle des fêtes") {
		t.Errorf("atelier smartphone seniors gratuit angouleme: %v, the place of Angoulême holding none of the need is not kept", got)
	}
	// A need no record of the commune meets: its places around first.
	r, got = searchNames(t, m, "impots angouleme")
	if len(got) == 0 || got[0] != "Impôts Cognac" {
		t.Errorf("impots angouleme: partial %v %v, want the help with taxes at Cognac first", r.Partial, got)
	}
}
