package ident

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// exportPivotPattern is the national standard's pattern for the pivot column
// (schema v1.0.2); every exported pivot must match it.
var exportPivotPattern = regexp.MustCompile(`^[a-zA-Z0-9]{9,14}$`)

func TestParsePivotAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Pivot
	}{
		// Real SIRETs from the Charente dataset and the standard's example CSV.
		{"real SIRET, Charente département", "22160001800016", Pivot{KindSIRET, "22160001800016"}},
		{"real SIRET, commune", "21160049900019", Pivot{KindSIRET, "21160049900019"}},
		{"real SIRET, association", "85140647000019", Pivot{KindSIRET, "85140647000019"}},
		{"real SIRET, public body", "13001840100013", Pivot{KindSIRET, "13001840100013"}},
		{"real SIRET, second establishment of a SIREN", "20007051400324", Pivot{KindSIRET, "20007051400324"}},
		{"example CSV SIRET", "43493312300029", Pivot{KindSIRET, "43493312300029"}},
		// La Poste: the head office passes Luhn, later establishments only
		// the digit-sum rule (all from the Charente dataset).
		{"La Poste head office (Luhn)", "35600000000048", Pivot{KindSIRET, "35600000000048"}},
		{"La Poste office, sum rule", "35600000062292", Pivot{KindSIRET, "35600000062292"}},
		{"La Poste office, sum rule 2", "35600000060587", Pivot{KindSIRET, "35600000060587"}},
		{"La Poste office, sum rule 3", "35600000068395", Pivot{KindSIRET, "35600000068395"}},
		{"La Poste office, sum rule 4", "35600000061437", Pivot{KindSIRET, "35600000061437"}},
		// Written forms.
		{"SIRET with spaces", "434 933 123 00029", Pivot{KindSIRET, "43493312300029"}},
		{"SIRET with dots", "434.933.123.00029", Pivot{KindSIRET, "43493312300029"}},
		{"SIRET with dashes", "434-933-123-00029", Pivot{KindSIRET, "43493312300029"}},
		{"SIRET with no-break spaces", "434\u00a0933\u00a0123\u202f00029", Pivot{KindSIRET, "43493312300029"}},
		{"SIRET padded", "  43493312300029\t", Pivot{KindSIRET, "43493312300029"}},
		// SIREN.
		{"SIREN", "434933123", Pivot{KindSIREN, "434933123"}},
		{"SIREN with spaces", "434 933 123", Pivot{KindSIREN, "434933123"}},
		{"SIREN with dots", "434.933.123", Pivot{KindSIREN, "434933123"}},
		{"La Poste SIREN", "356 000 000", Pivot{KindSIREN, "356000000"}},
		// RNA.
		{"RNA metropolitan", "W751234567", Pivot{KindRNA, "W751234567"}},
		{"RNA lower case", "w941009978", Pivot{KindRNA, "W941009978"}},
		{"RNA spaced", "W 751 234 567", Pivot{KindRNA, "W751234567"}},
		{"RNA Corse-du-Sud", "W2A1000119", Pivot{KindRNA, "W2A1000119"}},
		{"RNA Haute-Corse", "W2B2000016", Pivot{KindRNA, "W2B2000016"}},
		{"RNA overseas letter J", "W9J1003281", Pivot{KindRNA, "W9J1003281"}},
		{"RNA overseas letter R", "W9R1011072", Pivot{KindRNA, "W9R1011072"}},
		// RIDET.
		{"RIDET dotted 7-digit RID", "1234567.001", Pivot{KindRIDET, "1234567001"}},
		{"RIDET dotted 6-digit RID is padded", "123456.001", Pivot{KindRIDET, "0123456001"}},
		{"RIDET spaced", "1 234 567.001", Pivot{KindRIDET, "1234567001"}},
		{"RIDET 10 digits", "1234567001", Pivot{KindRIDET, "1234567001"}},
		{"RIDET with dash", "1234567-002", Pivot{KindRIDET, "1234567002"}},
		// Placeholder.
		{"placeholder", "00000000000000", UnknownPivot},
		{"placeholder spaced", "000 000 000 00000", UnknownPivot},
		{"empty means unknown", "", UnknownPivot},
		{"blank means unknown", "   ", UnknownPivot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePivot(tt.in)
			if err != nil {
				t.Fatalf("ParsePivot(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParsePivot(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			again, err := ParsePivot(got.Value)
			if err != nil || again != got {
				t.Errorf("not a fixed point: ParsePivot(%q) = %+v, %v", got.Value, again, err)
			}
			fromExport, err := ParsePivot(got.Export())
			if err != nil || fromExport != got {
				t.Errorf("export does not round-trip: ParsePivot(%q) = %+v, %v", got.Export(), fromExport, err)
			}
			if !exportPivotPattern.MatchString(got.Export()) {
				t.Errorf("Export() = %q does not match the standard's pivot pattern", got.Export())
			}
		})
	}
}

func TestParsePivotRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the exact message, or a substring when prefixed with "~"
	}{
		{"SIRET bad check digit", "12345678901234", "SIRET 12345678901234 fails its check digit"},
		{"SIRET typo found in the Charente dataset", "20006801400015", "SIRET 20006801400015 fails its check digit"},
		{"SIRET spaced, bad check digit", "434 933 123 00028", "SIRET 43493312300028 fails its check digit"},
		// 43493312300021 has a digit sum divisible by 5: La Poste's rule
		// must not apply to other SIRENs.
		{"sum rule only for La Poste", "43493312300021", "SIRET 43493312300021 fails its check digit"},
		{"La Poste SIRET failing both rules", "35600000000049", "SIRET 35600000000049 fails its check digit"},
		{"SIREN bad check digit", "434933124", "SIREN 434933124 fails its check digit"},
		{"SIRET of SIREN zero", "00000000000018", "~has no SIREN"},
		{"SIREN zero", "000000000", "~write 00000000000000 if the identifier is unknown"},
		{"too few digits", "1234", "~a pivot is a SIRET (14 digits), a SIREN (9 digits), an RNA number (W + 9 characters) or a RIDET"},
		{"11 digits", "12345678901", "~12345678901 has 11 digits"},
		{"15 digits", "434933123000290", "~has 15 digits"},
		{"letters", "ABCDEFGHIJ", "~a pivot is a SIRET (14 digits)"},
		{"label included", "SIRET: 43493312300029", "~a pivot is a SIRET (14 digits)"},
		{"accented letter", "4349331230002é", "~a pivot is a SIRET (14 digits)"},
		{"old Waldec number", "891P0891000843", "~a pivot is a SIRET (14 digits)"},
		{"RNA too short", "W12345678", "~an RNA number is W followed by 9 characters"},
		{"RNA too long", "W1234567890", "~an RNA number is W followed by 9 characters"},
		{"RNA letter first", "WA12345678", "~RNA number WA12345678 is malformed"},
		{"RNA letter at end", "W75123456A", "~RNA number W75123456A is malformed"},
		{"RIDET zero RID", "0000000001", "~has no RID"},
		{"8 digits", "12345.678", "~12345678 has 8 digits"},
		{"long input is not echoed in full", strings.Repeat("x", 5000), "~…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePivot(tt.in)
			if err == nil {
				t.Fatalf("ParsePivot(%q) = %+v, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalidPivot) {
				t.Errorf("error %v does not wrap ErrInvalidPivot", err)
			}
			if got != (Pivot{}) {
				t.Errorf("ParsePivot(%q) returned %+v with its error, want the zero Pivot", tt.in, got)
			}
			msg := err.Error()
			if sub, ok := strings.CutPrefix(tt.want, "~"); ok {
				if !strings.Contains(msg, sub) {
					t.Errorf("message %q does not contain %q", msg, sub)
				}
			} else if msg != tt.want {
				t.Errorf("message %q, want %q", msg, tt.want)
			}
			if len(msg) > 300 {
				t.Errorf("message is %d bytes long", len(msg))
			}
		})
	}
}

func TestPivotMethods(t *testing.T) {
	siret := Pivot{KindSIRET, "35600000062292"}
	if got := siret.SIREN(); got != "356000000" {
		t.Errorf("SIREN() of a SIRET = %q", got)
	}
	if got := (Pivot{KindSIREN, "434933123"}).SIREN(); got != "434933123" {
		t.Errorf("SIREN() of a SIREN = %q", got)
	}
	if got := (Pivot{KindRNA, "W751234567"}).SIREN(); got != "" {
		t.Errorf("SIREN() of an RNA = %q, want empty", got)
	}
	if UnknownPivot.Known() || (Pivot{}).Known() || !siret.Known() {
		t.Error("Known() is wrong")
	}
	if got := UnknownPivot.Export(); got != "00000000000000" {
		t.Errorf("UnknownPivot.Export() = %q", got)
	}
	if got := (Pivot{}).Export(); got != Placeholder {
		t.Errorf("zero Pivot exports %q, want the placeholder", got)
	}
	if got := siret.String(); got != "35600000062292" {
		t.Errorf("String() = %q", got)
	}
}

func TestLuhn(t *testing.T) {
	for in, want := range map[string]bool{
		"0":              true,
		"18":             true,
		"19":             false,
		"434933123":      true,
		"732829320":      true,
		"43493312300029": true,
		"43493312300028": false,
		"79927398713":    true, // the textbook example
		"79927398710":    false,
	} {
		if got := luhn(in); got != want {
			t.Errorf("luhn(%q) = %v, want %v", in, got, want)
		}
	}
}
