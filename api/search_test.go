package api_test

import (
	"context"
	"encoding/csv"
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/modeltest"
)

const pacaFile = "../../shared/reference/data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json"

// pacaEnv starts the service and loads the real PACA sample through the
// store, as an import would: the search index learns it from the change
// listener, not from a rebuild.
func pacaEnv(t *testing.T) *apitest.Env {
	t.Helper()
	e := apitest.New(t)
	rep, err := modeltest.LoadStandardFile(context.Background(), e.Store, pacaFile)
	if err != nil {
		t.Skipf("PACA sample not loadable (%v): it lives in ../shared/reference beside the repository", err)
	}
	if rep.Loaded < 600 {
		t.Fatalf("%d places loaded", rep.Loaded)
	}
	return e
}

func get(t *testing.T, e *apitest.Env, path string) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: path})
	if r.Code != 200 {
		t.Fatalf("GET %s: %d %s", path, r.Code, r.Body)
	}
	return r.Map()
}

func total(m obj) float64 { return m["meta"].(map[string]any)["total"].(float64) }

func TestSearchServicesHTTP(t *testing.T) {
	e := pacaEnv(t)
	// The README's examples.
	a := get(t, e, "/api/v1/search/services?q=mediatheque")
	b := get(t, e, "/api/v1/search/services?q="+url.QueryEscape("Médiathèque"))
	if total(a) == 0 || total(a) != total(b) {
		t.Errorf("accent folding over HTTP: %v vs %v", total(a), total(b))
	}
	// (« médiathèque » also finds the bibliothèques, another name of the
	// same place: compare the prefix with « médiation ».)
	if total(get(t, e, "/api/v1/search/services?q="+url.QueryEscape("médiat"))) <= total(get(t, e, "/api/v1/search/services?q=mediation")) {
		t.Error("prefix finds no more than the whole word")
	}
	near := get(t, e, "/api/v1/search/services?near=43.2965,5.3698&radius_km=5&themes=aide-aux-demarches-administratives&fees=gratuit&facets=themes,fees,kind&limit=5")
	data := near["data"].([]any)
	if len(data) == 0 || data[0].(obj)["distance_km"] == nil {
		t.Fatalf("near: %v", near)
	}
	facets := near["facets"].([]any)
	if len(facets) != 3 {
		t.Errorf("facets: %v", facets)
	}
	// Follow the next links to the end: no repeats.
	seen := map[string]bool{}
	path := "/api/v1/search/services?q=numerique&limit=50"
	for path != "" {
		m := get(t, e, path)
		for _, d := range m["data"].([]any) {
			id := str(d.(obj)["id"])
			if seen[id] {
				t.Fatalf("%s repeated", id)
			}
			seen[id] = true
		}
		next, _ := m["links"].(map[string]any)["next"].(string)
		path = next
		if len(seen) > 2000 {
			t.Fatal("no end")
		}
	}
	if float64(len(seen)) != total(get(t, e, "/api/v1/search/services?q=numerique")) {
		t.Errorf("pages gave %d results", len(seen))
	}
	// Actors.
	act := get(t, e, "/api/v1/search/actors?q=france+services&near=43.7,7.25&radius_km=50&facets=themes")
	if total(act) == 0 {
		t.Error("no France Services actor near Nice")
	}

	for _, tc := range []struct {
		name, query string
		fields      []string
	}{
		{"ErrUnknownParameter", "q=x&colour=red", []string{"colour"}},
		{"ErrBadNear", "near=43.3", []string{"near"}},
		{"ErrRadiusWithoutNear", "radius_km=5", []string{"radius_km"}},
		{"ErrRadiusTooLarge", "near=43.3,5.4&radius_km=500", []string{"radius_km"}},
		{"ErrBadVocabulary", "themes=cooking&fees=cheap", []string{"themes", "fees"}},
		{"ErrBadOpenOn", "open_on=someday", []string{"open_on"}},
		{"ErrBadOpenAt", "open_at=tomorrow", []string{"open_at"}},
		{"ErrBadFacet", "facets=colour", []string{"facets"}},
		{"ErrDistanceWithoutNear", "sort=distance", []string{"sort"}},
		{"ErrBadCursor", "q=x&cursor=nope", []string{"cursor"}},
		{"ErrBadLimit", "limit=1000", []string{"limit"}},
		{"ErrBadCommune", "commune=Nowhere-sur-Rien", []string{"commune"}},
		{"ErrAmbiguousCommune", "commune=Saint-Denis", []string{"commune"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?" + tc.query})
			if r.Code != 400 || !hasAll(fields(t, r), tc.fields...) {
				t.Errorf("%d %s", r.Code, r.Body)
			}
		})
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?exclude_full=true"}); r.Code != 400 {
		t.Errorf("exclude_full on actors: %d", r.Code)
	}
}

