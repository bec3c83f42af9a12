package models

import (
	"strings"
	"testing"
)

// TestCarnetReadings: Carnet's name is read in any case, spacing or
// punctuation and in letters that look alike; the ASCII shortcut of
// IsCarnetProducer answers as the skeleton does.
func TestCarnetReadings(t *testing.T) {
	for s, want := range map[string]bool{
		"Carnet": true, " carnet ": true, "CARNET": true, "car-net": true, "c.a.r.n.e.t": true, "C A R N E T": true,
		"camet": true, "Cárnet": true, "CАRNET": true, "саrnеt": true, "ｃａｒｎｅｔ": true,
		"carnets": false, "carne": false, "carnet13": false, "conseiller-numerique": false, "Carnet de santé": false, "": false,
	} {
		if got := IsCarnetProducer(s); got != want {
			t.Errorf("IsCarnetProducer(%q) = %v", s, got)
		}
		if ascii, _ := asciiLetters(s); ascii && s != "" && (carnetSkeleton(s) == carnetKey) != want {
			t.Errorf("the ASCII shortcut and the skeleton disagree on %q", s)
		}
	}
}

// FuzzCarnetASCII: carnetASCII, which folds on the stack, answers as
// comparing asciiLetters' string did.
func FuzzCarnetASCII(f *testing.F) {
	for _, s := range []string{"Carnet", "c.a.r.n.e.t", "camet", "carnets", "carne", "CARNET13", "Cárnet", "", "conseiller-numerique", "c a r n e t !"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ascii, letters := asciiLetters(s)
		gotASCII, got := carnetASCII(s)
		if want := ascii && (letters == "carnet" || letters == "camet"); gotASCII != ascii || got != want {
			t.Errorf("carnetASCII(%q) = %v, %v; asciiLetters %v, %q", s, gotASCII, got, ascii, letters)
		}
	})
}

// asciiLetters is s's letters and digits, lower-cased, when s is ASCII:
// how IsCarnetProducer read an ASCII name before carnetASCII.
func asciiLetters(s string) (bool, string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return false, ""
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	return true, b.String()
}
