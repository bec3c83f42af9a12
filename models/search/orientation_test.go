package search_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/search"
	"carnet/models/vocab"
)

func TestSuggest(t *testing.T) {
	s, m, _ := synthetic(t, 800, 2500)
	tr := readTruth(t, s)
	ctx := context.Background()
	here := search.Point{Lat: 43.2965, Lon: 5.3698} // Marseille
	req := search.SuggestRequest{
		Profile: search.ProfileExcluded,
		Needs:   []string{vocab.ThemeAdministrativeProcedures},
		Free:    true, MaxDistanceKM: 20, Near: &here, Limit: 20,
	}
	res, err := m.Suggest(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) == 0 {
		t.Fatal("no suggestion")
	}
	// Hard constraints hold, and Matching counts the services meeting them.
	matching := 0
	for _, sv := range tr.services {
		lat, lon := sv.Latitude, sv.Longitude
		if lat == nil {
			lat, lon = sv.Actor.Latitude, sv.Actor.Longitude
		}
		if lat != nil && !(sv.Remote && !sv.OnSite) && !sv.IsFull && helpsWithProcedures(sv) &&
			(sv.Fees.Contains(vocab.FeeFree) || sv.Fees.Contains(vocab.FeeFreeUnderCondition) || len(sv.Fees) == 0) &&
			haversine(here.Lat, here.Lon, *lat, *lon) <= 20 {
			matching++
		}
	}
	if res.Matching != matching {
		t.Errorf("matching %d, database %d", res.Matching, matching)
	}
	for i, it := range res.Items {
		sv := it.Service
		if !helpsWithProcedures(sv) || sv.IsFull || it.DistanceKM == nil || *it.DistanceKM > 20.05 {
			t.Errorf("%d breaks a constraint: %+v", i, sv)
		}
		// A service meeting the needs by a label alone comes after
		// the others, whatever its score.
		if i > 0 && it.Score > res.Items[i-1].Score && labelOnly(it) == labelOnly(res.Items[i-1]) {
			t.Errorf("not ranked at %d", i)
		}
		if len(it.Reasons) < 3 || it.Score <= 0 || it.Score > 100 {
			t.Errorf("%d: score %v reasons %v", i, it.Score, it.Reasons)
		}
	}
	// For an excluded person, doing it for them ranks first when offered.
	hasFor := slices.ContainsFunc(res.Items, func(it search.Suggestion) bool { return it.Service.Kind == vocab.KindProceduresDoneFor })
	if hasFor && res.Items[0].Service.Kind != vocab.KindProceduresDoneFor {
		t.Errorf("excluded: first is %s", res.Items[0].Service.Kind)
	}
	// A beginner is sent to training and workshops first.
	req.Profile, req.Needs = search.ProfileBeginner, []string{vocab.ThemeEverydayDigitalTools}
	res, _ = m.Suggest(ctx, req)
	if k := res.Items[0].Service.Kind; k != vocab.KindTrainingCourse && k != vocab.KindCollectiveWorkshop {
		t.Errorf("beginner: first is %s", k)
	}
	// Remote only: every suggestion is given remotely.
	res, _ = m.Suggest(ctx, search.SuggestRequest{RemoteOnly: true, Near: &here})
	if len(res.Items) == 0 {
		t.Fatal("no remote service")
	}
	for _, it := range res.Items {
		if !it.Service.Remote {
			t.Errorf("not remote: %s", it.Service.Name)
		}
	}
	// Specific support: all of them.
	res, _ = m.Suggest(ctx, search.SuggestRequest{SpecificSupport: []string{vocab.SupportDeafness}, Limit: 50})
	for _, it := range res.Items {
		if !it.Service.SpecificSupport.Contains(vocab.SupportDeafness) {
			t.Errorf("no deafness support: %s", it.Service.Name)
		}
	}
	// Evenings: the reason says so.
	res, _ = m.Suggest(ctx, search.SuggestRequest{When: []string{search.OpenOnEvening}, Near: &here, MaxDistanceKM: 50})
	for _, it := range res.Items {
		if !slices.ContainsFunc(it.Reasons, func(r search.Reason) bool { return r.Code == "open" }) {
			t.Errorf("evening not explained: %v", it.Reasons)
		}
	}
	if _, err := m.Suggest(ctx, search.SuggestRequest{Profile: "tired"}); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("bad profile: %v", err)
	}
}

