package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/commune"
)

func TestListCommunes(t *testing.T) {
	e := apitest.New(t)
	first := func(path string) obj {
		t.Helper()
		l := get(t, e, path)
		data := l["data"].([]any)
		if len(data) == 0 {
			t.Fatalf("%s: no commune", path)
		}
		return data[0].(obj)
	}
	for _, tc := range []struct{ path, code, name string }{
		{"/api/v1/communes?q=marseil", "13055", "Marseille"},
		{"/api/v1/communes?q=MARSEILLE%202E%20ARRONDISSEMENT", "13202", "Marseille 2e Arrondissement"},
		{"/api/v1/communes?q=st%20etienne", "42218", "Saint-Étienne"},
		{"/api/v1/communes?q=13055", "13055", "Marseille"},
		{"/api/v1/communes?q=mont-dore", "63236", "Mont-Dore"}, // the exact name first
		{"/api/v1/communes?q=le%20mont-d", "98817", "Le Mont-Dore"},
		{"/api/v1/communes?postal_code=98809", "98817", "Le Mont-Dore"},
		{"/api/v1/communes?q=50173", "50129", "Cherbourg-en-Cotentin"}, // a former commune's code
	} {
		c := first(tc.path)
		if c["code"] != tc.code || c["name"] != tc.name {
			t.Errorf("%s: %v %v, want %s %s", tc.path, c["code"], c["name"], tc.code, tc.name)
		}
	}
	nc := first("/api/v1/communes?q=98817")
	if nc["departement"] != "988" || nc["time_zone"] != "Pacific/Noumea" || nc["departement_name"] != "Nouvelle-Calédonie" || nc["zone"] != "com" {
		t.Errorf("Le Mont-Dore: %v", nc)
	}
	if a := first("/api/v1/communes?q=13202"); a["type"] != "arrondissement" || a["city"] != "13055" {
		t.Errorf("arrondissement: %v", a)
	}

	// Paging through a département: every commune once, in pages.
	seen := map[string]bool{}
	path := "/api/v1/communes?departement=13&limit=50"
	total := 0.0
	for pages := 0; path != ""; pages++ {
		l := get(t, e, path)
		total = l["meta"].(obj)["total"].(float64)
		for _, d := range l["data"].([]any) {
			code := d.(obj)["code"].(string)
			if seen[code] {
				t.Fatalf("%s twice", code)
			}
			seen[code] = true
		}
		path = ""
		if next, _ := l["links"].(obj)["next"].(string); next != "" {
			path = next
		}
		if pages > 10 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != int(total) || len(seen) != len(commune.InDepartement("13")) {
		t.Errorf("département 13: %d seen, total %v, reference %d", len(seen), total, len(commune.InDepartement("13")))
	}
	arrs := 0
	for _, d := range get(t, e, "/api/v1/communes?q=marseille&arrondissements=true&limit=50")["data"].([]any) {
		if d.(obj)["city"] == "13055" {
			arrs++
		}
	}
	if arrs != 16 {
		t.Errorf("Marseille's arrondissements: %d", arrs)
	}

	for _, tc := range []struct{ query, field string }{
		{"", "q"},
		{"departement=99", "departement"},
		{"q=x&limit=0", "limit"},
		{"q=x&cursor=nope", "cursor"},
		{"q=x&unknown=1", "unknown"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/communes?" + tc.query})
		if r.Code != 400 || !hasAll(fields(t, r), tc.field) {
			t.Errorf("%q: %d %s", tc.query, r.Code, r.Body)
		}
	}
	if l := get(t, e, "/api/v1/communes?q=zzzz"); len(l["data"].([]any)) != 0 {
		t.Errorf("zzzz: %v", l["data"])
	}
}

// TestAddressResolution covers each conflict case of the issue through the
// router: the commune is found from the postal code and the name, and a
// conflict between INSEE code, postal code (département) and coordinates is
// refused with the fields named.
func TestAddressResolution(t *testing.T) {
	e := apitest.New(t)
	addr := func(pc, name, insee string) obj {
		a := obj{"street": "1 rue", "postal_code": pc, "commune": name}
		if insee != "" {
			a["insee_code"] = insee
		}
		return a
	}
	for _, tc := range []struct {
		name       string
		body       obj
		status     int
		fields     []string
		insee, dep string
		commune    string
	}{
		{"Marseille's spelling, no code", obj{"address": addr("13002", "MARSEILLE 2E ARRONDISSEMENT", "")}, 201, nil, "13202", "13", "Marseille"},
		{"Marseille 2e", obj{"address": addr("13002", "Marseille 2e", "13055")}, 201, nil, "13202", "13", "Marseille"},
		{"ST ETIENNE", obj{"address": addr("42000", "ST ETIENNE", "")}, 201, nil, "42218", "42", "Saint-Étienne"},
		{"Le Mont-Dore, New Caledonia", obj{"address": addr("98800", "Mont-Dore", "")}, 201, nil, "98817", "988", "Le Mont-Dore"},
		{"ErrMont-Dore with the Puy-de-Dôme code", obj{"address": addr("98800", "Mont-Dore", "63236")}, 422, []string{"address.insee_code"}, "", "", ""},
		{"Err06000 with Marseille's code", obj{"address": addr("06000", "Nice", "13055")}, 422, []string{"address.insee_code"}, "", "", ""},
		{"Err06000 named Marseille", obj{"address": addr("06000", "Marseille", "13055")}, 422, []string{"address.postal_code"}, "", "", ""},
		{"ErrParis point on a 13001 address", obj{"address": addr("13001", "Marseille", ""), "latitude": 48.8566, "longitude": 2.3522}, 422, []string{"latitude", "longitude"}, "", "", ""},
		{"ErrUnknown code", obj{"address": addr("13001", "Marseille", "13999")}, 422, []string{"address.insee_code"}, "", "", ""},
		{"ErrBoth validation and place", obj{"address": addr("06000", "Nice", "13055"), "phones": []string{"12"}}, 422, []string{"address.insee_code", "phones[0]"}, "", "", ""},
		// The postal code of other communes of the département, where the
		// reference lists every code that serves each commune: refused
		// (the importer corrects it with a warning); New Caledonia's
		// reference lists one code per commune, and cannot tell (above).
		{"ErrCognac's 16100 on an Angoulême address", obj{"address": addr("16100", "Angoulême", "16015")}, 422, []string{"address.postal_code"}, "", "", ""},
		{"ErrCognac's 16100 named Angoulême", obj{"address": addr("16100", "Angoulême", "")}, 422, []string{"address.postal_code"}, "", "", ""},
		{"ErrParis's INSEE code for its postal code", obj{"address": addr("75056", "Paris", "")}, 422, []string{"address.postal_code"}, "", "", ""},
		{"Châteaubernard's shared 16100", obj{"address": addr("16100", "Châteaubernard", "")}, 201, nil, "16089", "16", "Châteaubernard"},
		{"Cahors CEDEX", obj{"address": addr("46010", "Cahors", "")}, 201, nil, "46042", "46", "Cahors"},
		// An arrondissement's INSEE code against its postal code, as
		// between communes.
		{"ErrParis 1er's postal code with the 19e's code", obj{"address": addr("75001", "Paris", "75119")}, 422, []string{"address.insee_code"}, "", "", ""},
		{"ErrParis 19e's name and code with the 1er's postal code", obj{"address": addr("75001", "Paris 19e", "75119")}, 422, []string{"address.postal_code"}, "", "", ""},
		{"Paris 1er", obj{"address": addr("75001", "Paris", "75101")}, 201, nil, "75101", "75", "Paris"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := merge(obj{"name": tc.name}, tc.body)
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body})
			if r.Code != tc.status {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if tc.status != 201 {
				if !hasAll(fields(t, r), tc.fields...) {
					t.Errorf("fields %v, want %v: %s", fields(t, r), tc.fields, r.Body)
				}
				return
			}
			a := r.Map()
			ad := a["address"].(obj)
			if ad["insee_code"] != tc.insee || a["departement"] != tc.dep || ad["commune"] != tc.commune {
				t.Errorf("got %v %v %v, want %s %s %s", ad["insee_code"], a["departement"], ad["commune"], tc.insee, tc.dep, tc.commune)
			}
		})
	}

	// Moving an address with a merge patch re-resolves the commune: the
	// old INSEE code does not stay behind.
	a := createActor(t, e, obj{"name": "Déménage", "address": addr("13001", "Marseille", "13055")})
	id := a["id"].(string)
	patch := func(body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: "application/merge-patch+json", Body: body})
	}
	r := patch(obj{"address": obj{"postal_code": "06000", "commune": "NICE"}})
	if r.Code != 200 {
		t.Fatalf("move: %d %s", r.Code, r.Body)
	}
	if m := r.Map(); m["address"].(obj)["insee_code"] != "06088" || m["departement"] != "06" || m["address"].(obj)["commune"] != "Nice" {
		t.Errorf("after the move: %v %v", m["address"], m["departement"])
	}
	// A point left in Marseille by a move is refused, naming the coordinates.
	if r := patch(obj{"latitude": 43.2965, "longitude": 5.3698}); r.Code != 422 || !hasAll(fields(t, r), "latitude") {
		t.Errorf("Marseille point on a Nice address: %d %s", r.Code, r.Body)
	}
	// A change that leaves the address alone is not checked again.
	if r := patch(obj{"summary": "Ouvert à tous"}); r.Code != 200 {
		t.Errorf("unrelated change: %d %s", r.Code, r.Body)
	}
	// A postal code sent alone that contradicts the commune left as it
	// was is refused under the postal code, the field sent (it blamed
	// address.commune).
	if r := patch(obj{"latitude": nil, "longitude": nil}); r.Code != 200 {
		t.Fatalf("drop the point: %d %s", r.Code, r.Body)
	}
	for _, pc := range []string{"13001", "06500"} {
		r := patch(obj{"address": obj{"postal_code": pc}})
		if f := fields(t, r); r.Code != 422 || !slices.Equal(f, []string{"address.postal_code"}) {
			t.Errorf("postal code %s alone on a Nice address: %d %v %s", pc, r.Code, f, r.Body)
		}
	}
}

