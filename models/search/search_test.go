package search_test

import (
	"context"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/openinghours"
	"carnet/models/search"
	"carnet/models/vocab"
)

// truth is the database's content, read without the index, to check it.
type truth struct {
	actors   map[string]*models.Actor
	services []*models.Service // published services of active actors, Actor set
}

func readTruth(t *testing.T, s *models.Store) truth {
	t.Helper()
	tr := truth{actors: map[string]*models.Actor{}}
	var all []models.Service
	err := s.ScanDirectory(context.Background(), func(b []models.Actor) error {
		for i := range b {
			tr.actors[b[i].ID] = &b[i]
		}
		return nil
	}, func(b []models.Service) error { all = append(all, b...); return nil })
	if err != nil {
		t.Fatal(err)
	}
	for i := range all {
		sv := &all[i]
		a := tr.actors[sv.ActorID]
		if sv.Status == vocab.ServicePublished && a != nil && a.Status == vocab.ActorActive {
			sv.Actor = a
			tr.services = append(tr.services, sv)
		}
	}
	return tr
}

// has is the oracle of one field filter, written from the rows.
func has(sv *models.Service, field string, values []string) bool {
	a := sv.Actor
	any := func(list models.StringList) bool {
		return slices.ContainsFunc(values, func(v string) bool { return list.Contains(v) })
	}
	b := func(x bool) bool { return slices.Contains(values, map[bool]string{true: "true", false: "false"}[x]) }
	switch field {
	case search.FieldKind:
		// A service is found under its kind and the kinds its
		// accompaniment modes show it gives (TestServiceKinds).
		for _, k := range search.ServiceKinds(sv) {
			if slices.Contains(values, k) {
				return true
			}
		}
		return false
	case search.FieldThemes:
		return any(sv.Themes)
	case search.FieldPublics:
		return any(sv.Publics)
	case search.FieldSpecificSupport:
		return any(sv.SpecificSupport)
	case search.FieldFees:
		return any(sv.Fees)
	case search.FieldAccessModes:
		// A booking link is online booking (see withBooking).
		return any(sv.AccessModes) || (sv.BookingURL != "" || a.BookingURL != "") && slices.Contains(values, vocab.AccessOnlineBooking)
	case search.FieldAccompanimentModes:
		return any(sv.AccompanimentModes)
	case search.FieldLanguages:
		return any(sv.Languages)
	case search.FieldTypologies:
		return any(a.Typologies)
	case search.FieldNationalProgrammes:
		return any(a.NationalProgrammes)
	case search.FieldTrainingLabels:
		return any(a.TrainingLabels)
	case search.FieldMobility:
		return any(mobilityRead(sv))
	case search.FieldPassNumerique:
		return b(sv.PassNumerique)
	case search.FieldItinerant:
		return b(mobilityRead(sv).Contains(vocab.MobilityItinerant))
	case search.FieldOnSite:
		return b(sv.OnSite)
	case search.FieldRemote:
		return b(sv.Remote)
	case search.FieldIsFull:
		return b(sv.IsFull)
	case search.FieldDepartement:
		return slices.Contains(values, a.Departement)
	case search.FieldOpenOn:
		h := sv.OpeningHours
		if h == "" {
			h = a.OpeningHours
		}
		h, _ = openinghours.GenericWeekText(h)
		oh, _, err := openinghours.ParseLenient(h) // the readable rules naming days, as the index
		if h == "" || err != nil {
			return false
		}
		days := map[string]time.Weekday{"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 0}
		for _, v := range values {
			if d, ok := days[v]; ok && oh.OpenOnDay(d) {
				return true
			}
			if v == "weekend" && (oh.OpenOnDay(time.Saturday) || oh.OpenOnDay(time.Sunday)) {
				return true
			}
			for d := time.Monday; d <= time.Friday; d++ {
				if v == "evening" && oh.OpenBetween(d, 18*60, 24*60) || v == "lunchtime" && oh.OpenThrough(d, 12*60+30, 13*60+30) {
					return true
				}
			}
		}
		return false
	}
	panic("no oracle for " + field)
}

func run(t *testing.T, m *search.Memory, q search.Query) search.Result[models.Service] {
	t.Helper()
	r, err := m.SearchServices(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	return r
}

// TestEveryFilterAndFacet checks, on the real PACA sample, that every
// value of every field filters exactly the rows the database holds, and
// that each facet count equals the total of the search with that filter.
func TestEveryFilterAndFacet(t *testing.T) {
	t.Run("PACA", func(t *testing.T) {
		s, m := paca(t)
		everyFilter(t, s, m)
	})
	t.Run("synthetic", func(t *testing.T) {
		s, m, _ := synthetic(t, 600, 2000)
		everyFilter(t, s, m)
	})
}

func everyFilter(t *testing.T, s *models.Store, m *search.Memory) {
	tr := readTruth(t, s)
	fields := slices.DeleteFunc(slices.Clone(search.ServiceFields), func(f string) bool { return f == search.FieldStatus })
	all := run(t, m, search.Query{Facets: fields, Limit: 1})
	if all.Total != len(tr.services) {
		t.Fatalf("total %d, database %d", all.Total, len(tr.services))
	}
	checked := 0
	for _, f := range all.Facets {
		if len(f.Values) == 0 {
			t.Logf("field %s has no value in this data", f.Field)
		}
		for _, v := range f.Values {
			want := 0
			for _, sv := range tr.services {
				if has(sv, f.Field, []string{v.Value}) {
					want++
				}
			}
			got := run(t, m, search.Query{Filters: map[string][]string{f.Field: {v.Value}}, Limit: 1}).Total
			if got != want || v.Count != want {
				t.Errorf("%s=%s: search %d, facet %d, database %d", f.Field, v.Value, got, v.Count, want)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d field values checked", checked)
	}
	// Facets of a narrower search (text, place, a filter) stay consistent.
	q := search.Query{Text: "numérique", Near: &search.Point{Lat: 43.2965, Lon: 5.3698}, RadiusKM: 60,
		Filters: map[string][]string{search.FieldFees: {vocab.FeeFree}}, Facets: fields}
	base := run(t, m, q)
	if base.Total == 0 {
		t.Fatal("no result for the narrow query")
	}
	for _, f := range base.Facets {
		if f.Field == search.FieldFees {
			continue
		}
		for _, v := range f.Values {
			nq := q
			nq.Facets = nil
			nq.Filters = map[string][]string{search.FieldFees: {vocab.FeeFree}, f.Field: {v.Value}}
			if got := run(t, m, nq).Total; got != v.Count {
				t.Errorf("narrow %s=%s: facet %d, total %d", f.Field, v.Value, v.Count, got)
			}
		}
	}
	// Alternatives within a field, all fields together.
	q2 := search.Query{Filters: map[string][]string{
		search.FieldThemes: {vocab.ThemeAdministrativeProcedures, vocab.ThemeProfessionalInsertion},
		search.FieldFees:   {vocab.FeeFree},
	}}
	want := 0
	for _, sv := range tr.services {
		if has(sv, search.FieldThemes, q2.Filters[search.FieldThemes]) && has(sv, search.FieldFees, q2.Filters[search.FieldFees]) {
			want++
		}
	}
	if got := run(t, m, q2).Total; got != want || want == 0 {
		t.Errorf("combined filters: %d, database %d", got, want)
	}
}

func TestTextSearch(t *testing.T) {
	_, m := paca(t)
	total := func(q string) int { return run(t, m, search.Query{Text: q}).Total }
	// Accents and case.
	if a, b, c := total("mediatheque"), total("Médiathèque"), total("MÉDIATHÈQUE"); a == 0 || a != b || b != c {
		t.Errorf("accent folding: %d %d %d", a, b, c)
	}
	// Prefixes: médiat finds médiathèque and médiation. (« médiathèque »
	// also finds the bibliothèques, another name of the same place: its
	// results are not all médiat….)
	pre := run(t, m, search.Query{Text: "médiat", Limit: 100})
	if pre.Total <= total("mediation") {
		t.Errorf("prefix médiat: %d", pre.Total)
	}
	for _, h := range pre.Hits {
		if !holdsPrefix(h.Item, "mediat") {
			t.Errorf("%q does not hold médiat*", h.Item.Name)
		}
	}
	// Every word must match.
	both := run(t, m, search.Query{Text: "france services digne", Limit: 100})
	if both.Total == 0 || both.Total >= total("france services") {
		t.Errorf("all words: %d of %d", both.Total, total("france services"))
	}
	for _, h := range both.Hits {
		for _, w := range []string{"france", "services", "digne"} {
			if !holdsPrefix(h.Item, w) {
				t.Errorf("%q lacks %s", h.Item.Name, w)
			}
		}
	}
	// Elisions and stop words: « l'Alcazar » is found by alcazar.
	if total("d'accès") != total("acces") {
		t.Errorf("elision: %d vs %d", total("d'accès"), total("acces"))
	}
	if total("zzzzqx") != 0 {
		t.Error("a word nobody has matched")
	}
	// Scores are ordered.
	for i := 1; i < len(pre.Hits); i++ {
		if pre.Hits[i].Score > pre.Hits[i-1].Score {
			t.Fatalf("not ranked: %v then %v", pre.Hits[i-1].Score, pre.Hits[i].Score)
		}
	}
}

func holdsPrefix(sv *models.Service, w string) bool {
	text := strings.Join([]string{sv.Name, sv.Actor.Name, sv.Actor.Address.Commune, sv.Address.Commune, sv.Description,
		strings.Join(sv.Themes, " "), vocab.MustGet(vocab.NameServiceKinds).Label(sv.Kind)}, " ")
	for _, word := range strings.Split(vocab.Slugify(text), "-") {
		if strings.HasPrefix(word, w) {
			return true
		}
	}
	return false
}

func TestNearMe(t *testing.T) {
	s, m := paca(t)
	tr := readTruth(t, s)
	marseille := search.Point{Lat: 43.2965, Lon: 5.3698}
	r := run(t, m, search.Query{Near: &marseille, RadiusKM: 25, Limit: 100})
	want := 0
	for _, sv := range tr.services {
		lat, lon := sv.Latitude, sv.Longitude
		if lat == nil {
			lat, lon = sv.Actor.Latitude, sv.Actor.Longitude
		}
		if lat != nil && haversine(marseille.Lat, marseille.Lon, *lat, *lon) <= 25 {
			want++
		}
	}
	if r.Total != want || want == 0 {
		t.Fatalf("within 25 km: %d, database %d", r.Total, want)
	}
	for i, h := range r.Hits {
		if h.DistanceKM == nil || *h.DistanceKM > 25.05 || i > 0 && *h.DistanceKM < *r.Hits[i-1].DistanceKM {
			t.Fatalf("hit %d: distance %v not in order", i, h.DistanceKM)
		}
	}
	// A 100 km radius is the maximum.
	if _, err := m.SearchServices(context.Background(), search.Query{Near: &marseille, RadiusKM: 101}); models.ErrorCode(err) != models.EBADREQUEST {
		t.Errorf("radius 101: %v", err)
	}
	if _, err := m.SearchServices(context.Background(), search.Query{Sort: search.SortDistance}); models.ErrorCode(err) != models.EBADREQUEST {
		t.Errorf("distance without near: %v", err)
	}
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	r := math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 2 * 6371.0088 * math.Asin(math.Sqrt(a))
}

// TestPagination walks every page of several orders and checks that they
// are the single long page cut in pieces.
func TestPagination(t *testing.T) {
	_, m := paca(t)
	near := &search.Point{Lat: 43.7, Lon: 7.25}
	_, syn, ter := synthetic(t, 400, 1500)
	c := ter.Communes[0]
	paginate(t, syn, []search.Query{
		{Near: &search.Point{Lat: c.Lat, Lon: c.Lon}, RadiusKM: 30, IncludeRemote: true}, // remote services last, without distance
		{Text: "atelier", Sort: search.SortName},
		{Filters: map[string][]string{search.FieldOpenOn: {search.OpenOnSaturday}}, Sort: search.SortName},
	})
	paginate(t, m, []search.Query{
		{Text: "numérique"},
		{Text: "numérique", Sort: search.SortName},
		{Near: near, RadiusKM: 40},
		{Near: near, RadiusKM: 40, Sort: search.SortName},
		{Filters: map[string][]string{search.FieldFees: {vocab.FeeFree}}},
		{Text: "france", Near: near, RadiusKM: 100, Sort: search.SortDistance},
	})
}

func paginate(t *testing.T, m *search.Memory, queries []search.Query) {
	t.Helper()
	for _, q := range queries {
		full := q
		full.Limit = 100
		want := run(t, m, full)
		var got []string
		q.Limit = 7
		for pages := 0; ; pages++ {
			r := run(t, m, q)
			if r.Total != want.Total {
				t.Fatalf("%+v: total %d then %d", q, want.Total, r.Total)
			}
			for _, h := range r.Hits {
				got = append(got, h.Item.ID)
			}
			if r.NextCursor == "" || pages > 100 {
				break
			}
			q.Cursor = r.NextCursor
		}
		n := min(len(want.Hits), 100)
		if len(got) != want.Total || !slices.Equal(got[:n], ids(want.Hits[:n])) {
			t.Errorf("%+v: pages give %d ids, want %d in the same order", full, len(got), want.Total)
		}
	}
}

func ids(hits []search.Hit[models.Service]) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Item.ID
	}
	return out
}

// mobilityRead is the mobility search reads for a service: its place's,
// else Itinérant when its name or its place's says it moves (a bus,
// itinérant(e), mobile, a camion).
func mobilityRead(sv *models.Service) models.StringList {
	if len(sv.Actor.Mobility) > 0 {
		return sv.Actor.Mobility
	}
	moving := regexp.MustCompile(`(?i)(^|[^\pL])(bus|itin[ée]rant(e|s|es)?|itin[ée]rance|mobiles?|camions?)($|[^\pL])|\pL{3}bus($|[^\pL])`)
	// A word glued by an apostrophe to a word that is no elision is a
	// brand's (« Recyclo'Bus »): it says nothing of moving.
	brand := regexp.MustCompile(`\pL{3,}['’]\pL+`)
	if moving.MatchString(brand.ReplaceAllString(sv.Name, " ")) || moving.MatchString(brand.ReplaceAllString(sv.Actor.Name, " ")) {
		return models.StringList{vocab.MobilityItinerant}
	}
	return nil
}
