package search_test

import (
	"slices"
	"testing"
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
