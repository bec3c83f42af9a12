package models

import "testing"

// TestTextLineBreaks: stored text has one form of line break, \n, whoever
// wrote it (a person on Windows through the API, a producer's file), so
// that its CSV export, whose readers read a quoted \r\n as \n, comes back
// the same; a lone \r (old Mac text) is a line break too, stored as \n.
func TestTextLineBreaks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\r\nb", "a\nb"},
		{"a\r\n\r\nb\r\n", "a\n\nb"},
		{"a\nb", "a\nb"},
		{"a\rb", "a\nb"},
		{"a\r\rb\r", "a\n\nb"},
		{" e\u0301\r\n", "é"},
	} {
		a := Actor{Description: tc.in, Summary: tc.in}
		a.Normalize()
		s := Service{Description: tc.in, FeesDetails: tc.in}
		s.Normalize()
		for _, got := range []string{a.Description, a.Summary, s.Description, s.FeesDetails} {
			if got != tc.want {
				t.Errorf("%q stored %q, want %q", tc.in, got, tc.want)
			}
		}
	}
}
