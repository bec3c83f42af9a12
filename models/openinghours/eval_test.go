package openinghours

import (
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris even where the system has no zoneinfo
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

// mustTime parses "2006-01-02 15:04" or "2006-01-02 15:04:05" as Paris
// wall-clock time.
func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout += ":05"
	}
	tm, err := time.ParseInLocation(layout, s, paris)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// 2026-03-02 is a Monday; 2026-07-14 (Tuesday) and 2026-05-25 (Whit
// Monday) are public holidays.
func TestState(t *testing.T) {
	tests := []struct {
		expr string
		at   string
		want State
	}{
		// plain week, boundaries are [start, end)
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 10:00", Open},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 09:00", Open},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 08:59:59", Closed},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 11:59:59", Open},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 12:00", Closed},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-02 13:00", Closed},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-06 17:59", Open},
		{"Mo-Fr 09:00-12:00,14:00-18:00", "2026-03-07 10:00", Closed},
		{"Mo,We,Fr 09:00-12:00", "2026-03-03 10:00", Closed},
		{"Mo,We,Fr 09:00-12:00", "2026-03-04 10:00", Open},
		{"Mo-We,Fr 09:00-12:00", "2026-03-05 10:00", Closed},
		{"Sa-Mo 10:00-12:00", "2026-03-08 11:00", Open},
		{"Sa-Mo 10:00-12:00", "2026-03-02 11:00", Open},
		{"Sa-Mo 10:00-12:00", "2026-03-03 11:00", Closed},
		{"08:00-17:00", "2026-03-08 12:00", Open},
		{"Mo-Fr 09:00-24:00", "2026-03-02 23:59", Open},
		{"Mo-Fr 09:00-24:00", "2026-03-03 00:00", Closed},
		// overnight: the part after midnight belongs to the day before
		{"Fr 22:00-02:00", "2026-03-06 23:00", Open},
		{"Fr 22:00-02:00", "2026-03-07 01:59", Open},
		{"Fr 22:00-02:00", "2026-03-07 02:00", Closed},
		{"Fr 22:00-02:00", "2026-03-06 01:00", Closed},
		{"Fr 22:00-26:00", "2026-03-07 01:00", Open},
		{"Su 22:00-02:00", "2026-03-02 01:00", Open},
		{"Su 22:00-02:00", "2026-03-30 00:30", Open}, // first Monday of summer time
		{"Mo 10:00-10:00", "2026-03-03 09:59", Open},
		{"Mo 10:00-10:00", "2026-03-03 10:00", Closed},
		{"Mo 00:00-48:00", "2026-03-03 23:59", Open},
		// ISO week numbers; 2026 has 53 weeks, 2027 52
		{"week 1-53/2 Tu 09:00-12:30", "2026-03-03 10:00", Closed},   // week 10
		{"week 1-53/2 Tu 09:00-12:30", "2026-03-10 10:00", Open},     // week 11
		{"week 1-53/2 Tu 09:00-12:30", "2026-12-29 10:00", Open},     // week 53
		{"week 1-53/2 Tu 09:00-12:30", "2027-01-05 10:00", Open},     // week 1 of 2027
		{"week 1-53/2 Tu 09:00-12:30", "2027-12-28 10:00", Closed},   // week 52
		{"week 1-53/2 Tu 09:00-12:30", "2025-12-30 10:00", Open},     // week 1 of 2026
		{"week 01,03,05 Mo 10:00-12:00", "2026-01-12 11:00", Open},   // week 3
		{"week 01,03,05 Mo 10:00-12:00", "2026-01-19 11:00", Closed}, // week 4
		{"week 53 Mo-Su 10:00-12:00", "2027-01-03 11:00", Open},
		{"week 53 Mo-Su 10:00-12:00", "2027-01-04 11:00", Closed},
		// after midnight: the week of the day the span starts on
		{"week 53 Su 20:00-03:00", "2027-01-04 02:00", Open},   // Monday of week 1, after Sunday of week 53
		{"week 53 Su 20:00-03:00", "2026-12-28 02:00", Closed}, // Monday of week 53, after Sunday of week 52
		{"week 1-53/2 Su 22:00-02:00", "2026-03-16 01:00", Open},
		{"week 1-53/2 Su 22:00-02:00", "2026-03-09 01:00", Closed},
		{"Mo 22:00-02:00; week 1-53/2 Tu 10:00-12:00", "2026-03-10 01:00", Closed},
		{"Mo 22:00-02:00; week 1-53/2 Tu 10:00-12:00", "2026-03-03 01:00", Open},
		// with months, holidays, replacement
		{"Jan-Jun week 1-53/2 Tu 09:00-12:30", "2026-03-10 10:00", Open},
		{"Jan-Jun week 1-53/2 Tu 09:00-12:30", "2026-07-07 10:00", Closed},
		{"week 1-53/2 Tu 09:00-12:30; PH off", "2026-07-14 10:00", Closed},
		{"week 1-53/2 Mo-Fr,PH 09:00-12:00", "2026-07-14 10:00", Open}, // week 29
		{"week 2-52/2 PH 10:00-12:00", "2026-05-25 11:00", Open},       // Whit Monday, week 22
		{"week 2-52/2 PH 10:00-12:00", "2026-07-14 11:00", Closed},     // week 29
		{"Mo-Fr 09:00-12:00; week 1-53/2 We off", "2026-03-11 10:00", Closed},
		{"Mo-Fr 09:00-12:00; week 1-53/2 We off", "2026-03-04 10:00", Open},
		{`week 1-53/2 Tu 09:00-12:30 "bus"`, "2026-03-10 10:00", Unknown},
		// ";" replaces the earlier rules for the days it selects
		{"Mo-Fr 09:00-18:00; We 09:00-12:00", "2026-03-04 15:00", Closed},
		{"Mo-Fr 09:00-18:00; We 09:00-12:00", "2026-03-03 15:00", Open},
		{"Mo-Fr 09:00-17:00; We off", "2026-03-04 10:00", Closed},
		{"Mo 08:00-10:00; Mo 22:00-02:00", "2026-03-02 09:00", Closed},
		{"Mo 22:00-02:00; Tu 10:00-12:00", "2026-03-03 01:00", Closed},
		{"22:00-02:00; Tu 10:00-12:00", "2026-03-03 01:00", Closed},
		{"Mo-Su 09:00-18:00; Jul,Aug off", "2026-07-02 10:00", Closed},
		{"Jul,Aug off; Mo-Su 09:00-18:00", "2026-07-02 10:00", Open},
		// "off" with times closes those times without replacing the day
		{"Mo-Fr 09:00-18:00; We 12:00-13:00 off", "2026-03-04 12:30", Closed},
		{"Mo-Fr 09:00-18:00; We 12:00-13:00 off", "2026-03-04 15:00", Open},
		// "," adds
		{"Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-03-04 15:00", Open},
		{"Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-03-04 10:00", Open},
		{"Mo 22:00-02:00, Tu 10:00-12:00", "2026-03-03 01:00", Open},
		{"Mo-Fr 09:00-17:00, We off", "2026-03-04 10:00", Closed},
		// rules without a weekday: replace only rules without one either
		{"10:00-12:00; 14:00-16:00", "2026-03-02 10:30", Closed},
		{"10:00-12:00; 14:00-16:00", "2026-03-02 15:00", Open},
		{"Mo 10:00-12:00; 14:00-16:00", "2026-03-02 10:30", Open},
		{"Mo 10:00-12:00; 14:00-16:00", "2026-03-03 15:00", Open},
		{"10:00-12:00; Mo off; 14:00-15:00", "2026-03-02 14:30", Open},
		{"10:00-12:00; Mo off; 14:00-15:00", "2026-03-02 10:30", Closed},
		// public holidays follow PH rules when there are some…
		{"Mo-Fr 09:00-12:00; PH off", "2026-07-14 10:00", Closed},
		{"Mo-Fr 09:00-12:00; PH off", "2026-07-15 10:00", Open},
		{"Mo-Fr 09:00-12:00; PH off", "2026-05-25 10:00", Closed},
		{"Mo-Fr 09:00-12:00; PH off", "2026-12-25 10:00", Closed},
		{"Mo-Fr 09:00-18:00; PH 10:00-12:00", "2026-07-14 11:00", Open},
		{"Mo-Fr 09:00-18:00; PH 10:00-12:00", "2026-07-14 15:00", Closed},
		{"Mo-Fr,PH 09:00-12:00", "2026-11-01 10:00", Open}, // a Sunday
		{"Mo-Fr,PH 09:00-12:00", "2026-11-08 10:00", Closed},
		{"Sa,Su 10:00-12:00; PH off", "2026-08-15 11:00", Closed}, // a Saturday
		{"Mo-Su 22:00-02:00; PH off", "2026-07-14 01:00", Closed},
		{"Mo-Su 22:00-02:00; PH off", "2026-07-15 01:00", Open}, // spill from the holiday
		{"PH off; Mo-Fr 10:00-12:00", "2026-07-14 11:00", Open},
		// …and the weekly rules otherwise
		{"Mo-Fr 09:00-12:00", "2026-07-14 10:00", Open},
		{"Mo-Fr 09:00-12:00", "2026-05-25 10:00", Open},
		// 24/7, open, off
		{"24/7", "2026-03-08 03:00", Open},
		{"24/7; PH off", "2026-12-25 10:00", Closed},
		{"24/7; PH off", "2026-12-24 10:00", Open},
		{"open", "2026-03-08 03:00", Open},
		{"off", "2026-03-02 10:00", Closed},
		{"closed", "2026-03-02 10:00", Closed},
		{"Mo-Fr 24/7", "2026-03-08 10:00", Closed},
		// unknown and comments
		{"unknown", "2026-03-02 10:00", Unknown},
		{"Mo 10:00-12:00 unknown", "2026-03-02 11:00", Unknown},
		{"Mo 10:00-12:00 unknown", "2026-03-02 13:00", Closed},
		{`Mo 10:00-12:00 "sur rendez-vous"`, "2026-03-02 11:00", Unknown},
		{`Mo 10:00-12:00 open "sur rendez-vous"`, "2026-03-02 11:00", Open},
		{`Mo 10:00-12:00 off "travaux"`, "2026-03-02 11:00", Closed},
		{`"sur rendez-vous"`, "2026-03-02 11:00", Unknown},
		{`Mo-Fr 09:00-17:00; We 12:00-13:00 unknown`, "2026-03-04 10:00", Closed},
		// months and dates
		{"Jan-Jun Mo-Fr 09:00-12:00; Jul-Dec Mo-Fr 14:00-16:00", "2026-03-02 10:00", Open},
		{"Jan-Jun Mo-Fr 09:00-12:00; Jul-Dec Mo-Fr 14:00-16:00", "2026-09-01 10:00", Closed},
		{"Jan-Jun Mo-Fr 09:00-12:00; Jul-Dec Mo-Fr 14:00-16:00", "2026-09-01 15:00", Open},
		{"Nov-Feb 10:00-12:00", "2026-01-02 11:00", Open},
		{"Nov-Feb 10:00-12:00", "2026-03-02 11:00", Closed},
		{"Mo-Su 09:00-18:00; Dec 24-26 off", "2026-12-26 10:00", Closed},
		{"Mo-Su 09:00-18:00; Dec 24-26 off", "2026-12-27 10:00", Open},
		{"Mo-Su 09:00-18:00; Dec 24-Jan 02 off", "2027-01-02 10:00", Closed},
		{"Mo-Su 09:00-18:00; Dec 24-Jan 02 off", "2027-01-03 10:00", Open},
		{"Mo-Su 09:00-18:00; Dec 24,31 off", "2026-12-31 10:00", Closed},
		{"Dec 31 20:00-02:00", "2027-01-01 01:00", Open}, // wrapped rule reads the day before
		{"Dec 31 20:00-02:00", "2026-01-02 01:00", Closed},
		{"Dec 31 20:00-02:00", "2026-12-31 01:00", Closed},
		{"Feb 29 off; 10:00-12:00", "2028-02-29 11:00", Open},
	}
	for _, tt := range tests {
		h, err := Parse(tt.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.expr, err)
			continue
		}
		at := mustTime(t, tt.at)
		if got := h.State(at); got != tt.want {
			t.Errorf("%q at %s (%s): got %v, want %v", tt.expr, tt.at, at.Weekday(), got, tt.want)
		}
		if got := h.OpenAt(at); got != (tt.want == Open) {
			t.Errorf("%q: OpenAt(%s) = %v", tt.expr, tt.at, got)
		}
	}
}

