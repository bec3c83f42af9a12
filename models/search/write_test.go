package search_test

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/search"
	"carnet/models/vocab"
)

func ptr[T any](v T) *T { return &v }

// place creates an actor with one service and returns both.
func place(t *testing.T, s *models.Store, name, hours string, edit func(a *models.Actor, sv *models.Service)) (*models.Actor, *models.Service) {
	t.Helper()
	a := models.Actor{Name: name, Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille", InseeCode: "13055"},
		Latitude: ptr(43.2965), Longitude: ptr(5.3698), OpeningHours: hours}
	sv := models.Service{Name: name + " service", Kind: vocab.KindOneOffHelp, Themes: models.StringList{vocab.ThemeEverydayDigitalTools}, OnSite: true}
	if edit != nil {
		edit(&a, &sv)
	}
	if err := s.CreateActor(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	sv.ActorID = a.ID
	if err := s.CreateService(context.Background(), &sv); err != nil {
		t.Fatal(err)
	}
	return &a, &sv
}

func names(r search.Result[models.Service]) map[string]bool {
	out := map[string]bool{}
	for _, h := range r.Hits {
		out[h.Item.Actor.Name] = true
	}
	return out
}

// TestOpeningHours checks open_on and open_at on hours written for it:
// weekly rules with and without PH, an overnight range, a service's own
// hours over its actor's, and places without hours.
func TestOpeningHours(t *testing.T) {
	s := openStore(t)
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	place(t, s, "Bureau", "Mo-Fr 09:00-12:00,14:00-17:00; PH off", nil)
	place(t, s, "Guichet", "Mo-Fr 09:00-17:00", nil) // no PH rule: open_on follows the week, open_at is unsure on holidays
	place(t, s, "Soirées", "Tu,Th 17:00-20:00", nil)
	place(t, s, "Samedis", "Sa 10:00-12:00", nil)
	place(t, s, "Café", "Fr 22:00-02:00", nil) // overnight: Saturday 01:00 is open
	place(t, s, "Sans horaires", "", nil)
	place(t, s, "Atelier", "Mo-Fr 09:00-17:00", func(_ *models.Actor, sv *models.Service) { sv.OpeningHours = "Sa 14:00-16:00" })
	place(t, s, "Midi", "Mo-Fr 11:00-15:00", nil)
	place(t, s, "Martinique", "Mo-Fr 08:00-12:00", func(a *models.Actor, _ *models.Service) {
		a.Address = models.Address{Street: "1 rue", PostalCode: "97200", Commune: "Fort-de-France", InseeCode: "97209"}
		a.Latitude, a.Longitude = ptr(14.6161), ptr(-61.0588)
	})

	openOn := func(v ...string) map[string]bool {
		return names(run(t, m, search.Query{Filters: map[string][]string{search.FieldOpenOn: v}, Limit: 100}))
	}
	want := func(what string, got map[string]bool, expected ...string) {
		t.Helper()
		if len(got) != len(expected) {
			t.Errorf("%s: got %v, want %v", what, got, expected)
		}
		for _, e := range expected {
			if !got[e] {
				t.Errorf("%s: %s missing from %v", what, e, got)
			}
		}
	}
	want("saturday", openOn("saturday"), "Samedis", "Café", "Atelier")
	want("evening", openOn("evening"), "Soirées", "Café")
	want("weekend", openOn("weekend"), "Samedis", "Café", "Atelier")
	want("lunchtime", openOn("lunchtime"), "Guichet", "Midi") // Martinique closes at 12:00
	want("tuesday or saturday", openOn("tuesday", "saturday"), "Bureau", "Guichet", "Soirées", "Samedis", "Café", "Atelier", "Midi", "Martinique")

	paris, _ := time.LoadLocation("Europe/Paris")
	openAt := func(at time.Time) map[string]bool {
		return names(run(t, m, search.Query{OpenAt: &at, Limit: 100}))
	}
	// Tuesday 14 July 2026 at 11:30 in Paris: a public holiday. Bureau
	// says it closes; Guichet and Midi say nothing of holidays, so they
	// are not counted open (probe 39b H1), only counted as unsure.
	holiday := time.Date(2026, 7, 14, 11, 30, 0, 0, paris)
	want("14 July 11:30", openAt(holiday))
	if r := run(t, m, search.Query{OpenAt: &holiday, Limit: 100}); r.HolidayUnconfirmed != 2 {
		t.Errorf("14 July 11:30: %d unconfirmed, want 2 (Guichet, Midi)", r.HolidayUnconfirmed)
	}
	// Wednesday 15 July 10:00: an ordinary day; 10:00 in Paris is 04:00 in Martinique.
	want("15 July 10:00", openAt(time.Date(2026, 7, 15, 10, 0, 0, 0, paris)), "Bureau", "Guichet")
	// Saturday 18 July 01:00: Friday's overnight range.
	want("Saturday 01:00", openAt(time.Date(2026, 7, 18, 1, 0, 0, 0, paris)), "Café")
	// 15:00 in Paris is 09:00 in Martinique (UTC−4): evaluated in the place's zone.
	want("15 July 15:00", openAt(time.Date(2026, 7, 15, 15, 0, 0, 0, paris)), "Bureau", "Guichet", "Martinique")
	// The same instant written in UTC gives the same answer.
	want("15 July 13:00Z", openAt(time.Date(2026, 7, 15, 13, 0, 0, 0, time.UTC)), "Bureau", "Guichet", "Martinique")
}

// TestReadAfterWrite checks that a search made right after a write returns
// sees it: creation, renaming, moving, closing, drafts, archiving.
func TestReadAfterWrite(t *testing.T) {
	s := openStore(t)
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	found := func(q search.Query) int { return run(t, m, q).Total }
	a, sv := place(t, s, "Médiathèque Alcazar", "Tu-Sa 11:00-19:00", nil)
	if found(search.Query{Text: "alcazar"}) != 1 {
		t.Fatal("created service not found")
	}
	// Rename the service.
	if _, err := s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Name = "Atelier tablette"; return nil }); err != nil {
		t.Fatal(err)
	}
	if found(search.Query{Text: "tablette"}) != 1 || !run(t, m, search.Query{Text: "alcazar service"}).Partial {
		t.Error("rename not seen")
	}
	// Move the actor: its service moves with it.
	lyon := &search.Point{Lat: 45.764, Lon: 4.8357}
	if found(search.Query{Near: lyon}) != 0 {
		t.Fatal("already in Lyon")
	}
	if _, err := s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error {
		x.Address.PostalCode, x.Address.Commune = "69002", "Lyon" // a point in Lyon needs an address in Lyon
		x.Latitude, x.Longitude = ptr(45.765), ptr(4.836)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	r := run(t, m, search.Query{Near: lyon})
	if r.Total != 1 || *r.Hits[0].DistanceKM > 0.2 {
		t.Errorf("move not seen: %+v", r)
	}
	// The actor's name is searchable through its services.
	if found(search.Query{Text: "alcazar"}) != 1 {
		t.Error("actor name not searchable")
	}
	// Temporarily closed: hidden unless asked for.
	if _, err := s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error {
		x.Status, x.ClosedFrom = vocab.ActorTemporarilyClosed, "2020-12-24" // in effect: closures count by the clock
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if found(search.Query{Text: "tablette"}) != 0 {
		t.Error("temporarily closed shown by default")
	}
	if found(search.Query{Text: "tablette", Filters: map[string][]string{search.FieldStatus: {vocab.ActorTemporarilyClosed}}}) != 1 {
		t.Error("temporarily closed not shown on request")
	}
	if _, err := s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error { x.Status = vocab.ActorActive; return nil }); err != nil {
		t.Fatal(err)
	}
	// A draft never appears.
	if _, err := s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Status = vocab.ServiceDraft; return nil }); err != nil {
		t.Fatal(err)
	}
	if found(search.Query{Text: "tablette"}) != 0 || found(search.Query{Text: "alcazar"}) != 0 {
		t.Error("draft shown")
	}
	if n, _ := m.SearchActors(ctx, search.Query{Text: "alcazar", Filters: map[string][]string{search.FieldThemes: {vocab.ThemeEverydayDigitalTools}}}); n.Total != 0 {
		t.Error("an actor offers the theme of a draft")
	}
	if _, err := s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Status = vocab.ServicePublished; return nil }); err != nil {
		t.Fatal(err)
	}
	// Archiving the actor removes it and its services.
	if _, err := s.ArchiveActor(ctx, a.ID, models.Precondition{}); err != nil {
		t.Fatal(err)
	}
	if found(search.Query{Text: "tablette"}) != 0 {
		t.Error("archived service found")
	}
	if r, _ := m.SearchActors(ctx, search.Query{Text: "alcazar"}); r.Total != 0 {
		t.Error("archived actor found")
	}
	// A fresh index built from the database agrees with the one updated
	// write by write.
	fresh, err := search.NewMemory(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	a1, b1 := m.Len()
	a2, b2 := fresh.Len()
	if a1 != a2 || b1 != b2 {
		t.Errorf("incremental %d/%d, rebuilt %d/%d", a1, b1, a2, b2)
	}
}

