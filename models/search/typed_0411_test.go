package search_test

import (
	"slices"
	"testing"
)

// Batch 2027-04-11 (README, « Eighteenth round »): an intercommunality
// named in a query is its communes, as a département's name is its
// places: « aide numerique pays basque » found the one place whose text
// said « Pays basque » (now after the Pays basque's own places, as a
// place named after a département elsewhere), « bordeaux metropole
// conseiller numerique » the places of Bordeaux only, « pays de grasse »
// the town of Grasse. Its official name, its kind written out or
// abbreviated, and its own name of two words or more all read so.
func TestAnIntercommunalityIsItsCommunes(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("bay", "Médiathèque de Bayonne", "Bayonne", "64100", "1 rue des Gouverneurs", "services", themeTools),
		record("mau", "Espace numérique de Mauléon", "Mauléon-Licharre", "64130", "2 rue de la Navarre", "services", themeTools),
		record("pau", "Médiathèque de Pau", "Pau", "64000", "3 rue Mathieu Lalanne", "services", themeTools),
		record("bas", "Association Pays basque numérique", "Bordeaux", "33000", "4 cours Victor Hugo", "services", themeTools),
		record("mer", "Centre social de Mérignac", "Mérignac", "33700", "5 avenue de la Marne", "services", themeTools),
		record("gra", "Médiathèque de Grasse", "Grasse", "06130", "6 place aux Aires", "services", themeTools),
		record("mou", "Espace public numérique de Mouans-Sartoux", "Mouans-Sartoux", "06370", "7 place du Château", "services", themeTools),
		record("can", "Médiathèque de Cannes", "Cannes", "06400", "8 rue de Mimont", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aide numerique pays basque", []string{"Espace numérique de Mauléon", "Médiathèque de Bayonne"}},
		{"communauté d'agglomération du Pays Basque", []string{"Espace numérique de Mauléon", "Médiathèque de Bayonne"}},
		{"agglo pays basque aide numerique", []string{"Espace numérique de Mauléon", "Médiathèque de Bayonne"}},
		{"bordeaux metropole aide numerique", []string{"Association Pays basque numérique", "Centre social de Mérignac"}},
		{"pays de grasse aide numerique", []string{"Espace public numérique de Mouans-Sartoux", "Médiathèque de Grasse"}},
	} {
		_, got := searchNames(t, m, tc.q)
		first := slices.Clone(got[:min(len(got), len(tc.want))])
		slices.Sort(first)
		if !slices.Equal(first, tc.want) {
			t.Errorf("%s: %v, want first %v", tc.q, got, tc.want)
		}
	}
	// A word of an intercommunality's name is not one: « basque » alone,
	// « grasse », « bordeaux » keep their readings.
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"grasse aide numerique", []string{"Médiathèque de Grasse"}},
		{"bordeaux aide numerique", []string{"Association Pays basque numérique"}},
	} {
		_, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// Portuguese around a need (« ajuda com o computador para idosos »): the
// article « o » is a function word and « idosos » older people; required,
// « o » found « Ô Soleil » and the answer was partial, and the older
// people's places came after any place teaching the computer (batch
// 2027-04-11).
func TestPortugueseAroundANeedOfTheBatch0411(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("seniors", "Atelier numérique", "Gap", "05000", "2 rue Carnot", "services", themeTools,
			"publics_specifiquement_adresses", "Seniors"),
		record("tools", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
		record("o", "Ô Soleil", "Tulle", "19000", "3 rue du Port", "services", themeParenting),
	})
	for _, q := range []string{"ajuda com o computador para idosos", "computador para pessoas idosas"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Atelier numérique" || r.Partial || slices.Contains(got, "Ô Soleil") {
			t.Errorf("%s: %v (partial %v), want the older people's place first, whole, and not Ô Soleil", q, got, r.Partial)
		}
	}
}