func TestRegion(t *testing.T) {
	h := mustParse("Mo-Su 09:00-18:00; PH off")
	goodFriday := mustTime(t, "2026-04-03 10:00")
	stStephen := mustTime(t, "2026-12-26 10:00")
	if !h.OpenAt(goodFriday) || !h.OpenAt(stStephen) {
		t.Error("Good Friday and 26 December are not national holidays")
	}
	if h.OpenAtIn(goodFriday, AlsaceMoselle) || h.OpenAtIn(stStephen, AlsaceMoselle) {
		t.Error("Good Friday and 26 December are holidays in Alsace-Moselle")
	}
	if !h.OpenAtIn(mustTime(t, "2026-04-04 10:00"), AlsaceMoselle) {
		t.Error("Holy Saturday is not a holiday")
	}
}

// OpenAt reads the wall clock in t's own location.
func TestOpenAtUsesLocation(t *testing.T) {
	h := mustParse("Mo 10:00-12:00")
	utc := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC) // 10:30 in Paris
	if h.OpenAt(utc) {
		t.Error("09:30 UTC read as UTC should be closed")
	}
	if !h.OpenAt(utc.In(paris)) {
		t.Error("the same instant in Paris should be open")
	}
	reunion := time.FixedZone("Indian/Reunion", 4*3600)
	if !h.OpenAt(time.Date(2026, 3, 2, 11, 0, 0, 0, reunion)) {
		t.Error("11:00 in La Réunion should be open")
	}
}

