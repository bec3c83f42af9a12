package opendata

import (
	"strings"
	"testing"
	"unicode/utf8"

	"carnet/models/vocab"
)

// isPlaceholderBefore is isPlaceholder as it was before its fast paths
// (onlyPlaceholderMarks, the first letter checked before the map).
func isPlaceholderBefore(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 20 {
		return false
	}
	if v[0] == '#' && strings.ContainsAny(v, "!?/") && !strings.ContainsAny(v, " ") {
		return true
	}
	if strings.Trim(v, "-–—_?. ") == "" {
		return true
	}
	var buf [20]byte
	n, dash := 0, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= utf8.RuneSelf:
			return placeholders[vocab.Slugify(v)]
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			dash = n > 0
			continue
		}
		if dash {
			buf[n], n, dash = '-', n+1, false
		}
		buf[n], n = c, n+1
	}
	return placeholders[string(buf[:n])]
}

// FuzzIsPlaceholderAsBefore (issue 11, item 6): the fast paths read every
// cell as the former isPlaceholder did; every placeholder word begins with
// a letter the first-letter check lets through.
func FuzzIsPlaceholderAsBefore(f *testing.F) {
	for k := range placeholders {
		f.Add(k)
		f.Add(" " + strings.ToUpper(k) + ".")
		if !strings.ContainsRune("minsuv", rune(k[0])) {
			f.Fatalf("placeholder %q begins with a letter isPlaceholder rejects", k)
		}
	}
	for _, s := range []string{"", "-", "—", " – ", "_?.", "-x", "#N/A", "#REF!", "N/A", "n.c.", "Non renseigné", "NÉANT", "néant",
		"Sans objet", "\xff", "-\xff", "?\u00a0?", "Paris", "75001", "0102030405", "ma", "mi", "a", "nullité", "Inconnu(e)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := isPlaceholder(v), isPlaceholderBefore(v); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, was %v", v, got, want)
		}
	})
}
