package search_test

import (
	"slices"
	"testing"
)

// Queries of the testers' batch of 2026-12-17, each written before its
// rule.

// A word that means what a place offers (« travail », « emploi »: help
// into work; « apprendre »: a workshop) found first the places whose name
// merely holds it: « HAUTE ECOLE DU TRAVAIL ET DE L'INTERVENTION
// SOCIALE », which offers no help into work, before the 250 places
// offering it; « APPRENDRE LE FRANCAIS » first for « apprendre
// l'informatique ». A name holding the word counts fully when the place
// also offers what the word means (« L'îlot Travail », helping into work),
// and below the declared value when it does not. Needs as people phrase
// them (« trouver du travail », « chercher du travail », « faire mes
// papiers », « apprendre à utiliser un ordinateur ») are their needs, the
// verb not required.
func TestAWordsMeaningBeforeANameHoldingIt(t *testing.T) {
	const themeWork = "Insertion professionnelle via le numérique"
	m := loadRecords(t, []map[string]string{
		record("hetis", "Haute école du travail et de l'intervention sociale", "Nice", "06100", "1 avenue de Pessicart", "services", themeTools),
		record("ilot", "L'îlot Travail", "Marignane", "13700", "1 rue de la Gare", "services", themeWork),
		record("work", "Espace numérique de Gap", "Gap", "05000", "1 rue Carnot", "services", themeWork),
		record("fle", "Apprendre le français", "Vierzon", "18100", "1 rue de la Paix", "services", themeTools),
		record("club", "Club informatique", "Avignon", "84000", "1 rue de la République", "services", themeTools,
			"modalites_accompagnement", "Dans un atelier collectif"),
		record("proc", "Maison des démarches", "Toulon", "83000", "1 place de la Liberté", "services", themeProcedures),
	})
	for _, tc := range []struct {
		q     string
		first []string // the first places, in any order
		not   string   // not among the first len(first)
	}{
		{"travail", []string{"L'îlot Travail", "Espace numérique de Gap"}, "Haute école du travail et de l'intervention sociale"},
		{"trouver du travail", []string{"L'îlot Travail", "Espace numérique de Gap"}, "Haute école du travail et de l'intervention sociale"},
		{"chercher du travail", []string{"L'îlot Travail", "Espace numérique de Gap"}, ""},
		{"trouver un emploi", []string{"L'îlot Travail", "Espace numérique de Gap"}, ""},
		{"apprendre l'informatique", []string{"Club informatique"}, "Apprendre le français"},
		{"apprendre à utiliser un ordinateur", []string{"Club informatique"}, "Apprendre le français"},
		{"faire mes papiers", []string{"Maison des démarches"}, ""},
	} {
		r, got := searchNames(t, m, tc.q)
		n := len(tc.first)
		if len(got) < n || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v first", tc.q, got, r.Partial, tc.first)
			continue
		}
		head := slices.Clone(got[:n])
		want := slices.Clone(tc.first)
		slices.Sort(head)
		slices.Sort(want)
		if !slices.Equal(head, want) {
			t.Errorf("%s: %v, want %v first", tc.q, got, tc.first)
		}
	}
}
