package api_test

import (
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// What clients' tools really send: a UTF-8 byte order mark before the JSON
// (PowerShell's Out-File, .NET's Encoding.UTF8), which RFC 8259 lets a
// parser ignore, and latitude and longitude in each other's place (GeoJSON
// and GIS tools write longitude first).
func TestClientHabits(t *testing.T) {
	e := apitest.New(t)
	body := `{"name":"Espace public numérique","address":{"street":"2 rue de la République","postal_code":"13002","commune":"Marseille"}}`
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: "\xef\xbb\xbf" + body})
	if r.Code != 201 {
		t.Fatalf("JSON after a byte order mark: %d %s", r.Code, r.Body)
	}
	id := r.Map()["id"].(string)
	r = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		ContentType: "application/merge-patch+json", Body: "\xef\xbb\xbf" + `{"summary":null}`})
	if r.Code != 200 {
		t.Errorf("merge patch after a byte order mark: %d %s", r.Code, r.Body)
	}
	// A BOM alone is an empty body, said as such.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: "\xef\xbb\xbf"})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "empty") {
		t.Errorf("a BOM alone: %d %s", r.Code, r.Body)
	}

	swapped := validActor("Médiathèque")
	swapped["latitude"], swapped["longitude"] = 5.3786, 43.2996
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: swapped})
	if r.Code != 422 || !strings.Contains(r.Body.String(), "latitude and longitude look swapped") {
		t.Errorf("swapped point: %d %s", r.Code, r.Body)
	}
	far := validActor("Médiathèque")
	far["latitude"], far["longitude"] = 48.8566, 2.3522 // Paris: wrong, not swapped
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: far})
	if r.Code != 422 || strings.Contains(r.Body.String(), "swapped") {
		t.Errorf("a point elsewhere is not called swapped: %d %s", r.Code, r.Body)
	}
}

