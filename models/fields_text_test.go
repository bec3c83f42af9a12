package models

import "testing"

// badRuneByRune is badRune as it was first written, decoding every rune:
// the ASCII fast path must find the same character in every text.
func badRuneByRune(s string, multiline bool) (rune, bool) {
	prev := rune(-1)
	for _, r := range s {
		if refused(prev, r, multiline) {
			return r, true
		}
		prev = r
	}
	return 0, false
}

// FuzzBadRune checks that skipping printable ASCII without decoding
// changes no verdict: a joiner after a Latin letter, a control, a bidi
// mark after ASCII, invalid UTF-8.
func FuzzBadRune(f *testing.F) {
	for _, s := range []string{
		"", "Médiathèque Mèze", "Média\u200Dthèque", "Espace 👩\u200D💻", "1\uFE0F\u20E3", "a\u00ADb",
		"x\U000E0041", "a\tb\nc", "\x7f", "\xff\xfe", "Maison مرحبا\u200D", " \u200C", "\u2028",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		r1, bad1 := badRune(s, multiline)
		r2, bad2 := badRuneByRune(s, multiline)
		if r1 != r2 || bad1 != bad2 {
			t.Errorf("%+q (multiline %v): %U %v, rune by rune %U %v", s, multiline, r1, bad1, r2, bad2)
		}
	})
}
