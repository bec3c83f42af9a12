package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Places for asylum seekers are mostly named by their acronym (« Cada
// Arles », « HUDA d'Aulnay »): a helper typing the public (« migrants »,
// « non francophones ») finds them, as a record named « centre d'accueil
// pour demandeurs d'asile » is found by « cada ». A PIMMS is a PIMMS, not
// every France services. A whole word beginning a longer one (« gare »,
// « Gareoult ») finds the records holding it whole first, in any field.
func TestAsylumAcronymsPimmsAndWholeWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cada", "Cada Arles", "Arles", "13200", "1 rue de la République", "services", themeProcedures),
		record("huda", "HUDA d'Aulnay", "Aulnay-sous-Bois", "93600", "2 rue de Paris", "services", themeProcedures),
		record("castiglione", "Centre d'accueil pour demandeurs d'asile Castiglione", "Marseille", "13003", "9 rue de Lyon", "services", themeProcedures),
		record("fs", "France services Draguignan", "Draguignan", "83300", "3 rue de Trans", "services", themeProcedures,
			"dispositif_programmes_nationaux", "France Services"),
		record("pimms", "PIMMS de Cergy", "Cergy", "95000", "4 place des Arts", "services", themeProcedures),
		record("gareoult", "France services Cotignac-Gareoult", "Cotignac", "83570", "5 rue Nationale", "services", themeTools),
		record("station", "Espace numérique", "Limoux", "11300", "6 avenue de la Gare", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"migrants", []string{"Centre d'accueil pour demandeurs d'asile Castiglione", "Cada Arles", "HUDA d'Aulnay"}},
		{"non francophones", []string{"Centre d'accueil pour demandeurs d'asile Castiglione", "Cada Arles", "HUDA d'Aulnay"}},
		{"cada", []string{"Cada Arles", "Centre d'accueil pour demandeurs d'asile Castiglione"}},
		{"près de la gare", []string{"Espace numérique", "France services Cotignac-Gareoult"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
	// « pimms »: the PIMMS, then the places helping with procedures (its
	// related need) — a France services among them, not as a PIMMS.
	r, got := searchNames(t, m, "pimms")
	if len(got) == 0 || got[0] != "PIMMS de Cergy" {
		t.Fatalf("pimms: %v", got)
	}
	for _, h := range r.Hits {
		if h.Item.Name == "France services Draguignan" && (len(h.Matches) != 1 || h.Matches[0].How != search.HowRelated) {
			t.Errorf("pimms: France services found as %+v", h.Matches)
		}
	}
}
