package openinghours

import (
	"fmt"
	"sort"
	"time"
)

// The helpers in this file turn an expression into weekly recurrences:
// "open from Start to End every Monday, Tuesday and Friday", the shape of
// an iCalendar RRULE (FREQ=WEEKLY;BYDAY=MO,TU,FR) with an opening and a
// closing time, which is how Open Referral HSDS schedules and most
// directory formats carry hours. They describe the generic week (see
// weekly.go); WeeklyFidelity says what such rules cannot carry.

// WeeklySpan is one opening span repeated every week on Days.
type WeeklySpan struct {
	// Days holds the weekdays, bit 0 being Monday.
	Days uint8
	// Start and End are minutes from the day's midnight, 0 <= Start <
	// End. End is at most 1440 unless the span runs past midnight into
	// the next day ("Fr 22:00-02:00" gives Start 1320, End 1560).
	Start, End int
}

// Weekdays returns Days as time.Weekday values, Monday first.
func (s WeeklySpan) Weekdays() []time.Weekday {
	var out []time.Weekday
	for i := 0; i < 7; i++ {
		if s.Days&(1<<i) != 0 {
			out = append(out, time.Weekday((i+1)%7))
		}
	}
	return out
}

// Clock formats a minute of a span as HH:MM, wrapping ends past midnight
// to the next day's wall-clock time ("02:00"); 1440 is "24:00", the OSM
// and ISO 8601 spelling of the end of a day.
func Clock(minute int) string {
	if minute > 1440 {
		minute -= 1440
	}
	return fmt.Sprintf("%02d:%02d", minute/60, minute%60)
}

// WeeklyFidelity says what the weekly spans of an expression leave out.
type WeeklyFidelity struct {
	// ClosedOnHolidays is set when the only public-holiday rule is a plain
	// "PH off": the spans hold except on public holidays, when the place is
	// closed. Recurrence rules cannot say that; a note can.
	ClosedOnHolidays bool
	// HolidayHours is set when some rule gives public holidays their own
	// hours ("PH 10:00-12:00", "Mo-Fr,PH 09:00-12:00").
	HolidayHours bool
	// DateRules is set when some rule is restricted to months or dates
	// ("Aug off", "Jul-Aug Mo-Fr 09:00-12:00"), which the generic week
	// ignores.
	DateRules bool
	// WeekRules is set when some rule is restricted to ISO week numbers
	// ("week 01-53/2 Tu 09:00-12:30": every other Tuesday), which the
	// generic week counts as if they applied every week.
	WeekRules bool
	// Unknown is set when some rule is unknown, or has a comment without a
	// state, so that its times are not counted as open.
	Unknown bool
	// Comments are the expression's quoted comments ("sur rendez-vous").
	Comments []string
}

// Exact reports whether the weekly spans, with ClosedOnHolidays, say
// everything the expression says.
func (f WeeklyFidelity) Exact() bool {
	return !f.HolidayHours && !f.DateRules && !f.WeekRules && !f.Unknown && len(f.Comments) == 0
}

// WeeklySpans returns the generic week as spans grouped by identical times,
// ordered by their first weekday then by start time, with what they leave
// out. A span that ends at midnight and continues the next morning is
// returned as one span past midnight ("Fr 22:00-02:00"), unless the next
// day is open all day. A nil Hours has no spans.
func (h *Hours) WeeklySpans() ([]WeeklySpan, WeeklyFidelity) {
	if h == nil {
		return nil, WeeklyFidelity{}
	}
	week := h.Weekly()
	// Join the parts of spans that cross midnight: d's last interval ends
	// at 24:00 and d+1's first starts at 00:00 (and does not last all day).
	type dayIv struct {
		day int
		iv  Interval
	}
	var all []dayIv
	carried := [7]bool{} // the first interval of that day was joined to the day before
	for d := 0; d < 7; d++ {
		next := (d + 1) % 7
		ivs := week[d]
		for j, iv := range ivs {
			if j == 0 && carried[d] {
				continue
			}
			if j == len(ivs)-1 && iv.End == 1440 && iv.Start > 0 && len(week[next]) > 0 {
				if n := week[next][0]; n.Start == 0 && n.End < 1440 {
					iv.End = 1440 + n.End
					carried[next] = true
				}
			}
			all = append(all, dayIv{d, iv})
		}
	}
	// Sunday's span may have been joined to Monday's first interval after
	// Monday was already emitted: drop that interval from Monday.
	if carried[0] && len(week[0]) > 0 {
		first := week[0][0]
		for i, x := range all {
			if x.day == 0 && x.iv == first {
				all = append(all[:i], all[i+1:]...)
				break
			}
		}
	}
	byTime := map[[2]int]uint8{}
	firstDay := map[[2]int]int{}
	for _, x := range all {
		k := [2]int{x.iv.Start, x.iv.End}
		if _, ok := byTime[k]; !ok {
			firstDay[k] = x.day
		}
		byTime[k] |= 1 << x.day
	}
	out := make([]WeeklySpan, 0, len(byTime))
	for k, days := range byTime {
		out = append(out, WeeklySpan{Days: days, Start: k[0], End: k[1]})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		fa, fb := firstDay[[2]int{a.Start, a.End}], firstDay[[2]int{b.Start, b.End}]
		if fa != fb {
			return fa < fb
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
	return out, h.fidelity()
}

func (h *Hours) fidelity() WeeklyFidelity {
	f := WeeklyFidelity{DateRules: h.dated, WeekRules: h.hasWeeks, Unknown: h.hasUnknown, Comments: h.Comments()}
	for i := range h.rules {
		r := &h.rules[i]
		if !r.ph {
			continue
		}
		if r.days == 0 && len(r.dates) == 0 && len(r.weeks) == 0 && len(r.spans) == 0 && !r.always && r.mod == modOff {
			f.ClosedOnHolidays = true
		} else {
			f.HolidayHours = true
		}
	}
	if f.HolidayHours {
		f.ClosedOnHolidays = false
	}
	return f
}
