package search

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// A « word » of thousands of letters (a probe's text: "qu" × 5,000) took
// Snowball 0.3 s, quadratically, under the index's write lock: such words
// are not stemmed; real long words still are.
func TestStemSkipsWordsNoOneTypes(t *testing.T) {
	for _, tc := range []struct {
		word string
		stem bool
	}{
		{"anticonstitutionnellement", true},
		{"intergouvernementalisations", true},
		{strings.Repeat("qu", 21), false},
		{"x" + strings.Repeat("eau", 3000), false},
	} {
		if got := stem(tc.word); (got != "") != tc.stem {
			t.Errorf("stem(%.30q…) = %q, want stemmed %v", tc.word, got, tc.stem)
		}
	}
}

// randomText is n random words of eight letters.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		for range 8 {
			b.WriteByte(byte('a' + r.Intn(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// New terms of a batch are merged into the sorted terms once, at the end
// of the batch; until then prefix and exact reads still find them.
func TestTermsOfABatchAreFoundBeforeAndAfterTheyAreSorted(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	ti := newTextIndex()
	for s := range 50 {
		ti.add(uint32(s), docTerms([numTextFields][]string{{randomText(r, 40)}}))
	}
	ti.settleFresh()
	ti.add(50, docTerms([numTextFields][]string{{"mediatheque mediath mediatheques " + randomText(r, 40)}}))
	ti.add(51, docTerms([numTextFields][]string{{"mediathequaire"}}))
	if len(ti.fresh) == 0 {
		t.Fatal("no fresh terms: the batch's terms were sorted one by one")
	}
	read := func() ([]string, int) {
		ids, exact := ti.termRange("mediath")
		var got []string
		for _, id := range ids {
			got = append(got, ti.terms[id])
		}
		return got, exact
	}
	before, exactBefore := read()
	ti.settleFresh()
	after, exactAfter := read()
	if exactBefore != 0 || exactAfter != 0 || before[0] != "mediath" || after[0] != "mediath" {
		t.Fatalf("exact term not first: before %v (%d), after %v (%d)", before, exactBefore, after, exactAfter)
	}
	slices.Sort(before)
	if want := []string{"mediath", "mediathequaire", "mediatheque", "mediatheques"}; !slices.Equal(before, want) || !slices.Equal(after, want) {
		t.Fatalf("termRange(mediath): before settling %v, after %v, want %v", before, after, want)
	}
	if !slices.IsSorted(ti.sorted) || len(ti.sorted) != len(ti.terms) {
		t.Fatalf("sorted terms: %d of %d, sorted %v", len(ti.sorted), len(ti.terms), slices.IsSorted(ti.sorted))
	}
	for i, id := range ti.sortedID {
		if ti.terms[id] != ti.sorted[i] {
			t.Fatalf("sortedID[%d] = %d (%q), sorted[%d] = %q", i, id, ti.terms[id], i, ti.sorted[i])
		}
	}
}

// BenchmarkIndexNewTerms indexes a partner's batch of 95 texts of 1,100
// random words (10⁵ new terms) into an index of 3·10⁴ terms, as one
// change-log batch: the time the search index's write lock is held.
// Inserting each new term into the sorted terms made it quadratic (3.1 s
// of CPU before, 0.65 s after, same run conditions).
func BenchmarkIndexNewTerms(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	base := make([]map[string]uint8, 300)
	for i := range base {
		base[i] = docTerms([numTextFields][]string{{randomText(r, 100)}})
	}
	batch := make([]map[string]uint8, 95)
	for i := range batch {
		batch[i] = docTerms([numTextFields][]string{{randomText(r, 1100)}})
	}
	for b.Loop() {
		b.StopTimer()
		ti := newTextIndex()
		for s, terms := range base {
			ti.add(uint32(s), terms)
		}
		ti.settleFresh()
		b.StartTimer()
		for s, terms := range batch {
			ti.add(uint32(1000+s), terms)
		}
		ti.settleFresh()
	}
}
