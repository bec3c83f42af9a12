package models

import "testing"

// TestPastedText: what a copy brings along that shows nothing is dropped,
// breaks are spaces, and what is never pasted by accident (controls,
// direction overrides) is left for the query's own check to refuse.
func TestPastedText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ccas marseille", "ccas marseille"},
		{"cc\u00adas", "ccas"},
		{"ccas\u200b marseille", "ccas marseille"},
		{"\u200eccas\u200f", "ccas"},
		{"\ufeffccas", "ccas"},
		{"mar\u2060seille", "marseille"},
		{"ccas\u2028marseille", "ccas marseille"},
		{"ccas\r\nmarseille", "ccas marseille"},
		{"ccas\tmarseille\n", "ccas marseille "},
		{"e\u0301pn", "e\u0301pn"},                                   // a combining accent shows
		{"a\u200db", "ab"},                                           // a joiner after a Latin letter shows nothing
		{"\U0001F469\u200d\U0001F4BB", "\U0001F469\u200d\U0001F4BB"}, // it shapes an emoji
		{"ccas\x00marseille", "ccas\x00marseille"},
		{"ccas\u202emarseille", "ccas\u202emarseille"},
		{"ccas\u2066x\u2069", "ccas\u2066x\u2069"},
		{"ccas\xff\u200b", "ccas\xff\u200b"}, // invalid UTF-8 is refused as it came
	} {
		if got := PastedText(c.in); got != c.want {
			t.Errorf("PastedText(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

// FuzzPastedText: the result never holds a break or a character that shows
// nothing; whatever checkText still refuses in it is a control or a
// direction override, which were in the input.
func FuzzPastedText(f *testing.F) {
	for _, s := range []string{"ccas marseille", "cc\u00adas\r\n\u200e", "\U0001F469\u200d\U0001F4BB", "a\x00\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := PastedText(s)
		prev := rune(-1)
		for _, r := range out {
			if r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 {
				t.Fatalf("PastedText(%+q) = %+q keeps a break", s, out)
			}
			if refused(prev, r, false) && !control(r) && !directionFormat(r) {
				t.Fatalf("PastedText(%+q) = %+q keeps U+%04X", s, out, r)
			}
			prev = r
		}
	})
}
