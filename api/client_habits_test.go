package api_test

import (
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
