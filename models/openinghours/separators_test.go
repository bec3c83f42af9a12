package openinghours

import (
	"strings"
	"testing"
)

// TestRuleSeparators: rules written one after the other without the « ; »
// OSM puts between them (« Mo, Fr 14:00-17:00 We 9:00-12:00 », Le Havre's
// file) were refused whole. The « ; »
// is put back where a weekday or PH follows a time; nothing else changes
// (« Mo 09:00-12:00, Tu 14:00-17:00 » is OSM's additional rule: valid).
func TestRuleSeparators(t *testing.T) {
	for _, c := range []struct {
		in, want string
		changed  bool
	}{
		{"Mo, Fr 14:00-17:00 We 9:00-12:00", "Mo, Fr 14:00-17:00; We 9:00-12:00", true},
		{"Mo 09:00-12:00, Tu 14:00-17:00", "Mo 09:00-12:00, Tu 14:00-17:00", false},
		{"Mo-Fr 09:00-12:00,14:00-17:00 Sa 10:00-12:00 PH off", "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off", true},
		// Already separated, in a comment, or no weekday after a time.
		{"Mo 09:00-12:00; Tu 14:00-17:00", "Mo 09:00-12:00; Tu 14:00-17:00", false},
		{`Mo 09:00-12:00 "Tu fermé"`, `Mo 09:00-12:00 "Tu fermé"`, false},
		{"Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00", false},
		{"Jan 09:00-12:00 Month", "Jan 09:00-12:00 Month", false},
	} {
		got, changed := RuleSeparators(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("RuleSeparators(%q) = %q, %v; want %q, %v", c.in, got, changed, c.want, c.changed)
		}
	}
}

func FuzzRuleSeparators(f *testing.F) {
	for _, s := range []string{"Mo, Fr 14:00-17:00 We 9:00-12:00", "Mo 09:00-12:00, Tu 14:00-17:00", `Mo 09:00-12:00 "Tu" We 10:00-11:00`, "Mo 24:00 Su", "Tu 10:00-12:00 PH off"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := RuleSeparators(s)
		if changed == (got == s) {
			t.Fatalf("RuleSeparators(%q) = %q, changed %v", s, got, changed)
		}
		// Only « ; » is added, and the
		// result needs no more.
		strip := strings.NewReplacer(";", "", " ", "").Replace
		if strip(got) != strip(s) {
			t.Fatalf("RuleSeparators(%q) = %q: more than separators changed", s, got)
		}
		if again, ch := RuleSeparators(got); ch || again != got {
			t.Fatalf("RuleSeparators(%q) = %q, then %q", s, got, again)
		}
	})
}
