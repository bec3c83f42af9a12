package api_test

import (
	"net/http"
	"slices"
	"testing"

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
	author, tok := e.Account("voisin@example.fr", nil, models.Territory{})
	for _, tc := range []struct{ entity, id, changes, base string }{
		{models.EntityService, sv, `{"latitude":91,"longitude":5.3}`, `{"latitude":null,"longitude":null}`},
		{models.EntityActor, a, `{"name":"Maison de Marseille"}`, `{"name":"Maison de Marseille"}`},
	} {
		path := "/api/v1/" + tc.entity + "s/" + tc.id
		if tc.entity == models.EntityActor {
			r := e.Do(apitest.Request{Method: "POST", Path: path + "/suggestions", Token: tok, Body: obj{"changes": obj{"name": "Maison de Marseille"}}})
			if r.Code != 422 {
				t.Errorf("a suggestion of the current name: %d %s, want 422", r.Code, r.Body)
			}
		}
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
