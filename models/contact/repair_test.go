package contact

import "testing"

// TestRepairPhone: the Conseillers numériques national file writes some
// overseas numbers with the territory's prefix dropped (0262 34 35 10 as
// +262343510) or Mayotte's as Comorian (+269 269…), and one national
// number behind a lone + (+01…). Each kept only when the repaired number
// is valid; anything else is left to NormalizePhone's error.
func TestRepairPhone(t *testing.T) {
	for _, c := range []struct {
		in, postal, want string // want "" when there is no repair
	}{
		{"+262343510", "97400", "+262262343510"},
		{"+262 59 19 11", "97490", "+262262591911"},
		{"+269662010", "97600", "+262269662010"},
		{"+269269601282", "97600", "+262269601282"},
		{"+269 639 69 12 34", "97600", "+262639691234"},
		{"+596686482", "97200", "+596596686482"},
		{"+590 81 12 34", "97100", "+590590811234"},
		{"+594 31 12 34", "97300", "+594594311234"},
		{"+0147985927", "75011", "+33147985927"},
		// Not the territory's number: no repair.
		{"+262343510", "75011", ""},
		{"+262 262 34 35 10", "97400", ""}, // valid: nothing to repair
		{"+596686482", "97400", ""},
		{"+3321276098", "75011", ""},
		{"+33", "75011", ""},
		{"01 23 45 67 89", "75011", ""},
		{"+269 773 12 34", "97600", ""}, // a real Comorian number is not Mayotte's
		{"", "97600", ""},
	} {
		got, how := RepairPhone(c.in, c.postal)
		if got != c.want {
			t.Errorf("RepairPhone(%q, %q) = %q, want %q", c.in, c.postal, got, c.want)
			continue
		}
		if got != "" {
			if how == "" {
				t.Errorf("RepairPhone(%q): no explanation", c.in)
			}
			if n, err := NormalizePhone(got, c.postal); err != nil || n != got {
				t.Errorf("RepairPhone(%q) = %q, which NormalizePhone reads as %q, %v", c.in, got, n, err)
			}
		}
	}
}

// FuzzRepairPhone: a repair is a valid number in the standard's pattern,
// and never offered for a number that needs none.
func FuzzRepairPhone(f *testing.F) {
	for _, s := range []string{"+262343510", "+269269601282", "+0147985927", "01 23 45 67 89", "+33"} {
		f.Add(s, "97400")
		f.Add(s, "97600")
	}
	f.Fuzz(func(t *testing.T, s, postal string) {
		got, how := RepairPhone(s, postal)
		if (got == "") != (how == "") {
			t.Fatalf("RepairPhone(%q, %q) = %q, %q", s, postal, got, how)
		}
		if got == "" {
			return
		}
		if _, err := NormalizePhone(s, postal); err == nil {
			t.Fatalf("RepairPhone repaired the valid %q", s)
		}
		if n, err := NormalizePhone(got, postal); err != nil || n != got || !ExportPhonePattern.MatchString(got) {
			t.Fatalf("RepairPhone(%q, %q) = %q: %q, %v", s, postal, got, n, err)
		}
	})
}