// A search point given longitude first is in France the other way round:
// refused with the order to write, never an empty page as if nothing were
// near. A point outside France whose swap is not in France either is a
// real place (a border town's neighbour) and searched as given.
func TestSearchPointSwapped(t *testing.T) {
	e := apitest.New(t)
	for _, path := range []string{
		"/api/v1/search/services?near=5.3698,43.2965",
		"/api/v1/search/actors?near=55.45,-20.88", // La Réunion, longitude first
		"/api/v1/stats/territory?near=5.3698,43.2965&radius_km=10",
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if r.Code != 400 || !strings.Contains(r.Body.String(), "look swapped") {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}
	for _, path := range []string{"/api/v1/search/services?near=43.2965,5.3698", "/api/v1/search/services?near=46.2044,6.1432"} { // Marseille; Geneva
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 200 {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{
		"needs": []string{"aide-aux-demarches-administratives"}, "place": obj{"latitude": 5.3698, "longitude": 43.2965}}})
	if r.Code != 422 && r.Code != 400 || !strings.Contains(r.Body.String(), "look swapped") {
		t.Errorf("orientation: %d %s", r.Code, r.Body)
	}
}

// A place written where coordinates are expected (near=Aubagne) is told
// the commune's centre to copy and the filter that takes the place itself.
func TestSearchPointGivenAsPlace(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ near, hint string }{
		{"Aubagne", "the centre of Aubagne (13005) is near=43.2"},
		{"aubagne", "or commune=aubagne for its places"},
		{"13400", "or postal_code=13400"},
		{"13400", "13400 is Aubagne (13005), whose centre is near=43.2"},
		{"2A004", "is Ajaccio (2A004), whose centre"},
		{"Saint-Denis", "names "},
		{"Saint-Denis", "Saint-Denis (93066, 93)"},
		{"Saint-Denis", "or commune=Saint-Denis"},
		// Read as the filters it names read them (fix 38a).
		{"La Seyne", "La Seyne is La Seyne-sur-Mer (83126), whose centre is near=43.1"},
		{"13000", "13000 is Marseille (13055), whose centre is near=43.2"},
		{"13000", "or postal_code=13000 for its places"},
		// A code both one commune's INSEE code and others' postal code
		// (commune.CodeClash) names both readings, as the filters read
		// both: the postal reading alone sent Chirac's to Cognac.
		{"16100", "16100 is the postal code of Cognac (16102)"},
		{"16100", "and the INSEE code of Chirac: near="},
		{"16100", "commune=insee:16100 for Chirac's"},
		{"16100", "postal_code=16100 for the postal code's places"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=" + url.QueryEscape(tc.near)})
		if r.Code != 400 || !strings.Contains(r.Body.String(), tc.hint) {
			t.Errorf("near=%s: %d %s, want %q", tc.near, r.Code, r.Body, tc.hint)
		}
	}
	// Not a place: the rule alone.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?near=zzzq"})
	if r.Code != 400 || strings.Contains(r.Body.String(), "centre") {
		t.Errorf("near=zzzq: %d %s", r.Code, r.Body)
	}
}

// The near-misses of an RFC 3339 time say what is missing.
func TestTimeParameterHints(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ value, hint string }{
		{"2026-12-05T10:30", "has no time zone"},
		{"2026-12-05%2010:30:00", "has no time zone"},
		{"2026-12-05T10:30:00+01:00", "its + arrived as a space"}, // unencoded +
		{"2026-12-05", "this one is a date"},
		{"now", "send the current time itself"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?open_at=" + tc.value})
		if r.Code != 400 || !strings.Contains(r.Body.String(), tc.hint) {
			t.Errorf("%s: %d %s", tc.value, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?open_at=2026-12-05T10:30:00%2B01:00"}); r.Code != 200 {
		t.Errorf("a well-formed time: %d %s", r.Code, r.Body)
	}
}

// Postal codes as spreadsheets and people write them: 6000 for 06000 (the
// leading zero lost) is read; a département's code is refused with the
// parameter that takes it.
func TestPostalCodeHabits(t *testing.T) {
	e := apitest.New(t)
	nice := validActor("Médiathèque Nucéra")
	nice["address"] = obj{"street": "2 place Yves Klein", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}
	createActor(t, e, nice)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?postal_code=6000"})
	if r.Code != 200 || len(r.Map()["data"].([]any)) != 1 {
		t.Errorf("postal_code=6000: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?postal_code=13"})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "write departement=13") {
		t.Errorf("postal_code=13: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?postal_code=123"}); r.Code != 400 {
		t.Errorf("postal_code=123: %d", r.Code)
	}
}

// An unknown field of a body says which field it most likely meant: the
// names of OAuth forms, other APIs and the standard's columns, camelCase,
// a misspelling; nothing when no field is close.
func TestBodyFieldHints(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct {
		path  string
		body  obj
		field string
		hint  string
	}{
		{"/api/v1/auth/login", obj{"username": "a@b.fr", "password": "x"}, "username", "did you mean email?"},
		{"/api/v1/actors", obj{"nom": "A"}, "nom", "did you mean name?"},
		{"/api/v1/actors", obj{"name": "A", "telephone": "0491000000"}, "telephone", "did you mean phones?"},
		{"/api/v1/actors", obj{"name": "A", "lat": 43.3}, "lat", "did you mean latitude?"},
		// A member written at the wrong level is hinted where it is.
		{"/api/v1/actors", obj{"name": "A", "postalCode": "13001"}, "postalCode", "did you mean address.postal_code?"},
		{"/api/v1/orientation/suggestions", obj{"needs": []string{"Aide aux démarches administratives"}, "free": true}, "free", "did you mean constraints.free?"},
		{"/api/v1/actors", obj{"name": "A", "address": obj{"code_postal": "13001"}}, "address.code_postal", "did you mean postal_code?"}, // named by its path
		{"/api/v1/actors", obj{"name": "A", "typologie": []string{"BIB"}}, "typologie", "did you mean typologies?"},
		{"/api/v1/actors", obj{"name": "A", "descripton": "x"}, "descripton", "did you mean description?"},
		{"/api/v1/services", obj{"name": "A", "thematiques": []string{"x"}}, "thematiques", "did you mean themes?"},
		{"/api/v1/actors", obj{"name": "A", "zzzz": 1}, "zzzz", "names are snake_case"},
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: tc.path, Token: e.Admin, Body: tc.body})
		var reason string
		if r.Code == 400 {
			for _, f := range r.Map()["errors"].([]any) {
				if m := f.(map[string]any); m["field"] == tc.field {
					reason = m["reason"].(string)
				}
			}
		}
		if !strings.Contains(reason, tc.hint) {
			t.Errorf("%s %v: %d %s, want %q", tc.path, tc.body, r.Code, r.Body, tc.hint)
		}
	}
}

// An export asked for by its file name says the format to ask for.
func TestExportByFileName(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ path, hint string }{
		{"/api/v1/exports/lieux-de-mediation-numerique.v1.0.2.csv", "that is the file name of standard-csv"},
		{"/api/v1/exports/lieux.geojson", "did you mean geojson?"},
		{"/api/v1/exports/lieux.json", "did you mean standard-json?"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: tc.path})
		if r.Code != 404 || !strings.Contains(r.Body.String(), tc.hint) {
			t.Errorf("%s: %d %s", tc.path, r.Code, r.Body)
		}
	}
}
