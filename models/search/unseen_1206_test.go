package search_test

import (
	"testing"
)

// Queries of the judged batch of 2026-12-06 (kinds of place beside
// communes, a need beside a postal code or a département's number, opening
// times, helpers' orientation needs, SMS style, Occitan names) that found
// the wrong places, each with the rule that answers it.

// A postal code beside a need restricts to the places at that code, as a
// commune or a département does: « aide numérique 13001 » showed places
// named « … Aide … » in La Réunion first (the code matched no record's
// words, so every result was partial and the place only a tier), and
// « 16000 impots » every place helping with taxes after Angoulême's.
func TestAPostalCodeBesideANeedRestricts(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m1", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeProcedures),
		record("m2", "Centre social Belsunce", "Marseille", "13001", "2 rue Thubaneau", "services", themeTools),
		record("aid", "Association d'aide numérique", "Saint-Pierre", "97410", "1 rue de Paris", "services", themeTools),
		record("a1", "France services Angoulême", "Angoulême", "16000", "1 place Bouillaud", "services", themeProcedures),
		record("c1", "France services Cognac", "Cognac", "16100", "1 rue de Cognac", "services", themeProcedures),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aide numérique 13001", []string{"Centre social Belsunce", "Espace Mistral"}},
		{"16000 impots", []string{"France services Angoulême"}},
		{"impots 16000", []string{"France services Angoulême"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) != len(tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want only %v", tc.q, got, r.Partial, tc.want)
			continue
		}
		for _, w := range tc.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
			}
		}
	}
	// A need nobody meets at the code: the code's places, partial (never
	// silently empty), not the need's places elsewhere.
	if r, got := searchNames(t, m, "wifi 13001"); len(got) == 0 || !r.Partial || got[0] != "Centre social Belsunce" && got[0] != "Espace Mistral" {
		t.Errorf("wifi 13001: %v (partial %v), want the places at 13001", got, r.Partial)
	}
}

// A commune's name in Occitan (Provençal, Niçard, Limousin), as bilingual
// signs write it (« Marselha », « Niça », « Avinhon »), is the commune:
// they found nothing. Beside a need it acts as the French name does.
func TestACommuneByItsOccitanName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m1", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeProcedures),
		record("n1", "Médiathèque Louis Nucéra", "Nice", "06300", "2 place Yves Klein", "services", themeTools, "typologie", "BIB"),
		record("a1", "France services Avignon", "Avignon", "84000", "1 rue de la République", "services", themeProcedures),
		record("g1", "France services Gap", "Gap", "05000", "1 rue Carnot", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"marselha", "Espace Mistral"},
		{"Marsiho", "Espace Mistral"},
		{"niça", "Médiathèque Louis Nucéra"},
		{"nissa", "Médiathèque Louis Nucéra"},
		{"avinhon", "France services Avignon"},
		{"aide papiers avinhon", "France services Avignon"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) != 1 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A département's former name, still said (« Basses-Alpes », the
// Alpes-de-Haute-Provence until 1970), is the département: « basses alpes »
// found names holding « Alpes » (Hautes-Alpes, Alpes-Maritimes) first.
func TestADepartementByItsFormerName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("d1", "France services Digne", "Digne-les-Bains", "04000", "1 rue de l'Hubac", "services", themeProcedures),
		record("g1", "Mission locale Alpes du Sud", "Gap", "05000", "1 rue Carnot", "services", themeProcedures),
		record("n1", "Croix-Rouge Alpes-Maritimes", "Nice", "06000", "1 rue de France", "services", themeProcedures),
		record("r1", "Centre social Loire", "Nantes", "44000", "1 rue de Nantes", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"basses alpes", "France services Digne"},
		{"Basses-Alpes", "France services Digne"},
		{"loire inférieure", "Centre social Loire"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) != 1 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
}
