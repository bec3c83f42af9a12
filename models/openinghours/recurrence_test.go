package openinghours

import (
	"fmt"
	"strings"
	"testing"
)

// spansString renders WeeklySpans compactly: "Mo,Tu 09:00-12:00 | …".
func spansString(spans []WeeklySpan) string {
	var parts []string
	for _, s := range spans {
		var days []string
		for i := 0; i < 7; i++ {
			if s.Days&(1<<i) != 0 {
				days = append(days, weekdayNames[i])
			}
		}
		end := Clock(s.End)
		if s.End > 1440 {
			end += "+1"
		}
		parts = append(parts, fmt.Sprintf("%s %s-%s", strings.Join(days, ","), Clock(s.Start), end))
	}
	return strings.Join(parts, " | ")
}

func TestWeeklySpans(t *testing.T) {
	tests := []struct {
		expr, want string
		fid        WeeklyFidelity
	}{
		{"Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00",
			"Mo,Tu,We,Th,Fr 09:00-12:00 | Mo,Tu,We,Th,Fr 14:00-18:00 | Sa 10:00-12:00", WeeklyFidelity{}},
		{"Mo-Fr 08:30-12:00,13:30-17:30; We off",
			"Mo,Tu,Th,Fr 08:30-12:00 | Mo,Tu,Th,Fr 13:30-17:30", WeeklyFidelity{}},
		{"Tu-Fr 09:00-12:00,14:00-18:00; Mo 08:30-12:30; Sa 09:00-12:00",
			"Mo 08:30-12:30 | Tu,We,Th,Fr,Sa 09:00-12:00 | Tu,We,Th,Fr 14:00-18:00", WeeklyFidelity{}},
		// every day
		{"08:00-17:00", "Mo,Tu,We,Th,Fr,Sa,Su 08:00-17:00", WeeklyFidelity{}},
		{"24/7", "Mo,Tu,We,Th,Fr,Sa,Su 00:00-24:00", WeeklyFidelity{}},
		// past midnight: one span, Sunday's wrapping into Monday too
		{"Fr,Su 22:00-02:00", "Fr,Su 22:00-02:00+1", WeeklyFidelity{}},
		{"Sa 20:00-24:00, Su 00:00-02:00", "Sa 20:00-02:00+1", WeeklyFidelity{}},
		{"Mo 12:00-36:00", "Mo 12:00-12:00+1", WeeklyFidelity{}},
		{"Su 22:00-02:00; Mo 08:00-12:00", "Mo 08:00-12:00 | Su 22:00-24:00", WeeklyFidelity{}},
		// a day open all day is not joined to the evening before
		{"Mo 20:00-24:00; Tu 00:00-24:00", "Mo 20:00-24:00 | Tu 00:00-24:00", WeeklyFidelity{}},
		// holidays
		{"Mo,Tu 09:00-12:00; PH off", "Mo,Tu 09:00-12:00", WeeklyFidelity{ClosedOnHolidays: true}},
		{"Mo,Tu 09:00-12:00; PH 10:00-11:00", "Mo,Tu 09:00-12:00", WeeklyFidelity{HolidayHours: true}},
		{"Mo-Fr,PH 09:00-12:00", "Mo,Tu,We,Th,Fr 09:00-12:00", WeeklyFidelity{HolidayHours: true}},
		// dates, unknown and comments
		{"Mo,Tu 09:00-12:00; Aug off", "Mo,Tu 09:00-12:00", WeeklyFidelity{DateRules: true}},
		{"Jan-Jun Mo 09:00-12:00", "", WeeklyFidelity{DateRules: true}},
		{`Mo 09:00-12:00; Tu 10:00-11:00 "sur rendez-vous"`, "Mo 09:00-12:00", WeeklyFidelity{Unknown: true, Comments: []string{"sur rendez-vous"}}},
		{`Mo 09:00-12:00 open "sur rendez-vous"`, "Mo 09:00-12:00", WeeklyFidelity{Comments: []string{"sur rendez-vous"}}},
		{"off", "", WeeklyFidelity{}},
		// week numbers: counted every week, but not exact
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30", "Tu 09:00-12:30 | Th 13:30-16:30", WeeklyFidelity{WeekRules: true}},
		{"Mo-Fr 09:00-12:00; week 1-53/2 PH off", "Mo,Tu,We,Th,Fr 09:00-12:00", WeeklyFidelity{HolidayHours: true, WeekRules: true}},
	}
	for _, tt := range tests {
		spans, fid := mustParse(tt.expr).WeeklySpans()
		if got := spansString(spans); got != tt.want {
			t.Errorf("WeeklySpans(%q)\n got  %s\n want %s", tt.expr, got, tt.want)
		}
		if fmt.Sprint(fid) != fmt.Sprint(tt.fid) {
			t.Errorf("WeeklySpans(%q) fidelity %+v, want %+v", tt.expr, fid, tt.fid)
		}
	}
}

// TestWeeklySpansCoverTheWeek checks on every expression of the parser's
// tests that the spans, expanded back day by day, give exactly Weekly().
func TestWeeklySpansCoverTheWeek(t *testing.T) {
	exprs := []string{
		"Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00", "Fr,Su 22:00-02:00", "Mo 12:00-36:00",
		"Sa 20:00-24:00, Su 00:00-02:00", "Su 22:00-02:00; Mo 08:00-12:00", "24/7", "Mo-We 09:00-18:00; We 12:00-13:00 off",
		"Mo 22:00-02:00; Tu 10:00-12:00", "Sa-Mo 10:00-11:00", "Mo 20:00-24:00; Tu 00:00-24:00", "Mo-Su 18:00-06:00",
	}
	for _, e := range exprs {
		h := mustParse(e)
		spans, _ := h.WeeklySpans()
		var got [7][]Interval
		for _, s := range spans {
			for d := 0; d < 7; d++ {
				if s.Days&(1<<d) == 0 {
					continue
				}
				got[d] = append(got[d], Interval{s.Start, min(s.End, 1440)})
				if s.End > 1440 {
					got[(d+1)%7] = append(got[(d+1)%7], Interval{0, s.End - 1440})
				}
			}
		}
		for d := range got {
			got[d] = normalizeIntervals(got[d])
		}
		if weekString(got) != weekString(h.Weekly()) {
			t.Errorf("%q: spans give %s, Weekly gives %s", e, weekString(got), weekString(h.Weekly()))
		}
	}
}

// normalizeIntervals sorts and merges touching intervals, as Weekly does.
func normalizeIntervals(ivs []Interval) []Interval {
	for i := 1; i < len(ivs); i++ {
		for j := i; j > 0 && ivs[j].Start < ivs[j-1].Start; j-- {
			ivs[j], ivs[j-1] = ivs[j-1], ivs[j]
		}
	}
	var out []Interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && out[n-1].End >= iv.Start {
			out[n-1].End = max(out[n-1].End, iv.End)
			continue
		}
		out = append(out, iv)
	}
	return out
}
