package models

import (
	"strings"
	"testing"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// TestBeforeMarksNormalised (issue 11, item 6): no rune before U+0300 but
// the micro sign becomes, through NFKC, a Cyrillic or Greek letter or,
// through NFC, a combining mark; the micro sign does become Greek, so that
// beforeMarks, which lets mixesScripts and stackedMarks answer false at
// once, must leave it out. Runes are normalised one by one (the marks, which
// compose with a rune before, begin at U+0300): checking each is checking
// every string of them.
func TestBeforeMarksNormalised(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		s := string(r)
		other := strings.ContainsFunc(norm.NFKC.String(s), func(r rune) bool {
			return unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r)
		})
		// NFKC does give marks (« ¨ » is a space and U+0308), which
		// mixesScripts does not count; stackedMarks counts NFC's.
		mark := strings.ContainsFunc(norm.NFC.String(s), func(r rune) bool { return unicode.Is(unicode.M, r) })
		if r == 0xB5 {
			if !other || beforeMarks(s) {
				t.Fatalf("U+00B5: NFKC gives Greek %v, beforeMarks %v", other, beforeMarks(s))
			}
			continue
		}
		if other || mark || !beforeMarks(s) {
			t.Fatalf("U+%04X: NFKC gives Cyrillic or Greek %v, a mark %v; beforeMarks %v", r, other, mark, beforeMarks(s))
		}
	}
	for _, s := range []string{"e\u0301", "\xff", "Мédiathèque", "α", "\u0345"} {
		if beforeMarks(s) {
			t.Errorf("beforeMarks(%q) = true", s)
		}
	}
}

// FuzzLookalikeChecksAsBefore: with their fast path, mixesScripts and
// stackedMarks answer as they did without it.
func FuzzLookalikeChecksAsBefore(f *testing.F) {
	for _, s := range []string{"", "CАF 13", "Мédiathèque", "САF Marseille", "Кафе Internet", "Espace µ", "µ CAF", "C̸̸̸̸amille",
		"Café", "L'Haÿ-les-Roses", "ǅ ʰ ſ ĳ", "\xff", "Ωmega", "ΑΒΕ test"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slowMixes := func(name string) bool {
			name = norm.NFKC.String(name)
			isOther := func(r rune) bool {
				return unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r)
			}
			if !strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
				return false
			}
			for _, word := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.In(r, unicode.L, unicode.M) }) {
				if !strings.ContainsFunc(word, isOther) {
					continue
				}
				if strings.ContainsFunc(word, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) ||
					readsAsASCII(withoutMarks(confusables.Skeleton(word))) {
					return true
				}
			}
			return false
		}
		slowStacked := func(s string) bool {
			run := 0
			for _, r := range norm.NFC.String(s) {
				if !unicode.Is(unicode.M, r) {
					run = 0
					continue
				}
				if run++; run > maxMarks {
					return true
				}
			}
			return false
		}
		if got, want := mixesScripts(s), slowMixes(s); got != want {
			t.Fatalf("mixesScripts(%q) = %v, was %v", s, got, want)
		}
		if got, want := stackedMarks(s), slowStacked(s); got != want {
			t.Fatalf("stackedMarks(%q) = %v, was %v", s, got, want)
		}
	})
}
