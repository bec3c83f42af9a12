package api_test

import (
	"fmt"
	"slices"
	"testing"

	"carnet/api/apitest"
)

// TestWebhookDeliversEveryChangeReadTogether: a fan-out that reads a
// record's creation, its update and its archival in one batch (a busy
// writer on SQLite, a worker started late) delivers each of them, once and
// in order — not only the archival, which left a subscriber with a
// tombstone of a record it never heard of. Each delivery names its own
// change's operation, seq and version; the body is the record as it is
// when the fan-out reads it. Probe 36b finding 6.
func TestWebhookDeliversEveryChangeReadTogether(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	id := str(rcv.subscribe(e, e.Admin, obj{"description": "every change"})["id"])

	// The worker is not running: every change below is read in one batch.
	aid := str(createActor(t, e, validActor("Espace public numérique"))["id"])
	patch(t, e, "/api/v1/actors/"+aid, obj{"summary": "Ateliers"})
	sid := str(createService(t, e, validService(aid, "Aide aux démarches"))["id"])
	patch(t, e, "/api/v1/services/"+sid, obj{"description": "Sur rendez-vous"})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + sid, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	e.RunWebhooks(false)
	waitFannedOut(t, e)
	waitFor(t, "the deliveries to be answered", func() bool { return settled(t, e, e.Admin, id) })
	got := rcv.accepted()
	checkOrderPerRecord(t, got)
	byRecord := map[string][]string{}
	lastVersion := map[string]float64{}
	for _, g := range got {
		rec := recordOf(g.Payload)
		v := g.Payload["version"].(float64)
		byRecord[rec] = append(byRecord[rec], fmt.Sprintf("%s v%v", g.Payload["type"], v))
		if v <= lastVersion[rec] {
			t.Errorf("record %s: version %v after %v (a receiver comparing versions drops it)", rec, v, lastVersion[rec])
		}
		lastVersion[rec] = v
	}
	// The place's creation, its edit, its scoring with the service and
	// without it (archived).
	if want := []string{"actor.created v1", "actor.updated v2", "actor.updated v3", "actor.updated v4"}; !slices.Equal(byRecord[aid], want) {
		t.Errorf("actor's deliveries %v, want %v", byRecord[aid], want)
	}
	if want := []string{"service.created v1", "service.updated v2", "service.archived v3"}; !slices.Equal(byRecord[sid], want) {
		t.Errorf("service's deliveries %v, want %v", byRecord[sid], want)
	}
	if len(got) != 7 {
		t.Errorf("%d deliveries, want 7 (each change once)", len(got))
	}
	// The feed still reads them as a page does: one entry per record.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes", Token: e.Admin})
	if n := len(r.Map()["data"].([]any)); n != 2 {
		t.Errorf("/changes: %d entries, want 2 (a page collapses a record's changes)", n)
	}
}
