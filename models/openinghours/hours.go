package openinghours

// Hours is a parsed opening_hours value. Build one with Parse; the zero
// value and a nil *Hours are valid and mean "never open". An Hours is
// immutable after Parse, so it is safe for concurrent use.
type Hours struct {
	// rules is the expression as written (normalised), used by String.
	rules []rule

	// Everything below is derived from rules once, at Parse time, so that
	// evaluation does no allocation and little work (see compile.go).
	prog       []irule
	dated      bool // some rule has a month or date selector
	hasWeeks   bool // some rule has a week-number selector
	usesPH     bool // some rule mentions PH
	hasUnknown bool // some rule evaluates to Unknown
	week       weekTable
}

// Interval is a half-open range of minutes since midnight, [Start, End),
// with 0 <= Start < End <= 1440.
type Interval struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// State is the result of evaluating an expression at an instant.
type State uint8

const (
	// Closed is the default state: no rule says otherwise.
	Closed State = iota
	// Open means a rule says the place is open.
	Open
	// Unknown comes from the "unknown" keyword, or from a rule that has a
	// comment but no explicit state (OSM: `Mo 10:00-12:00 "sur
	// rendez-vous"` is unknown, `Mo 10:00-12:00 open "sur rendez-vous"`
	// is open). OpenAt treats it as not open.
	Unknown
)

// String returns "closed", "open" or "unknown".
func (s State) String() string {
	switch s {
	case Open:
		return "open"
	case Unknown:
		return "unknown"
	default:
		return "closed"
	}
}

// modifier is the rule modifier as written; modNone keeps the difference
// between an implicit and an explicit "open" so String round-trips.
type modifier uint8

const (
	modNone modifier = iota
	modOpen
	modOff // "off" and its synonym "closed"
	modUnknown
)

// rule is one rule of the expression, as written. (The fields are ordered
// to keep the struct small: Parse allocates the rules.)
type rule struct {
	dates      []dateRange // month / month-day selectors, OR-ed; empty = any date
	weeks      []weekRange // ISO week-number selectors, OR-ed; empty = any week
	spans      []span      // time spans; empty (and !always) = the whole day
	comment    string
	additional bool  // separated from the previous rule by "," (adds) rather than ";" (replaces)
	days       uint8 // weekday bit set, bit 0 = Monday; 0 = none written
	ph         bool  // "PH" appears in the weekday list
	always     bool  // "24/7"
	mod        modifier
	hasComment bool
}

// state is what the rule sets when it applies, following opening_hours.js:
// a comment without an explicit state makes the rule unknown.
func (r *rule) state() State {
	switch r.mod {
	case modOpen:
		return Open
	case modOff:
		return Closed
	case modUnknown:
		return Unknown
	}
	if r.hasComment {
		return Unknown
	}
	return Open
}

// span is a time span in minutes. start is in [0, 1440); end is in
// (start, start+1440], so an end above 1440 runs past midnight into the
// next day (22:00-02:00 is stored as 1320-1560).
type span struct {
	start, end int
}

// dateRange is a month or month-day selector. A zero fromDay means a
// whole-month selector (Jan, Jan-Jun): the range then covers from the
// first day of fromMonth to the last day of toMonth. A range whose start
// comes after its end (Nov-Feb, Dec 24-Jan 02) wraps over the new year.
type dateRange struct {
	fromMonth, fromDay, toMonth, toDay uint8
}

// weekRange is a week-number selector item, with ISO 8601 week numbers
// (1-53; week 1 holds the year's first Thursday): "week 05" (from = to,
// step 0), "week 10-20" (step 0) or "week 01-53/2" (every second week
// from 1 to 53, so weeks 53 and 1 of the next year both match). from <=
// to: as in opening_hours.js, a range does not wrap over the new year.
type weekRange struct {
	from, to, step uint8
}

// contains reports whether ISO week w is selected.
func (r weekRange) contains(w int) bool {
	if w < int(r.from) || w > int(r.to) {
		return false
	}
	return r.step == 0 || (w-int(r.from))%int(r.step) == 0
}

// contains reports whether the date key (month*32 + day) is in the range.
func (r dateRange) contains(key int) bool {
	from := int(r.fromMonth)*32 + int(r.fromDay)
	to := int(r.toMonth)*32 + int(r.toDay)
	if r.fromDay == 0 {
		from = int(r.fromMonth)*32 + 1
		to = int(r.toMonth)*32 + 31
	}
	if from <= to {
		return key >= from && key <= to
	}
	return key >= from || key <= to
}

// Comments returns the quoted comments of the expression, in order, without
// their quotes. They do not change evaluation other than making a rule
// without an explicit state Unknown (see State).
func (h *Hours) Comments() []string {
	if h == nil {
		return nil
	}
	var out []string
	for i := range h.rules {
		if h.rules[i].hasComment {
			out = append(out, h.rules[i].comment)
		}
	}
	return out
}

// UsesPublicHolidays reports whether the expression mentions PH. When it
// does not, public holidays follow the weekly rules.
func (h *Hours) UsesPublicHolidays() bool {
	return h != nil && h.usesPH
}

// HasDateRules reports whether some rule is restricted to months or dates
// (Jul-Aug, Dec 24-26). Such rules are honoured by OpenAt but ignored by
// Weekly and the other generic-week helpers.
func (h *Hours) HasDateRules() bool {
	return h != nil && h.dated
}

// HasWeekRules reports whether some rule is restricted to ISO week numbers
// ("week 01-53/2 Tu 09:00-12:30", every other Tuesday). Such rules are
// honoured by OpenAt; Weekly and the other generic-week helpers count them
// as if they applied every week (see weekly.go).
func (h *Hours) HasWeekRules() bool {
	return h != nil && h.hasWeeks
}