// TestSyncCorrectsAddresses: a sync keeps the most consistent reading of
// each address and says what it corrected, one warning per conflict; the
// département and time zone follow the resolved commune.
func TestSyncCorrectsAddresses(t *testing.T) {
	e := apitest.New(t)
	actors := []obj{
		{"source_id": "nc-1", "name": "Maison de quartier", "address": obj{"street": "1 rue", "postal_code": "98800", "commune": "Mont-Dore", "insee_code": "63236"},
			"opening_hours": "Mo-Su 00:00-24:00"},
		{"source_id": "m-1", "name": "Espace Marseille", "address": obj{"street": "2 rue", "postal_code": "06000", "commune": "Marseille", "insee_code": "13055"}},
		// A point far from the commune its fields agree on is dropped; its
		// name names no commune (a name naming the point's commune keeps
		// the point: pointNamedByPlace, TestImportPointAgainstCommune).
		{"source_id": "m-2", "name": "Point numérique", "address": obj{"street": "3 rue", "postal_code": "13001", "commune": "MARSEILLE 1ER ARRONDISSEMENT"}, "latitude": 48.8566, "longitude": 2.3522},
	}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{"actors": actors}})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var res struct {
		Results []struct {
			SourceID string `json:"source_id"`
			Result   string `json:"result"`
			Warnings []struct{ Field, Reason string }
		}
	}
	r.JSON(&res)
	// Nouméa's 98800 on a Mont-Dore address is a doubt: replaced by the
	// commune's own code, and said.
	want := map[string]string{"nc-1": "address.postal_code address.insee_code", "m-1": "address.postal_code", "m-2": "latitude"}
	for _, o := range res.Results {
		var fields []string
		for _, w := range o.Warnings {
			fields = append(fields, w.Field)
		}
		if o.Result != "created" || strings.Join(fields, " ") != want[o.SourceID] {
			t.Errorf("%s: %s %+v", o.SourceID, o.Result, o.Warnings)
		}
	}
	list := get(t, e, "/api/v1/actors?source=hub-du-sud&sort=name")["data"].([]any)
	got := map[string]string{}
	for _, x := range list {
		a := x.(obj)
		ad := a["address"].(obj)
		got[a["source_id"].(string)] = fmt.Sprint(ad["insee_code"], " ", a["departement"], " ", ad["commune"], " ", a["latitude"])
	}
	for id, w := range map[string]string{"nc-1": "98817 988 Le Mont-Dore <nil>", "m-1": "13055 13 Marseille <nil>", "m-2": "13201 13 Marseille <nil>"} {
		if got[id] != w {
			t.Errorf("%s stored as %q, want %q", id, got[id], w)
		}
	}
	// Counted in New Caledonia, and open now in Nouméa's time.
	if n := get(t, e, "/api/v1/actors?departement=988")["meta"].(obj)["total"]; n != 1.0 {
		t.Errorf("département 988: %v", n)
	}
	if n := get(t, e, "/api/v1/actors?departement=63")["meta"].(obj)["total"]; n != 0.0 {
		t.Errorf("département 63: %v", n)
	}
	// Replaying the batch changes nothing.
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{"actors": actors}})
	if c := r.Map()["counts"].(obj); c["unchanged"] != 3.0 {
		t.Errorf("replay: %v", c)
	}
}

