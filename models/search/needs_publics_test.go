package search_test

import (
	"context"
	"slices"
	"testing"

	"carnet/models"
	"carnet/models/search"
)

const (
	themeTools      = "Maîtrise des outils numériques du quotidien"
	themeProcedures = "Aide aux démarches administratives"
	themeParenting  = "Parentalité et éducation avec le numérique"
)

// searchNames runs q on places and returns their names in order.
func searchNames(t *testing.T, m *search.Memory, q string) (search.Result[models.Actor], []string) {
	t.Helper()
	r, err := m.SearchActors(context.Background(), search.Query{Text: q})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return r, actorNames(r)
}

// Generic words (how help is given, the domain's own words) beside a word
// that carries the meaning rank the places holding them first but do not
// filter: a place offering help with computers to seniors is found by
// « cours informatique seniors » though it never says « cours ». Words that
// carry the meaning are still required, and a query of generic words only
// requires them all.
func TestGenericWordsRankWithoutFiltering(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("club", "Club Senior La Plaine", "Marseille", "13004", "1 rue de la Plaine", "services", themeTools),
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie",
			"publics_specifiquement_adresses", "Seniors"),
		record("cours", "Espace multimédia Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeTools,
			"modalites_accompagnement", "Dans un atelier collectif", "publics_specifiquement_adresses", "Seniors"),
		record("media", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
	})
	for _, tc := range []struct {
		q        string
		want     []string // in this order unless anyOrder
		anyOrder bool
		partial  bool
		missing  map[string][]string // a place's missing_words
	}{
		// All three serve seniors: the workshop first (its kind is a
		// course), the club helping with computers (where courses are
		// usually given), then the France services, which helps with
		// procedures and lacks both generic words.
		{q: "cours informatique seniors", want: []string{"Espace multimédia Bellevue", "Club Senior La Plaine", "France services Tende"},
			missing: map[string][]string{"Espace multimédia Bellevue": nil, "Club Senior La Plaine": nil, "France services Tende": {"cours", "informatique"}}},
		{q: "atelier numérique seniors", want: []string{"Espace multimédia Bellevue", "Club Senior La Plaine", "France services Tende"}},
		// Generic words only: all required (the France services offers
		// procedures, not computers).
		{q: "cours informatique", want: []string{"Espace multimédia Bellevue", "Club Senior La Plaine", "Médiathèque Ceccano"}, anyOrder: true},
		// A generic word does not stand for a missing word that carries
		// the meaning: nobody here serves young people.
		{q: "cours informatique jeunes", partial: true},
	} {
		r, got := searchNames(t, m, tc.q)
		if r.Partial != tc.partial {
			t.Errorf("%s: partial %v, want %v (%v)", tc.q, r.Partial, tc.partial, got)
		}
		if tc.want != nil && (tc.anyOrder && !sameSet(got, tc.want) || !tc.anyOrder && !slices.Equal(got, tc.want)) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
		for _, h := range r.Hits {
			if want, ok := tc.missing[h.Item.Name]; ok && !slices.Equal(h.Missing, want) {
				t.Errorf("%s: %s misses %v, want %v", tc.q, h.Item.Name, h.Missing, want)
			}
		}
	}
}

// Another form of a word is the same word in another number or gender, not
// a derived word of another meaning that the stemmer joins to it.
func TestWordFormsKeepTheirMeaning(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("init", "Initiative Alpes Provence", "Gap", "05000", "1 rue Carnot"),
		record("atel", "Atelier d'initiation au numérique", "Gap", "05000", "2 rue Carnot", "services", themeTools),
		record("com", "Pôle communication de la ville", "Toulon", "83000", "390 avenue des Lices"),
		record("mc", "Maisons communes de Toulon", "Toulon", "83000", "1 place de la Liberté"),
	})
	for _, tc := range []struct {
		q          string
		want, not_ []string
	}{
		{"initiation", []string{"Atelier d'initiation au numérique"}, []string{"Initiative Alpes Provence"}},
		{"initiatives", []string{"Initiative Alpes Provence"}, []string{"Atelier d'initiation au numérique"}},
		{"commune", []string{"Maisons communes de Toulon"}, []string{"Pôle communication de la ville"}},
		// Plural forms still meet.
		{"ateliers", []string{"Atelier d'initiation au numérique"}, nil},
		{"maison commune", []string{"Maisons communes de Toulon"}, nil},
	} {
		_, got := searchNames(t, m, tc.q)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %v, want %s", tc.q, got, w)
			}
		}
		for _, w := range tc.not_ {
			if slices.Contains(got, w) {
				t.Errorf("%s: %v, must not hold %s", tc.q, got, w)
			}
		}
	}
}

