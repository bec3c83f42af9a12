package api_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

func TestCreateActor(t *testing.T) {
	e := apitest.New(t)
	parent := createActor(t, e, validActor("Réseau des médiathèques"))
	createActor(t, e, merge(validActor("Taken"), obj{"source": "hub-du-sud", "source_id": "lieu-1"}))

	full := obj{
		"name":       "  Médiathèque Louis Aragon  ",
		"pivot":      "356 000 000 00048", // La Poste's SIREN: its own check rule
		"typologies": []string{"bib", "MUNI"},
		"parent_id":  parent["id"],
		"summary":    "Ordinateurs en libre accès",
		"address":    obj{"street": "1 place Carli", "postal_code": "13001", "commune": "Marseille", "insee_code": "13055"},
		"latitude":   43.3, "longitude": 5.38,
		"phones":              []string{"04 91 55 90 00"},
		"emails":              []string{"contact@example.fr"},
		"websites":            []string{"www.example.fr"},
		"opening_hours":       "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off",
		"mobility":            []string{"fixe"},
		"national_programmes": []string{"conseillers-numeriques"},
		"training_labels":     []string{"Étapes numériques (La Poste)"},
		"source":              "Hub-du-Sud",
		"source_id":           "lieu-2",
	}
	cases := []struct {
		name       string
		token      string
		body       any
		ct         string
		wantStatus int
		wantFields []string
		check      func(t *testing.T, got obj)
	}{
		{name: "OK minimal", token: e.Admin, body: validActor("Minimal"), wantStatus: 201, check: func(t *testing.T, got obj) {
			if got["status"] != "active" || got["pivot_kind"] != "unknown" || got["version"] != float64(1) || got["departement"] != "13" {
				t.Errorf("defaults: %v", got)
			}
			if l, ok := got["phones"].([]any); !ok || len(l) != 0 {
				t.Errorf("empty lists must be [], got %v", got["phones"])
			}
		}},
		{name: "OK normalised", token: e.Admin, body: full, wantStatus: 201, check: func(t *testing.T, got obj) {
			want := obj{"name": "Médiathèque Louis Aragon", "pivot": "35600000000048", "pivot_kind": "siret", "source": "hub-du-sud"}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
			checks := map[string]string{"typologies": "[BIB MUNI]", "phones": "[+33491559000]", "websites": "[https://www.example.fr]",
				"mobility": "[Fixe]", "national_programmes": "[Conseillers numériques]", "training_labels": "[Étapes numériques(La Poste)]"}
			for k, v := range checks {
				if str(got[k]) != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
		}},
		{name: "OK placeholder pivot is unknown", token: e.Admin, body: merge(validActor("P"), obj{"pivot": "00000000000000"}), wantStatus: 201, check: func(t *testing.T, got obj) {
			if got["pivot"] != "" || got["pivot_kind"] != "unknown" {
				t.Errorf("pivot %v %v", got["pivot"], got["pivot_kind"])
			}
		}},
		{name: "ErrValidation lists every field", token: e.Admin, body: obj{"name": "", "address": obj{"postal_code": "1300"}, "pivot": "12345678901234",
			"phones": []string{"12"}, "opening_hours": "Mo-Fr 09:00-36:00", "typologies": []string{"NOPE"}, "latitude": 91.0},
			wantStatus: 422, wantFields: []string{"name", "address.street", "address.postal_code", "address.commune", "pivot", "phones[0]", "opening_hours", "typologies[0]", "latitude", "longitude"}},
		{name: "ErrValidation summary over 280 characters", token: e.Admin, body: merge(validActor("S"), obj{"summary": strings.Repeat("é", 281)}), wantStatus: 422, wantFields: []string{"summary"}},
		{name: "ErrValidation temporarily closed needs a date", token: e.Admin, body: merge(validActor("T"), obj{"status": "temporarily_closed"}), wantStatus: 422, wantFields: []string{"closed_from"}},
		{name: "ErrValidation unknown parent", token: e.Admin, body: merge(validActor("C"), obj{"parent_id": "01939f4e-0000-7000-8000-000000000000"}), wantStatus: 422, wantFields: []string{"parent_id"}},
		{name: "ErrValidation null island", token: e.Admin, body: merge(validActor("N"), obj{"latitude": 0, "longitude": 0}), wantStatus: 422, wantFields: []string{"latitude"}},
		{name: "ErrBadRequest malformed JSON", token: e.Admin, body: `{"name": "x",`, wantStatus: 400},
		{name: "ErrBadRequest unknown field", token: e.Admin, body: merge(validActor("U"), obj{"nom": "x"}), wantStatus: 400, wantFields: []string{"nom"}},
		{name: "ErrBadRequest wrong type", token: e.Admin, body: merge(validActor("W"), obj{"phones": "0491000000"}), wantStatus: 400, wantFields: []string{"phones"}},
		{name: "ErrBadRequest nested wrong type", token: e.Admin, body: obj{"name": "x", "address": obj{"postal_code": 13002}}, wantStatus: 400, wantFields: []string{"address.postal_code"}},
		{name: "ErrBadRequest trailing data", token: e.Admin, body: `{"name":"x"} {}`, wantStatus: 400},
		{name: "ErrBadRequest array body", token: e.Admin, body: `[]`, wantStatus: 400},
		{name: "ErrBadRequest empty body", token: e.Admin, body: ` `, wantStatus: 400},
		{name: "ErrUnsupportedMediaType", token: e.Admin, body: `name=x`, ct: "application/x-www-form-urlencoded", wantStatus: 415},
		{name: "ErrUnauthorized without token", body: validActor("A"), wantStatus: 401},
		{name: "ErrUnauthorized bad token", token: "not.a.token", body: validActor("A"), wantStatus: 401},
		{name: "ErrConflict source id taken", token: e.Admin, body: merge(validActor("D"), obj{"source": "hub-du-sud", "source_id": "lieu-1"}), wantStatus: 409, wantFields: []string{"source_id"}},
		{name: "ErrValidation source id without source", token: e.Admin, body: merge(validActor("D"), obj{"source_id": "x"}), wantStatus: 422, wantFields: []string{"source"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tc.token, Body: tc.body, ContentType: tc.ct})
			if r.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", r.Code, tc.wantStatus, r.Body)
			}
			if tc.wantStatus >= 400 {
				if ct := r.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q", ct)
				}
				if got := fields(t, r); !hasAll(got, tc.wantFields...) {
					t.Errorf("fields %v, want at least %v", got, tc.wantFields)
				}
				return
			}
			got := r.Map()
			if loc := r.Header().Get("Location"); loc != "/api/v1/actors/"+str(got["id"]) {
				t.Errorf("Location %q", loc)
			}
			if versionTag(r) != `"1"` {
				t.Errorf("ETag %q", r.Header().Get("ETag"))
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

func TestGetActor(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Centre social"))
	gone := createActor(t, e, validActor("Gone"))
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(gone["id"]), Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	anonymous := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(a["id"])}).Header().Get("ETag")
	writer := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin}).Header().Get("ETag")
	cases := []struct {
		name   string
		path   string
		header map[string]string
		want   int
	}{
		{"OK", "/api/v1/actors/" + str(a["id"]), nil, 200},
		// Anonymous: the contacts are not public, so the tag says the
		// view leaves them out (whether there are any or not).
		{"NotModified", "/api/v1/actors/" + str(a["id"]), map[string]string{"If-None-Match": anonymous}, 304},
		{"NotModified weak", "/api/v1/actors/" + str(a["id"]), map[string]string{"If-None-Match": "W/" + anonymous}, 304},
		{"OK the version alone", "/api/v1/actors/" + str(a["id"]), map[string]string{"If-None-Match": `"1.public"`}, 200},
		{"OK the writer's tag", "/api/v1/actors/" + str(a["id"]), map[string]string{"If-None-Match": writer}, 200},
		{"OK stale If-None-Match", "/api/v1/actors/" + str(a["id"]), map[string]string{"If-None-Match": `"9"`}, 200},
		{"ErrNotFound", "/api/v1/actors/01939f4e-0000-7000-8000-000000000000", nil, 404},
		{"ErrNotFound not a UUID", "/api/v1/actors/42", nil, 404},
		{"ErrGone archived", "/api/v1/actors/" + str(gone["id"]), nil, 410},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: tc.path, Header: tc.header})
			if r.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", r.Code, tc.want, r.Body)
			}
			if tc.want == 200 && versionTag(r) != `"1.public"` {
				t.Errorf("ETag %q", r.Header().Get("ETag"))
			}
		})
	}
}

