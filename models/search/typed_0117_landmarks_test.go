package search_test

import "testing"

// A landmark beside a commune (« à côté de l'université toulouse », « près
// de l'hôpital de Sault ») says where in the commune: the places whose
// street names it come first, the commune's other places after them.
// Required, « université » kept the one place of Toulouse at « rue de
// l'Université » (recall@20 0.07 on the batch of 2027-01-17).
func TestALandmarkBesideACommuneRanksWithoutFilteringOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("etape", "L'Etape Numérique", "Toulouse", "31100", "3 rue de l'Université", "services", themeTools),
		record("crij", "CRIJ Occitanie", "Toulouse", "31000", "17 rue de Metz", "services", themeTools),
		record("pij", "PIJ quartier nord", "Toulouse", "31200", "5 rue des Fontaines", "services", themeTools),
		record("albi", "Médiathèque d'Albi", "Albi", "81000", "1 rue de l'Université", "services", themeTools),
		record("sault", "France services Ventoux Sud", "Sault", "84390", "1 avenue de la Promenade", "services", themeProcedures),
		record("edes", "EDeS Antenne de Sault", "Sault", "84390", "2 rue de l'Hôpital", "services", themeProcedures+"|"+themeTools),
	})
	for _, c := range []struct {
		q     string
		first string
		n     int
	}{
		{"a cote de l universite toulouse", "L'Etape Numérique", 3},
		{"informatique pres de l universite toulouse", "L'Etape Numérique", 3},
		{"aide papiers pres de l hopital de sault", "EDeS Antenne de Sault", 2},
	} {
		r, got := searchNames(t, m, c.q)
		if len(got) != c.n || got[0] != c.first || r.Partial {
			t.Errorf("%s: %v (partial %v), want %d places, %s first", c.q, got, r.Partial, c.n, c.first)
		}
	}
	// Alone, the landmark is what is sought, as any word.
	if _, got := searchNames(t, m, "universite"); len(got) != 2 {
		t.Errorf("universite: %v, want the two places at rue de l'Université", got)
	}
}
