package api_test

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestProvenanceAndQuality: a partner's producer and date are kept beside
// Carnet's own times, a person's edit moves checked_on to today, scores are
// served and filterable, and coordinators list the stale records of their
// territory with what they miss.
func TestProvenanceAndQuality(t *testing.T) {
	e := apitest.New(t)
	today := time.Now().UTC().Format(time.DateOnly)
	old := merge(partnerActor("old-1", "Médiathèque ancienne"), obj{"producer": "dora", "producer_updated_on": "2022-03-04"})
	full := merge(partnerActor("full-1", "Espace numérique complet"), obj{
		"producer": "dora", "producer_updated_on": today, "pivot": "21130055300016",
		"phones": []string{"04 91 00 00 10"}, "contact_public": true, "opening_hours": "Mo-Fr 09:00-12:00", "latitude": 43.2996, "longitude": 5.3786,
		"summary": "Ordinateurs en libre accès, ateliers et aide aux démarches en ligne pour tous.",
	})
	nice := merge(partnerActor("nice-1", "Point numérique niçois"), obj{"producer_updated_on": "2021-01-01",
		"address": obj{"street": "1 rue de France", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}})
	res := syncActors(t, e, "", old, full, nice)
	ids := map[string]string{}
	for _, r := range res.Results {
		ids[r.SourceID] = r.ID
	}
	get := func(id string) map[string]any {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}).Map()
	}

	a := get(ids["old-1"])
	if a["producer"] != "dora" || a["producer_updated_on"] != "2022-03-04" || a["checked_on"] != "2022-03-04" {
		t.Errorf("provenance: producer %v, date %v, checked %v", a["producer"], a["producer_updated_on"], a["checked_on"])
	}
	q := a["quality"].(map[string]any)
	if q["stale"] != true || !strings.Contains(str(q["missing"]), "fresh") || !strings.Contains(str(q["missing"]), "contact") {
		t.Errorf("quality of the old record: %v", q)
	}
	if p := get(ids["nice-1"]); p["producer"] != "hub-du-sud" {
		t.Errorf("a partner that names no producer is the producer: %v", p["producer"])
	}

	// The full record scores high once it has a published offer with its
	// fees and access modes.
	createService(t, e, merge(validService(ids["full-1"], "Aide aux démarches"), obj{"fees": []string{"Gratuit"}, "access_modes": []string{"Se présenter"}}))
	f := get(ids["full-1"])
	if s := f["quality"].(map[string]any)["score"].(float64); s < 0.99 {
		t.Errorf("full record scores %v: %v", s, f["quality"])
	}
	// A person's change to a service of the old record is a check: today.
	createService(t, e, validService(ids["old-1"], "Atelier"))
	if a := get(ids["old-1"]); a["checked_on"] != today || a["producer_updated_on"] != "2022-03-04" {
		t.Errorf("after an edit: checked %v, producer's date %v", a["checked_on"], a["producer_updated_on"])
	}

	count := func(query string) int {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + query})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", query, r.Code, r.Body)
		}
		return int(r.Map()["meta"].(map[string]any)["total"].(float64))
	}
	if n := count("quality_min=0.95"); n != 1 {
		t.Errorf("quality_min=0.95: %d, want 1", n)
	}
	if n := count("stale=true"); n != 1 { // nice-1; old-1 was just checked
		t.Errorf("stale=true: %d, want 1", n)
	}
	for _, bad := range []string{"quality_min=2", "quality_min=x", "stale=maybe"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + bad}); r.Code != 400 {
			t.Errorf("%s: %d", bad, r.Code)
		}
	}

	// Coordinators list the stale records of their territory only.
	_, coord := e.Account("coord-quality@carnet.test", nil, models.Territory{Departements: []string{"13"}})
	stale := func(token, query string) *apitest.Response {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale" + query, Token: token})
	}
	if r := stale(coord, ""); r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(0) {
		t.Errorf("coordinator of 13: %d %s", r.Code, r.Body)
	}
	r := stale(e.Admin, "?months=24")
	if r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(1) {
		t.Fatalf("admin, 24 months: %d %s", r.Code, r.Body)
	}
	item := r.Map()["data"].([]any)[0].(map[string]any)
	if item["id"] != ids["nice-1"] || item["months_since_check"].(float64) < 24 || !strings.Contains(str(item["quality"]), "contact") {
		t.Errorf("stale record: %v", item)
	}
	_, niceCoord := e.Account("coord-06@carnet.test", nil, models.Territory{Departements: []string{"06"}})
	if r := stale(niceCoord, "?departement=06"); r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(1) {
		t.Errorf("coordinator of 06: %d %s", r.Code, r.Body)
	}
	if r := stale(niceCoord, "?departement=13"); r.Code != 403 {
		t.Errorf("outside the territory: %d", r.Code)
	}
	if r := stale(coord, "?months=0"); r.Code != 400 {
		t.Errorf("months=0: %d", r.Code)
	}

	// The quality export has one row per place, with its score and gaps.
	rows, err := csv.NewReader(strings.NewReader(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/quality-csv"}).Body.String())).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "id" || rows[0][12] != "quality_score" {
		t.Fatalf("quality export: %v %v", err, rows)
	}
	for _, row := range rows[1:] {
		if row[0] == "nice-1" && (row[11] != "true" || !strings.Contains(row[13], "fresh")) {
			t.Errorf("quality row: %v", row)
		}
	}
}

