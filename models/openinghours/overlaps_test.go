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
		// As people write them too: a space after the comma, an hour of
		// one digit (stored as sent, merged nowhere, before).
		{"Mo 09:00-12:00, 11:00-13:00", "Mo 09:00-13:00", true},
		{"Mo 9:00-12:00,11:00-13:00; Tu 9:00-12:00", "Mo 09:00-13:00; Tu 9:00-12:00", true},
		{"Mo 9:00-12:00, 14:00-17:00", "Mo 9:00-12:00, 14:00-17:00", false},
		{"Mo 8:00-9:30,9:00-12:00, 14:00-17:00", "Mo 08:00-12:00,14:00-17:00", true},
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

// TestMergedOverlapsSaid: the warning said one range « holds » the other,
// which it need not (« 09:00-12:00 » and « 10:00-13:00 » overlap, neither
// holds the other). Each merge says its day, the ranges merged and what
// they were read as.
func TestMergedOverlapsSaid(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Th 08:30-12:00,08:30-16:00", []string{"on Th, 08:30-12:00 and 08:30-16:00 overlap; read as 08:30-16:00"}},
		{"Mo-Fr 09:00-12:00,10:00-13:00,14:00-17:00; Sa 10:00-12:00,11:00-12:30,12:00-13:00", []string{
			"on Mo-Fr, 09:00-12:00 and 10:00-13:00 overlap; read as 09:00-13:00",
			"on Sa, 10:00-12:00, 11:00-12:30 and 12:00-13:00 overlap; read as 10:00-13:00"}},
		{"Mo 09:00-10:00, Tu 09:00-12:00,09:00-12:00", []string{"on Tu, 09:00-12:00 is written twice; read once"}},
		{"week 01-53/2 Mo 14:00-17:00,09:00-15:00", []string{"on week 01-53/2 Mo, 09:00-15:00 and 14:00-17:00 overlap; read as 09:00-17:00"}},
		{"09:00-12:00,11:00-13:00", []string{"every day, 09:00-12:00 and 11:00-13:00 overlap; read as 09:00-13:00"}},
		{"Mo-Fr 09:00-12:00,14:00-17:00", nil},
		{"Mo 08:00-12:00,10:00-12:00+", nil},
	} {
		merged, merges := MergedOverlaps(c.in)
		var got []string
		for _, m := range merges {
			got = append(got, m.String())
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: %q, want %q", c.in, got[i], c.want[i])
			}
		}
		if m, changed := MergeOverlaps(c.in); m != merged || changed != (len(merges) > 0) {
			t.Errorf("%q: MergeOverlaps %q %v, MergedOverlaps %q %d", c.in, m, changed, merged, len(merges))
		}
	}
}