// TestConcurrentReadsAndWrites runs searches while services are written,
// under the race detector in CI: readers never see a half-applied write.
func TestConcurrentReadsAndWrites(t *testing.T) {
	s, m, _ := synthetic(t, 200, 600)
	ctx := context.Background()
	a, _ := place(t, s, "Lieu concurrent", "Mo-Fr 09:00-17:00", nil)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				r, err := m.SearchServices(ctx, search.Query{Text: "atelier", Facets: []string{search.FieldThemes}})
				if err != nil {
					t.Error(err)
					return
				}
				sum := 0
				for _, v := range r.Facets[0].Values {
					sum += v.Count
				}
				if r.Total > 0 && sum < r.Total {
					t.Errorf("facets %d below total %d", sum, r.Total)
					return
				}
			}
		})
	}
	// « atelier » is generic: beside « concurrent » it ranks without
	// filtering, so the place's own service counts too.
	base := run(t, m, search.Query{Text: "concurrent atelier", Limit: 1}).Total
	for i := range 50 {
		sv := models.Service{ActorID: a.ID, Name: "Atelier concurrent", Kind: vocab.KindCollectiveWorkshop,
			Themes: models.StringList{vocab.ThemeSafeDigitalUse}, OnSite: true}
		if err := s.CreateService(ctx, &sv); err != nil {
			t.Fatal(err)
		}
		if got := run(t, m, search.Query{Text: "concurrent atelier", Limit: 1}).Total; got != base+i+1 {
			t.Fatalf("after %d writes the index has %d", i+1, got)
		}
	}
	close(stop)
	wg.Wait()
}

