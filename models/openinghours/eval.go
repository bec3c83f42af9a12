package openinghours

import "time"

// OpenAt reports whether the place is open at t, read as wall-clock time in
// t's own location: convert t to Europe/Paris (or the overseas zone of the
// place) before calling. Public holidays are the French national ones
// (see Region); Unknown counts as not open. It does not allocate.
func (h *Hours) OpenAt(t time.Time) bool {
	return h.StateIn(t, France) == Open
}

// OpenAtIn is OpenAt with the public holidays of a given Region.
func (h *Hours) OpenAtIn(t time.Time, r Region) bool {
	return h.StateIn(t, r) == Open
}

// HolidayUnsaid reports whether the state of the expression at t (wall
// clock in t's location) rests on a public holiday of Region r it says
// nothing of: it names no PH, so OSM reads the holiday as an ordinary
// weekday. French directory data almost never writes PH (none of 3,255
// real records did), while most public places close on public holidays:
// a caller answering « open » should not count such hours as open then
// (see search's open_at). The day judged is the one the deciding span
// starts on: at 01:00 on a holiday Sunday, « Sa 20:00-02:00 » is
// Saturday's evening, an ordinary day, while « Su 20:00-02:00 » at 01:00
// on the Monday after is the holiday's. The holiday is said, though no PH
// is written, when the deciding rule is a bare « 24/7 » (always, holidays
// included) or has a date selector holding that day (« Dec 25
// 10:00-12:00 » names Christmas Day). It does not allocate.
func (h *Hours) HolidayUnsaid(t time.Time, r Region) bool {
	if h == nil || h.usesPH || len(h.prog) == 0 {
		return false
	}
	_, offset := t.Zone()
	secs := t.Unix() + int64(offset)
	days := int(floorDiv64(secs, 86400))
	y, mo, d := civilFromDays(days)
	py, pm, pd := civilFromDays(days - 1)
	todayPH := isHoliday(y, mo, d, days, easterDays(y), r)
	yesterdayPH := isHoliday(py, pm, pd, days-1, easterDays(py), r)
	if !todayPH && !yesterdayPH {
		return false
	}
	wd := weekdayFromDays(days)
	today := day{wd: wd, key: mo*32 + d, ph: todayPH}
	yesterday := day{wd: (wd + 6) % 7, key: pm*32 + pd, ph: yesterdayPH}
	if h.hasWeeks {
		today.week, yesterday.week = isoWeek(days, wd), isoWeek(days-1, (wd+6)%7)
	}
	_, i := h.decide(&today, &yesterday, int(secs-int64(days)*86400)/60)
	if i < 0 {
		return todayPH // nothing decides: the holiday's own state, unsaid
	}
	rule := &h.prog[i]
	if rule.wrapped {
		todayPH = yesterdayPH
	}
	return todayPH && !rule.always && len(rule.dates) == 0
}

// State is like OpenAt but tells Unknown apart from Closed.
func (h *Hours) State(t time.Time) State {
	return h.StateIn(t, France)
}

// StateIn evaluates the expression at t (wall clock in t's location) with
// the public holidays of Region r.
//
// When the expression mentions PH, a French public holiday follows the
// PH rules; otherwise holidays follow the weekly rules, as in OSM.
// Month, date and ISO week-number rules are honoured. A span past midnight
// belongs to the day it starts on: "Fr 22:00-02:00" is open on Saturday at
// 01:00, and "week 01-53/2 Su 22:00-02:00" on the Monday after each odd
// week's Sunday.
func (h *Hours) StateIn(t time.Time, r Region) State {
	if h == nil || len(h.prog) == 0 {
		return Closed
	}
	// One zone lookup gives the wall clock; the calendar is then integer
	// arithmetic on day numbers (cheaper than t.Date plus t.Clock).
	_, offset := t.Zone()
	secs := t.Unix() + int64(offset)
	days := int(floorDiv64(secs, 86400))
	minute := int(secs-int64(days)*86400) / 60
	wd := weekdayFromDays(days)

	var y, mo, d, py, pm, pd, week, prevWeek int
	var todayPH, yesterdayPH bool
	if h.usesPH || h.dated {
		y, mo, d = civilFromDays(days)
		py, pm, pd = civilFromDays(days - 1)
	}
	if h.usesPH {
		easter := easterDays(y)
		todayPH = isHoliday(y, mo, d, days, easter, r)
		if py != y {
			easter = easterDays(py)
		}
		yesterdayPH = isHoliday(py, pm, pd, days-1, easter, r)
	}
	if h.hasWeeks {
		// The after-midnight part of a span is tested with the week of
		// the day it starts on: Monday's spill from Sunday is last week's.
		week = isoWeek(days, wd)
		prevWeek = week
		if wd == 0 {
			prevWeek = isoWeek(days-1, 6)
		}
	}
	// Fast path: without dates, weeks, holidays or unknown rules the
	// answer is the precomputed generic week.
	if !h.dated && !h.hasWeeks && !h.hasUnknown && !todayPH && !yesterdayPH {
		for _, iv := range h.week.day(wd) {
			if minute >= iv.Start && minute < iv.End {
				return Open
			}
		}
		return Closed
	}
	today := day{wd: wd, key: mo*32 + d, week: week, ph: todayPH}
	yesterday := day{wd: (wd + 6) % 7, key: pm*32 + pd, week: prevWeek, ph: yesterdayPH}
	return h.eval(&today, &yesterday, minute)
}

// isoWeek returns the ISO 8601 week number (1-53) of the day numbered days
// (see daysFromCivil), whose weekday is wd (0 = Monday): the week of its
// Thursday, counted from the first Thursday of that Thursday's year. So
// 2026-12-31 is in week 53 and 2027-01-04 in week 1, 2025-12-29 in week 1
// of 2026, as time.Time.ISOWeek and opening_hours.js say.
func isoWeek(days, wd int) int {
	thursday := days - wd + 3
	y, _, _ := civilFromDays(thursday)
	return (thursday-daysFromCivil(y, 1, 1))/7 + 1
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
