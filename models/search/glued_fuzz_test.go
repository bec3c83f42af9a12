package search

import (
	"strings"
	"testing"
)

// FuzzGluedWords: the words typed together or apart are read as words whose
// concatenation is what was typed, and a word split in two is two words the
// lexicon knows (no stop word); a compass point beside a city becomes one
// word naming that city and that point, the others are kept in order.
func FuzzGluedWords(f *testing.F) {
	for _, s := range []string{
		"cartegrise", "poleemploi", "impotsgouv", "wifigratuit", "grandpublic",
		"cyber securite", "cyber base", "fab lab", "france connect", "smarphone",
		"quartiers nord marseille", "nord de marseille", "marseille sud", "mon pere est a marseille",
		"lyon est", "quartier est paris", "nord", "est", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "cv",
	} {
		f.Add(s)
	}
	tbl := newTable()
	f.Fuzz(func(t *testing.T, s string) {
		in := strings.Fields(s)
		if len(in) > 64 {
			return
		}
		out := tbl.gluedWords(in)
		if strings.Join(out, "") != strings.Join(in, "") {
			t.Fatalf("%q → %q: not the letters typed", in, out)
		}
		inSet := map[string]bool{}
		for _, w := range in {
			inSet[w] = true
		}
		joined := map[string]bool{}
		for i := 0; i+1 < len(in); i++ {
			joined[in[i]+in[i+1]] = true
		}
		for _, w := range out {
			if inSet[w] || joined[w] {
				continue
			}
			if !tbl.knowsWord(w) || stopWords[w] || !lettersOnly(w) {
				t.Fatalf("%q → %q: %q is no known word", in, out, w)
			}
		}
		parts := cityParts(in)
		if len(parts) > len(in) {
			t.Fatalf("%q → %q: more words", in, parts)
		}
		for _, w := range parts {
			if inSet[w] {
				continue
			}
			city, dir, ok := strings.Cut(w, districtSep)
			if _, isDir := directions[dir]; !ok || !isDir || !inSet[city] || !inSet[dir] || arrondissementCities[city].code == "" {
				t.Fatalf("%q → %q: %q is neither typed nor a part of a city", in, parts, w)
			}
		}
	})
}