// TestIncrementalEqualsRebuild applies many kinds of writes one by one and
// checks that the index kept current by the change listener answers
// exactly as an index rebuilt from the database.
func TestIncrementalEqualsRebuild(t *testing.T) {
	s, m, _ := synthetic(t, 150, 500)
	ctx := context.Background()
	var actors []models.Actor
	var services []models.Service
	if err := s.ScanDirectory(ctx, func(b []models.Actor) error { actors = append(actors, b...); return nil },
		func(b []models.Service) error { services = append(services, b...); return nil }); err != nil {
		t.Fatal(err)
	}
	hours := []string{"Sa 10:00-12:00", "Mo-Fr 18:00-21:00", ""}
	for i := range 60 {
		a := actors[(i*7)%len(actors)]
		sv := services[(i*13)%len(services)]
		var err error
		switch i % 6 {
		case 0:
			_, err = s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Name = "Renommé " + x.Name; return nil })
		case 1:
			_, err = s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error { x.OpeningHours = hours[i%3]; return nil })
		case 2:
			_, err = s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error {
				x.Address = models.Address{Street: "2 place Bellecour", PostalCode: "69002", Commune: "Lyon"}
				x.Latitude, x.Longitude = ptr(45.757+float64(i)/10000), ptr(4.832)
				return nil
			})
		case 3:
			_, err = s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error {
				x.Status = map[bool]string{true: vocab.ServiceDraft, false: vocab.ServicePublished}[x.Status == vocab.ServicePublished]
				return nil
			})
		case 4:
			_, err = s.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error {
				if x.Status == vocab.ActorActive {
					x.Status, x.ClosedFrom = vocab.ActorTemporarilyClosed, "2026-12-01"
				} else {
					x.Status = vocab.ActorActive
				}
				return nil
			})
		case 5:
			_, err = s.ArchiveService(ctx, sv.ID, models.Precondition{})
		}
		if err != nil && models.ErrorCode(err) != models.EGONE {
			t.Fatal(err)
		}
	}
	fresh, err := search.NewMemory(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh.SetCacheSize(0)
	m.SetCacheSize(0)
	near := &search.Point{Lat: 45.1, Lon: 4.8}
	all := []string{search.FieldThemes, search.FieldKind, search.FieldOpenOn, search.FieldFees}
	for _, q := range []search.Query{
		{Limit: 100, Facets: all},
		{Text: "renommé", Limit: 100},
		{Text: "atelier", Limit: 100, Facets: all},
		{Near: near, RadiusKM: 100, Limit: 100},
		{Filters: map[string][]string{search.FieldOpenOn: {search.OpenOnSaturday, search.OpenOnEvening}}, Limit: 100, Facets: all},
		{Filters: map[string][]string{search.FieldStatus: {vocab.ActorTemporarilyClosed}}, Limit: 100},
		{Sort: search.SortName, Limit: 100, Cursor: ""},
	} {
		a, b := run(t, m, q), run(t, fresh, q)
		if a.Total != b.Total || !slices.Equal(ids(a.Hits), ids(b.Hits)) || !reflect.DeepEqual(a.Facets, b.Facets) {
			t.Errorf("%+v: incremental %d results, rebuilt %d", q, a.Total, b.Total)
		}
	}
	ra, _ := m.SearchActors(ctx, search.Query{Limit: 100, Facets: []string{search.FieldThemes}})
	rb, _ := fresh.SearchActors(ctx, search.Query{Limit: 100, Facets: []string{search.FieldThemes}})
	if ra.Total != rb.Total || !reflect.DeepEqual(ra.Facets, rb.Facets) {
		t.Errorf("actors: incremental %d, rebuilt %d", ra.Total, rb.Total)
	}
}

