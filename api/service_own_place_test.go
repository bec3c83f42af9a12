package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestClearingAServicesAddressClearsItsPoint reproduces probe 35b's H2:
// PATCH {"address": null} on a service held away from its actor kept the
// service's own coordinates, so near search measured it at the old place
// while showing the actor's address, and HSDS put it at a third. A
// service's own coordinates locate its own address: without one, the
// service is at its actor's place everywhere; coordinates sent without an
// address are refused (422) rather than dropped.
func TestClearingAServicesAddressClearsItsPoint(t *testing.T) {
	e := apitest.New(t)
	actor := str(createActor(t, e, validActor("Médiathèque Porte"))["id"])
	body := validService(actor, "Permanence Toulon")
	body["address"] = obj{"street": "1 place de la Liberté", "postal_code": "83000", "commune": "Toulon", "insee_code": "83137"}
	body["latitude"], body["longitude"] = 43.1258, 5.9306
	svc := str(createService(t, e, body)["id"])
	near := func() bool {
		return strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.1258,5.9306&radius_km=1"}).Body.String(), svc)
	}
	if !near() {
		t.Fatal("the service is not found at its own place")
	}
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + svc, Token: e.Admin, Body: obj{"address": nil}})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if got := r.Map(); got["address"] != nil || got["latitude"] != nil || got["longitude"] != nil {
		t.Errorf("the own point survives its address: %v %v %v", got["address"], got["latitude"], got["longitude"])
	}
	if near() {
		t.Error("near search still finds it at the old place")
	}
	if !listedServices(t, e, "", "departement=13")[svc] || listedServices(t, e, "", "departement=83")[svc] {
		t.Error("the département is not the actor's")
	}
	if hsds := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services/" + svc}).Body.String(); strings.Contains(hsds, "5.9306") {
		t.Errorf("HSDS keeps the old point: %s", hsds)
	}
	// Coordinates without an address: refused, on create, replace and patch.
	lone := validService(actor, "Permanence sans adresse")
	lone["latitude"], lone["longitude"] = 43.1258, 5.9306
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: lone}); r.Code != 422 || !hasAll(fields(t, r), "latitude") {
		t.Errorf("create: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/services/" + svc, Token: e.Admin, Body: lone}); r.Code != 422 || !hasAll(fields(t, r), "latitude") {
		t.Errorf("replace: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + svc, Token: e.Admin, Body: obj{"latitude": 43.1258, "longitude": 5.9306}}); r.Code != 422 || !hasAll(fields(t, r), "latitude") {
		t.Errorf("patch: %d %s", r.Code, r.Body)
	}
	// A sync row without an address: its point is dropped with a warning.
	syncActors(t, e, "", partnerActor("a1", "Médiathèque A"))
	row := obj{"source_id": "s1", "actor_source_id": "a1", "name": "Aide aux démarches", "kind": "procedures_done_with",
		"themes": []string{"aide-aux-demarches-administratives"}, "latitude": 43.1258, "longitude": 5.9306}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{row}}})
	if r.Code != 200 || !strings.Contains(r.Body.String(), `"latitude"`) {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	if near() {
		t.Error("sync: a point without an address locates the service")
	}
}