func TestEvaluationDoesNotAllocate(t *testing.T) {
	for _, expr := range []string{
		"Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",          // fast path
		"Mo-Fr 09:00-12:00,14:00-18:00; PH off",                  // holidays
		"Mo-Su 09:00-18:00; Jul,Aug off; Dec 24-Jan 02 off",      // dates
		`Mo-Fr 09:00-12:00 "sur rendez-vous"; Sa 22:00-02:00`,    // unknown, overnight
		"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Su 22:00-02:00", // weeks
	} {
		h := mustParse(expr)
		at := mustTime(t, "2026-07-14 10:00")
		allocs := testing.AllocsPerRun(100, func() {
			h.OpenAt(at)
			h.State(at)
			h.OpenBetween(time.Tuesday, 18*60, 26*60)
			h.OpenOnDay(time.Sunday)
			h.Is247()
		})
		if allocs != 0 {
			t.Errorf("%q: %v allocations per evaluation", expr, allocs)
		}
	}
}

// TestISOWeek checks the integer ISO week against the standard library on
// every day from 1899 to 2101, so that year ends with 52 and 53 weeks,
// and the days of one year that belong to a week of the next or previous
// year, are right.
func TestISOWeek(t *testing.T) {
	start := time.Date(1899, 1, 1, 12, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2102; d = d.AddDate(0, 0, 1) {
		days := daysFromCivil(d.Year(), int(d.Month()), d.Day())
		_, want := d.ISOWeek()
		if got := isoWeek(days, weekdayFromDays(days)); got != want {
			t.Fatalf("isoWeek(%s) = %d, want %d", d.Format("2006-01-02"), got, want)
		}
	}
}

// mustParse is Parse for test fixtures.
func mustParse(s string) *Hours {
	h, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("Parse(%q): %v", s, err))
	}
	return h
}

// A place closed on public holidays is closed on its territory's own
// holidays: 27 May 2026 in Guadeloupe, not in Paris.
func TestOverseasRegion(t *testing.T) {
	h := mustParse("Mo-Su 09:00-18:00; PH off")
	d := mustTime(t, "2026-05-27 10:00")
	if !h.OpenAt(d) || h.OpenAtIn(d, Guadeloupe) || !h.OpenAtIn(d, Martinique) {
		t.Error("27 May is a holiday in Guadeloupe only")
	}
}