func TestUpdateActor(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Espace numérique"), obj{"phones": []string{"0491000000"}, "summary": "Résumé"}))
	path := "/api/v1/actors/" + str(a["id"])
	put := func(body any, header map[string]string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PUT", Path: path, Token: e.Admin, Body: body, Header: header})
	}
	patch := func(body any, ct string, header map[string]string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body, ContentType: ct, Header: header})
	}

	// PUT replaces: the omitted phones and summary are cleared.
	r := put(validActor("Espace numérique Belsunce"), map[string]string{"If-Match": `"1"`})
	if r.Code != 200 {
		t.Fatalf("PUT: %d %s", r.Code, r.Body)
	}
	got := r.Map()
	if got["version"] != float64(2) || got["summary"] != "" || str(got["phones"]) != "[]" || versionTag(r) != `"2"` {
		t.Errorf("PUT result: %v (ETag %s)", got, r.Header().Get("ETag"))
	}
	// A stale If-Match is refused and changes nothing.
	if r := put(validActor("Lost update"), map[string]string{"If-Match": `"1"`}); r.Code != 412 {
		t.Errorf("stale PUT: %d %s", r.Code, r.Body)
	}
	if r := put(validActor("Lost update"), map[string]string{"If-Match": `W/"2"`}); r.Code != 412 {
		t.Errorf("weak If-Match must not match: %d", r.Code)
	}
	// PATCH merges: present fields set, null clears, absent kept.
	r = patch(obj{"summary": "Nouveau", "address": obj{"complement": "RDC"}, "typologies": []string{"CS"}}, "application/merge-patch+json", map[string]string{"If-Match": `"2"`})
	if r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	got = r.Map()
	addr := got["address"].(map[string]any)
	if got["summary"] != "Nouveau" || addr["complement"] != "RDC" || addr["postal_code"] != "13002" || got["name"] != "Espace numérique Belsunce" || got["version"] != float64(3) {
		t.Errorf("PATCH result: %v", got)
	}
	r = patch(obj{"summary": nil, "typologies": nil}, "", nil)
	if got := r.Map(); r.Code != 200 || got["summary"] != "" || str(got["typologies"]) != "[]" {
		t.Errorf("PATCH null: %d %v", r.Code, got)
	}
	// Invalid patches change nothing.
	before := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	for name, tc := range map[string]struct {
		body   any
		want   int
		fields []string
	}{
		"ErrValidation":         {obj{"address": obj{"postal_code": "ABCDE"}, "name": ""}, 422, []string{"address.postal_code", "name"}},
		"ErrBadRequest unknown": {obj{"adresse": "x"}, 400, []string{"adresse"}},
		"ErrBadRequest type":    {obj{"latitude": "north"}, 400, []string{"latitude"}},
		"ErrBadRequest array":   {`[{"op":"replace"}]`, 400, nil},
		"ErrBadRequest syntax":  {`{"name":`, 400, nil},
	} {
		t.Run(name, func(t *testing.T) {
			r := patch(tc.body, "", nil)
			if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
				t.Errorf("%d %s", r.Code, r.Body)
			}
		})
	}
	after := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	if after["version"] != before["version"] {
		t.Errorf("a refused patch changed the actor: %v → %v", before["version"], after["version"])
	}
	// Closing then reopening: reopening clears the closure.
	r = patch(obj{"status": "temporarily_closed", "closed_from": "2026-07-14", "closed_until": "2026-08-31", "closure_reason": "Travaux"}, "", nil)
	if r.Code != 200 || r.Map()["closed_until"] != "2026-08-31" {
		t.Fatalf("close: %d %s", r.Code, r.Body)
	}
	r = patch(obj{"closed_until": "2026-07-01"}, "", nil)
	if r.Code != 422 || !hasAll(fields(t, r), "closed_until") {
		t.Errorf("until before from: %d %s", r.Code, r.Body)
	}
	r = patch(obj{"status": "active"}, "", nil)
	if got := r.Map(); r.Code != 200 || got["closed_from"] != nil || got["closure_reason"] != "" {
		t.Errorf("reopen: %d %v", r.Code, got)
	}
	// Unknown and archived actors.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/01939f4e-0000-7000-8000-000000000000", Token: e.Admin, Body: obj{"name": "x"}}); r.Code != 404 {
		t.Errorf("unknown: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: path, Body: validActor("x")}); r.Code != 401 {
		t.Errorf("anonymous PUT: %d", r.Code)
	}
	e.Do(apitest.Request{Method: "DELETE", Path: path, Token: e.Admin})
	if r := patch(obj{"name": "x"}, "", nil); r.Code != 410 {
		t.Errorf("archived PATCH: %d %s", r.Code, r.Body)
	}
}

