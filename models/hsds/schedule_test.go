package hsds

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// Times are HSDS « time »s, HH:MM:SS (the standard's examples and
	// its tabular package's type): strict readers refuse 24:00, so the end
	// of the day is 23:59:59.
	tests := []struct{ expr, want string }{
		{"", ""},
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00", "MO,TU,WE,TH,FR 09:00:00-12:00:00 | MO,TU,WE,TH,FR 14:00:00-17:30:00 | SA 10:00:00-12:00:00"},
		{"Mo-Fr 08:30-12:00,13:30-17:30; We off", "MO,TU,TH,FR 08:30:00-12:00:00 | MO,TU,TH,FR 13:30:00-17:30:00"},
		{"Tu-Sa 11:00-19:00; PH off", "TU,WE,TH,FR,SA 11:00:00-19:00:00 [Fermé les jours fériés.]"},
		{"Fr 20:00-02:00", "FR 20:00:00-02:00:00"},
		{"Fr 20:00-24:00", "FR 20:00:00-23:59:59"},
		// A span of a day or more (OpenStreetMap: « 14:00-14:00 » is 24
		// hours) is written as its two days: it read as a span of no
		// length, or a day's hours made up, another day lost.
		{"Tu 10:00-11:00; Mo 14:00-14:00", "MO 14:00:00-23:59:59 | TU 00:00:00-14:00:00"},
		{"Sa 11:00-11:00,17:00-17:00", "SA 11:00:00-23:59:59 | SU 00:00:00-17:00:00"},
		{"Su 22:00-22:00", "SU 22:00:00-23:59:59 | MO 00:00:00-22:00:00"},
		// Past midnight written beyond 24:00: Monday 20:00 to Tuesday 20:00.
		{"Mo 20:00-44:00", "MO 20:00:00-23:59:59 | TU 00:00:00-20:00:00"},
		{"Mo 20:00-48:00", "MO 20:00:00-23:59:59 | TU 00:00:00-23:59:59"},
		{"Mo 20:00-26:00", "MO 20:00:00-02:00:00"},
		{"24/7", "MO,TU,WE,TH,FR,SA,SU 00:00:00-23:59:59"},
		{"Mo-Fr 09:00-12:00; Aug off", "MO,TU,WE,TH,FR 09:00:00-12:00:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : Mo-Fr 09:00-12:00; Aug off]"},
		{`Mo 14:00-16:00; We 10:00-12:00 "sur rendez-vous"`, `MO 14:00:00-16:00:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : Mo 14:00-16:00; We 10:00-12:00 "sur rendez-vous"]`},
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30", "TU 09:00:00-12:30:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30] | TH 13:30:00-16:30:00 [Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30]"},
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
	// Ids are those of the HH:MM times written before 2026-12-05, so that
	// a reuser's copy keeps them.
	if want := nameID(owner.id, "schedule", "MO", "09:00", "12:00"); a[0].ID != want {
		t.Errorf("schedule id %s, want %s as before", a[0].ID, want)
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
				// Every time is one a strict reader takes (HH:MM:SS,
				// no 24:00): 51 schedules ended at 24:00 before
				// 2026-12-05.
				for _, sc := range schedules(a.OpeningHours, scheduleOwner{id: a.ID}) {
					for _, v := range []string{sc.OpensAt, sc.ClosesAt} {
						if _, err := time.Parse(time.TimeOnly, v); v != "" && err != nil {
							t.Errorf("%q: %s is no HSDS time: %v", a.OpeningHours, v, err)
						}
					}
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

// Times are the place's wall clock. HSDS asks for an offset from UTC in
// opens_at and closes_at, and has a timezone field (a UTC offset): both are
// written where the zone has one offset all year (the overseas zones but
// Saint-Pierre-et-Miquelon's); where summer time moves it (Europe/Paris,
// America/Miquelon), no single offset is true all year, so the times have
// none and the notes name the zone.
func TestScheduleZones(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		zone, opens, closes, note string
		offset                    float64
	}{
		{"America/Guadeloupe", "09:00:00-04:00", "23:59:59-04:00", "", -4},
		{"Indian/Reunion", "09:00:00+04:00", "23:59:59+04:00", "", 4},
		{"Pacific/Marquesas", "09:00:00-09:30", "23:59:59-09:30", "", -9.5},
		{"Pacific/Noumea", "09:00:00+11:00", "23:59:59+11:00", "", 11},
		{"Europe/Paris", "09:00:00", "23:59:59", "Heures locales du lieu (fuseau horaire Europe/Paris, heure d’été comprise).", 0},
		{"America/Miquelon", "09:00:00", "23:59:59", "Heures locales du lieu (fuseau horaire America/Miquelon, heure d’été comprise).", 0},
		{"", "09:00:00", "23:59:59", "", 0},
	} {
		ss := schedules("Mo 09:00-24:00", scheduleOwner{id: "x", zone: tc.zone, now: now})
		if len(ss) != 1 {
			t.Fatalf("%s: %+v", tc.zone, ss)
		}
		s := ss[0]
		if s.OpensAt != tc.opens || s.ClosesAt != tc.closes || s.Notes != tc.note {
			t.Errorf("%s: %s-%s %q, want %s-%s %q", tc.zone, s.OpensAt, s.ClosesAt, s.Notes, tc.opens, tc.closes, tc.note)
		}
		if (s.Timezone == nil) != (tc.offset == 0) || s.Timezone != nil && *s.Timezone != tc.offset {
			t.Errorf("%s: timezone %v, want %v", tc.zone, s.Timezone, tc.offset)
		}
		if s.ID != nameID("x", "schedule", "MO", "09:00", "24:00") {
			t.Errorf("%s: the id depends on the zone", tc.zone)
		}
	}
	// The zone's sentence comes before the full expression, which ends
	// the notes.
	ss := schedules("Mo 09:00-12:00; PH off", scheduleOwner{id: "x", zone: "Europe/Paris", now: now})
	if want := "Fermé les jours fériés. Heures locales du lieu (fuseau horaire Europe/Paris, heure d’été comprise)."; ss[0].Notes != want {
		t.Errorf("notes %q, want %q", ss[0].Notes, want)
	}
	ss = schedules("Mo 09:00-12:00; Aug off", scheduleOwner{id: "x", zone: "Europe/Paris", now: now})
	if want := "Heures locales du lieu (fuseau horaire Europe/Paris, heure d’été comprise). Ces règles hebdomadaires ne disent pas tout ; horaires complets (syntaxe OpenStreetMap opening_hours) : Mo 09:00-12:00; Aug off"; ss[0].Notes != want {
		t.Errorf("notes %q, want %q", ss[0].Notes, want)
	}
}

// A location's schedules are in its place's zone, a service's in the zone
// of the address it is given at (its own, else its actor's).
func TestSchedulesInThePlaceZone(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	a := &models.Actor{ID: "01a22d99-28de-7a57-b9cf-2107a578de33", OpeningHours: "Mo 09:00-12:00", Departement: "971",
		Address: models.Address{Street: "1 rue", PostalCode: "97110", Commune: "Pointe-à-Pitre", InseeCode: "97120"}}
	p := place{a: a, now: now}
	if l := p.location(Full); len(l.Schedules) != 1 || l.Schedules[0].OpensAt != "09:00:00-04:00" {
		t.Errorf("location in Guadeloupe: %+v", l.Schedules)
	}
	s := &models.Service{ID: "01a22d99-28de-7a57-b9cf-2107a578de34", ActorID: a.ID,
		Address: models.Address{Street: "2 rue", PostalCode: "97400", Commune: "Saint-Denis", InseeCode: "97411"}}
	if sv := p.service(s, Full, false); len(sv.Schedules) != 1 || sv.Schedules[0].ClosesAt != "12:00:00+04:00" {
		t.Errorf("service at La Réunion, hours of its actor: %+v", sv.Schedules)
	}
	s.Address = models.Address{}
	if sv := p.service(s, Full, false); len(sv.Schedules) != 1 || sv.Schedules[0].ClosesAt != "12:00:00-04:00" {
		t.Errorf("service at its actor's place: %+v", sv.Schedules)
	}
}
