package openinghours

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzGenericWeekText: the generic week of hours that parse (leniently, as
// search reads them) parses too, or is empty, and opens on no day the hours
// themselves do not open on: dropping a rule that says nothing of the days
// may leave a day unknown, never make one open.
func FuzzGenericWeekText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		"08:00-17:00", "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17",
		"Mo-Fr 15:30-18:00; Sa 11:00-11:00,17:00-17:00", "Sa 17:00-17:00,09:00-12:00",
		"Sa 09:00-12:00,17:00-17:00", "9h-12h", "Mo-Fr 09:00-12:00; We 11:00-11:00 off",
		"Mo-Fr 10:00-12:00; 08:00-17:00 off", "Mo 11:00-11:00 \"rdv\"", "Mo,,Tu 10:00-10:00,,",
	} {
		f.Add(s)
	}
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	f.Fuzz(func(t *testing.T, s string) {
		out, changed := GenericWeekText(s)
		if !changed {
			if out != s {
				t.Fatalf("%q unchanged but returned %q", s, out)
			}
			return
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("%q → %q: invalid UTF-8", s, out)
		}
		h, _, err := ParseLenient(s)
		if err != nil || out == "" {
			return
		}
		wh, _, err := ParseLenient(out)
		if err != nil {
			t.Fatalf("%q parses, its generic week %q does not: %v", s, out, err)
		}
		for _, d := range days {
			if wh.OpenOnDay(d) && !h.OpenOnDay(d) {
				t.Fatalf("%q → %q: open on %v, the hours are not", s, out, d)
			}
		}
	})
}
