package api_test

import (
	"slices"
	"testing"
	"time"

	"carnet/api/apitest"
)

// Probe 40a: a reuser keeping a copy of the directory through the change
// feed and webhooks must be told every change of what the records show.

// TestWebhookFilterToldWhenRecordLeaves (H1): a subscription filtered by
// territory or source received a place while it was there; moved to
// Marseille (or given to another source), the place and the offer that
// follows its address come as leave tombstones, not as silence.
func TestWebhookFilterToldWhenRecordLeaves(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	subs := map[string]string{}
	for name, f := range map[string]obj{
		"dept16":    {"departements": []string{"16"}},
		"angouleme": {"communes": []string{"16015"}},
		"caf16":     {"sources": []string{"caf-16"}},
		"updates":   {"departements": []string{"16"}, "ops": []string{"update"}},
		"all":       {},
	} {
		subs[name] = str(rcv.subscribe(e, e.Admin, obj{"filters": f})["id"])
	}
	place := createActor(t, e, merge(validActor("Maison France services"), obj{"source": "caf-16", "source_id": "p1",
		"address": obj{"street": "1 place de l'Hôtel de Ville", "postal_code": "16000", "commune": "Angoulême"}}))
	pid := str(place["id"])
	svc := createService(t, e, validService(pid, "Accueil"))
	waitFannedOut(t, e)
	patch(t, e, "/api/v1/actors/"+pid, obj{"address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}})
	waitFannedOut(t, e)
	patch(t, e, "/api/v1/actors/"+pid, obj{"source": "caf-13"})
	names := map[string]string{pid: "P", str(svc["id"]): "S"}
	// The offer's creation scores its place again: an update of P (H2).
	want := map[string][]string{
		"dept16":    {"actor.created:P", "service.created:S", "actor.updated:P", "actor.left:P", "service.left:S"},
		"angouleme": {"actor.created:P", "service.created:S", "actor.updated:P", "actor.left:P", "service.left:S"},
		"caf16":     {"actor.created:P", "service.created:S", "actor.updated:P", "actor.updated:P", "service.updated:S", "actor.left:P", "service.left:S"},
		"updates":   {"actor.updated:P"},
		"all":       {"actor.created:P", "service.created:S", "actor.updated:P", "actor.updated:P", "service.updated:S", "actor.updated:P", "service.updated:S"},
	}
	checkReceivedBy(t, e, rcv, subs, names, want)
	for _, g := range rcv.accepted() {
		if g.Payload["op"] == "leave" && (g.Payload["tombstone"] == nil || g.Payload["actor"] != nil || g.Payload["service"] != nil) {
			t.Errorf("a leave is a tombstone: %v", g.Payload)
		}
	}
}

// checkReceivedBy waits for every delivery want names, then checks what
// each subscription of subs (name → id) received: type:record, the
// records named by names (id → name), in any order.
func checkReceivedBy(t *testing.T, e *apitest.Env, rcv *receiver, subs, names map[string]string, want map[string][]string) {
	t.Helper()
	total := 0
	for _, w := range want {
		total += len(w)
	}
	waitForHooks(t, e, "every delivery", func() bool { return len(rcv.accepted()) >= total })
	time.Sleep(100 * time.Millisecond) // nothing more should come
	byID := map[string]string{}
	for name, id := range subs {
		byID[id] = name
	}
	got := map[string][]string{}
	for _, g := range rcv.accepted() {
		name := byID[str(g.Payload["subscription_id"])]
		got[name] = append(got[name], str(g.Payload["type"])+":"+names[recordOf(g.Payload)])
	}
	for name, w := range want {
		g := got[name]
		slices.Sort(g)
		slices.Sort(w)
		if !slices.Equal(g, w) {
			t.Errorf("%s received %v, want %v", name, g, w)
		}
	}
}

// feedOps reads the feed after cursor: its page and "entity op" of each entry.
func feedOps(t *testing.T, e *apitest.Env, cursor string) (changePage, []string) {
	t.Helper()
	p := changes(t, e, cursor, 100)
	var ops []string
	for _, d := range p.Data {
		ops = append(ops, d.Entity+" "+d.Op)
	}
	return p, ops
}

// TestFeedSourceToldWhenRecordLeaves (H1): the change feed followed with
// source= gives a place that left the source as a leave tombstone.
func TestFeedSourceToldWhenRecordLeaves(t *testing.T) {
	e := apitest.New(t)
	place := createActor(t, e, merge(validActor("Lieu"), obj{"source": "caf-16", "source_id": "p1"}))
	cursor := str(changes(t, e, "0", 100).Meta.NextCursor)
	patch(t, e, "/api/v1/actors/"+str(place["id"]), obj{"source": "caf-13"})
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?source=caf-16&cursor=" + cursor})
	var p changePage
	r.JSON(&p)
	if r.Code != 200 || len(p.Data) != 1 || p.Data[0].Op != "leave" || p.Data[0].Tombstone == nil || p.Data[0].Actor != nil {
		t.Fatalf("source=caf-16 after the place went to caf-13: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?source=caf-13&cursor=" + cursor})
	r.JSON(&p)
	if len(p.Data) != 1 || p.Data[0].Op != "update" {
		t.Fatalf("source=caf-13: %s", r.Body)
	}
}

// TestServiceEditReachesItsPlace (H2): a service edit that moves its
// place's score (or checked_on) is a new version of the place, in the
// feed, in updated_since and in its ETag.
func TestServiceEditReachesItsPlace(t *testing.T) {
	e := apitest.New(t)
	place := createActor(t, e, validActor("Lieu"))
	pid := str(place["id"])
	svc := createService(t, e, validService(pid, "Accueil"))
	before := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + pid}).Map()
	cursor := changes(t, e, "0", 100).Meta.NextCursor
	since := str(before["updated_at"])
	patch(t, e, "/api/v1/services/"+str(svc["id"]), obj{"opening_hours": "Mo-Fr 09:00-12:00"})
	after := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + pid}).Map()
	if str(after["quality"]) == str(before["quality"]) {
		t.Fatalf("the hours should score the place: %v", after["quality"])
	}
	if after["version"] == before["version"] || after["updated_at"] == before["updated_at"] {
		t.Errorf("the place shows another checked_on/quality under the same version: %v → %v", before, after)
	}
	p, got := feedOps(t, e, cursor)
	for _, d := range p.Data {
		if d.Entity == "actor" && str(d.Actor["checked_on"]) != str(after["checked_on"]) {
			t.Errorf("the feed's place: %v", d.Actor)
		}
	}
	if !slices.Equal(got, []string{"service update", "actor update"}) {
		t.Errorf("feed after the service edit: %v", got)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?updated_since=" + since})
	var list struct{ Data []map[string]any }
	r.JSON(&list)
	if len(list.Data) != 1 || list.Data[0]["id"] != pid {
		t.Errorf("updated_since misses the place: %s", r.Body)
	}
}

