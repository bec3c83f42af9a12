package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestUnresolvedCommuneFarPointOnEveryWritePath: an address whose commune
// stays unknown keeps its point only when the point is where the address
// is (probe 37b H2): « Plan du Var, 06670 » with a point in Paris was
// created (201) and synced with it, and « Mairie, 24140 » imported with a
// point in Loir-et-Cher, found at 0 km by near searches there. Now, as
// for a commune that resolves: 422 on create and change, dropped with a
// warning by syncs and imports.
func TestUnresolvedCommuneFarPointOnEveryWritePath(t *testing.T) {
	e := apitest.New(t)
	far := obj{"address": obj{"street": "route de Levens", "postal_code": "06670", "commune": "Plan du Var"}, "latitude": 48.8566, "longitude": 2.3522}

	// Refused by a create, dropped with a warning by a sync, and by an
	// import (the real row of the national file).
	rows := []obj{{"id": "f1", "nom": "Mairie de Maurens", "commune": "Mairie", "code_postal": "24140", "adresse": "centre", "date_maj": "2026-11-01",
		"latitude": 47.332417, "longitude": 1.243418, "services": "Maîtrise des outils numériques du quotidien"}}
	farPointOnEveryPath(t, e, far, rows)

	// Without the point it is kept, unresolved as before; a point added
	// later is checked the same way, and one in the valley stands.
	a := createActor(t, e, obj{"name": "Plan du Var", "address": far["address"]})
	patch := func(body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a["id"].(string), Token: e.Admin, ContentType: "application/merge-patch+json", Body: body})
	}
	if r := patch(obj{"latitude": 48.8566, "longitude": 2.3522}); r.Code != 422 || !hasAll(fields(t, r), "latitude") {
		t.Errorf("patch a Paris point: %d %s", r.Code, r.Body)
	}
	if r := patch(obj{"latitude": 43.8345, "longitude": 7.1895}); r.Code != 200 {
		t.Errorf("patch a point of the valley: %d %s", r.Code, r.Body)
	}

	for _, path := range []string{"/api/v1/search/actors?near=47.3324,1.2434&radius_km=5", "/api/v1/search/actors?near=48.8566,2.3522&radius_km=5"} {
		if n := get(t, e, path)["meta"].(obj)["total"]; n != 0.0 {
			t.Errorf("%s: %v places, want none", path, n)
		}
	}
	for _, x := range get(t, e, "/api/v1/actors?limit=50")["data"].([]any) {
		if o := x.(obj); o["latitude"] != nil && o["name"] != "Plan du Var" {
			t.Errorf("%s kept its point %v,%v", o["name"], o["latitude"], o["longitude"])
		}
	}
}
