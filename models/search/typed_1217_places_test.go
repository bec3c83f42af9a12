package search_test

import (
	"slices"
	"testing"
)

// Queries of the testers' batch of 2026-12-17, each written before its
// rule.

// An arrondissement's bare number after its city means the arrondissement
// even when it is also the city's département (« marseille 13 »: people
// of Marseille name the 13th so; the département added nothing, every
// place of Marseille is in it, and the 13th's places were lost among the
// city's). Beyond the city's count of arrondissements a number is still a
// département (« marseille 83 »: the Var, where Marseille is not, so the
// places of either, partial), and a number alone or after another city
// is the département (« 13 », « nice 06 »).
func TestArrondissementNumberThatIsAlsoTheDepartement(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m13", "Centre social Malpassé", "Marseille", "13013", "1 avenue de Frais Vallon", "services", themeTools),
		record("m1", "Atelier Noailles", "Marseille", "13001", "1 rue d'Aubagne", "services", themeTools),
		record("aub", "Espace numérique d'Aubagne", "Aubagne", "13400", "1 cours Foch", "services", themeTools),
		record("tln", "Médiathèque de Toulon", "Toulon", "83000", "1 place de la Liberté", "services", themeTools),
		record("nice", "Point numérique Nice", "Nice", "06000", "1 rue de France", "services", themeTools),
	})
	for _, tc := range []struct {
		q       string
		want    []string
		partial bool
	}{
		{"marseille 13", []string{"Centre social Malpassé"}, false},
		{"aide numérique marseille 13", []string{"Centre social Malpassé"}, false},
		{"marseille 13e", []string{"Centre social Malpassé"}, false},
		{"13013", []string{"Centre social Malpassé"}, false},
		{"marseille 83", []string{"Atelier Noailles", "Centre social Malpassé", "Médiathèque de Toulon"}, true},
		{"13", []string{"Atelier Noailles", "Centre social Malpassé", "Espace numérique d'Aubagne"}, false},
		{"nice 06", []string{"Point numérique Nice"}, false},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial != tc.partial {
			t.Errorf("%s: %v (partial %v), want %v (partial %v)", tc.q, got, r.Partial, tc.want, tc.partial)
		}
	}
}
