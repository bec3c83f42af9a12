package openinghours

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLongRanges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Mo 09:00-48:00", []string{"09:00-48:00 lasts 39 hours"}},
		{"Sa 08:00-32:30", []string{"08:00-32:30 lasts 24h30"}},
		{"Mo 9:00 - 34:00", []string{"9:00 - 34:00 lasts 25 hours"}},
		{"Fr 22:00-26:00", nil},
		{"Mo 09:00-33:00", nil}, // exactly a day
		{"Mo 00:00-24:00", nil},
		{"Sa 20:00-04:00", nil}, // past midnight, 8 hours
		{"Mo 12:00-12:00", nil}, // OSM: a whole turn of the clock, not more
		{"24/7", nil},
		{"week 01-53/2 Tu 09:00-12:30", nil},
	} {
		if got := LongRanges(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("LongRanges(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDropLongRanges(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mo 09:00-48:00; Tu 09:00-12:00", "Tu 09:00-12:00"},
		{"Mo 09:00-12:00,13:00-38:00", "Mo 09:00-12:00"},
		{"Mo 09:00-48:00", ""},
		{`Mo 09:00-48:00 "sur rendez-vous"; Tu 10:00-11:00`, "Tu 10:00-11:00"}, // not a plain rule: dropped whole
		{"Fr 22:00-26:00", "Fr 22:00-26:00"},
	} {
		got, dropped := DropLongRanges(tc.in)
		if got != tc.want || (got != tc.in) != (len(dropped) > 0) {
			t.Errorf("DropLongRanges(%q) = %q %q, want %q", tc.in, got, dropped, tc.want)
		}
		if got != "" {
			if _, bad, err := ParseLenient(got); err != nil || len(bad) > 0 {
				t.Errorf("%q: the hours kept do not read: %v %v", got, err, bad)
			}
		}
	}
}

func TestJoinRepeatedRules(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mo 09:00-12:00; Mo 10:00-13:00", "Mo 09:00-12:00,10:00-13:00"},
		{"Mo 09:00-12:00; Mo 14:00-17:00", "Mo 09:00-12:00,14:00-17:00"},
		{"mo-fr 09:00-12:00;Mo - Fr 14:00-17:00", "mo-fr 09:00-12:00,14:00-17:00"},
		{"Mo 08:00-09:00; Mo 10:00-11:00; Mo 12:00-13:00; Tu 09:00-10:00", "Mo 08:00-09:00,10:00-11:00,12:00-13:00; Tu 09:00-10:00"},
		// The same days written otherwise, rules apart when none between
		// them names their days, the same week or month selector (a probe:
		// each left Monday morning closed, the later rule replacing it).
		{"Mo,Tu 09:00-12:00; Tu,Mo 14:00-17:00", "Mo,Tu 09:00-12:00,14:00-17:00"},
		{"Mo-We 09:00-12:00; Mo,Tu,We 14:00-17:00", "Mo-We 09:00-12:00,14:00-17:00"},
		{"Sa-Mo 10:00-12:00; Sa,Su,Mo 14:00-16:00", "Sa-Mo 10:00-12:00,14:00-16:00"},
		{"Mo 09:00-12:00; Tu 09:00-12:00; Mo 14:00-17:00", "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00"},
		{"Mo 09:00-12:00; Mo 14:00-17:00; PH off; Mo 18:00-19:00", "Mo 09:00-12:00,14:00-17:00,18:00-19:00; PH off"},
		{"week 01-53/2 Mo 09:00-12:00; week 01-53/2 Mo 14:00-17:00", "week 01-53/2 Mo 09:00-12:00,14:00-17:00"},
		{"Jan Mo 09:00-12:00; Jan Mo 14:00-17:00", "Jan Mo 09:00-12:00,14:00-17:00"},
		{"Mo 9:00-12:00; Mo 14:00-17:00", "Mo 09:00-12:00,14:00-17:00"},
		// Left to OSM's reading: an exception for part of the days, rules
		// apart with one between them naming a day of theirs (or none:
		// every day), other week selectors, a state or a comment, a rule
		// without days.
		{"Mo-Fr 09:00-18:00; We 09:00-12:00", "Mo-Fr 09:00-18:00; We 09:00-12:00"},
		{"Mo-Fr 09:00-12:00; We 14:00-15:00; Mo-Fr 14:00-17:00", "Mo-Fr 09:00-12:00; We 14:00-15:00; Mo-Fr 14:00-17:00"},
		{"Mo 09:00-12:00; 13:00-14:00; Mo 14:00-17:00", "Mo 09:00-12:00; 13:00-14:00; Mo 14:00-17:00"},
		{"Mo 09:00-12:00; Mo 10:00-11:00 off; Mo 14:00-17:00", "Mo 09:00-12:00; Mo 10:00-11:00 off; Mo 14:00-17:00"},
		{"week 01-53/2 Mo 09:00-12:00; week 02-52/2 Mo 14:00-17:00", "week 01-53/2 Mo 09:00-12:00; week 02-52/2 Mo 14:00-17:00"},
		{"Mo 09:00-12:00; week 02-52/2 Mo 14:00-17:00", "Mo 09:00-12:00; week 02-52/2 Mo 14:00-17:00"},
		{"Mo 09:00-12:00; Mo 10:00-11:00 off", "Mo 09:00-12:00; Mo 10:00-11:00 off"},
		{`Mo 09:00-12:00; Mo 14:00-16:00 "sur rendez-vous"`, `Mo 09:00-12:00; Mo 14:00-16:00 "sur rendez-vous"`},
		{"10:00-12:00; 14:00-16:00", "10:00-12:00; 14:00-16:00"},
		{"Mo 09:00-12:00", "Mo 09:00-12:00"},
	} {
		got, joins := JoinRepeatedRules(tc.in)
		if got != tc.want || (got != tc.in) != (len(joins) > 0) {
			t.Errorf("JoinRepeatedRules(%q) = %q %v, want %q", tc.in, got, joins, tc.want)
		}
	}
}