// TestRelevanceFields checks the field weights: a word in the service's
// name ranks above the same word in the structure's name, which ranks above
// the description; a whole word above a prefix.
func TestRelevanceFields(t *testing.T) {
	s := openStore(t)
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A theme the thesaurus does not link to tablets: only the text counts.
	parenting := models.StringList{vocab.ThemeParenting}
	place(t, s, "Zeta", "", func(_ *models.Actor, sv *models.Service) {
		sv.Name, sv.Description, sv.Themes = "Aide", "Prêt de tablettes numériques", parenting
	})
	place(t, s, "Alpha", "", func(_ *models.Actor, sv *models.Service) { sv.Name, sv.Themes = "Atelier tablette", parenting })
	place(t, s, "Tablette et Cie", "", func(_ *models.Actor, sv *models.Service) { sv.Name, sv.Themes = "Permanence", parenting })
	place(t, s, "Omega", "", func(_ *models.Actor, sv *models.Service) {
		sv.Name, sv.Description, sv.Themes = "Accueil", "Venez avec votre tablette", parenting
	})
	r := run(t, m, search.Query{Text: "tablette"})
	var got []string
	for _, h := range r.Hits {
		got = append(got, h.Item.Actor.Name)
	}
	if want := []string{"Alpha", "Tablette et Cie", "Omega", "Zeta"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v (name, structure, description, then another form of the word in the description)", got, want)
	}
}

