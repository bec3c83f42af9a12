package opendata

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// phoneSep is the separator splitPhones finds by hand (phoneSepAt).
var phoneSep = regexp.MustCompile(`[|;,/\n\r]|\s(?:ou|et)\s|\s[-–]\s`)

// splitPhonesByRegexp is splitPhones as it was, through the regexps.
func splitPhonesByRegexp(s string) []string {
	var out []string
	for _, p := range phoneSep.Split(s, -1) {
		p = phoneLabel.ReplaceAllString(p, "")
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var phoneCells = []string{
	"", " ", "01 23 45 67 89", "+33 1 23 45 67 89", "01.23.45.67.89|02 34 56 78 90",
	"Tél. : 04 93 00 00 01 - Fax : 04 93 00 00 02", "Tél : 04 93 00 00 01 – 04 93 00 00 02",
	"0123456789 ou 0234567890", "0123456789 et 0234567890", "0123456789 OU 0234567890",
	"0123456789\tou\n0234567890", "0123456789 ou", "ou 0123", " ou 01", "01-23-45", "01 -23", "01 - 23", "01 -\t23",
	"01 –\f23", "01 —23", "Portable - 06 00 00 00 00 / Fixe 01 00 00 00 00", "Mobile:0600000000;Standard 0100000000",
	"ſtandard 01 23", "STANDARD 01 23", "Télécopie 01 23", "secrétariat : 01", "Ligne directe 01 23 45",
	"accueil", "accueil-01", "\r\n01\r\n02\r\n", "a,b,,c", "tel", "téléphone 01", "TÉL 01", "\x00tel 01", "\xff01",
	"01 ou et 02", "01  ou  02", "01 et\n02", "01 –", "01 - ", "–", " - ", " ou ", "lundi 01 23",
}

// TestSplitPhonesAsRegexp: splitPhones, which finds the separators and the
// labels without the regexps on most cells, splits as they did.
func TestSplitPhonesAsRegexp(t *testing.T) {
	for _, s := range phoneCells {
		if got, want := splitPhones(s), splitPhonesByRegexp(s); !slices.Equal(got, want) {
			t.Errorf("splitPhones(%q) = %q, the regexps %q", s, got, want)
		}
	}
}

func FuzzSplitPhones(f *testing.F) {
	for _, s := range phoneCells {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := splitPhones(s), splitPhonesByRegexp(s); !slices.Equal(got, want) {
			t.Errorf("splitPhones(%q) = %q, the regexps %q", s, got, want)
		}
	})
}