// Public words find the places serving that public the ways places say
// it: the declared public (Seniors, Jeunes, Familles et/ou enfants), a name
// naming it in other words (« Club Senior » for « retraités »), a typology
// or a need meant for it (a mission locale for « jeunes », help with
// parenting for « familles »). A need whose related public the query names
// itself does not reach every place declaring that public.
func TestPublicWordsFindThePlacesServingThem(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("club", "Club Senior La Plaine", "Marseille", "13004", "1 rue de la Plaine", "services", themeTools),
		record("foyer", "Foyer municipal des Retraités", "Lunel", "34400", "1 rue du Foyer", "services", themeTools),
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie",
			"publics_specifiquement_adresses", "Seniors|Familles et/ou enfants"),
		record("ml", "Antenne de Carpentras", "Carpentras", "84200", "3 rue du Collège", "typologie", "ML",
			"services", "Insertion professionnelle via le numérique"),
		record("ej", "Espace Jeunes Graveson", "Graveson", "13690", "1 avenue de la Gare", "services", themeTools),
		record("pa", "Atelier écrans en famille", "Nice", "06000", "1 rue de France", "services", themeParenting),
		record("media", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string // in any order
		how  map[string]string
	}{
		{"retraités", []string{"Club Senior La Plaine", "Foyer municipal des Retraités", "France services Tende"},
			map[string]string{"Club Senior La Plaine": search.HowPublic}},
		{"personnes âgées", []string{"Club Senior La Plaine", "Foyer municipal des Retraités", "France services Tende"}, nil},
		{"jeunes", []string{"Antenne de Carpentras", "Espace Jeunes Graveson"}, nil},
		{"smartphone retraités", []string{"Club Senior La Plaine", "Foyer municipal des Retraités"}, nil},
		{"aide démarches retraités", []string{"France services Tende"}, nil},
		// « contrôle parental » leads to families as a related public,
		// but the query names families itself: the place helping parents,
		// not the France services declaring families.
		{"contrôle parental familles", []string{"Atelier écrans en famille"}, nil},
		{"familles", []string{"France services Tende", "Atelier écrans en famille"}, nil},
	} {
		r, got := searchNames(t, m, tc.q)
		if r.Partial || !sameSet(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
		for _, h := range r.Hits {
			if how, ok := tc.how[h.Item.Name]; ok && (len(h.Matches) == 0 || h.Matches[0].How != how) {
				t.Errorf("%s: %s matched %+v, want how %s", tc.q, h.Item.Name, h.Matches, how)
			}
		}
	}
}

// A misspelt word whose near spelling is a word of the vocabulary means
// what that word means, even when a few records also hold the word in their
// text: « ordinatuer » found only the two places writing « ordinateur »
// or « ordinateurs »,
// not the places offering help with computers (judged set: recall@20 0.10).
func TestMisspeltVocabularyWordKeepsItsMeaning(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("says", "Espace ordinateur Bellevue", "Marseille", "13003", "12 rue Bellevue"),
		record("plural", "Club des ordinateurs", "Aix-en-Provence", "13100", "3 rue Espariat"),
		record("offers", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
		record("other", "France services Tende", "Tende", "06430", "1 place de la Mairie", "services", themeProcedures),
	})
	for _, q := range []string{"ordinateur", "ordinatuer", "ordinaterur"} {
		_, names := searchNames(t, m, q)
		if !slices.Contains(names, "Médiathèque Ceccano") || !slices.Contains(names, "Espace ordinateur Bellevue") {
			t.Errorf("%s: got %q, want the place offering help with computers and the one writing the word", q, names)
		}
		if slices.Contains(names, "France services Tende") {
			t.Errorf("%s: got %q, the France services offers procedures only", q, names)
		}
	}
}

// How people write a need around it: a verb (« faire »), « en ligne »
// (online: nearly every offer is), « vous » of « rendez-vous ». None of them
// may filter out the places offering the need, and « ligne » of « en ligne »
// is not the commune of Ligné, which is still found by its name.
func TestWordsAroundANeedDoNotFilter(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie", "services", themeProcedures),
		record("ligne", "Club photo de Ligné", "Ligné", "16140", "Le Bourg", "services", "Loisirs et créations numériques"),
		record("online", "Point numérique", "Avignon", "84000", "3 rue Joseph Vernet", "services", themeProcedures,
			"presentation_resume", "Aide aux démarches en ligne"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"démarches en ligne", []string{"France services Tende", "Point numérique"}},
		{"faire ses démarches administratives en ligne", []string{"France services Tende", "Point numérique"}},
		{"prendre rendez-vous en ligne démarches", []string{"France services Tende", "Point numérique"}},
		{"ligné", []string{"Club photo de Ligné"}},
	} {
		_, names := searchNames(t, m, tc.q)
		slices.Sort(names)
		if !slices.Equal(names, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.q, names, tc.want)
		}
	}
}
