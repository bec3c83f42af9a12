package hsds

import (
	"strings"

	"carnet/models/openinghours"
)

// Opening hours become HSDS schedules: Carnet stores OpenStreetMap
// opening_hours expressions, HSDS 3.0 weekly recurrences (freq WEEKLY,
// byday, opens_at, closes_at). Each distinct span of the generic week is one
// schedule listing the weekdays it applies to. What recurrences cannot say
// goes into the schedules' notes: "PH off" as a sentence, and for dated
// rules, unknown times or comments the whole expression. An expression with
// no weekly span at all (only dated rules, only comments) becomes one
// schedule holding the expression in its description. Times are the
// place's local wall-clock time: a fixed UTC offset would be wrong half of
// the year in France.

// HoursConversion says how an opening_hours expression converts.
type HoursConversion struct {
	// Spans are the weekly recurrences, none when the expression has no
	// weekly span or cannot be read.
	Spans    []openinghours.WeeklySpan
	Fidelity openinghours.WeeklyFidelity
	// Readable is false when no rule of the expression can be read (the
	// models refuse such values; data written before that rule may have
	// them). A value with an unreadable rule is read leniently
	// (openinghours.ParseLenient): its readable rules become schedules and
	// its days left unknown make it inexact, so the full text goes in notes.
	Readable bool
}

// Weekly reports whether the expression became weekly schedules.
func (c HoursConversion) Weekly() bool { return len(c.Spans) > 0 }

// Exact reports whether the schedules, with their holiday note, say
// everything the expression says.
func (c HoursConversion) Exact() bool { return c.Weekly() && c.Fidelity.Exact() }

// ConvertHours converts an opening_hours expression.
func ConvertHours(expr string) HoursConversion {
	h, _, err := openinghours.ParseLenient(expr)
	if err != nil {
		return HoursConversion{}
	}
	spans, fid := h.WeeklySpans()
	return HoursConversion{Spans: spans, Fidelity: fid, Readable: true}
}

var icalDays = [7]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// scheduleOwner is what a schedule belongs to and shares with its
// siblings.
type scheduleOwner struct {
	id         string // the owner's id, for the schedules' ids
	serviceID  string
	locationID string
	attending  string
	link       string
}

// schedules converts expr for owner; nil when expr is empty.
func schedules(expr string, o scheduleOwner) []HSDSSchedule {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil
	}
	c := ConvertHours(expr)
	base := HSDSSchedule{ServiceID: o.serviceID, LocationID: o.locationID, AttendingType: o.attending, ScheduleLink: o.link}
	if !c.Weekly() {
		s := base
		s.ID = nameID(o.id, "schedule", "text")
		s.Description = expr
		s.Notes = "Horaires au format OpenStreetMap opening_hours, qui ne s’écrivent pas en règles hebdomadaires."
		return []HSDSSchedule{s}
	}
	var notes []string
	if c.Fidelity.ClosedOnHolidays {
		notes = append(notes, "Fermé les jours fériés.")
	}
	if !c.Fidelity.Exact() {
		notes = append(notes, "Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : "+expr)
	}
	spans := recurrentSpans(c.Spans)
	out := make([]HSDSSchedule, 0, len(spans))
	for _, sp := range spans {
		var days []string
		for i, d := range icalDays {
			if sp.Days&(1<<i) != 0 {
				days = append(days, d)
			}
		}
		s := base
		s.Freq, s.Wkst, s.Byday = "WEEKLY", "MO", strings.Join(days, ",")
		s.OpensAt, s.ClosesAt = openinghours.Clock(sp.Start), openinghours.Clock(sp.End)
		s.ID = nameID(o.id, "schedule", s.Byday, s.OpensAt, s.ClosesAt)
		s.Notes = strings.Join(notes, " ")
		out = append(out, s)
	}
	return out
}

// recurrentSpans writes spans as recurrences can say them. A span past
// midnight is one recurrence whose closes_at is before its opens_at (« FR
// 20:00-02:00 »); one of a day or more (OpenStreetMap reads « Mo
// 14:00-14:00 » as 24 hours, and « Sa 11:00-11:00,17:00-17:00 » as Saturday
// 11:00 to Sunday 17:00) would read as a span of no length, or as Saturday
// 11:00-17:00: it is written as its two days, « SA 11:00-24:00 » and « SU
// 00:00-17:00 », grouped with the spans of the same times. The days of
// other spans it covers stay theirs (a Tuesday 10:00-11:00 inside Monday
// 14:00 to Tuesday 14:00 was lost before).
func recurrentSpans(in []openinghours.WeeklySpan) []openinghours.WeeklySpan {
	long := false
	for _, sp := range in {
		long = long || sp.End > 1440 && sp.End-1440 >= sp.Start
	}
	if !long {
		return in
	}
	var out []openinghours.WeeklySpan
	add := func(days uint8, start, end int) {
		for i := range out {
			if out[i].Start == start && out[i].End == end {
				out[i].Days |= days
				return
			}
		}
		out = append(out, openinghours.WeeklySpan{Days: days, Start: start, End: end})
	}
	for _, sp := range in {
		if sp.End <= 1440 || sp.End-1440 < sp.Start {
			add(sp.Days, sp.Start, sp.End)
			continue
		}
		next := sp.Days<<1 | sp.Days>>6 // Sunday's next day is Monday
		add(sp.Days, sp.Start, 1440)
		add(next&0x7f, 0, sp.End-1440)
	}
	return out
}