// TestCommuneFilters: commune takes a code or a name, the same parameter
// names on lists and search; Paris, Lyon and Marseille are the whole city
// or one arrondissement.
func TestCommuneFilters(t *testing.T) {
	e := apitest.New(t)
	for i, a := range []obj{
		{"street": "1 rue", "postal_code": "13001", "commune": "MARSEILLE"},
		{"street": "2 rue", "postal_code": "13002", "commune": "Marseille 2e"},
		{"street": "3 rue", "postal_code": "13002", "commune": "MARSEILLE 2E ARRONDISSEMENT"},
		{"street": "4 rue", "postal_code": "06000", "commune": "NICE"},
	} {
		act := createActor(t, e, obj{"name": fmt.Sprintf("Lieu %d", i), "address": a})
		sv := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: obj{"actor_id": act["id"], "name": "Aide", "kind": "one_off_help", "themes": []string{"Aide aux démarches administratives"}, "on_site": true}})
		if sv.Code != 201 {
			t.Fatalf("service: %d %s", sv.Code, sv.Body)
		}
	}
	for _, tc := range []struct {
		query string
		want  float64
	}{
		{"commune=Marseille", 3}, {"commune=13055", 3}, {"commune=marseille%202e", 2}, {"commune=13202", 2},
		{"commune=MARSEILLE%201ER%20ARRONDISSEMENT", 1}, {"commune=Nice,13201", 2}, {"insee_code=13055", 3},
		{"postal_code=13002", 2}, {"commune=Marseille&insee_code=13202", 2},
	} {
		for _, path := range []string{"/api/v1/actors?", "/api/v1/services?", "/api/v1/search/services?"} {
			if path == "/api/v1/search/services?" && strings.Contains(tc.query, "insee_code") {
				continue // search names the filter commune only
			}
			if n := get(t, e, path+tc.query)["meta"].(obj)["total"]; n != tc.want {
				t.Errorf("%s%s: %v, want %v", path, tc.query, n, tc.want)
			}
		}
	}
	// The older search parameter still works.
	if n := get(t, e, "/api/v1/search/services?code_postal=13002")["meta"].(obj)["total"]; n != 2.0 {
		t.Errorf("code_postal: %v", n)
	}
	// One official name per commune in lists.
	names := map[string]bool{}
	for _, x := range get(t, e, "/api/v1/actors?limit=50")["data"].([]any) {
		names[x.(obj)["address"].(obj)["commune"].(string)] = true
	}
	if len(names) != 2 || !names["Marseille"] || !names["Nice"] {
		t.Errorf("commune names: %v", names)
	}
	for _, q := range []string{"commune=Saint-Denis", "commune=Nowhere-sur-Rien"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + q}); r.Code != 400 || !hasAll(fields(t, r), "commune") {
			t.Errorf("%s: %d %s", q, r.Code, r.Body)
		}
	}
}

