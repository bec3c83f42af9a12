package openinghours

import (
	"reflect"
	"testing"
	"time"
)

// fuzzSeeds are real values (from the shared data sets, so that the fuzz
// seeds do not depend on that folder) and expressions reaching every part
// of the grammar and of the error paths.
var fuzzSeeds = []string{
	"Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
	"Mo-Fr 08:30-12:00,13:30-17:00; We off",
	"Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17",
	"Mo-Th 08:30-13:00,13:00-17:00; Fr 08:30-17:00,08:30-17:00",
	"Tu-Su 09:00-22:00,09:00-11:30; Th 09:00-11:30; Fr off",
	"Mo-Fr 09:00-19:00; Sa 17:00",
	"We,Th 12:00-14:00-17:00; Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; Fr 12:00",
	"24/7", "24/7; PH off", "off", "closed", "open", "unknown",
	"Mo-Fr,PH 09:00-12:00", "PH 10:00-12:00", "Sa,PH off",
	"Fr-Sa 22:00-03:00", "Su 22:00-26:00", "Mo 00:00-48:00", "Mo 10:00-10:00",
	"Mo-Fr 09:00-12:00, We 14:00-16:00", "Mo 22:00-02:00; Tu 10:00-12:00",
	"10:00-12:00; 14:00-16:00", "Mo-Fr 09:00-18:00; We 12:00-13:00 off",
	`Mo-Fr 09:00-12:00 "sur rendez-vous"`, `Mo 10:00-12:00 open "x"; "y"`,
	"Jul,Aug off", "Jan-Jun Mo-Fr 09:00-12:00", "Dec 24-26 off", "Dec 24-Jan 02 off",
	"Dec 24,31 off", "Jul: Mo-Fr 10:00-12:00", "Jan-Jun 24/7", "Nov-Feb Sa-Mo 9-12",
	"mo-fr 9:00-12:00;;", "Mo - Fr 09:00 – 12:00 ,", "Mo 9h00", "SH off", "Mo[1]",
	"Mo 10:00+", "Mo 10:00-12:00 || \"x\"", "\"unterminated", "\xff", "Feb 30",
	"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30", "week 01,03,05 Mo 10:00-12:00",
	"Jan-Jun week 10-20/3: Mo-Fr,PH 9-12", "week 53 Su 20:00-03:00", "week 1-53/2", "week 20-10",
	"week 5/2 Mo", "Tu week 1 Mo",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	instants := []time.Time{
		time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 8, 23, 30, 0, 0, time.UTC),
		time.Date(2026, 3, 9, 0, 30, 0, 0, time.UTC),
		time.Date(2026, 7, 14, 1, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 25, 15, 0, 0, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 15, 0, 0, time.UTC),
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := Parse(s)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || pe.Pos < 0 || pe.Pos > len(s) || pe.Reason == "" {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		canon := h.String()
		h2, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String() %q does not parse: %v", s, canon, err)
		}
		if !reflect.DeepEqual(h.rules, h2.rules) {
			t.Fatalf("%q -> %q: rules differ\n%#v\n%#v", s, canon, h.rules, h2.rules)
		}
		if got := h2.String(); got != canon {
			t.Fatalf("String not idempotent: %q -> %q -> %q", s, canon, got)
		}
		if w1, w2 := h.Weekly(), h2.Weekly(); !reflect.DeepEqual(w1, w2) {
			t.Fatalf("%q -> %q: Weekly differs\n%v\n%v", s, canon, w1, w2)
		}
		for d, ivs := range h.Weekly() {
			for i, iv := range ivs {
				if iv.Start < 0 || iv.End > 1440 || iv.Start >= iv.End || (i > 0 && ivs[i-1].End >= iv.Start) {
					t.Fatalf("%q: day %d has bad intervals %v", s, d, ivs)
				}
			}
		}
		for _, at := range instants {
			if a, b := h.State(at), h2.State(at); a != b {
				t.Fatalf("%q -> %q: State(%s) %v vs %v", s, canon, at, a, b)
			}
		}
	})
}
