package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestSyncBatchKeepsWhatItOmits: a partner's system often knows nothing of
// a place's temporary closure or of a service's capacity, « full » flag or
// withdrawal, which Carnet's users set. A JSON batch that omits them used to
// write the defaults: the partner's next batch reopened a place its manager
// had closed for the works and republished a withdrawn service. What a
// record omits is now kept; what it sends is written, defaults included.
func TestSyncBatchKeepsWhatItOmits(t *testing.T) {
	e := apitest.New(t)
	place := func(phone string, extra obj) obj {
		return merge(merge(partnerActor("k-1", "Médiathèque de Gap"), obj{"phones": []string{phone}}), extra)
	}
	service := func(desc string, extra obj) obj {
		return merge(obj{"source_id": "s-1", "actor_source_id": "k-1", "name": "Aide aux démarches", "description": desc,
			"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}, extra)
	}
	id := syncActors(t, e, "", place("0492000000", nil)).Results[0].ID
	sid := syncServices(t, e, "", service("Sur rendez-vous.", nil)).Results[0].ID
	a, s := "/api/v1/actors/"+id, "/api/v1/services/"+sid
	for p, body := range map[string]obj{
		a: {"status": "temporarily_closed", "closed_from": "2020-01-01", "closed_until": "2099-01-02", "closure_reason": "Travaux"},
		s: {"capacity": 4, "is_full": true, "status": "draft"},
	} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: p, Token: e.Admin, Body: body}); r.Code != 200 {
			t.Fatalf("PATCH %s: %d %s", p, r.Code, r.Body)
		}
	}
	kept := func(when string) {
		t.Helper()
		got := e.Do(apitest.Request{Method: "GET", Path: a, Token: e.Admin}).Map()
		if got["status"] != "temporarily_closed" || got["closure_reason"] != "Travaux" || got["closed_until"] != "2099-01-02" {
			t.Errorf("%s: the closure is gone: %v %v %v", when, got["status"], got["closure_reason"], got["closed_until"])
		}
		sv := e.Do(apitest.Request{Method: "GET", Path: s, Token: e.Admin}).Map()
		if sv["is_full"] != true || sv["capacity"] != float64(4) || sv["status"] != "draft" {
			t.Errorf("%s: the service's capacity, full flag or draft is gone: %v %v %v", when, sv["capacity"], sv["is_full"], sv["status"])
		}
	}
	// The same records again: nothing changed, nothing reported changed.
	if res := syncActors(t, e, "", place("0492000000", nil)); res.Results[0].Result != "unchanged" {
		t.Errorf("same actor: %s, want unchanged", res.Results[0].Result)
	}
	if res := syncServices(t, e, "", service("Sur rendez-vous.", nil)); res.Results[0].Result != "unchanged" {
		t.Errorf("same service: %s, want unchanged", res.Results[0].Result)
	}
	kept("same records")
	// Changed records: their change is written, what they omit stays.
	syncActors(t, e, "", place("0492111111", nil))
	syncServices(t, e, "", service("Sans rendez-vous.", nil))
	kept("changed records")
	if got := e.Do(apitest.Request{Method: "GET", Path: a, Token: e.Admin}).Map(); got["phones"].([]any)[0] != "+33492111111" {
		t.Errorf("changed actor: phones %v", got["phones"])
	}
	// What a record sends is written, defaults included.
	syncActors(t, e, "", place("0492111111", obj{"status": "active"}))
	syncServices(t, e, "", service("Sans rendez-vous.", obj{"status": "published", "is_full": false, "capacity": nil}))
	got := e.Do(apitest.Request{Method: "GET", Path: a, Token: e.Admin}).Map()
	if got["status"] != "active" || got["closure_reason"] != "" {
		t.Errorf("status active sent: %v %q", got["status"], got["closure_reason"])
	}
	sv := e.Do(apitest.Request{Method: "GET", Path: s}).Map()
	if sv["status"] != "published" || sv["is_full"] != false || sv["capacity"] != nil {
		t.Errorf("published, not full, no capacity sent: %v %v %v", sv["status"], sv["is_full"], sv["capacity"])
	}
}