// TestTidiedReadsAsBothRules: the value stored opens when either rule
// opened, on the days they name (what the producer meant), where OSM's
// reading of the value as written opened with the last rule alone.
func TestTidiedReadsAsBothRules(t *testing.T) {
	for _, tc := range []struct{ in, want, said string }{
		{"Mo 09:00-12:00; Mo 10:00-13:00", "Mo 09:00-13:00", "time ranges of one day overlap: on Mo, 09:00-12:00 and 10:00-13:00 overlap; read as 09:00-13:00"},
		{"Mo 09:00-12:00,10:00-13:00", "Mo 09:00-13:00", "time ranges of one day overlap"},
		{"Mo 09:00-12:00; Mo 14:00-17:00", "Mo 09:00-12:00,14:00-17:00", "name the same days"},
		{"Mo-Fr 09:00-18:00; We 09:00-12:00", "Mo-Fr 09:00-18:00; We 09:00-12:00", ""},
	} {
		got, said := Tidied(tc.in)
		if got != tc.want || !strings.Contains(strings.Join(said, "; "), tc.said) || (tc.said == "") != (len(said) == 0) {
			t.Errorf("Tidied(%q) = %q %q, want %q saying %q", tc.in, got, said, tc.want, tc.said)
		}
		h, err := Parse(got)
		if err != nil {
			t.Fatalf("%q: %v", got, err)
		}
		if tc.in == "Mo 09:00-12:00; Mo 10:00-13:00" && (!h.OpenBetween(1, 9*60, 9*60+30) || !h.OpenBetween(1, 12*60+30, 13*60)) {
			t.Errorf("%q: not open at 09:00 and 12:30 on Monday: %v", got, h.Weekly())
		}
	}
}

// FuzzTidied: what every write stores is a value that parses whenever the
// value sent parsed, and that opens at least wherever the value sent
// opened on the days a joined rule named (joining only adds the ranges OSM
// would have dropped); tidying it again changes nothing.
func FuzzTidied(f *testing.F) {
	for _, s := range []string{
		"Mo 09:00-12:00; Mo 10:00-13:00", "Mo,Tu 09:00-12:00; Tu,Mo 14:00-17:00", "Mo 09:00-12:00; Tu 09:00-12:00; Mo 14:00-17:00",
		"Mo 09:00-12:00; Mo 14:00-17:00; PH off; Mo 18:00-19:00", "week 01-53/2 Mo 09:00-12:00; week 01-53/2 Mo 14:00-17:00",
		"Mo-Fr 09:00-18:00; We 09:00-12:00", "Sa-Mo 10:00-12:00; Sa,Su,Mo 14:00-16:00", "Mo 9:00-12:00; Mo 14:00-26:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := Parse(s)
		if err != nil {
			return
		}
		out, _ := Tidied(s)
		g, err := Parse(out)
		if err != nil {
			t.Fatalf("Tidied(%q) = %q, which does not parse: %v", s, out, err)
		}
		for day := range 7 {
			for m := 0; m < 24*60; m += 15 {
				if h.OpenBetween(time.Weekday(day), m, m+1) && !g.OpenBetween(time.Weekday(day), m, m+1) {
					t.Fatalf("Tidied(%q) = %q closes day %d at %s", s, out, day, Clock(m))
				}
			}
		}
		if again, _ := Tidied(out); again != out {
			t.Fatalf("Tidied(%q) = %q, tidied again %q", s, out, again)
		}
	})
}

// FuzzQuickDays: the days read without expressions (daysShared's filter)
// hold every day the selector names as the join reads it, so that the
// filter never skips a join.
func FuzzQuickDays(f *testing.F) {
	for _, s := range []string{"Mo-Fr 09:00-12:00", "Sa-Mo 10:00-12:00", "Mo,Tu,We 14:00-17:00", "PH off", "week 01-53/2 Mo 09:00-12:00",
		"Jan Mo 09:00-12:00", "mo - fr 09:00", "Mo-PH 10:00", "10:00-12:00", "Moé 10:00", "Tu,Mo 14:00-17:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := quickDays(s)
		if m := plainRule.FindStringSubmatch(s); m != nil {
			if mask, ok := daySet(m[2]); ok && mask&^q != 0 {
				t.Fatalf("quickDays(%q) = %08b, the join reads %08b", s, q, mask)
			}
		}
	})
}
