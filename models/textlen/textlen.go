// Package textlen is how every length limit of Carnet counts text: in
// characters (Unicode code points), as the document's maxLength does
// (JSON Schema counts code points). Counted in bytes, « é » is two and a
// French text of 994 characters (1,052 bytes) was refused under a limit
// of 1,000 (probe 38a, H1).
package textlen

import "unicode/utf8"

// Of is the length of s in characters (code points).
func Of(s string) int { return utf8.RuneCountInString(s) }

// Over says whether s has more than max characters.
func Over(s string, max int) bool {
	// At most 4 bytes a character: a string of at most max bytes has at
	// most max characters, and is not counted.
	return len(s) > max && utf8.RuneCountInString(s) > max
}
