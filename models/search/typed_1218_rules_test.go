package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Rules drawn from the leftovers of the testers' batch of 2026-12-18.

// A word naming a kind of place (« ccas », « pij ») beside a commune
// that has no such place keeps the commune's places meeting its related
// need, but they are not that kind of place: the answer is partial and
// each hit misses the word. « ccas hyeres » answered the France services of
// Hyères as a full match (through « ccas » → help with procedures), and
// « pij avignon » a place for young people of Avignon.
func TestAKindOfPlaceMetOnlyThroughItsNeedIsMissing(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services d'Hyères", "Hyères", "83400", "1 avenue Gambetta", "services", themeProcedures),
		record("ccas", "CCAS de Toulon", "Toulon", "83000", "1 rue Racine", "services", themeProcedures, "typologie", "CCAS"),
		record("fst", "France services Toulon", "Toulon", "83000", "2 rue Racine", "services", themeProcedures),
	})
	r, got := searchNames(t, m, "ccas hyeres")
	if !r.Partial || !slices.Equal(got, []string{"France services d'Hyères"}) {
		t.Fatalf("ccas hyeres: partial %v %v, want partial with the France services of Hyères", r.Partial, got)
	}
	if !slices.Contains(r.Hits[0].Missing, "ccas") {
		t.Errorf("ccas hyeres: missing %v, want ccas", r.Hits[0].Missing)
	}
	for _, mt := range r.Hits[0].Matches {
		if mt.Word == "ccas" {
			t.Errorf("ccas hyeres: matched %+v, want ccas missing", mt)
		}
	}
	// Where the kind exists, it is a full answer of that kind only.
	r, got = searchNames(t, m, "ccas toulon")
	if r.Partial || !slices.Equal(got, []string{"CCAS de Toulon"}) {
		t.Errorf("ccas toulon: partial %v %v, want the CCAS of Toulon, full", r.Partial, got)
	}
}

// Misspelt words that spell together a phrase of the thesaurus are read
// as the phrase (« franse servis » → « france services »), when each has
// that word as its only near spelling in the vocabulary: apart, each found
// its near spellings in records' text, never the kind of place the phrase
// names, and « franse servis la seyne » listed the France services of
// Seyne (Alpes-de-Haute-Provence), which hold « seyne », first.
func TestMisspeltWordsReadAsThePhraseTheySpell(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fss", "France services Seyne les Alpes", "Seyne", "04140", "1 place de la Mairie", "services", themeProcedures),
		record("lsm", "Pôle social", "La Seyne-sur-Mer", "83500", "1 rue Camille Pelletan", "services", themeProcedures),
		record("fsd", "France services Draguignan", "Draguignan", "83300", "3 rue de Trans", "services", themeProcedures),
		record("fra", "Espace France solidaire", "Toulon", "83000", "5 rue de France", "services", themeTools),
	})
	for _, tc := range []struct{ typed, right string }{
		{"franse servis", "france services"},
		{"franse servis la seyne", "france services la seyne"},
	} {
		r, got := searchNames(t, m, tc.typed)
		_, want := searchNames(t, m, tc.right)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want as %q: %v", tc.typed, got, tc.right, want)
		}
		if !slices.Contains(r.Spellings, search.Spelling{Word: "franse", Suggestion: "france"}) {
			t.Errorf("%q: spellings %v, want franse → france", tc.typed, r.Spellings)
		}
	}
	if _, got := searchNames(t, m, "franse servis la seyne"); len(got) == 0 || got[0] != "Pôle social" {
		t.Errorf("franse servis la seyne: %v, want the place of La Seyne-sur-Mer first", got)
	}
}

// A word whose need the kind of place another word names already meets
// (« handicap » beside « mdph ») ranks without filtering, in a partial
// answer too: « dossier mdph handicap » kept the MDPH and a Cap emploi,
// the only records holding two of its words, where « dossier mdph » found
// the places helping with procedures after the MDPH.
func TestAWordSayingAgainWhatAKindOfPlaceMeansRanksOnly(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("mdph", "Maison départementale des personnes handicapées", "Laon", "02000", "1 rue de la Paix", "services", themeTools),
		record("cap", "Cap emploi 16", "Puymoyen", "16400", "2 rue du Port", "services", themeProcedures),
		record("fs", "France services Ruffec", "Ruffec", "16700", "3 place du Marché", "services", themeProcedures),
		record("med", "Médiathèque", "Gap", "05000", "4 rue Carnot", "services", themeTools),
	})
	_, base := searchNames(t, m, "dossier mdph")
	r, got := searchNames(t, m, "dossier mdph handicap")
	if !r.Partial || len(got) != len(base) || got[0] != base[0] || !slices.Contains(got, "France services Ruffec") {
		t.Errorf("dossier mdph handicap: partial %v %v, want the places of « dossier mdph » %v", r.Partial, got, base)
	}
	// The word alone, or beside a word it does not echo, still filters.
	if _, got := searchNames(t, m, "dossier handicap"); slices.Contains(got, "France services Ruffec") {
		t.Errorf("dossier handicap: %v, want the places for disabled people only", got)
	}
}

// A public word beside a phrase of need meaning the same public
// (« étrangers » beside « cours de français ») is one need from two
// sides: the places teaching French and those receiving foreigners both
// answer. Required on both sides, « cours de francais pour etrangers »
// kept the one place holding both.
func TestAPublicAndANeedMeaningItAreOneNeed(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fle", "Apprendre le français", "Vierzon", "18100", "1 rue de la Gare", "services", themeTools),
		record("lire", "Association communiquer lire écrire", "Loudun", "86200", "2 rue du Château", "services", themeTools),
		record("cada", "Centre d'accueil pour demandeurs d'asile", "Arles", "13200", "3 rue de la République", "services", themeTools),
		record("med", "Médiathèque", "Gap", "05000", "4 rue Carnot", "services", themeTools),
	})
	r, got := searchNames(t, m, "cours de francais pour etrangers")
	want := []string{"Apprendre le français", "Association communiquer lire écrire", "Centre d'accueil pour demandeurs d'asile"}
	if r.Partial || len(got) != 3 {
		t.Errorf("cours de francais pour etrangers: partial %v %v, want %v", r.Partial, got, want)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("cours de francais pour etrangers: %v, want %q", got, w)
		}
	}
}