// TestSearchReadAfterWriteHTTP: a service created, changed or archived
// through the API is found (or not) by the very next search.
func TestSearchReadAfterWriteHTTP(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Médiathèque de l'Alcazar"), obj{"latitude": 43.2996, "longitude": 5.3786, "opening_hours": "Tu-Sa 11:00-19:00; PH off"}))
	s := createService(t, e, merge(validService(str(a["id"]), "Atelier tablette"), obj{"fees": []string{"gratuit"}}))
	if total(get(t, e, "/api/v1/search/services?q=alcazar")) != 1 {
		t.Fatal("new service not found")
	}
	hit := get(t, e, "/api/v1/search/services?near=43.2965,5.3698&open_on=saturday")["data"].([]any)
	if len(hit) != 1 || hit[0].(obj)["distance_km"].(float64) > 1 {
		t.Errorf("near + open_on: %v", hit)
	}
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + str(s["id"]), Token: e.Admin, Body: obj{"is_full": true}})
	if total(get(t, e, "/api/v1/search/services?q=alcazar&exclude_full=true")) != 0 || total(get(t, e, "/api/v1/search/services?q=alcazar")) != 1 {
		t.Error("is_full not seen at once")
	}
	e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + str(s["id"]), Token: e.Admin})
	if total(get(t, e, "/api/v1/search/services?q=alcazar")) != 0 {
		t.Error("archived service still found")
	}
	if total(get(t, e, "/api/v1/search/actors?q=alcazar")) != 1 {
		t.Error("the actor itself is still there")
	}
}

func TestSuggestionsHTTP(t *testing.T) {
	e := pacaEnv(t)
	body := obj{
		"profile":     "excluded",
		"needs":       []string{"aide-aux-demarches-administratives"},
		"constraints": obj{"free": true, "max_distance_km": 10},
		"place":       obj{"latitude": 43.2965, "longitude": 5.3698},
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: body})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	m := r.Map()
	data := m["data"].([]any)
	if len(data) == 0 {
		t.Fatal("no suggestion in Marseille")
	}
	first := data[0].(obj)
	if len(first["reasons"].([]any)) == 0 || first["service"].(obj)["id"] == nil {
		t.Errorf("suggestion: %v", first)
	}
	for _, tc := range []struct {
		name   string
		body   any
		want   int
		fields []string
	}{
		{"ErrPersonalData", merge(body, obj{"name": "Jeanne Martin"}), 400, []string{"name"}},
		{"ErrBadProfile", obj{"profile": "lost"}, 422, []string{"profile"}},
		{"ErrBadValues", obj{"needs": []string{"cooking"}, "constraints": obj{"when": []string{"noon"}, "max_distance_km": 500, "languages": []string{"klingon"}},
			"place": obj{"latitude": 43.3}}, 422, []string{"needs[0]", "constraints.when[0]", "constraints.max_distance_km", "constraints.languages[0]", "place.latitude"}},
		// 0 given was read as absent (10 suggestions, 15 km).
		{"ErrZeroLimit", obj{"limit": 0}, 422, []string{"limit"}},
		{"ErrZeroDistance", obj{"constraints": obj{"max_distance_km": 0}, "place": obj{"latitude": 43.3, "longitude": 5.4}}, 422, []string{"constraints.max_distance_km"}},
		{"ErrNotJSON", "profile=excluded", 400, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: tc.body})
			if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
				t.Errorf("%d %s", r.Code, r.Body)
			}
		})
	}
}

func TestTerritoryHTTP(t *testing.T) {
	e := pacaEnv(t)
	m := get(t, e, "/api/v1/stats/territory?departement=13&gap_km=5")
	if m["actors"].(float64) == 0 || len(m["themes"].([]any)) != 9 || len(m["gaps"].([]any)) != 9 {
		t.Fatalf("report: %v", m)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory?departement=13", Header: map[string]string{"Accept": "text/csv"}})
	if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV: %d %s", r.Code, r.Header())
	}
	rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	if err != nil || len(rows) < 15 || rows[0][0] != "section" {
		t.Errorf("CSV rows: %v %v", err, rows[:min(3, len(rows))])
	}
	// One commune: 13001, Aix-en-Provence's INSEE code and Marseille 1er's
	// postal code, is refused naming both (it described Aix silently);
	// insee:13001 is Aix (TestCommuneCodeBothINSEEAndPostal).
	if m := get(t, e, "/api/v1/stats/territory?commune=insee:13001"); m["area"].(map[string]any)["value"] != "13001" {
		t.Errorf("insee:13001: %v", m["area"])
	}
	if m := get(t, e, "/api/v1/stats/territory?near=43.2965,5.3698&radius_km=20"); m["area"].(map[string]any)["kind"] != "near" {
		t.Errorf("near: %v", m["area"])
	}
	for _, q := range []string{"", "departement=13&commune=13055", "commune=13001", "departement=99", "near=1", "gap_km=1000&departement=13", "themes=cooking&departement=13"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory?" + q}); r.Code != 400 {
			t.Errorf("%q: %d %s", q, r.Code, r.Body)
		}
	}
}
