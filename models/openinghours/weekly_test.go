package openinghours

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// weekString renders Weekly() compactly: "Mo 09:00-12:00,14:00-18:00; Sa …",
// days without intervals omitted.
func weekString(w [7][]Interval) string {
	var parts []string
	for d, ivs := range w {
		if len(ivs) == 0 {
			continue
		}
		var s []string
		for _, iv := range ivs {
			s = append(s, fmt.Sprintf("%02d:%02d-%02d:%02d", iv.Start/60, iv.Start%60, iv.End/60, iv.End%60))
		}
		parts = append(parts, weekdayNames[d]+" "+strings.Join(s, ","))
	}
	return strings.Join(parts, "; ")
}

func TestWeekly(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00",
			"Mo 09:00-12:00,14:00-18:00; Tu 09:00-12:00,14:00-18:00; We 09:00-12:00,14:00-18:00; Th 09:00-12:00,14:00-18:00; Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00"},
		// sorted and merged
		{"Mo 14:00-16:00,09:00-12:00,11:00-13:00,16:00-17:00", "Mo 09:00-13:00,14:00-17:00"},
		{"Mo-Fr 09:00-12:30,12:30-17:30", "Mo 09:00-17:30; Tu 09:00-17:30; We 09:00-17:30; Th 09:00-17:30; Fr 09:00-17:30"},
		// overnight spans are split across days, Sunday into Monday
		{"Fr,Su 22:00-02:00", "Mo 00:00-02:00; Fr 22:00-24:00; Sa 00:00-02:00; Su 22:00-24:00"},
		{"Sa 20:00-24:00, Su 00:00-02:00", "Sa 20:00-24:00; Su 00:00-02:00"},
		{"Mo 12:00-36:00", "Mo 12:00-24:00; Tu 00:00-12:00"},
		// replace and add
		{"Mo-We 09:00-18:00; We 09:00-12:00", "Mo 09:00-18:00; Tu 09:00-18:00; We 09:00-12:00"},
		{"Mo-We 09:00-12:00, We 14:00-16:00", "Mo 09:00-12:00; Tu 09:00-12:00; We 09:00-12:00,14:00-16:00"},
		{"Mo-We 09:00-18:00; We 12:00-13:00 off", "Mo 09:00-18:00; Tu 09:00-18:00; We 09:00-12:00,13:00-18:00"},
		{"Mo 22:00-02:00; Tu 10:00-12:00", "Mo 22:00-24:00; Tu 10:00-12:00"},
		{"Mo-We 09:00-17:00; We off", "Mo 09:00-17:00; Tu 09:00-17:00"},
		// PH and month/date rules are ignored; unknown is not open
		{"Mo,Tu 09:00-12:00; PH off", "Mo 09:00-12:00; Tu 09:00-12:00"},
		{"Mo,Tu 09:00-12:00; PH 10:00-11:00", "Mo 09:00-12:00; Tu 09:00-12:00"},
		{"Mo,Tu 09:00-12:00; Aug off", "Mo 09:00-12:00; Tu 09:00-12:00"},
		{"Jan-Jun Mo 09:00-12:00", ""},
		{`Mo 09:00-12:00; Tu 10:00-11:00 "sur rendez-vous"`, "Mo 09:00-12:00"},
		{"off", ""},
		{"Sa-Mo 10:00-11:00", "Mo 10:00-11:00; Sa 10:00-11:00; Su 10:00-11:00"},
		// week-number rules count as if they applied every week
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30", "Tu 09:00-12:30; Th 13:30-16:30"},
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Tu 13:30-16:30", "Tu 13:30-16:30"},
		{"week 1-53/2 Tu 09:00-12:30, week 2-52/2 Tu 13:30-16:30", "Tu 09:00-12:30,13:30-16:30"},
		{"Mo-Th 09:00-12:00; week 1-53/2 We off", "Mo 09:00-12:00; Tu 09:00-12:00; Th 09:00-12:00"},
		{"week 1-53/2 Su 22:00-02:00", "Mo 00:00-02:00; Su 22:00-24:00"},
		{"Jan-Jun week 1-53/2 Tu 09:00-12:30", ""},
		{"24/7", "Mo 00:00-24:00; Tu 00:00-24:00; We 00:00-24:00; Th 00:00-24:00; Fr 00:00-24:00; Sa 00:00-24:00; Su 00:00-24:00"},
	}
	for _, tt := range tests {
		h := mustParse(tt.expr)
		if got := weekString(h.Weekly()); got != tt.want {
			t.Errorf("Weekly(%q)\n got  %s\n want %s", tt.expr, got, tt.want)
		}
	}
}

func TestWeeklyReturnsACopy(t *testing.T) {
	h := mustParse("Mo 09:00-12:00")
	w := h.Weekly()
	w[0][0].End = 1440
	if got := weekString(h.Weekly()); got != "Mo 09:00-12:00" {
		t.Fatalf("Weekly result aliases internal state: %s", got)
	}
}

