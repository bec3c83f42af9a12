package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// An undated place (synced without the producer's date) says so on its own
// record, with the stale list's field: its checked_on is only the day Carnet
// stored it, which is why it is stale (probe h36 B, finding 8).
func TestActorSaysItsCheckedOnIsUndated(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", partnerActor("u-1", "Sans date"), merge(partnerActor("d-1", "Datée"), obj{"producer_updated_on": "2026-01-02"}))
	undated := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[0].ID}).Map()
	if undated["checked_on_undated"] != true || undated["quality"].(map[string]any)["stale"] != true {
		t.Errorf("undated place: checked_on_undated %v, quality %v", undated["checked_on_undated"], undated["quality"])
	}
	dated := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[1].ID}).Map()
	if dated["checked_on_undated"] != false || dated["checked_on"] != "2026-01-02" {
		t.Errorf("dated place: checked_on_undated %v, checked_on %v", dated["checked_on_undated"], dated["checked_on"])
	}
	// A person's change dates it: no longer undated.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + res.Results[0].ID, Token: e.Admin, Body: obj{"summary": "Vérifié"}}); r.Code != 200 || r.Map()["checked_on_undated"] != false {
		t.Errorf("after a person's change: %d checked_on_undated %v", r.Code, r.Map()["checked_on_undated"])
	}
}
