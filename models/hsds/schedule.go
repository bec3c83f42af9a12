package hsds

import (
	"fmt"
	"strings"
	"time"

	"carnet/models/openinghours"
)

// Opening hours become HSDS schedules: Carnet stores OpenStreetMap
// opening_hours expressions, HSDS 3.0 weekly recurrences (freq WEEKLY,
// byday, opens_at, closes_at). Each distinct span of the generic week is one
// schedule listing the weekdays it applies to. What recurrences cannot say
// goes into the schedules' notes: "PH off" as a sentence, and for dated
// rules, unknown times or comments the whole expression. An expression with
// no weekly span at all (only dated rules, only comments) becomes one
// schedule holding the expression in its description.
//
// Times are HSDS « time »s, HH:MM:SS as the standard's examples and its
// tabular package (type time) write them, in the place's wall-clock time.
// The end of the day is 23:59:59, not OpenStreetMap's 24:00, which strict
// readers of times (RFC 3339, XML Schema, Frictionless) refuse, and not
// 00:00, which reads as a span of no length for a whole day: the HSDS
// guidance for a place open 24 hours is 00:00 and 23:59 (2.0 « schedules »
// page). HSDS asks opens_at and closes_at to carry their UTC offset and
// has a timezone field, a UTC offset: where the place's zone has one
// offset all year (every overseas zone but Saint-Pierre-et-Miquelon's),
// both are written; where summer time moves it (Europe/Paris,
// America/Miquelon) no offset is true all year, so the times have none and
// the notes name the zone.

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
	zone       string    // IANA zone of the place, "" when unknown
	now        time.Time // the answer's time: which year's offsets count
}

// zoneInfo says how the times of a place in zone are written: the offset
// suffix and timezone value when the zone keeps one offset all year, else
// the note naming it.
func zoneInfo(zone string, now time.Time) (suffix string, offset *float64, note string) {
	if zone == "" {
		return "", nil, ""
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return "", nil, ""
	}
	if now.IsZero() {
		now = time.Now() // not year 1, whose offsets are local mean times
	}
	y := now.Year()
	_, winter := time.Date(y, 1, 1, 12, 0, 0, 0, loc).Zone()
	_, summer := time.Date(y, 7, 1, 12, 0, 0, 0, loc).Zone()
	if winter != summer {
		return "", nil, "Heures locales du lieu (fuseau horaire " + zone + ", heure d’été comprise)."
	}
	sign, abs := '+', winter
	if abs < 0 {
		sign, abs = '-', -abs
	}
	h := float64(winter) / 3600
	return fmt.Sprintf("%c%02d:%02d", sign, abs/3600, abs%3600/60), &h, ""
}

// hsdsTime writes a minute of the day (above 1440: of the next day, as in
// openinghours.WeeklySpan) as an HSDS time; 1440, the end of the day, is
// 23:59:59 (see above).
func hsdsTime(minute int, suffix string) string {
	if minute > 1440 {
		minute -= 1440
	}
	if minute >= 1440 {
		return "23:59:59" + suffix
	}
	return fmt.Sprintf("%02d:%02d:00%s", minute/60, minute%60, suffix)
}

// schedules converts expr for owner; nil when expr is empty.
func schedules(expr string, o scheduleOwner) []HSDSSchedule {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil
	}
	c := ConvertHours(expr)
	suffix, offset, zoneNote := zoneInfo(o.zone, o.now)
	base := HSDSSchedule{ServiceID: o.serviceID, LocationID: o.locationID, AttendingType: o.attending, ScheduleLink: o.link, Timezone: offset}
	if !c.Weekly() {
		s := base
		s.ID = nameID(o.id, "schedule", "text")
		s.Description = expr
		s.Notes = strings.TrimSpace("Horaires au format OpenStreetMap opening_hours, qui ne s’écrivent pas en règles hebdomadaires. " + zoneNote)
		return []HSDSSchedule{s}
	}
	var notes []string
	if c.Fidelity.ClosedOnHolidays {
		notes = append(notes, "Fermé les jours fériés.")
	}
	if zoneNote != "" {
		notes = append(notes, zoneNote) // before the expression, which ends the notes
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
		// The id is made of the HH:MM times written until 2026-12-05
		// (24:00 for the end of the day), so that it stays the same.
		s.ID = nameID(o.id, "schedule", s.Byday, openinghours.Clock(sp.Start), openinghours.Clock(sp.End))
		s.OpensAt, s.ClosesAt = hsdsTime(sp.Start, suffix), hsdsTime(sp.End, suffix)
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
