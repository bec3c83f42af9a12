package openinghours

import "time"

// The helpers in this file answer questions about a generic week, with no
// dates: public holidays are not applied (PH rules never match) and rules
// restricted to months or dates (Jul-Aug …, Dec 25 off) are ignored, as
// if they did not exist. So "Mo-Fr 09:00-18:00; Aug off" is open every
// weekday here, while OpenAt honours the August closure; and an expression
// made only of month-restricted rules has an empty generic week. Unknown
// times are not open. A span past midnight counts on both days it covers:
// "Fr 22:00-02:00" gives Friday 22:00-24:00 and Saturday 00:00-02:00.
//
// Rules restricted to ISO week numbers are counted as if they applied
// every week. Unlike a seasonal month rule, a week-number rule describes
// the regular rhythm of a place: a bus there every other Tuesday morning
// and every other Thursday afternoon ("week 01-53/2 Tu 09:00-12:30; week
// 02-52/2 Th 13:30-16:30") has Tuesday 09:00-12:30 and Thursday
// 13:30-16:30 here, so OpenOnDay(time.Tuesday) is true and search's
// open_on=tuesday finds it. The generic week cannot say "every other
// week": Weekly and WeeklySpans show those times every week, and
// WeeklyFidelity.WeekRules (and HasWeekRules) says so. An "off" week rule
// closes every week likewise ("Mo-Fr 09:00-12:00; week 01-53/2 We off"
// has no Wednesday), and two week rules for one weekday apply in order
// as for any day ("week 01-53/2 Tu 09:00-12:30; week 02-52/2 Tu
// 14:00-16:00" gives Tuesday 14:00-16:00 only; "," instead of ";" gives
// both). OpenAt evaluates the actual week.

// Weekly returns the open intervals of the generic week, index 0 being
// Monday, each day's intervals sorted, non-overlapping and with adjacent
// ones merged. The result is a copy the caller may modify.
func (h *Hours) Weekly() [7][]Interval {
	var out [7][]Interval
	if h == nil {
		return out
	}
	for i := range out {
		if ivs := h.week.day(i); len(ivs) > 0 {
			out[i] = append([]Interval(nil), ivs...)
		}
	}
	return out
}

// OpenOnDay reports whether the place is open at some time of weekday d in
// the generic week (an after-midnight spill from the day before counts).
func (h *Hours) OpenOnDay(d time.Weekday) bool {
	if h == nil || d < time.Sunday || d > time.Saturday {
		return false
	}
	return len(h.week.day(mondayIndex(d))) > 0
}

// OpenBetween reports whether the place is open at some time in
// [fromMin, toMin) of weekday d in the generic week, minutes counted from
// that day's midnight; e.g. OpenBetween(time.Tuesday, 18*60, 24*60) asks
// "open on Tuesday evening after 18:00?". toMin may go up to 2880 to
// continue into the next day; an empty range is never open.
func (h *Hours) OpenBetween(d time.Weekday, fromMin, toMin int) bool {
	if h == nil || d < time.Sunday || d > time.Saturday {
		return false
	}
	fromMin = max(fromMin, 0)
	toMin = min(toMin, 2880)
	if toMin <= fromMin {
		return false
	}
	i := mondayIndex(d)
	if h.week.overlaps(i, fromMin, min(toMin, 1440)) {
		return true
	}
	return toMin > 1440 && h.week.overlaps((i+1)%7, max(fromMin-1440, 0), toMin-1440)
}

// OpenThrough reports whether the place is open without a break over the
// whole of [fromMin, toMin) of weekday d in the generic week (within the
// day): a place that does not close for lunch is open through 12:30-13:30.
// An empty range is never open.
func (h *Hours) OpenThrough(d time.Weekday, fromMin, toMin int) bool {
	if h == nil || d < time.Sunday || d > time.Saturday || toMin <= fromMin || fromMin < 0 || toMin > 1440 {
		return false
	}
	for _, iv := range h.week.day(mondayIndex(d)) {
		if iv.Start <= fromMin && iv.End >= toMin {
			return true
		}
	}
	return false
}

// Is247 reports whether the generic week is open around the clock, as
// with "24/7", "open" or "Mo-Su 00:00-24:00". Like the other generic-week
// helpers it ignores PH and month/date rules, so "24/7; PH off" is 24/7,
// and counts week-number rules every week ("week 01-53/2 24/7" is 24/7).
func (h *Hours) Is247() bool {
	if h == nil {
		return false
	}
	for i := 0; i < 7; i++ {
		ivs := h.week.day(i)
		if len(ivs) != 1 || ivs[0] != (Interval{0, 1440}) {
			return false
		}
	}
	return true
}

func (w *weekTable) overlaps(i, from, to int) bool {
	if to <= from {
		return false
	}
	for _, iv := range w.day(i) {
		if iv.Start < to && iv.End > from {
			return true
		}
	}
	return false
}

// mondayIndex maps time.Weekday (Sunday = 0) to our index (Monday = 0).
func mondayIndex(d time.Weekday) int {
	return (int(d) + 6) % 7
}
