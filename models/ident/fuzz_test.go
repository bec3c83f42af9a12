package ident

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParsePivot checks that ParsePivot never panics, that what it accepts is
// a fixed point that fits the national export, and that what it refuses comes
// with a short, printable, recognisable error.
func FuzzParsePivot(f *testing.F) {
	for _, s := range []string{
		"", "00000000000000", "43493312300029", "434 933 123 00029", "35600000062292",
		"434933123", "W2A1000119", "w751234567", "1234567.001", "123456.001", "1234567001",
		"12345678901234", "891P0891000843", "123.456.789", "123456.789", "W9J1003281",
		"\u00a0434\u202f933", "..", "1.234567.001", "ÿ", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePivot(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidPivot) {
				t.Fatalf("error %v does not wrap ErrInvalidPivot", err)
			}
			msg := err.Error()
			if msg == "" || len(msg) > 400 || !utf8.ValidString(msg) {
				t.Fatalf("bad message %q", msg)
			}
			if p != (Pivot{}) {
				t.Fatalf("non-zero pivot %+v returned with an error", p)
			}
			return
		}
		switch p.Kind {
		case KindUnknown:
			if p.Value != "" {
				t.Fatalf("unknown pivot with value %q", p.Value)
			}
		case KindSIRET, KindSIREN, KindRNA, KindRIDET:
			if p.Value == "" {
				t.Fatalf("%s pivot with empty value", p.Kind)
			}
		default:
			t.Fatalf("unexpected kind %q", p.Kind)
		}
		if e := p.Export(); !exportPivotPattern.MatchString(e) {
			t.Fatalf("ParsePivot(%q).Export() = %q does not match the standard's pattern", s, e)
		}
		again, err := ParsePivot(p.Value)
		if err != nil || again != p {
			t.Fatalf("not a fixed point: ParsePivot(%q) = %+v; ParsePivot(%q) = %+v, %v", s, p, p.Value, again, err)
		}
		again, err = ParsePivot(p.Export())
		if err != nil || again != p {
			t.Fatalf("export does not round-trip: %q → %+v, %v", p.Export(), again, err)
		}
	})
}

// FuzzCodes checks the code helpers never panic and stay consistent: a
// département they return always has a time zone.
func FuzzCodes(f *testing.F) {
	for _, s := range []string{"75001", "2A004", "97133", "98800", "20000", "", "2", "97", "ÿÿÿÿÿ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if dep := DepartementFromPostalCode(s); dep != "" {
			if !ValidPostalCode(s) || TimeZoneForDepartement(dep) == "" {
				t.Fatalf("postal %q → %q", s, dep)
			}
		}
		if dep := DepartementFromINSEE(s); dep != "" {
			if !ValidINSEE(s) || TimeZoneForDepartement(dep) == "" {
				t.Fatalf("INSEE %q → %q", s, dep)
			}
		}
		_ = TimeZoneForDepartement(s)
	})
}
