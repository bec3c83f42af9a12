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