// TestPACACommunes runs the checks that need the shared PACA file on one
// import of it (each import costs seconds under the race detector).
func TestPACACommunes(t *testing.T) {
	e := pacaEnv(t)
	t.Run("CoordinatorOfNice", func(t *testing.T) { coordinatorOfNice(t, e) })
	t.Run("TerritoryOnPACA", func(t *testing.T) { territoryOnPACA(t, e) })
	t.Run("OrientationFromACommune", func(t *testing.T) { orientationFromACommune(t, e) })
	t.Run("OrientationFromAPostalCode", func(t *testing.T) { orientationFromAPostalCode(t, e) })
	t.Run("OrientationFromAPlaceOfDisagreeingParts", func(t *testing.T) { orientationFromAPlaceOfDisagreeingParts(t, e) })
}

// coordinatorOfNice: after the shared PACA file is imported (most of its
// places carry no INSEE code), a coordinator of Nice edits every place in
// Nice, and none outside.
func coordinatorOfNice(t *testing.T, e *apitest.Env) {
	_, tok := e.Account("coord-nice@carnet.test", nil, models.Territory{Communes: []string{"06088"}})
	nice := get(t, e, "/api/v1/actors?commune=Nice&limit=200")
	total := int(nice["meta"].(obj)["total"].(float64))
	if total < 30 {
		t.Fatalf("only %d places in Nice", total)
	}
	for _, x := range nice["data"].([]any) {
		a := x.(obj)
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a["id"].(string), Token: tok, ContentType: "application/merge-patch+json", Body: obj{"summary": "Vérifié par la coordination de Nice"}})
		if r.Code != 200 {
			t.Errorf("%s (%v): %d %s", a["name"], a["address"], r.Code, r.Body)
		}
	}
	other := get(t, e, "/api/v1/actors?commune=Antibes&limit=1")["data"].([]any)[0].(obj)
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + other["id"].(string), Token: tok, ContentType: "application/merge-patch+json", Body: obj{"summary": "x"}}); r.Code != 403 {
		t.Errorf("Antibes: %d", r.Code)
	}
	// insee_code and commune name agree: the file's spellings are one commune.
	if n := get(t, e, "/api/v1/actors?insee_code=06088&limit=1")["meta"].(obj)["total"].(float64); int(n) != total {
		t.Errorf("insee_code=06088: %v, commune=Nice: %d", n, total)
	}
}