func TestOpenOnDay(t *testing.T) {
	h := mustParse("Mo-Fr 09:00-12:00; We off; Sa 22:00-01:00; PH 10:00-12:00")
	want := map[time.Weekday]bool{
		time.Monday: true, time.Tuesday: true, time.Wednesday: false, time.Thursday: true,
		time.Friday: true, time.Saturday: true, time.Sunday: true, // Sunday: the spill until 01:00
	}
	for d, w := range want {
		if got := h.OpenOnDay(d); got != w {
			t.Errorf("OpenOnDay(%v) = %v, want %v", d, got, w)
		}
	}
	if h.OpenOnDay(7) || h.OpenOnDay(-1) {
		t.Error("invalid weekdays must be closed")
	}
}

func TestOpenBetween(t *testing.T) {
	h := mustParse("Mo-Fr 09:00-12:00,14:00-18:00; Th 14:00-20:00; Sa 22:00-02:00")
	tests := []struct {
		d        time.Weekday
		from, to int
		want     bool
	}{
		{time.Monday, 18 * 60, 24 * 60, false}, // closes at 18:00 sharp
		{time.Monday, 17*60 + 59, 24 * 60, true},
		{time.Thursday, 18 * 60, 24 * 60, true},
		{time.Monday, 12 * 60, 14 * 60, false}, // lunch break
		{time.Monday, 12 * 60, 14*60 + 1, true},
		{time.Monday, 0, 9 * 60, false},
		{time.Sunday, 0, 60, true}, // Saturday night's spill
		{time.Sunday, 2 * 60, 24 * 60, false},
		{time.Saturday, 23 * 60, 23 * 60, false},       // empty range
		{time.Saturday, 20 * 60, 18 * 60, false},       // reversed range
		{time.Friday, 20 * 60, 24*60 + 30, false},      // into Saturday 00:30: closed
		{time.Saturday, 12 * 60, 24*60 + 30, true},     // Saturday 22:00
		{time.Sunday, 23 * 60, 24*60 + 9*60, false},    // into Monday before 09:00
		{time.Sunday, 23 * 60, 24*60 + 9*60 + 1, true}, // Monday 09:00
		{time.Monday, -100, 9*60 + 1, true},
		{time.Monday, 9 * 60, 10000, true},
		{time.Weekday(9), 0, 1440, false},
	}
	for _, tt := range tests {
		if got := h.OpenBetween(tt.d, tt.from, tt.to); got != tt.want {
			t.Errorf("OpenBetween(%v, %d, %d) = %v, want %v", tt.d, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestIs247(t *testing.T) {
	for expr, want := range map[string]bool{
		"24/7":                           true,
		"open":                           true,
		"Mo-Su 00:00-24:00":              true,
		"00:00-12:00,12:00-24:00":        true,
		"24/7; PH off":                   true, // generic week ignores PH
		"24/7; Aug off":                  true, // and month rules
		"Mo-Sa 00:00-24:00":              false,
		"Mo-Su 00:00-23:59":              false,
		"Mo-Su 00:00-24:00; We off":      false,
		"Mo-Su 00:00-24:00 unknown":      false,
		"Mo-Su 12:00-12:00":              true, // 24 h spans chained across days
		"Mo-Fr 09:00-18:00":              false,
		`24/7 "sauf travaux"`:            false, // unknown
		`24/7 open "sauf travaux"`:       true,
		"Mo-Su 08:00-20:00; 20:00-08:00": true,
		"week 1-53/2 24/7":               true, // week rules count every week
		"24/7; week 2-52/2 We off":       false,
	} {
		if got := mustParse(expr).Is247(); got != want {
			t.Errorf("Is247(%q) = %v, want %v", expr, got, want)
		}
	}
}

// OpenAt's fast path and the generic week must agree with the rule
// evaluator for expressions without dates, holidays or unknown rules.
func TestWeekTableMatchesEvaluator(t *testing.T) {
	for _, expr := range []string{
		"Mo-Fr 09:00-12:00,14:00-18:00; We 09:00-12:00",
		"Mo 22:00-02:00; Tu 10:00-12:00",
		"Fr-Su 20:00-03:00, Mo 00:00-01:00",
		"10:00-12:00; Mo off; 14:00-15:00",
		"Mo-Fr 09:00-18:00; We 12:00-13:00 off; Sa 23:00-47:00",
	} {
		h := mustParse(expr)
		for d := 0; d < 7; d++ {
			today := day{wd: d, generic: true}
			yesterday := day{wd: (d + 6) % 7, generic: true}
			for m := 0; m < 1440; m++ {
				want := h.eval(&today, &yesterday, m) == Open
				got := false
				for _, iv := range h.week.day(d) {
					if m >= iv.Start && m < iv.End {
						got = true
					}
				}
				if got != want {
					t.Fatalf("%q day %d minute %d: table %v, evaluator %v", expr, d, m, got, want)
				}
			}
		}
	}
}

// OpenThrough: open without a break over the whole range (a place that
// does not close for lunch), merged intervals counting as one.
func TestOpenThrough(t *testing.T) {
	for _, tc := range []struct {
		hours string
		want  bool
	}{
		{"Mo-Fr 09:00-17:00", true},
		{"Mo-Fr 11:00-15:00", true},
		{"Mo-Fr 09:00-12:30,13:30-17:00", false},
		{"Mo-Fr 09:00-13:00", false},
		{"Mo-Fr 09:00-12:30,12:30-17:00", true},
		{"Tu 09:00-17:00", false},
	} {
		h, err := Parse(tc.hours)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.OpenThrough(time.Monday, 12*60+30, 13*60+30); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.hours, got, tc.want)
		}
	}
}
