package openinghours

import "testing"

// TestColonTimes: times written the French way (« 9h », « 9h30 »,
// « 09H30 ») or with a dot (« 09.30 ») are what producers publish beside
// OSM syntax; ColonTimes rewrites them and nothing else.
func TestColonTimes(t *testing.T) {
	for _, c := range []struct {
		in, want string
		changed  bool
	}{
		{"Mo-Fr 9h-12h30,13h30-17h", "Mo-Fr 09:00-12:30,13:30-17:00", true},
		{"Mo-Th 10h00-12h30,13h30-17h00; Fr 09h30-12h30; We off", "Mo-Th 10:00-12:30,13:30-17:00; Fr 09:30-12:30; We off", true},
		{"Sa 09H30-12H30", "Sa 09:30-12:30", true},
		{"Mo 09.00-12.00,14.00-18.00", "Mo 09:00-12:00,14:00-18:00", true},
		{"Tu 14h-24h", "Tu 14:00-24:00", true},
		// Already OSM, or not a time: untouched.
		{"Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00", false},
		{`Mo 09:00-12:00 "fermé à 9h le 1er"`, `Mo 09:00-12:00 "fermé à 9h le 1er"`, false},
		{"Mo 25h-26h", "Mo 25h-26h", false},
		{"Mo 9h75-10h", "Mo 9h75-10:00", true},
		{"Mo 9hours", "Mo 9hours", false},
		{"2024.05", "2024.05", false},
		{"Mo 123h", "Mo 123h", false},
		{"", "", false},
	} {
		got, changed := ColonTimes(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("ColonTimes(%q) = %q, %v; want %q, %v", c.in, got, changed, c.want, c.changed)
		}
	}
}

func FuzzColonTimes(f *testing.F) {
	for _, s := range []string{"Mo-Fr 9h-12h30", "Sa 09.30-12.30", `Mo "9h" 9h-10h`, "Mo-Fr 09:00-18:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := ColonTimes(s)
		if changed == (got == s) {
			t.Fatalf("ColonTimes(%q) = %q, changed %v", s, got, changed)
		}
		// Idempotent: what it wrote has nothing more to rewrite.
		if again, ch := ColonTimes(got); ch || again != got {
			t.Fatalf("ColonTimes(%q) = %q, then %q", s, got, again)
		}
		// A value that parses is never changed.
		if _, err := Parse(s); err == nil && changed {
			t.Fatalf("ColonTimes changed the valid %q into %q", s, got)
		}
	})
}
