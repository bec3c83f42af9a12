package openinghours

import "testing"

// TestMergeOverlaps: « 08:30 - 12:00 / 08:30 - 16:00 » was stored as
// « Th 08:30-12:00,08:30-16:00 » without a word.
func TestMergeOverlaps(t *testing.T) {
	for _, c := range []struct {
		in, want string
		changed  bool
	}{
		{"Th 08:30-12:00,08:30-16:00", "Th 08:30-16:00", true},
		{"Mo-Fr 09:00-12:00,11:00-13:00,14:00-17:00; Sa 10:00-12:00", "Mo-Fr 09:00-13:00,14:00-17:00; Sa 10:00-12:00", true},
		{"Mo 14:00-17:00,09:00-15:00; Tu 09:00-12:00,10:00-11:00", "Mo 09:00-17:00; Tu 09:00-12:00", true},
		{"Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00", false},
		{"Mo-Fr 09:00-12:00,12:00-14:00", "Mo-Fr 09:00-12:00,12:00-14:00", false},
		{"Fr 18:00-23:00,22:00-02:00", "Fr 18:00-23:00,22:00-02:00", false},
		{"Mo 08:00-12:00,10:00-12:00+", "Mo 08:00-12:00,10:00-12:00+", false},
		{"Mo 08:00-12:00", "Mo 08:00-12:00", false},
	} {
		got, changed := MergeOverlaps(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("MergeOverlaps(%q) = %q, %v; want %q, %v", c.in, got, changed, c.want, c.changed)
		}
		if _, bad, err := ParseLenient(got); changed && (err != nil || len(bad) > 0) {
			t.Errorf("%q: not valid: %v %v", got, err, bad)
		}
	}
}