// open_at follows each place's public holidays, not only its time zone:
// the abolition of slavery is a holiday in each overseas territory on its
// own date (Code du travail L3422-2), so a place « PH off » is closed that
// day there and open elsewhere. Until 2026-12-05 every overseas place was
// given the national list and shown open.
func TestOpenAtOverseasHolidays(t *testing.T) {
	s := openStore(t)
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := func(name, postal, commune, insee string, lat, lon float64) {
		place(t, s, name, "Mo-Su 08:00-18:00; PH off", func(a *models.Actor, _ *models.Service) {
			a.Address = models.Address{Street: "1 rue", PostalCode: postal, Commune: commune, InseeCode: insee}
			a.Latitude, a.Longitude = ptr(lat), ptr(lon)
		})
	}
	place(t, s, "Marseille", "Mo-Su 08:00-18:00; PH off", nil)
	at("Guadeloupe", "97110", "Pointe-à-Pitre", "97120", 16.2411, -61.5331)
	at("Martinique", "97200", "Fort-de-France", "97209", 14.6161, -61.0588)
	at("Guyane", "97300", "Cayenne", "97302", 4.9372, -52.326)
	at("Réunion", "97400", "Saint-Denis", "97411", -20.8821, 55.4507)
	at("Mayotte", "97600", "Mamoudzou", "97611", -12.7806, 45.2279)
	at("Saint-Martin", "97150", "Saint-Martin", "97801", 18.0679, -63.0822)
	at("Saint-Barthélemy", "97133", "Saint-Barthélemy", "97701", 17.8968, -62.8508)
	at("Strasbourg", "67000", "Strasbourg", "67482", 48.5734, 7.7521)
	for _, tc := range []struct {
		holiday, after, where, zone string // noon local time on a holiday and the day after
	}{
		{"2026-05-27", "2026-05-28", "Guadeloupe", "America/Guadeloupe"},
		{"2026-05-22", "2026-05-23", "Martinique", "America/Martinique"},
		{"2026-06-10", "2026-06-11", "Guyane", "America/Cayenne"},
		{"2026-12-20", "2026-12-21", "Réunion", "Indian/Reunion"},
		{"2026-04-27", "2026-04-28", "Mayotte", "Indian/Mayotte"},
		{"2026-05-28", "2026-05-29", "Saint-Martin", "America/Marigot"},
		{"2026-10-09", "2026-10-10", "Saint-Barthélemy", "America/St_Barthelemy"},
		{"2026-12-26", "2026-12-27", "Strasbourg", "Europe/Paris"},
	} {
		z, _ := time.LoadLocation(tc.zone)
		for _, day := range []string{tc.holiday, tc.after} {
			d, _ := time.ParseInLocation("2006-01-02 15:04", day+" 12:00", z)
			got := names(run(t, m, search.Query{OpenAt: &d, Limit: 100}))
			if got[tc.where] != (day == tc.after) {
				t.Errorf("%s noon in %s: open = %v", day, tc.where, got[tc.where])
			}
			if tc.zone == "Europe/Paris" && !got["Marseille"] {
				t.Errorf("%s noon: Marseille is open (no holiday there)", day)
			}
		}
	}
}

// open_at reads a place's hours in its commune's zone: French Polynesia
// spans three, and the Marquesas are half an hour ahead of Tahiti. Until
// 2026-12-05 search used the département's zone (Pacific/Tahiti), so a
// place in Nuku-Hiva opening at 08:00 was shown closed until 08:30.
func TestOpenAtCommuneZone(t *testing.T) {
	s := openStore(t)
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	place(t, s, "Nuku-Hiva", "Mo-Su 08:00-12:00", func(a *models.Actor, _ *models.Service) {
		a.Address = models.Address{Street: "1 rue", PostalCode: "98742", Commune: "Nuku-Hiva", InseeCode: "98731"}
		a.Latitude, a.Longitude = ptr(-8.9109), ptr(-140.0997)
	})
	marquesas, _ := time.LoadLocation("Pacific/Marquesas")
	for _, tc := range []struct {
		clock string
		open  bool
	}{{"07:55", false}, {"08:15", true}, {"11:50", true}, {"12:10", false}} {
		d, _ := time.ParseInLocation("2006-01-02 15:04", "2026-07-15 "+tc.clock, marquesas)
		if got := names(run(t, m, search.Query{OpenAt: &d, Limit: 10}))["Nuku-Hiva"]; got != tc.open {
			t.Errorf("%s in the Marquesas: open = %v", tc.clock, got)
		}
	}
}
