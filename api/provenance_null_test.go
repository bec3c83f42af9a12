package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestNullProducerDateClears: the rule for a place's provenance on a whole
// representation (a sync record, a PUT): left out, producer and
// producer_updated_on are kept; sent null (or "") they are cleared — no
// producer: the record's source is its producer; no date: the place is
// undated. A PUT kept them even when sent null, so no client could say
// « the producer gave no date »; a sync cleared the date without a word,
// the place turning undated and stale (verify36 N5): its result now warns.
func TestNullProducerDateClears(t *testing.T) {
	e := apitest.New(t)
	dated := obj{"producer": "dora", "producer_updated_on": "2026-01-02"}
	id := syncActors(t, e, "", merge(partnerActor("p-1", "Médiathèque"), dated)).Results[0].ID
	res := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin,
		Body: obj{"actors": []obj{merge(partnerActor("p-1", "Médiathèque"), obj{"producer": "dora", "producer_updated_on": nil})}}}).Map()
	r0 := res["results"].([]any)[0].(obj)
	warned := false
	for _, w := range asList(r0["warnings"]) {
		warned = warned || w.(obj)["field"] == "producer_updated_on" && strings.Contains(str(w.(obj)["reason"]), "2026-01-02")
	}
	if r0["result"] != "updated" || !warned {
		t.Errorf("sync null date: %v, want updated with a warning naming producer_updated_on and the date removed", r0)
	}
	a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
	if a["producer"] != "dora" || a["producer_updated_on"] != nil || a["checked_on_undated"] != true {
		t.Errorf("after sync null date: producer %v date %v undated %v", a["producer"], a["producer_updated_on"], a["checked_on_undated"])
	}

	syncActors(t, e, "", merge(partnerActor("p-1", "Médiathèque"), dated))
	put := merge(partnerActor("p-1", "Médiathèque"), obj{"source": "hub-du-sud", "producer": nil, "producer_updated_on": nil})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: put}); r.Code != 200 ||
		r.Map()["producer_updated_on"] != nil || r.Map()["producer"] != "hub-du-sud" {
		t.Errorf("PUT null provenance: %d producer %v date %v, want the source and no date", r.Code, r.Map()["producer"], r.Map()["producer_updated_on"])
	}
}
