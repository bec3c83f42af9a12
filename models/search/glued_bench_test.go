package search

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkGluedLongWord: a word of n letters that nothing knows, typed to
// the glued splitter (every split point is tried): the cost must grow
// linearly with n (allocations reported; compare the sizes). Before
// maxGluedLen: 1,000 letters 1.0 ms, 10,000 7.7 ms, 100,000 1.2 s.
func BenchmarkGluedLongWord(b *testing.B) {
	tbl := newTable()
	tbl.gluedWords([]string{"cartegrise"}) // the lexicon is built once, outside the timings
	for _, n := range []int{60, 1000, 100000} {
		w := strings.Repeat("carte", n/5)
		w = w[:len(w)-1] + "q" // no known word as a whole
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tbl.gluedWords([]string{w})
			}
		})
	}
}