// TestRestoredServiceCountsInTheScore: a service restored counts again in
// its place's score, as its archiving took it out; the score stayed without
// it, served, filtered on and exported.
func TestRestoredServiceCountsInTheScore(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Lieu noté"))["id"])
	sv := validService(a, "Accompagnement")
	sv["fees"], sv["access_modes"] = []string{"Gratuit"}, []string{"Se présenter"}
	s := str(createService(t, e, sv)["id"])
	score := func() float64 {
		t.Helper()
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a}).Map()["quality"].(map[string]any)["score"].(float64)
	}
	with := score()
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + s, Token: e.Admin}); r.Code != 204 && r.Code != 200 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	without := score()
	if without >= with {
		t.Fatalf("archiving the offer left the score at %v (was %v)", without, with)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + s + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	if got := score(); got != with {
		t.Errorf("after the restore: score %v, want %v as before the archiving (%v without the offer)", got, with, without)
	}
}

// The stale list used its own territory rule and commune filter: a
// coordinator of Marseille (13055) saw none of its places, which are filed
// under their arrondissements (13201…13216), though that coordinator may
// edit them; and insee_code=13055 matched no place, while /actors reads a
// city's code as the city with its arrondissements. The list now reads
// both as /actors and the coordinator's write rights do.
func TestStaleListCoversACitysArrondissements(t *testing.T) {
	e := apitest.New(t)
	old := func(id, street, postal, commune, insee string) obj {
		return merge(partnerActor(id, "Lieu "+id), obj{"producer_updated_on": "2020-01-02",
			"address": obj{"street": street, "postal_code": postal, "commune": commune, "insee_code": insee}})
	}
	res := syncActors(t, e, "", old("marseille-2e", "2 rue de la République", "13002", "Marseille", "13202"),
		old("aix", "1 place de l'Hôtel de Ville", "13100", "Aix-en-Provence", "13001"))
	for _, r := range res.Results {
		if r.ID == "" {
			t.Fatalf("sync: %+v", res)
		}
	}
	_, city := e.Account("coord-marseille@carnet.test", nil, models.Territory{Communes: []string{"13055"}})
	_, dep := e.Account("coord-13@carnet.test", nil, models.Territory{Departements: []string{"13"}})
	for _, tc := range []struct {
		who, token, query string
		code              int
		want              []string
	}{
		{"city coordinator", city, "", 200, []string{"marseille-2e"}},
		{"city coordinator", city, "?insee_code=13055", 200, []string{"marseille-2e"}},
		{"city coordinator", city, "?insee_code=13202", 200, []string{"marseille-2e"}},
		{"city coordinator", city, "?insee_code=Marseille", 200, []string{"marseille-2e"}},
		{"city coordinator", city, "?insee_code=13203", 200, nil},
		{"city coordinator", city, "?insee_code=13001", 403, nil},
		{"département coordinator", dep, "?insee_code=13055", 200, []string{"marseille-2e"}},
		{"département coordinator", dep, "", 200, []string{"aix", "marseille-2e"}},
		{"administrator", e.Admin, "?insee_code=13055", 200, []string{"marseille-2e"}},
		{"administrator", e.Admin, "?insee_code=13202", 200, []string{"marseille-2e"}},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale" + tc.query, Token: tc.token})
		if r.Code != tc.code {
			t.Errorf("%s %q: %d %s, want %d", tc.who, tc.query, r.Code, r.Body, tc.code)
			continue
		}
		if tc.code != 200 {
			continue
		}
		var l struct {
			Data []struct {
				SourceID string `json:"source_id"`
			}
		}
		r.JSON(&l)
		var got []string
		for _, it := range l.Data {
			got = append(got, it.SourceID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: %v, want %v", tc.who, tc.query, got, tc.want)
		}
	}
}

// TestStaleListHasUndatedPlaces: a place synced or imported without a
// producer's date has the day it was stored as its checked_on and is
// stale (checked_on_undated: nobody is known to have checked it), but the
// stale list selected on checked_on alone: such a place showed
// quality.stale=true and was missing from the list coordinators work
// from. It is listed now, whatever months, with checked_on_undated and
// the freshness gap naming the producer's date it misses; a dated place is
// listed as before, by its age.
func TestStaleListHasUndatedPlaces(t *testing.T) {
	e := apitest.New(t)
	dated := func(id, day string) obj { return merge(partnerActor(id, "Lieu "+id), obj{"producer_updated_on": day}) }
	recent := time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly)
	res := syncActors(t, e, "", partnerActor("undated", "Lieu sans date"), dated("old", "2020-01-02"), dated("recent", recent))
	for _, r := range res.Results {
		if r.ID == "" {
			t.Fatalf("sync: %+v", res)
		}
	}
	_, coord := e.Account("coord-13@carnet.test", nil, models.Territory{Departements: []string{"13"}})
	type item struct {
		SourceID         string `json:"source_id"`
		CheckedOnUndated bool   `json:"checked_on_undated"`
		Quality          struct {
			Stale   bool `json:"stale"`
			Missing []struct{ Criterion, Missing string }
		} `json:"quality"`
	}
	for _, tc := range []struct {
		token, query string
		want         []string
	}{
		{coord, "", []string{"old", "undated"}},
		{e.Admin, "", []string{"old", "undated"}},
		{coord, "?months=1", []string{"old", "recent", "undated"}},
		{coord, "?months=120", []string{"undated"}},
		{coord, "?departement=13", []string{"old", "undated"}},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale" + tc.query, Token: tc.token})
		if r.Code != 200 {
			t.Fatalf("%q: %d %s", tc.query, r.Code, r.Body)
		}
		var l struct {
			Data []item
			Meta struct{ Total int }
		}
		r.JSON(&l)
		var got []string
		for _, it := range l.Data {
			got = append(got, it.SourceID)
			if it.CheckedOnUndated != (it.SourceID == "undated") {
				t.Errorf("%q %s: checked_on_undated %v", tc.query, it.SourceID, it.CheckedOnUndated)
			}
			if it.SourceID != "undated" {
				continue
			}
			gap := ""
			for _, m := range it.Quality.Missing {
				if m.Criterion == "fresh" {
					gap = m.Missing
				}
			}
			if !it.Quality.Stale || gap != models.QualityUndatedMissing {
				t.Errorf("%q undated: stale %v, fresh gap %q", tc.query, it.Quality.Stale, gap)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || l.Meta.Total != len(tc.want) {
			t.Errorf("%q: %v (total %d), want %v", tc.query, got, l.Meta.Total, tc.want)
		}
	}
}