// territoryOnPACA: the diagnostic of the shared PACA file names real
// communes, each once, with its population, and finds communes without any
// place as gaps.
func territoryOnPACA(t *testing.T, e *apitest.Env) {
	var st struct {
		Actors, Communes, Population int
		CommunesWithoutPlace         int `json:"communes_without_place"`
		PopulationWithoutPlace       int `json:"population_without_place"`
		UnplacedActors               int `json:"unplaced_actors"`
		Gaps                         []struct {
			Theme      string
			Population int
			Share      float64
			Communes   []struct {
				InseeCode  string `json:"insee_code"`
				Name       string
				Population int
				Actors     int
			}
		}
		AreaCommunes []struct {
			InseeCode  string `json:"insee_code"`
			Name       string
			Population int
			Actors     int
			GapThemes  []string `json:"gap_themes"`
		} `json:"area_communes"`
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory?departement=13&gap_km=10"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	r.JSON(&st)
	ref := commune.InDepartement("13")
	if st.Communes != len(ref) || len(st.AreaCommunes) != len(ref) {
		t.Fatalf("%d communes (%d listed), the reference has %d", st.Communes, len(st.AreaCommunes), len(ref))
	}
	names := map[string]int{}
	withPlace, pop := 0, 0
	for _, c := range st.AreaCommunes {
		names[c.Name]++
		pop += c.Population
		if c.Actors > 0 {
			withPlace++
		}
		if rc := commune.ByCode(c.InseeCode); rc == nil || rc.Name != c.Name || rc.Population != c.Population || rc.IsArrondissement() {
			t.Errorf("%s %s is not an official commune", c.InseeCode, c.Name)
		}
	}
	for n, k := range names {
		if k > 1 {
			t.Errorf("%s listed %d times", n, k)
		}
	}
	if st.AreaCommunes[0].Name != "Marseille" || st.AreaCommunes[0].Actors < 50 {
		t.Errorf("first commune: %+v", st.AreaCommunes[0])
	}
	if pop != st.Population || pop < 2_000_000 {
		t.Errorf("population %d, total %d", pop, st.Population)
	}
	if st.CommunesWithoutPlace != len(ref)-withPlace || st.CommunesWithoutPlace == 0 {
		t.Errorf("%d communes without place, %d with", st.CommunesWithoutPlace, withPlace)
	}
	gapsWithoutPlace := 0
	for _, g := range st.Gaps {
		sum := 0
		for i, c := range g.Communes {
			sum += c.Population
			if i > 0 && c.Population > g.Communes[i-1].Population {
				t.Errorf("%s: not ranked by population at %d", g.Theme, i)
			}
			if c.Actors == 0 {
				gapsWithoutPlace++
			}
		}
		if sum != g.Population || g.Share > 1 {
			t.Errorf("%s: population %d, sum %d, share %v", g.Theme, g.Population, sum, g.Share)
		}
	}
	if gapsWithoutPlace == 0 {
		t.Error("no commune without any place found as a gap")
	}
	t.Logf("PACA, département 13, gap 10 km: %d actors, %d communes (%d inhabitants), %d without any place (%d inhabitants), %d actors unplaced",
		st.Actors, st.Communes, st.Population, st.CommunesWithoutPlace, st.PopulationWithoutPlace, st.UnplacedActors)
	for _, g := range st.Gaps {
		var top []string
		for _, c := range g.Communes[:min(3, len(g.Communes))] {
			top = append(top, fmt.Sprintf("%s (%d)", c.Name, c.Population))
		}
		t.Logf("  %s: %d communes, %d inhabitants (%.1f%%): %s", g.Theme, len(g.Communes), g.Population, g.Share*100, strings.Join(top, ", "))
	}

	// Marseille whole, and one of its arrondissements, by name.
	m := get(t, e, "/api/v1/stats/territory?commune=Marseille")
	if m["communes"] != 1.0 || m["actors"].(float64) < 50 {
		t.Errorf("Marseille: %v communes, %v actors", m["communes"], m["actors"])
	}
	m2 := get(t, e, "/api/v1/stats/territory?commune="+url.QueryEscape("Marseille 1er"))
	if m2["area"].(obj)["value"] != "13201" || m2["actors"].(float64) == 0 || m2["actors"].(float64) >= m["actors"].(float64) {
		t.Errorf("Marseille 1er: %v %v", m2["area"], m2["actors"])
	}

	// GeoJSON: one point per commune with its figures.
	g := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory/geojson?departement=13"})
	if g.Code != 200 || !strings.HasPrefix(g.Result().Header.Get("Content-Type"), "application/geo+json") {
		t.Fatalf("geojson: %d %s", g.Code, g.Result().Header.Get("Content-Type"))
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry   *struct{ Coordinates []float64 }
			Properties struct {
				Name       string
				Population int
			}
		}
	}
	if err := json.Unmarshal(g.Body.Bytes(), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != len(ref) {
		t.Fatalf("geojson: %v %s %d", err, fc.Type, len(fc.Features))
	}
	for _, f := range fc.Features {
		if f.Geometry == nil || f.Geometry.Coordinates[1] < 43 || f.Geometry.Coordinates[1] > 44 {
			t.Errorf("%s: %v", f.Properties.Name, f.Geometry)
		}
	}
	// CSV keeps working.
	c := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory?departement=13", Header: map[string]string{"Accept": "text/csv"}})
	if c.Code != 200 || !strings.Contains(c.Body.String(), "communes_without_place") || !strings.Contains(c.Body.String(), "commune,") {
		t.Errorf("csv: %d %.300s", c.Code, c.Body.String())
	}
}

// TestImportWarnsPerRow: an import keeps the most consistent reading of
// each place's address with one warning per conflict, and the time zone
// follows the resolved commune (a place of New Caledonia filed under the
// Puy-de-Dôme's code opens in Nouméa's time).
func TestImportWarnsPerRow(t *testing.T) {
	e := apitest.New(t)
	rows := []obj{
		{"id": "nc-1", "nom": "Maison de quartier de Boulari", "pivot": "00000000000000", "commune": "Mont-Dore", "code_postal": "98800",
			"code_insee": "63236", "adresse": "1 rue de Boulari", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives",
			"horaires": "Mo-Su 08:00-12:00"},
		{"id": "m-1", "nom": "Espace Marseille", "pivot": "00000000000000", "commune": "MARSEILLE 2E ARRONDISSEMENT", "code_postal": "13002",
			"adresse": "2 rue", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"},
		{"id": "b-1", "nom": "Belleville", "pivot": "00000000000000", "commune": "Belleville-en-Beaujolais", "code_postal": "06922",
			"adresse": "8 rue du 14 juillet", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives",
			"latitude": 46.108, "longitude": 4.749},
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var rep struct {
		Rejected int
		Issues   []struct {
			Row           int
			Field, Reason string
			Severity      string
		}
	}
	r.JSON(&rep)
	got := map[int]string{}
	for _, is := range rep.Issues {
		if is.Field == "code_insee" || is.Field == "code_postal" || is.Field == "commune" || is.Field == "latitude" {
			got[is.Row] += is.Field + ":" + is.Severity + " "
		}
	}
	if rep.Rejected != 0 || got[1] != "code_postal:warning code_insee:warning " || got[2] != "" || got[3] != "code_postal:warning " {
		t.Errorf("rejected %d, issues %v (%+v)", rep.Rejected, got, rep.Issues)
	}
	list := get(t, e, "/api/v1/actors?source=hub&limit=10")["data"].([]any)
	stored := map[string]string{}
	for _, x := range list {
		a := x.(obj)
		ad := a["address"].(obj)
		stored[a["source_id"].(string)] = fmt.Sprint(ad["postal_code"], " ", ad["insee_code"], " ", a["departement"], " ", ad["commune"])
	}
	for id, w := range map[string]string{"nc-1": "98809 98817 988 Le Mont-Dore", "m-1": "13002 13202 13 Marseille", "b-1": "69220 69019 69 Belleville-en-Beaujolais"} {
		if stored[id] != w {
			t.Errorf("%s: %q, want %q", id, stored[id], w)
		}
	}
	// 09:00 in Nouméa is 23:00 the day before in Paris: open only if the
	// hours are read in the place's zone.
	open := func(at string) float64 {
		return get(t, e, "/api/v1/search/services?departement=988&open_at="+url.QueryEscape(at))["meta"].(obj)["total"].(float64)
	}
	if open("2026-12-01T09:00:00+11:00") != 1 || open("2026-12-01T20:00:00+11:00") != 0 {
		t.Error("hours of Le Mont-Dore not read in Pacific/Noumea")
	}
}

// TestServiceOwnAddress: a service's own address is resolved and checked
// like an actor's.
func TestServiceOwnAddress(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Porteur"))
	body := func(addr obj) obj {
		return obj{"actor_id": a["id"], "name": "Permanence", "kind": "one_off_help", "themes": []string{"Aide aux démarches administratives"},
			"on_site": true, "address": addr}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: body(obj{"street": "1 place", "postal_code": "06000", "commune": "Nice", "insee_code": "13055"})})
	if r.Code != 422 || !hasAll(fields(t, r), "address.insee_code") {
		t.Errorf("conflict: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: body(obj{"street": "1 place", "postal_code": "13015", "commune": "MARSEILLE 15"})})
	if r.Code != 201 || r.Map()["address"].(obj)["insee_code"] != "13215" {
		t.Errorf("resolution: %d %s", r.Code, r.Body)
	}
}

// orientationFromACommune: a person placed by a commune's code (here
// Marseille, whose places are filed under their arrondissements) gets the
// places around its centre.
func orientationFromACommune(t *testing.T, e *apitest.Env) {
	firstWithin(t, orientAt(e, obj{"insee_code": "13055"}), 5, "Marseille")
}

// orientAt asks for suggestions of places helping with procedures within
// 5 km of place.
func orientAt(e *apitest.Env, place obj) *apitest.Response {
	return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{
		"profile": "excluded", "needs": []string{"aide-aux-demarches-administratives"},
		"constraints": obj{"max_distance_km": 5}, "place": place}})
}

// firstWithin checks that r suggests something, the first within km.
func firstWithin(t *testing.T, r *apitest.Response, km float64, around string) {
	t.Helper()
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var out struct {
		Data []struct {
			DistanceKM *float64 `json:"distance_km"`
		}
	}
	r.JSON(&out)
	if len(out.Data) == 0 || out.Data[0].DistanceKM == nil || *out.Data[0].DistanceKM > km {
		t.Errorf("suggestions around %s: %.400s", around, r.Body.String())
	}
}

// orientationFromAPostalCode: a person placed by a postal code alone gets
// the places around the centre of its communes within max_distance_km (it
// was a filter on the code: the France services of Marseille's other
// districts, a kilometre away, were left out and none matched); a code of
// no commune is refused (it found nothing, and the answer blamed the need).
func orientationFromAPostalCode(t *testing.T, e *apitest.Env) {
	firstWithin(t, orientAt(e, obj{"postal_code": "13001"}), 5, "13001")
	for field, place := range map[string]obj{"place.insee_code": {"insee_code": "99999"}, "place.postal_code": {"postal_code": "99999"}} {
		if r := orientAt(e, place); r.Code != 422 || !hasAll(fields(t, r), field) {
			t.Errorf("%v: %d %s", place, r.Code, r.Body)
		}
	}
}

// orientationFromAPlaceOfDisagreeingParts: a place whose INSEE code, postal
// code and point name different places was read by one of them, the
// others ignored without a word (13055 with 06000 answered for Marseille,
// 13055 with a point in Paris for Paris); max_distance_km without a place
// was ignored too. Parts of one place are accepted as before.
func orientationFromAPlaceOfDisagreeingParts(t *testing.T, e *apitest.Env) {
	for field, place := range map[string]obj{
		"place.postal_code": {"insee_code": "13055", "postal_code": "06000"},
		"place.latitude":    {"insee_code": "13055", "latitude": 48.8566, "longitude": 2.3522},
	} {
		if r := orientAt(e, place); r.Code != 422 || !hasAll(fields(t, r), field) {
			t.Errorf("%v: %d %s", place, r.Code, r.Body)
		}
	}
	if r := orientAt(e, obj{"postal_code": "06000", "latitude": 48.8566, "longitude": 2.3522}); r.Code != 422 || !hasAll(fields(t, r), "place.latitude") {
		t.Errorf("06000 with a point in Paris: %d %s", r.Code, r.Body)
	}
	for _, place := range []obj{
		{"insee_code": "13055", "postal_code": "13001"},
		{"insee_code": "13201", "postal_code": "13001"},
		{"insee_code": "13055", "latitude": 43.2965, "longitude": 5.3698},
		{"postal_code": "13001", "latitude": 43.2965, "longitude": 5.3698},
		{"insee_code": "2a004"}, // as the lists' commune= filter reads it
	} {
		if r := orientAt(e, place); r.Code != 200 {
			t.Errorf("%v: %d %s", place, r.Code, r.Body)
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{
		"profile": "excluded", "needs": []string{"aide-aux-demarches-administratives"}, "constraints": obj{"max_distance_km": 5}}})
	if r.Code != 422 || !hasAll(fields(t, r), "constraints.max_distance_km") {
		t.Errorf("max_distance_km without a place: %d %s", r.Code, r.Body)
	}
}

// TestCoordinatorOfACity: a coordinator of Marseille (13055) covers places
// resolved to its arrondissements: edits them and sees their drafts.
func TestCoordinatorOfACity(t *testing.T) {
	e := apitest.New(t)
	_, tok := e.Account("coord-marseille@carnet.test", nil, models.Territory{Communes: []string{"13055"}})
	a := createActor(t, e, obj{"name": "Centre social", "address": obj{"street": "1 rue", "postal_code": "13002", "commune": "MARSEILLE 2E ARRONDISSEMENT"}})
	sv := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: obj{"actor_id": a["id"], "name": "Brouillon", "kind": "one_off_help",
		"themes": []string{"Aide aux démarches administratives"}, "on_site": true, "status": "draft"}})
	if sv.Code != 201 {
		t.Fatalf("%d %s", sv.Code, sv.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a["id"].(string), Token: tok, ContentType: "application/merge-patch+json", Body: obj{"summary": "x"}}); r.Code != 200 {
		t.Errorf("edit: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?status=draft", Token: tok})
	if r.Code != 200 || r.Map()["meta"].(obj)["total"] != 1.0 {
		t.Errorf("drafts: %d %.300s", r.Code, r.Body.String())
	}
}
