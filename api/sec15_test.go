package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// sec15: a sync batch's record keeps what it omits (its closure, whether
// its contacts are public), and a field's name is matched without regard to
// case, as encoding/json matches it. The batch's list was not: a batch
// written by a PascalCase serializer (« Actors », .NET's default) was
// decoded, but its records were read as sending every field, so each sync
// reopened the places Carnet's users had closed and hid the contacts their
// structures had published (contact_public read as its zero value).
func TestSec15SyncListNameInAnyCaseKeepsWhatRecordsOmit(t *testing.T) {
	e := apitest.New(t)
	place := partnerActor("k-1", "Médiathèque de Gap")
	place["contact_public"] = true
	id := syncActors(t, e, "", place).Results[0].ID
	delete(place, "contact_public")
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		Body: obj{"status": "temporarily_closed", "closed_from": "2020-01-01", "closed_until": "2099-01-02", "closure_reason": "Travaux"}}); r.Code != 200 {
		t.Fatalf("closing: %d %s", r.Code, r.Body)
	}
	service := obj{"source_id": "s-1", "actor_source_id": "k-1", "name": "Aide aux démarches", "description": "Sur rendez-vous.",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{service}}})
	if r.Code != 200 {
		t.Fatalf("sync services: %d %s", r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	sid := res.Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + sid, Token: e.Admin, Body: obj{"capacity": 4, "is_full": true}}); r.Code != 200 {
		t.Fatalf("filling: %d %s", r.Code, r.Body)
	}
	place["description"] = "Changed by the partner."
	service["description"] = "Sans rendez-vous."
	for _, list := range []string{"Actors", "ACTORS"} {
		if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{list: []obj{place}}}); r.Code != 200 {
			t.Fatalf("%s: %d %s", list, r.Code, r.Body)
		}
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if got["description"] != "Changed by the partner." {
			t.Fatalf("%s: the batch was not written: %v", list, got["description"])
		}
		if got["status"] != "temporarily_closed" || got["closure_reason"] != "Travaux" || got["contact_public"] != true {
			t.Errorf("%s: what the record omits was overwritten: status %v, reason %v, contact_public %v", list, got["status"], got["closure_reason"], got["contact_public"])
		}
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"Services": []obj{service}}}); r.Code != 200 {
		t.Fatalf("Services: %d %s", r.Code, r.Body)
	}
	sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
	if sv["description"] != "Sans rendez-vous." {
		t.Fatalf("Services: the batch was not written: %v", sv["description"])
	}
	if sv["is_full"] != true || sv["capacity"] != float64(4) {
		t.Errorf("Services: what the record omits was overwritten: capacity %v, full %v", sv["capacity"], sv["is_full"])
	}
}
