package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestProbe38bM1ServiceSuggestionCheckedAsPatch: a suggestion giving a
// service coordinates without its own address (latitude 91, or valid
// coordinates) was taken (201) where PATCH answers 422; accepted, it
// changed nothing yet bumped the version and wrote an empty history
// entry, a feed entry and a webhook. Now the suggestion answers the
// PATCH's 422 (one check for both paths).
func TestProbe38bM1ServiceSuggestionCheckedAsPatch(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	sv := str(createService(t, e, validService(a, "Permanence"))["id"])
	_, author := e.Account("voisin@example.fr", nil, models.Territory{})
	for _, change := range []obj{{"latitude": 91, "longitude": 5.3}, {"latitude": 43.31, "longitude": 5.37}} {
		direct := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + sv, Token: e.Admin, Body: change, ContentType: "application/merge-patch+json"})
		if direct.Code != 422 {
			t.Fatalf("PATCH %v: %d %s", change, direct.Code, direct.Body)
		}
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + sv + "/suggestions", Token: author, Body: obj{"changes": change}})
		if r.Code != 422 || !hasAll(fields(t, r), "changes.latitude") {
			t.Errorf("suggestion %v: %d %s, want the PATCH's 422 naming changes.latitude", change, r.Code, r.Body)
		}
	}
}

// TestProbe38bM1AcceptingNothingWritesNothing: a suggestion that changes
// nothing on the current record (one stored before the check above, or
// whose values the record already holds) is refused when it is made, and
// accepting a stored one answers 409 without a new version, history
// entry or feed entry — for actors and services alike.
func TestProbe38bM1AcceptingNothingWritesNothing(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	sv := str(createService(t, e, validService(a, "Permanence"))["id"])
	author, _ := e.Account("voisin@example.fr", nil, models.Territory{})
	for _, tc := range []struct{ entity, id, changes, base string }{
		{models.EntityService, sv, `{"latitude":91,"longitude":5.3}`, `{"latitude":null,"longitude":null}`},
		{models.EntityActor, a, `{"name":"Maison de Marseille"}`, `{"name":"Maison de Marseille"}`},
	} {
		path := "/api/v1/" + tc.entity + "s/" + tc.id
		sg := &models.Suggestion{Entity: tc.entity, EntityID: tc.id, ActorID: a, AuthorID: author.ID, Changes: tc.changes, BaseVersion: 1, BaseValues: tc.base}
		if err := e.Store.CreateSuggestion(t.Context(), sg); err != nil {
			t.Fatal(err)
		}
		before := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}).Map()["version"]
		feed := len(changes(t, e, "0", 1000).Data)
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + sg.ID, Token: e.Admin, Body: obj{"status": "accepted"}})
		if r.Code != http.StatusConflict {
			t.Errorf("%s: accepting a suggestion that changes nothing: %d %s, want 409", tc.entity, r.Code, r.Body)
		}
		if after := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}).Map()["version"]; after != before {
			t.Errorf("%s: version %v → %v for nothing", tc.entity, before, after)
		}
		if n := len(changes(t, e, "0", 1000).Data); n != feed {
			t.Errorf("%s: %d feed entries → %d for nothing", tc.entity, feed, n)
		}
	}
}

// TestProbe38bM2FeedCarriesDuplicateLinks: after a duplicate was
// confirmed, the feed's entries (and the webhooks, which render the same
// entries) carried an actor without duplicate_of / stands_for, so a reuser
// following the feed kept a place the exports leave out. Entries now carry
// the record GET /actors/{id} shows.
func TestProbe38bM2FeedCarriesDuplicateLinks(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := confirmedPair(t, e)
	decide(t, e, link, "confirm")
	p := changes(t, e, "0", 1000)
	seen := map[string]map[string]any{}
	for _, d := range p.Data {
		if d.Actor != nil {
			seen[d.ID] = d.Actor
		}
	}
	if of := seen[newer]["duplicate_of"]; of != older {
		t.Errorf("the newer record's feed entry: duplicate_of %v, want %s", of, older)
	}
	if sf, _ := seen[older]["stands_for"].([]any); len(sf) != 1 || sf[0] != newer {
		t.Errorf("the older record's feed entry: stands_for %v, want [%s]", seen[older]["stands_for"], newer)
	}
	get := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + newer}).Map()
	for k := range get {
		if _, ok := seen[newer][k]; !ok {
			t.Errorf("GET /actors/{id} shows %s, the feed entry does not", k)
		}
	}
}

// TestProbe38bM4StaleLeavesConfirmedDuplicatesOut: GET /quality/stale
// listed the newer record of a confirmed pair, which every export leaves
// out; it now applies the exports' rule.
func TestProbe38bM4StaleLeavesConfirmedDuplicatesOut(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := confirmedPair(t, e)
	ids := func() []string {
		var out []string
		for _, a := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale?limit=200", Token: e.Admin}).Map()["data"].([]any) {
			out = append(out, str(a.(map[string]any)["id"]))
		}
		return out
	}
	if got := ids(); !slices.Contains(got, older) || !slices.Contains(got, newer) {
		t.Fatalf("before the confirmation: %v", got)
	}
	decide(t, e, link, "confirm")
	if got := ids(); !slices.Contains(got, older) || slices.Contains(got, newer) {
		t.Errorf("after the confirmation: %v, want %s and not %s", got, older, newer)
	}
}

