package api_test

import (
	"strings"
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

// sec15: text was stored as sent, so a name in decomposed form (NFD: « e »
// and a combining accent, as macOS and some PDF copies write it) displayed
// like its composed twin but was another string: the name filters, which
// compare stored text (caseless LIKE, and the accent classes of the word
// filters), did not find « Médiathèque » written so, whether it came through
// the API or a partner's sync. Text is now stored composed (NFC) on every
// write path, and a name filter is read composed too.
func TestSec15DecomposedTextStoredComposed(t *testing.T) {
	e := apitest.New(t)
	const nfd, nfc = "Me\u0301diathe\u0300que Zorglub", "Médiathèque Zorglub"
	byAPI := createActor(t, e, merge(validActor(nfd), obj{"address": obj{"street": "2 rue de la Re\u0301publique", "postal_code": "13002", "commune": "Marseille"}}))
	sync := partnerActor("nfd-1", "Espace nume\u0301rique Zorglub")
	bySync := syncActors(t, e, "", sync).Results[0].ID
	cases := map[string]struct{ id, name string }{"api": {str(byAPI["id"]), nfc}, "sync": {bySync, "Espace numérique Zorglub"}}
	for how, c := range cases {
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + c.id}).Map()
		if got["name"] != c.name {
			t.Errorf("%s: name stored as %+q, want %+q", how, got["name"], c.name)
		}
	}
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(byAPI["id"])}).Map(); got["address"].(map[string]any)["street"] != "2 rue de la République" {
		t.Errorf("street stored as %+q", got["address"].(map[string]any)["street"])
	}
	for _, q := range []string{"m%C3%A9diath%C3%A8que", "Me%CC%81diathe%CC%80que"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?name=" + q})
		if r.Code != 200 || !strings.Contains(r.Body.String(), str(byAPI["id"])) {
			t.Errorf("name=%s does not find the place: %d", q, r.Code)
		}
	}
	svc := createService(t, e, merge(validService(bySync, "Atelier nume\u0301rique"), obj{"status": "published"}))
	if svc["name"] != "Atelier numérique" {
		t.Errorf("service name stored as %+q", svc["name"])
	}
	// The word filters' accent classes (HSDS search) find it too.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?search=atelier+numerique"}); r.Code != 200 || !strings.Contains(r.Body.String(), str(svc["id"])) {
		t.Errorf("HSDS search does not find the service: %d", r.Code)
	}
}
