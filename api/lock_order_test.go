package api_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"carnet/api/apitest"
)

// placeWriters is how many clients write the services of one place at once
// in the lock-order tests: more than one is enough for a deadlock; 8 made
// nearly every write fail on PostgreSQL before the fix.
const placeWriters = 8

// busyCounter counts the answers a concurrent test must never get: 5xx, a
// deadlock being answered 503 « The database is busy; retry shortly. ».
type busyCounter struct {
	n, total atomic.Int64
	mu       sync.Mutex
	seen     []string
}

// do sends req as the administrator and counts it and its answer.
func (c *busyCounter) do(e *apitest.Env, what string, req apitest.Request) *apitest.Response {
	req.Token = e.Admin
	r := e.Do(req)
	c.total.Add(1)
	c.check(what, r)
	return r
}

// placeServices creates placeWriters services under actorID.
func placeServices(t *testing.T, e *apitest.Env, actorID string) []string {
	t.Helper()
	var services []string
	for i := range placeWriters {
		services = append(services, str(createService(t, e, validService(actorID, fmt.Sprintf("Offre %d", i)))["id"]))
	}
	return services
}

func (c *busyCounter) check(what string, r *apitest.Response) {
	if r.Code < 500 {
		return
	}
	c.n.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.seen) < 5 {
		c.seen = append(c.seen, fmt.Sprintf("%s: %d %s", what, r.Code, strings.TrimSpace(r.Body.String())))
	}
}

func (c *busyCounter) report(t *testing.T) {
	t.Helper()
	if n := c.n.Load(); n > 0 {
		t.Errorf("%d of %d writes answered 5xx (deadlocks); first: %s", n, c.total.Load(), strings.Join(c.seen, "; "))
	}
}

// TestConcurrentServiceWritesOnOnePlace writes different services of one
// place at once, by every path that writes a service — POST, PATCH, PUT,
// DELETE, restore, a partner's sync batch — the way several teams and a
// partner keep one place's offers. Each write also rescores the place
// (quality, checked_on): on PostgreSQL every writer took the place FOR
// SHARE and then updated it, and two such writers deadlocked (503). No
// write may fail; the place's score is then the one its services give.
func TestConcurrentServiceWritesOnOnePlace(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: e.Admin, Body: obj{"actors": []obj{
		merge(validActor("Maison commune"), obj{"source_id": "place"})}}})
	if r.Code != 200 {
		t.Fatalf("sync actor: %d %s", r.Code, r.Body)
	}
	actorID := str(r.Map()["results"].([]any)[0].(map[string]any)["id"])
	services := placeServices(t, e, actorID)
	const rounds = 4
	var busy busyCounter
	do := func(what string, req apitest.Request) *apitest.Response { return busy.do(e, what, req) }
	var wg sync.WaitGroup
	for w, id := range services {
		path := "/api/v1/services/" + id
		wg.Go(func() { // its own service: PATCH, PUT, archive, restore
			for i := range rounds {
				do("PATCH", apitest.Request{Method: "PATCH", Path: path, ContentType: "application/merge-patch+json",
					Body: obj{"description": fmt.Sprintf("w%d round %d", w, i)}})
				do("PUT", apitest.Request{Method: "PUT", Path: path, Body: merge(validService(actorID, fmt.Sprintf("Offre %d", w)),
					obj{"description": fmt.Sprintf("w%d put %d", w, i), "status": "published"})})
				do("DELETE", apitest.Request{Method: "DELETE", Path: path})
				do("restore", apitest.Request{Method: "POST", Path: path + "/restore"})
			}
		})
		wg.Go(func() { // new services on the same place
			for i := range rounds {
				do("POST", apitest.Request{Method: "POST", Path: "/api/v1/services", Body: validService(actorID, fmt.Sprintf("Nouvelle %d-%d", w, i))})
			}
		})
	}
	wg.Go(func() { // the partner's offers of the same place
		for i := range rounds {
			var batch []obj
			for j := range 3 {
				batch = append(batch, obj{"source_id": fmt.Sprintf("offre-%d", j), "actor_source_id": "place", "name": fmt.Sprintf("Offre du partenaire %d", j),
					"description": fmt.Sprintf("round %d", i), "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}})
			}
			do("sync", apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/services", Body: obj{"services": batch}})
		}
	})
	wg.Wait()
	busy.report(t)
	// The place's stored score follows its services: a PATCH of the place
	// that changes nothing scored rescores it from them.
	before := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actorID, Token: e.Admin}).Map()
	after := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + actorID, Token: e.Admin, ContentType: "application/merge-patch+json",
		Body: obj{"summary": "Rescored"}}).Map()
	if fmt.Sprint(before["quality"]) != fmt.Sprint(after["quality"]) {
		t.Errorf("the place's score after the concurrent writes was %v; its services give %v", before["quality"], after["quality"])
	}
}

// TestServiceWritesWhileThePlaceIsArchived writes the services of a place
// while it is archived and restored with them, again and again. Archiving
// or restoring a place locked the place and then its services; a service
// write locked the service and then its place: opposite orders, deadlocks
// (503). Both now take the place first. A write that finds its service or
// its place archived is refused (410, 409, 422), never answered 5xx.
func TestServiceWritesWhileThePlaceIsArchived(t *testing.T) {
	e := apitest.New(t)
	actorID := str(createActor(t, e, validActor("Lieu fermé puis rouvert"))["id"])
	services := placeServices(t, e, actorID)
	const rounds = 6
	var busy busyCounter
	do := func(what string, req apitest.Request) *apitest.Response { return busy.do(e, what, req) }
	var wg sync.WaitGroup
	for w, id := range services {
		wg.Go(func() {
			for i := range rounds * 2 {
				do("PATCH", apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + id, ContentType: "application/merge-patch+json",
					Body: obj{"description": fmt.Sprintf("w%d round %d", w, i)}})
			}
		})
	}
	wg.Go(func() {
		for range rounds {
			do("archive", apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + actorID})
			do("restore", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actorID + "/restore"})
		}
	})
	wg.Wait()
	busy.report(t)
}

// TestReferralsWhileTheServiceChanges sends referrals to a service while it
// is edited. Sending one locked the service, then its place; a write of the
// service now locks the place, then the service (the directory's order): a
// referral takes the places first too, or the two deadlock (503).
func TestReferralsWhileTheServiceChanges(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	const rounds = 5
	var busy busyCounter
	var wg sync.WaitGroup
	for i := range placeWriters / 2 {
		wg.Go(func() {
			for range rounds {
				r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)})
				busy.total.Add(1)
				busy.check("referral", r)
			}
		})
		wg.Go(func() {
			for j := range rounds {
				r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + w.s, Token: e.Admin, ContentType: "application/merge-patch+json",
					Body: obj{"description": fmt.Sprintf("w%d round %d", i, j)}})
				busy.total.Add(1)
				busy.check("PATCH", r)
			}
		})
	}
	wg.Wait()
	busy.report(t)
}