// TestProbe38bL5ClosureBegunTodayWithoutStatus: a PATCH of a closure
// starting today without status answered 200 and dropped it (status
// active, no dates, nothing in history), while orientation kept sending
// people there. A new closure in effect is now applied on every write
// path, status following the dates; a reopening is status active on the
// closure the record already has.
func TestProbe38bL5ClosureBegunTodayWithoutStatus(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	e := apitest.New(t, apitest.WithClock(func() time.Time { return now }))
	closure := obj{"closed_from": "2026-12-06", "closed_until": "2026-12-16", "closure_reason": "travaux"}
	id := str(createActor(t, e, validActor("Bibliothèque"))["id"])
	path := "/api/v1/actors/" + id
	created := createActor(t, e, merge(validActor("Nouvelle"), closure))
	synced := syncActors(t, e, "", merge(partnerActor("c1", "Partenaire"), closure)).Results[0].ID
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: closure, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	for what, a := range map[string]map[string]any{"PATCH": r.Map(), "POST": created,
		"sync": e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + synced}).Map()} {
		if a["status"] != "temporarily_closed" || a["closed_from"] != "2026-12-06" || a["closure_reason"] != "travaux" {
			t.Errorf("%s: status %v, closed_from %v, reason %v: the closure was dropped", what, a["status"], a["closed_from"], a["closure_reason"])
		}
	}
	// Reopening: status active on the closure the record has.
	r = e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"status": "active"}, ContentType: "application/merge-patch+json"})
	if a := r.Map(); r.Code != 200 || a["status"] != "active" || a["closed_from"] != nil {
		t.Errorf("reopening: %d %s", r.Code, r.Body)
	}
}

// TestProbe38bM3SyncKeepsAnotherWritersArchive: a coordinator archived a
// partner's place and the partner's next, unchanged, sync brought it back
// (restored: 1, history « update »). A record archived by someone other
// than its source's own writer (a person through the API: coordinator,
// administrator, manager) now stays archived: the sync reports it
// kept_archived, saying who archived it and when. A record the source
// archived itself comes back, its history saying restore as POST
// /restore does.
func TestProbe38bM3SyncKeepsAnotherWritersArchive(t *testing.T) {
	e := apitest.New(t)
	_, coord := e.Account("coord@example.fr", nil, models.Territory{Departements: []string{"13"}})
	_, partner := e.Partner("Hub", []string{"hub-du-sud"}, []string{models.ScopeDirectoryWrite, models.ScopeSyncWrite})
	sync := func(body obj) syncResult {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: partner, Body: obj{"actors": []obj{body}}})
		if r.Code != 200 {
			t.Fatalf("sync: %d %s", r.Code, r.Body)
		}
		var out syncResult
		r.JSON(&out)
		return out
	}
	place := partnerActor("p1", "Médiathèque du Panier")
	id := sync(place).Results[0].ID
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + id, Token: coord}); r.Code != 204 {
		t.Fatalf("coordinator's archive: %d %s", r.Code, r.Body)
	}
	res := sync(place)
	if res.Results[0].Result != "kept_archived" || res.Counts["kept_archived"] != 1 || res.Counts["restored"] != 0 {
		t.Errorf("re-sync after a coordinator's archive: %+v, want kept_archived", res)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}); r.Code != 410 {
		t.Errorf("the place after the re-sync: %d, want 410 (still archived)", r.Code)
	}
	// The partner's own archive: the sync brings it back, as a restore.
	other := sync(partnerActor("p2", "Bibliothèque de la Joliette")).Results[0].ID
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + other, Token: partner}); r.Code != 204 {
		t.Fatalf("partner's archive: %d %s", r.Code, r.Body)
	}
	if res := sync(partnerActor("p2", "Bibliothèque de la Joliette")); res.Results[0].Result != "restored" {
		t.Errorf("re-sync after the partner's own archive: %+v, want restored", res)
	}
	h := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + other + "/history", Token: e.Admin}).Map()["data"].([]any)
	var actions []string
	for _, x := range h {
		actions = append(actions, str(x.(map[string]any)["action"]))
	}
	if !slices.Contains(actions, "restore") {
		t.Errorf("history of a sync's restore: %v, want a restore", actions)
	}
}

// TestProbe38bL1SyncRefusesCoordinatesOutOfRange: a sync created a place
// whose latitude 91 it dropped with a warning, while the same sync
// rejects a record for a bad phone: coordinates out of range now reject
// the item, the field named, as every other invalid value of a sync (an
// API write). File imports keep dropping them with a warning.
func TestProbe38bL1SyncRefusesCoordinatesOutOfRange(t *testing.T) {
	e := apitest.New(t)
	a := merge(partnerActor("l1", "Lieu hors du monde"), obj{"latitude": 91, "longitude": 5.3})
	res := syncActors(t, e, "", a)
	if r := res.Results[0]; r.Result != "rejected" || len(r.Errors) == 0 || r.Errors[0].Field != "latitude" {
		t.Errorf("actor with latitude 91: %+v, want rejected naming latitude", r)
	}
	syncActors(t, e, "", partnerActor("l2", "Lieu"))
	sv := partnerService("s9", obj{"actor_source_id": "l2", "address": obj{"street": "1 rue de Rome", "postal_code": "13001", "commune": "Marseille"}, "latitude": 43.3, "longitude": 181})
	if r := syncServices(t, e, "", sv).Results[0]; r.Result != "rejected" || len(r.Errors) == 0 || r.Errors[0].Field != "longitude" {
		t.Errorf("service with longitude 181: %+v, want rejected naming longitude", r)
	}
}