func TestTerritory(t *testing.T) {
	_, m, ter := synthetic(t, 1500, 4000)
	ctx := context.Background()
	rep, err := m.Territory(ctx, search.TerritoryQuery{Departement: "13", GapKM: 5})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Actors == 0 || rep.Communes == 0 || rep.Services < rep.Actors/2 {
		t.Fatalf("empty report: %+v", rep)
	}
	sum := 0
	for _, c := range rep.Typologies {
		sum += c.Count
	}
	if sum < rep.Actors {
		t.Errorf("typologies cover %d of %d actors", sum, rep.Actors)
	}
	for _, s := range rep.Themes {
		if s.Actors > rep.Actors || math.Abs(s.Share-float64(s.Actors)/float64(rep.Actors)) > 0.001 {
			t.Errorf("theme %s: %d actors, share %v", s.Value, s.Actors, s.Share)
		}
	}
	// Gaps: every listed commune is farther than 5 km from any actor
	// offering the theme, which the search confirms.
	gaps := 0
	for _, g := range rep.Gaps {
		for _, c := range g.Communes {
			gaps++
			r, err := m.SearchActors(ctx, search.Query{Near: &search.Point{Lat: c.Lat, Lon: c.Lon}, RadiusKM: 5,
				Filters: map[string][]string{search.FieldThemes: {g.Theme}}})
			if err != nil || r.Total != 0 {
				t.Errorf("%s has %d actors offering %s within 5 km", c.Name, r.Total, g.Theme)
			}
			if c.NearestKM != nil && *c.NearestKM <= 5 {
				t.Errorf("%s: nearest %v", c.Name, *c.NearestKM)
			}
		}
	}
	if gaps == 0 {
		t.Error("no gap at 5 km for solidarity equipment in a synthetic département?")
	}
	// A commune and a circle.
	if rep, _ := m.Territory(ctx, search.TerritoryQuery{InseeCode: "13055"}); rep.Actors == 0 || rep.Communes != 1 {
		t.Errorf("Marseille: %d actors, %d communes", rep.Actors, rep.Communes)
	}
	c := ter.Communes[0]
	if rep, _ := m.Territory(ctx, search.TerritoryQuery{Near: &search.Point{Lat: c.Lat, Lon: c.Lon}, RadiusKM: 15}); rep.Actors == 0 {
		t.Error("nobody around Paris")
	}
}

// helpsWithProcedures: the service declares help with procedures, or its
// place is a France Services or an Aidants Connect (labelled, of the
// typology, or so named), as orientation reads a need.
func helpsWithProcedures(sv *models.Service) bool {
	a := sv.Actor
	named := func(n string) bool { return strings.Contains(strings.ToLower(n), "france services") }
	return sv.Themes.Contains(vocab.ThemeAdministrativeProcedures) ||
		a.NationalProgrammes.Contains(vocab.ProgrammeFranceServices) || a.NationalProgrammes.Contains(vocab.ProgrammeAidantsConnect) ||
		a.Typologies.Contains("RFS") || a.Typologies.Contains("MSAP") || named(a.Name) || named(sv.Name)
}

// labelOnly reports whether a suggestion meets its needs by a national
// label alone (reason need_by_kind « Label … », no declared need).
func labelOnly(it search.Suggestion) bool {
	byLabel := false
	for _, r := range it.Reasons {
		switch {
		case r.Code == "needs", r.Code == "need_by_kind" && !strings.HasPrefix(r.Text, "Label "):
			return false
		case r.Code == "need_by_kind":
			byLabel = true
		}
	}
	return byLabel
}
