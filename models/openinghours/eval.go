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

// State is like OpenAt but tells Unknown apart from Closed.
func (h *Hours) State(t time.Time) State {
	return h.StateIn(t, France)
}

// StateIn evaluates the expression at t (wall clock in t's location) with
// the public holidays of Region r.
//
// When the expression mentions PH, a French public holiday follows the
// PH rules; otherwise holidays follow the weekly rules, as in OSM.
// Month and date rules are honoured. A span past midnight belongs to the
// day it starts on: "Fr 22:00-02:00" is open on Saturday at 01:00.
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

	var y, mo, d, py, pm, pd int
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
	// Fast path: without dates, holidays or unknown rules the answer is
	// the precomputed generic week.
	if !h.dated && !h.hasUnknown && !todayPH && !yesterdayPH {
		for _, iv := range h.week.day(wd) {
			if minute >= iv.Start && minute < iv.End {
				return Open
			}
		}
		return Closed
	}
	today := day{wd: wd, key: mo*32 + d, ph: todayPH}
	yesterday := day{wd: (wd + 6) % 7, key: pm*32 + pd, ph: yesterdayPH}
	return h.eval(&today, &yesterday, minute)
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
