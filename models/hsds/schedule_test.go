package hsds

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/modeltest"
)

func TestSchedules(t *testing.T) {
	owner := scheduleOwner{id: "01a22d99-28de-7a57-b9cf-2107a578de33", serviceID: "01a22d99-28de-7a57-b9cf-2107a578de33", attending: "Sur place", link: "https://rdv.example.fr"}
	render := func(ss []HSDSSchedule) string {
		var parts []string
		for _, s := range ss {
			p := s.Byday + " " + s.OpensAt + "-" + s.ClosesAt
			if s.Freq == "" {
				p = "text " + s.Description
			}
			if s.Notes != "" {
				p += " [" + s.Notes + "]"
			}
			parts = append(parts, p)
		}
		return strings.Join(parts, " | ")
	}
	tests := []struct{ expr, want string }{
		{"", ""},
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00", "MO,TU,WE,TH,FR 09:00-12:00 | MO,TU,WE,TH,FR 14:00-17:30 | SA 10:00-12:00"},
		{"Mo-Fr 08:30-12:00,13:30-17:30; We off", "MO,TU,TH,FR 08:30-12:00 | MO,TU,TH,FR 13:30-17:30"},
		{"Tu-Sa 11:00-19:00; PH off", "TU,WE,TH,FR,SA 11:00-19:00 [Fermé les jours fériés.]"},
		{"Fr 20:00-02:00", "FR 20:00-02:00"},
		// A span of a day or more (OpenStreetMap: « 14:00-14:00 » is 24
		// hours) is written as its two days: it read as a span of no
		// length, or a day's hours made up, another day lost.
		{"Tu 10:00-11:00; Mo 14:00-14:00", "MO 14:00-24:00 | TU 00:00-14:00"},
		{"Sa 11:00-11:00,17:00-17:00", "SA 11:00-24:00 | SU 00:00-17:00"},
		{"Su 22:00-22:00", "SU 22:00-24:00 | MO 00:00-22:00"},
		{"24/7", "MO,TU,WE,TH,FR,SA,SU 00:00-24:00"},
		{"Mo-Fr 09:00-12:00; Aug off", "MO,TU,WE,TH,FR 09:00-12:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : Mo-Fr 09:00-12:00; Aug off]"},
		{`Mo 14:00-16:00; We 10:00-12:00 "sur rendez-vous"`, `MO 14:00-16:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : Mo 14:00-16:00; We 10:00-12:00 "sur rendez-vous"]`},
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30", "TU 09:00-12:30 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30] | TH 13:30-16:30 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30]"},
		{"Jul-Aug Mo-Fr 09:00-12:00", "text Jul-Aug Mo-Fr 09:00-12:00 [Horaires au format OpenStreetMap opening_hours, qui ne s’écrivent pas en règles hebdomadaires.]"},
		{"not hours at all", "text not hours at all [Horaires au format OpenStreetMap opening_hours, qui ne s’écrivent pas en règles hebdomadaires.]"},
	}
	for _, tt := range tests {
		got := schedules(tt.expr, owner)
		if r := render(got); r != tt.want {
			t.Errorf("schedules(%q)\n got  %s\n want %s", tt.expr, r, tt.want)
		}
		seen := map[string]bool{}
		for _, s := range got {
			if seen[s.ID] || s.ServiceID != owner.serviceID || s.AttendingType != "Sur place" || s.ScheduleLink != owner.link {
				t.Errorf("schedules(%q): %+v", tt.expr, s)
			}
			seen[s.ID] = true
		}
	}
	// Ids are stable from one conversion to the next.
	a, b := schedules("Mo 09:00-12:00", owner), schedules("Mo 09:00-12:00", owner)
	if a[0].ID != b[0].ID {
		t.Error("schedule ids change between conversions")
	}
}

// TestOpeningHoursOfRealFiles converts the opening hours of both real
// files, as Carnet stores them after an import, and reports how many became
// weekly schedules.
func TestOpeningHoursOfRealFiles(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/reference/data/*.json")
	if len(files) == 0 {
		t.Skip("the real files live in ../shared/reference/data beside the repository")
	}
	for _, f := range files {
		ctx := context.Background()
		st, err := models.Open(ctx, filepath.Join(t.TempDir(), "c.db"), models.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := modeltest.LoadStandardFile(ctx, st, f); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(f)
		var n, weekly, exact, holidays, text int
		err = st.ScanDirectory(ctx, func(actors []models.Actor) error {
			for _, a := range actors {
				if a.OpeningHours == "" {
					continue
				}
				n++
				c := ConvertHours(a.OpeningHours)
				if !c.Readable {
					t.Errorf("%q is stored but does not parse", a.OpeningHours)
				}
				switch {
				case c.Exact():
					exact++
					weekly++
				case c.Weekly():
					weekly++
				default:
					text++
				}
				if c.Fidelity.ClosedOnHolidays {
					holidays++
				}
			}
			return nil
		}, func([]models.Service) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 || weekly == 0 {
			t.Errorf("%s: %d hours, %d weekly", f, n, weekly)
		}
		t.Logf("%s (%d bytes): %d opening_hours strings stored; %d became weekly schedules (%d exactly, %d of them with the « Fermé les jours fériés » note), %d partly (weekly rules plus the full text in notes), %d kept as text only",
			filepath.Base(f), len(raw), n, weekly, exact, holidays, weekly-exact, text)
	}
}

// A value with an unreadable rule keeps its readable rules as schedules,
// inexact, so that the full text is kept in the notes.
func TestHoursWithAnUnreadableRule(t *testing.T) {
	c := ConvertHours("Mo-Fr 09:00-19:00; Sa 17:00")
	if !c.Readable || !c.Weekly() || c.Exact() {
		t.Errorf("%+v: want readable weekly schedules, inexact", c)
	}
	if c := ConvertHours("Sa 17:00"); c.Readable || c.Weekly() {
		t.Errorf("nothing readable: %+v", c)
	}
}
