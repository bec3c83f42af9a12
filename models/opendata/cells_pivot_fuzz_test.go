package opendata

import (
	"strings"
	"testing"
	"unicode"

	"carnet/models/vocab"
)

// FuzzNumberPivot: a pivot read as a spreadsheet's number is the digits
// written before the decimal separator (or the mantissa's, in scientific
// notation), 9 or 14 of them or none; no decimal digit is ever glued to
// them.
func FuzzNumberPivot(f *testing.F) {
	for _, s := range []string{"13002603200016.0", "13002603200016,00", "1.3002603200016E13", "1,3002603200016E+13", "0.0", "1.30026E13",
		"13002603200016.5", "123456.001", "1234567.000", "130026032.0", "265905075000053.0", "", "1.0E1", " 13002603200016.0 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		digits, ok := numberPivot(s)
		if !ok {
			if digits != "" {
				t.Fatalf("%q: not read but %q", s, digits)
			}
			return
		}
		if digits != "" && len(digits) != 9 && len(digits) != 14 {
			t.Fatalf("%q read as %q", s, digits)
		}
		if strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			t.Fatalf("%q read as %q, not digits", s, digits)
		}
		// The digits are those written before the exponent, in order.
		written := strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return r
			}
			return -1
		}, strings.FieldsFunc(strings.ToLower(strings.TrimSpace(s)), func(r rune) bool { return r == 'e' })[0])
		if !strings.HasPrefix(written, digits) || strings.Trim(written[len(digits):], "0") != "" {
			t.Fatalf("%q read as %q: not its digits (%q)", s, digits, written)
		}
	})
}

// FuzzDashJoined: a cell split at its dashes is split into known values
// only, the cell's pieces in order.
func FuzzDashJoined(f *testing.F) {
	for _, s := range []string{"accomp_demarches-ateliers_formations", "ateliers_formations-", "accomp_demarches-ateliers_formations-tierslieux_cowork-",
		"Jeunes (16-26 ans)", "a-b", "-", "accomp_demarches--", "accomp_demarches-x"} {
		f.Add(s)
	}
	known := func(p string) bool { return vocab.IsLegacyValue(vocab.LegacyColumnServices, p) }
	f.Fuzz(func(t *testing.T, s string) {
		pieces := dashJoined(s, known)
		if pieces == nil {
			return
		}
		if len(pieces) < 2 || known(s) {
			t.Fatalf("%q split into %q", s, pieces)
		}
		rest := s
		for _, p := range pieces {
			if !known(p) {
				t.Fatalf("%q: piece %q is no value", s, p)
			}
			i := strings.Index(rest, p)
			if i < 0 {
				t.Fatalf("%q: piece %q not in order", s, p)
			}
			rest = rest[i+len(p):]
		}
	})
}