func TestArchiveActor(t *testing.T) {
	e := apitest.New(t)
	network := createActor(t, e, validActor("Réseau"))
	child := createActor(t, e, merge(validActor("Antenne"), obj{"parent_id": network["id"]}))
	svc := createService(t, e, validService(str(child["id"]), "Accès libre"))

	// A network with active members cannot go.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(network["id"]), Token: e.Admin}); r.Code != 409 {
		t.Errorf("network with children: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(child["id"]), Token: e.Admin, Header: map[string]string{"If-Match": `"7"`}}); r.Code != 412 {
		t.Errorf("stale DELETE: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(child["id"]), Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(child["id"]), Token: e.Admin}); r.Code != 410 {
		t.Errorf("archive twice: %d", r.Code)
	}
	// Its services went with it, as tombstones.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + str(svc["id"])}); r.Code != 410 {
		t.Errorf("service of archived actor: %d", r.Code)
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors"}).Map()
	if list["meta"].(map[string]any)["total"] != float64(1) {
		t.Errorf("archived actor still listed: %v", list["meta"])
	}
	list = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?include_archived=true"}).Map()
	if list["meta"].(map[string]any)["total"] != float64(2) {
		t.Errorf("include_archived: %v", list["meta"])
	}
	// Now the network can go, and a service cannot be added to it.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(network["id"]), Token: e.Admin}); r.Code != 204 {
		t.Errorf("network: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(str(network["id"]), "x")}); r.Code != 422 || !hasAll(fields(t, r), "actor_id") {
		t.Errorf("service on archived actor: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(network["id"])}); r.Code != 401 {
		t.Errorf("anonymous DELETE: %d", r.Code)
	}
}

func TestListActorsPaging(t *testing.T) {
	e := apitest.New(t)
	const n = 45
	for i := range n {
		createActor(t, e, validActor("Lieu "+string(rune('A'+i%26))+string(rune('a'+i/26))))
	}
	for _, sort := range []string{"", "name", "updated_at"} {
		t.Run("sort="+sort, func(t *testing.T) {
			seen := map[string]bool{}
			var names []string
			path := "/api/v1/actors?limit=20"
			if sort != "" {
				path += "&sort=" + sort
			}
			pages := 0
			for path != "" {
				r := e.Do(apitest.Request{Method: "GET", Path: path})
				if r.Code != 200 {
					t.Fatalf("%s: %d %s", path, r.Code, r.Body)
				}
				var page struct {
					Data []struct{ ID, Name string }
					Meta struct {
						Total int
						Limit int
					}
					Links struct{ Next *string }
				}
				r.JSON(&page)
				if page.Meta.Total != n || page.Meta.Limit != 20 {
					t.Errorf("meta %+v", page.Meta)
				}
				for _, a := range page.Data {
					if seen[a.ID] {
						t.Errorf("%s repeated", a.ID)
					}
					seen[a.ID] = true
					names = append(names, a.Name)
				}
				pages++
				path = ""
				if page.Links.Next != nil {
					path = *page.Links.Next
				}
			}
			if len(seen) != n || pages != 3 {
				t.Errorf("saw %d actors in %d pages, want %d in 3", len(seen), pages, n)
			}
			if sort == "name" && !slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
				t.Errorf("not sorted by name: %v", names)
			}
		})
	}
}

func TestListActorsFilters(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, merge(validActor("Médiathèque"), obj{"typologies": []string{"BIB"}, "mobility": []string{"Fixe"}}))
	createActor(t, e, merge(validActor("CCAS de Nice"), obj{"typologies": []string{"CCAS"}, "address": obj{"street": "1 rue", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}}))
	createActor(t, e, merge(validActor("Bus numérique"), obj{"typologies": []string{"ASSO"}, "mobility": []string{"Itinérant"}, "source": "hub", "source_id": "b1",
		"address": obj{"street": "Place", "postal_code": "20000", "commune": "Ajaccio", "insee_code": "2A004"}}))
	createActor(t, e, merge(validActor("Fermé"), obj{"status": "closed"}))

	cases := []struct {
		query string
		want  []string // names, in id order
	}{
		{"typologies=BIB,CCAS", []string{"Médiathèque", "CCAS de Nice"}},
		{"typologies=bib&typologies=asso", []string{"Médiathèque", "Bus numérique"}},
		{"departement=2A", []string{"Bus numérique"}},
		{"departement=06,13", []string{"Médiathèque", "CCAS de Nice", "Fermé"}},
		{"postal_code=06000", []string{"CCAS de Nice"}},
		{"insee_code=2A004", []string{"Bus numérique"}},
		{"commune=nice", []string{"CCAS de Nice"}},
		{"mobility=itinerant", []string{"Bus numérique"}},
		{"status=closed", []string{"Fermé"}},
		{"status=active&typologies=BIB", []string{"Médiathèque"}},
		{"name=CCAS", []string{"CCAS de Nice"}},
		{"name=%25", nil},
		{"source=hub", []string{"Bus numérique"}},
		{"updated_since=2000-01-01T00:00:00Z&limit=1", []string{"Médiathèque"}},
		{"updated_since=2999-01-01T00:00:00%2B02:00", nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + tc.query})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			var page struct{ Data []struct{ Name string } }
			r.JSON(&page)
			var got []string
			for _, a := range page.Data {
				got = append(got, a.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}

	bad := []struct {
		query  string
		fields []string
	}{
		{"typologies=NOPE", []string{"typologies"}},
		{"departement=20", []string{"departement"}},
		{"postal_code=123", []string{"postal_code"}},
		{"limit=0", []string{"limit"}},
		{"limit=201", []string{"limit"}},
		{"sort=random", []string{"sort"}},
		{"cursor=garbage", []string{"cursor"}},
		{"updated_since=yesterday", []string{"updated_since"}},
		{"include_archived=perhaps", []string{"include_archived"}},
		{"parent_id=42", []string{"parent_id"}},
		{"typology=BIB", []string{"typology"}},
		{"name=a&name=b", []string{"name"}},
	}
	for _, tc := range bad {
		t.Run("ErrBadRequest "+tc.query, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + tc.query})
			if r.Code != 400 || !hasAll(fields(t, r), tc.fields...) {
				t.Errorf("%d %s", r.Code, r.Body)
			}
		})
	}
	// A cursor from one sort order cannot be used with another.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=1&sort=name"})
	next := r.Map()["meta"].(map[string]any)["next_cursor"].(string)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=1&cursor=" + next}); r.Code != 400 {
		t.Errorf("cursor across sorts: %d", r.Code)
	}
}

// merge returns a copy of a with b's keys set.
func merge(a, b obj) obj {
	out := obj{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestActorETagFollowsItsScore: an actor's quality score moves with its
// services, without its version; its ETag named the version alone, so
// If-None-Match answered 304 with the score of before.
func TestActorETagFollowsItsScore(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Espace numérique"))
	path := "/api/v1/actors/" + str(a["id"])
	first := e.Do(apitest.Request{Method: "GET", Path: path})
	etag := first.Header().Get("ETag")
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": etag}}); r.Code != 304 {
		t.Fatalf("unchanged: %d, want 304", r.Code)
	}
	createService(t, e, validService(str(a["id"]), "Aide aux démarches"))
	r := e.Do(apitest.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": etag}})
	if r.Code != 200 {
		t.Fatalf("after a service was published: %d (ETag %s), want 200 with the new score", r.Code, r.Header().Get("ETag"))
	}
	before := first.Map()["quality"].(map[string]any)["score"]
	if after := r.Map()["quality"].(map[string]any)["score"]; after == before {
		t.Fatalf("the score did not move (%v): the test shows nothing", after)
	}
}
