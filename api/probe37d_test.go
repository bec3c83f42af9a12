package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestProbe37dPointAloneAgainstThePostalCode (verify 37b N5): « Mairie,
// 24140 » with a point in Sarlat, 60 km from every commune of 24140, was
// refused over the API (422) but moved to Sarlat-la-Canéda, 24140
// replaced by 24200, by syncs and imports. One rule on every path: the
// point conflicts with the address — 422 on the coordinates over the API,
// dropped with a warning by syncs and imports, the postal code kept.
func TestProbe37dPointAloneAgainstThePostalCode(t *testing.T) {
	e := apitest.New(t)
	sarlat := obj{"address": obj{"street": "route", "postal_code": "24140", "commune": "Mairie"}, "latitude": 44.8890, "longitude": 1.2160}

	rows := []obj{{"id": "g10", "nom": "Lieu", "commune": "Mairie", "code_postal": "24140", "adresse": "route", "date_maj": "2026-11-01",
		"latitude": 44.8890, "longitude": 1.2160, "services": "Maîtrise des outils numériques du quotidien"}}
	farPointOnEveryPath(t, e, sarlat, rows)
	for _, x := range get(t, e, "/api/v1/actors?limit=50")["data"].([]any) {
		o := x.(obj)
		addr := o["address"].(obj)
		if o["latitude"] != nil || addr["postal_code"] != "24140" {
			t.Errorf("%s: postal code %v, commune %v, point %v,%v", o["name"], addr["postal_code"], addr["commune"], o["latitude"], o["longitude"])
		}
	}
}

// farPointOnEveryPath checks that an actor (address and point) whose point
// conflicts with its address is refused on its coordinates by a create
// (422) and has its point dropped with a warning by a sync, and so the
// import rows by an import.
func farPointOnEveryPath(t *testing.T, e *apitest.Env, actor obj, rows []obj) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(obj{"name": "Lieu"}, actor)})
	if r.Code != 422 || !hasAll(fields(t, r), "latitude", "longitude") {
		t.Errorf("create: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: e.Admin, Body: obj{"actors": []obj{merge(obj{"source_id": "s1", "name": "Permanence"}, actor)}}})
	if r.Code != 200 || !strings.Contains(r.Body.String(), `"field":"latitude"`) {
		t.Errorf("sync: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/probe/import", Token: e.Admin, Body: rows})
	if r.Code != 200 || !strings.Contains(r.Body.String(), `"field":"latitude"`) {
		t.Errorf("import: %d %s", r.Code, r.Body)
	}
}

// TestProbe37dCommuneNameInDepartement (verify 37b N2, N6): the département
// narrows every reading of a name. « Villeneuve » in the 06 answered
// Villeneuve-Loubet alone, silently missing Villeneuve-d'Entraunes; now
// both are named in a 400. « Saint-Martin » in the 13 answered a 400
// listing communes of other départements, and « Saint-Martin (13) » was
// « not a commune », where Saint-Martin-de-Crau is the only one there.
func TestProbe37dCommuneNameInDepartement(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, obj{"name": "Espace Crau", "address": obj{"street": "1 rue A", "postal_code": "13310", "commune": "Saint-Martin-de-Crau"}})
	createActor(t, e, obj{"name": "Espace Entraunes", "address": obj{"street": "1 rue A", "postal_code": "06470", "commune": "Villeneuve-d'Entraunes"}})
	for _, q := range []string{"commune=Saint-Martin&departement=13", "commune=Saint-Martin+(13)"} {
		if n := total(get(t, e, "/api/v1/actors?"+q)); n != 1 {
			t.Errorf("%s: %v places, want Saint-Martin-de-Crau's", q, n)
		}
	}
	for _, q := range []string{"commune=Villeneuve&departement=06", "commune=Villeneuve+(06)"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + q})
		if r.Code != 400 || !strings.Contains(r.Body.String(), "Villeneuve-d'Entraunes") || !strings.Contains(r.Body.String(), "Villeneuve-Loubet") {
			t.Errorf("%s: %d %s", q, r.Code, r.Body)
		}
	}
}

// TestProbe37dCommuneNoneInDepartement (verify 37b N6): « Saint-Denis »
// with departement=75 answered a 400 asking for the département given;
// it says there is none of that name there.
func TestProbe37dCommuneNoneInDepartement(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?commune=Saint-Denis&departement=75"})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "no commune of département 75") {
		t.Errorf("%d %s", r.Code, r.Body)
	}
}