// TestPlaceRenameReachesItsServices (M1): renaming or moving a place
// changes what its services show: each gets a feed entry after the
// place's, with the new name and address.
func TestPlaceRenameReachesItsServices(t *testing.T) {
	e := apitest.New(t)
	place := createActor(t, e, validActor("Ancien nom"))
	pid := str(place["id"])
	s1 := createService(t, e, validService(pid, "Accueil"))
	s2 := createService(t, e, validService(pid, "Atelier"))
	gone := createService(t, e, validService(pid, "Fermé"))
	e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + str(gone["id"]), Token: e.Admin})
	cursor := changes(t, e, "0", 100).Meta.NextCursor
	patch(t, e, "/api/v1/actors/"+pid, obj{"name": "Nouveau nom", "address": obj{"street": "5 rue", "postal_code": "13001", "commune": "Marseille"}})
	p, got := feedOps(t, e, cursor)
	for _, d := range p.Data {
		if d.Entity == "service" {
			a, _ := d.Service["actor"].(map[string]any)
			if a["name"] != "Nouveau nom" || d.Version != 1 {
				t.Errorf("service entry: version %d, actor %v", d.Version, a)
			}
		}
	}
	if !slices.Equal(got, []string{"actor update", "service update", "service update"}) {
		t.Errorf("feed after the rename: %v", got)
	}
	// Their version counts their own writes (If-Match): it stays.
	for _, s := range []obj{s1, s2} {
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + str(s["id"])}).Map()
		if got["version"] != s["version"] {
			t.Errorf("service %s: version %v, was %v", s["id"], got["version"], s["version"])
		}
	}
	// An edit that moves nothing the services show leaves them alone.
	cursor = p.Meta.NextCursor
	patch(t, e, "/api/v1/actors/"+pid, obj{"summary": "Autre résumé"})
	if p := changes(t, e, cursor, 100); len(p.Data) != 1 || p.Data[0].Entity != "actor" {
		t.Errorf("a summary edit: %+v", p.Data)
	}
}

// TestFeedPlaceBeforeItsServices (M2): a place archived with its service,
// restored, then edited: a page read after the archive gives the place
// before the service it makes visible again (the place's entry was at its
// edit, after the service's restore).
func TestFeedPlaceBeforeItsServices(t *testing.T) {
	e := apitest.New(t)
	place := createActor(t, e, validActor("Lieu"))
	pid := str(place["id"])
	createService(t, e, validService(pid, "Accueil"))
	e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + pid, Token: e.Admin})
	cursor := changes(t, e, "0", 100).Meta.NextCursor
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + pid + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	patch(t, e, "/api/v1/actors/"+pid, obj{"summary": "Rouvert"})
	p, got := feedOps(t, e, cursor)
	for i, d := range p.Data {
		if i > 0 && d.Seq <= p.Data[i-1].Seq {
			t.Errorf("seq out of order: %+v", p.Data)
		}
	}
	if !slices.Equal(got, []string{"actor update", "service update"}) || str(p.Data[0].Actor["summary"]) != "Rouvert" {
		t.Errorf("after the restore and the edit: %v", got)
	}
}
