package openinghours

import (
	"slices"
	"sort"
)

// irule is an evaluation rule, built at Parse time. Its layout follows
// opening_hours.js, the reference implementation, so that the two agree:
// every written rule becomes one irule, and a rule with a span running
// past midnight gets a second, "wrapped" irule right after it that holds
// the after-midnight parts and whose date selectors (weekdays, weeks,
// months) are tested against the previous day.
type irule struct {
	dates   []dateRange
	weeks   []weekRange
	spans   []span // within one day: 0 <= start < end <= 1440
	days    uint8
	ph      bool
	hasDate bool // some date, week, weekday or PH selector: the rule is day-specific
	wrapped bool // after-midnight part of the previous irule
	resets  bool // when it applies, it discards the rules before it for that day
	allDay  bool // no time selector: the state holds for the whole day
	always  bool // a bare « 24/7 »: every day, holidays included (HolidayUnsaid)
	state   State
}

// day is what the date selectors need to know about a calendar day.
type day struct {
	wd   int // 0 = Monday
	key  int // month*32 + day of month
	week int // ISO 8601 week number, 1-53 (0 when no rule has weeks)
	ph   bool
	// generic marks a day of the generic week: date selectors never match
	// and week selectors always do (see weekly.go).
	generic bool
}

// matches reports whether the rule's selectors accept the day (the
// previous day for wrapped rules).
func (r *irule) matches(today, yesterday *day) bool {
	d := today
	if r.wrapped {
		d = yesterday
	}
	if len(r.dates) > 0 && (d.generic || !slices.ContainsFunc(r.dates, func(dr dateRange) bool { return dr.contains(d.key) })) {
		return false
	}
	if len(r.weeks) > 0 && !d.generic && !slices.ContainsFunc(r.weeks, func(wr weekRange) bool { return wr.contains(d.week) }) {
		return false
	}
	if r.days != 0 || r.ph {
		return r.days&(1<<d.wd) != 0 || (r.ph && d.ph)
	}
	return true
}

// eval computes the state at a minute of today. As in opening_hours.js,
// the last applicable "resetting" rule (a normal ";" rule that selects the
// day and is not "off") discards the rules before it; the remaining
// applicable rules are then applied in order, the last one whose time
// span contains the minute deciding the state.
func (h *Hours) eval(today, yesterday *day, minute int) State {
	st, _ := h.decide(today, yesterday, minute)
	return st
}

// decide is eval, with the index in prog of the rule deciding the state
// (-1 when none applies: Closed).
func (h *Hours) decide(today, yesterday *day, minute int) (State, int) {
	first := 0
	for i := range h.prog {
		if h.prog[i].resets && h.prog[i].matches(today, yesterday) {
			first = i
		}
	}
	st, by := Closed, -1
	for i := first; i < len(h.prog); i++ {
		r := &h.prog[i]
		if !r.matches(today, yesterday) {
			continue
		}
		if r.allDay {
			st, by = r.state, i
			continue
		}
		for _, sp := range r.spans {
			if minute >= sp.start && minute < sp.end {
				st, by = r.state, i
				break
			}
		}
	}
	return st, by
}

// compile derives the evaluation program and the generic week from the
// parsed rules.
func (h *Hours) compile() {
	// One irule per rule, plus one per rule with a span past midnight:
	// sized once rather than grown by append (Parse's allocations).
	n := len(h.rules)
	for i := range h.rules {
		for _, sp := range h.rules[i].spans {
			if sp.end > 1440 {
				n++
				break
			}
		}
	}
	h.prog = make([]irule, 0, n)
	for i := range h.rules {
		r := &h.rules[i]
		st := r.state()
		main := irule{
			dates:   r.dates,
			weeks:   r.weeks,
			days:    r.days,
			ph:      r.ph,
			hasDate: len(r.dates) > 0 || len(r.weeks) > 0 || r.days != 0 || r.ph,
			state:   st,
		}
		var after []span
		switch {
		case r.always:
			main.spans = []span{{0, 1440}}
			main.always = !main.hasDate
		case len(r.spans) == 0:
			main.allDay = true
		default:
			for _, sp := range r.spans {
				main.spans = append(main.spans, span{sp.start, min(sp.end, 1440)})
				if sp.end > 1440 {
					after = append(after, span{0, sp.end - 1440})
				}
			}
		}
		// opening_hours.js: a rule resets the day when it is a normal (";")
		// rule that is open or unknown and either selects days or follows
		// a rule that selects none ("10:00-12:00; 14:00-16:00" replaces,
		// "Mo 10:00-12:00; 14:00-16:00" adds).
		idx := len(h.prog)
		main.resets = !r.additional && st != Closed &&
			(main.hasDate || (idx > 0 && st == Open && !h.prog[idx-1].hasDate))
		h.prog = append(h.prog, main)
		if len(after) > 0 {
			h.prog = append(h.prog, irule{
				dates:   r.dates,
				weeks:   r.weeks,
				days:    r.days,
				ph:      r.ph,
				hasDate: main.hasDate,
				wrapped: true,
				spans:   after,
				state:   st,
			})
		}
		h.dated = h.dated || len(r.dates) > 0
		h.hasWeeks = h.hasWeeks || len(r.weeks) > 0
		h.usesPH = h.usesPH || r.ph
		h.hasUnknown = h.hasUnknown || st == Unknown
	}
	h.week = h.buildWeek()
}

// weekTable holds the open intervals of the generic week in one slice:
// day i (0 = Monday) owns ivs[off[i]:off[i+1]].
type weekTable struct {
	ivs []Interval
	off [8]uint16
}

func (w *weekTable) day(i int) []Interval {
	return w.ivs[w.off[i]:w.off[i+1]]
}

// buildWeek evaluates the rules over a week without dates: public
// holidays are not applied, month/date rules never match and week-number
// rules match as if every week were selected. The state can
// only change at a span boundary, so evaluating once per segment between
// boundaries is exact.
func (h *Hours) buildWeek() weekTable {
	var w weekTable
	bounds := []int{0, 1440}
	for i := range h.prog {
		for _, sp := range h.prog[i].spans {
			bounds = append(bounds, sp.start, sp.end)
		}
	}
	sort.Ints(bounds)
	uniq := bounds[:1]
	for _, b := range bounds[1:] {
		if b != uniq[len(uniq)-1] {
			uniq = append(uniq, b)
		}
	}
	for d := 0; d < 7; d++ {
		today := day{wd: d, generic: true}
		yesterday := day{wd: (d + 6) % 7, generic: true}
		w.off[d] = uint16(len(w.ivs))
		for j := 0; j+1 < len(uniq); j++ {
			if h.eval(&today, &yesterday, uniq[j]) != Open {
				continue
			}
			if n := len(w.ivs); n > int(w.off[d]) && w.ivs[n-1].End == uniq[j] {
				w.ivs[n-1].End = uniq[j+1]
			} else {
				w.ivs = append(w.ivs, Interval{uniq[j], uniq[j+1]})
			}
		}
	}
	w.off[7] = uint16(len(w.ivs))
	return w
}
