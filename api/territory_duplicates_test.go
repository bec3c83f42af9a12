package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// A link confirmed between two records of two sources says they are one
// place: the territory diagnostic counted both (about 15% of the places of
// a département twice), and said nothing of it. It now counts the place
// once, in its older record, and says how many records it left out
// (confirmed_duplicates); a merely suggested link changes no figure.
func TestTerritoryCountsAConfirmedDuplicateOnce(t *testing.T) {
	e := apitest.New(t)
	place := func(id, name string) obj {
		return merge(partnerActor(id, name), obj{"address": obj{"street": "58 cours Belsunce", "postal_code": "13001", "commune": "Marseille"}, "latitude": 43.2996, "longitude": 5.3786})
	}
	syncActors(t, e, "", place("h1", "Médiathèque de l'Alcazar"))
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin,
		Body: obj{"actors": []obj{place("fs1", "Bibliothèque Alcazar")}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	e.DuplicatesDetected()
	links := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?status=suggested", Token: e.Admin}).Map()["data"].([]any)
	if len(links) != 1 {
		t.Fatalf("%d links", len(links))
	}
	figures := func() (actors, left float64) {
		m := get(t, e, "/api/v1/stats/territory?departement=13")
		return m["actors"].(float64), m["confirmed_duplicates"].(float64)
	}
	if a, d := figures(); a != 2 || d != 0 {
		t.Errorf("suggested: %v actors, %v left out; want 2, 0", a, d)
	}
	id := str(links[0].(map[string]any)["id"])
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/confirm", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("confirm: %d %s", r.Code, r.Body)
	}
	if a, d := figures(); a != 1 || d != 1 {
		t.Errorf("confirmed: %v actors, %v left out; want 1, 1", a, d)
	}
	// The territory's CSV says it too.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/territory?departement=13", Header: map[string]string{"Accept": "text/csv"}})
	if r.Code != 200 || !strings.Contains(r.Body.String(), "confirmed_duplicates") {
		t.Errorf("CSV: %d, no confirmed_duplicates row", r.Code)
	}
}
