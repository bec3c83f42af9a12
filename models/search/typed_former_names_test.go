package search_test

import (
	"slices"
	"testing"
)

// A commune merged into a commune nouvelle goes on naming its place: people
// type « Mougon » for Aigondigné's, « Seynod » for Annecy's (INSEE's COG
// keeps the former and delegated communes' names: commune.FormerNames).
// Read as a word of text, such a name matched nothing (no record writes
// it) and the query answered every place of the need in France. A former
// name is read as its commune only where the directory has places there,
// when it names one commune only and is no current commune's name, and,
// in one word, when no record nor vocabulary holds the word and it is no
// everyday word (« Cours », a former commune of the Lot, is a course).
func TestAFormerCommunesNameIsItsCommune(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("aig", "Médiathèque Intercommunale", "Aigondigné", "79370", "2 rue de la Poste", "services", themeTools),
		record("ann", "Espace numérique", "Annecy", "74000", "5 rue Sommeiller", "services", themeTools),
		record("thd", "Maison France Services", "Terres-de-Haute-Charente", "16270", "1 place de la Mairie", "services", themeTools),
		record("nio", "Atelier numérique", "Niort", "79000", "3 rue Ricard", "services", themeTools),
		record("bel", "Cours d'informatique du Lot", "Bellefont-La Rauze", "46090", "1 place de l'Église", "services", themeTools),
		record("ang", "Cours numériques", "Angoulême", "16000", "2 rue de Périgueux", "services", themeTools),
		record("hel", "Mairie de quartier d'Hellemmes", "Lille", "59260", "1 place de la République", "services", themeTools),
		record("lil", "Médiathèque Jean Lévy", "Lille", "59000", "32 rue Edouard Delesalle", "services", themeTools),
	})
	// A former name records write (Hellemmes-Lille, by its first word) is
	// their word: that part of the commune, not all of it.
	if _, got := searchNames(t, m, "hellemmes aide numerique"); len(got) == 0 || got[0] != "Mairie de quartier d'Hellemmes" || slices.Contains(got, "Médiathèque Jean Lévy") {
		t.Errorf("hellemmes aide numerique: %v, want Hellemmes' place alone", got)
	}
	for former, current := range map[string]string{
		"mougon cours informatique":             "aigondigne cours informatique",
		"aide numerique seynod":                 "aide numerique annecy",
		"atelier numerique roumazieres loubert": "atelier numerique terres de haute charente",
		"aide numerique roumazieres":            "aide numerique terres de haute charente",
	} {
		r, got := searchNames(t, m, former)
		rc, want := searchNames(t, m, current)
		if r.Partial != rc.Partial || !slices.Equal(got, want) {
			t.Errorf("%s: %v (partial %v), want as %s: %v (partial %v)", former, got, r.Partial, current, want, rc.Partial)
		}
	}
	// « cours » stays a word: both courses, not Bellefont-La Rauze's place alone.
	if _, got := searchNames(t, m, "cours informatique"); !slices.Contains(got, "Cours numériques") {
		t.Errorf("cours informatique: %v, want the courses of every commune", got)
	}
}
