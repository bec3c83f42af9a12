package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestServiceDraftsOneRuleOnEveryPath: a partner writing its source saw a
// draft service of one of its actors by GET /services/{id} (the single read
// weighed the actor's source) while its lists, its change feed and its
// webhooks hid it (they weigh the service's own source): a manager's draft
// on a partner's actor, whose own source is "", was read in full by the
// partner, and the partner's own draft on another source's actor was listed
// but answered 404. The single read, the history, the writes and the
// suggestions now ask the lists' question; and a suggestion on a service
// that became a draft is no longer shown to its author when the author may
// not see the draft (README: « suggestions on a draft answer 404 to those
// who may not see it »).
func TestServiceDraftsOneRuleOnEveryPath(t *testing.T) {
	e := apitest.New(t)
	a1 := str(createActor(t, e, merge(validActor("Hub du Sud Marseille"), obj{"source": "hub-du-sud", "source_id": "a1"}))["id"])
	other := str(createActor(t, e, validActor("Maison de quartier"))["id"])
	_, mgr1 := e.Account("mgr1@example.fr", map[string]models.Role{a1: models.RoleManager}, models.Territory{})
	_, author := e.Account("auteur@example.fr", nil, models.Territory{})
	_, hub := e.Partner("HUB", []string{"hub-du-sud"}, []string{models.ScopeDirectoryWrite, models.ScopeWebhooksManage})

	// The manager's service on the partner's actor: its own source is "".
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: mgr1, Body: validService(a1, "Permanence juridique")})
	if r.Code != 201 {
		t.Fatal(r.Code, r.Body)
	}
	sv := str(r.Map()["id"])
	// Its author suggests a change while it is published.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + sv + "/suggestions", Token: author, Body: obj{"changes": obj{"description": "Sur rendez-vous"}}})
	if r.Code != 201 {
		t.Fatal(r.Code, r.Body)
	}
	sg := str(r.Map()["id"])
	r = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + sv, Token: mgr1, Body: obj{"status": "draft", "description": "secret draft desc"}, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	// The partner's own draft (its source) on an actor of no source.
	own := str(createService(t, e, merge(validService(other, "Brouillon du hub"), obj{"source": "hub-du-sud", "source_id": "s9", "status": "draft"}))["id"])

	listed := func(tok, query string) map[string]bool {
		t.Helper()
		return listedServices(t, e, tok, "limit=100"+query)
	}
	for _, tc := range []struct {
		who, tok, id string
		sees         bool
	}{
		{"the partner, a manager's draft on its actor", hub, sv, false},
		{"the partner, its own source's draft", hub, own, true},
		{"the manager", mgr1, sv, true},
		{"another account", author, sv, false},
	} {
		inList := listed(tc.tok, "")[tc.id]
		one := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + tc.id, Token: tc.tok})
		if inList != tc.sees || (one.Code == 200) != tc.sees {
			t.Errorf("%s: listed %v, GET %d; want seen=%v", tc.who, inList, one.Code, tc.sees)
		}
		if !tc.sees {
			if one.Code != 404 || strings.Contains(one.Body.String(), "secret draft desc") {
				t.Errorf("%s: GET %d %s, want 404", tc.who, one.Code, one.Body)
			}
			// Every other path to the draft answers as the single read:
			// 404, not a 403 that says the id exists.
			for _, req := range []apitest.Request{
				{Method: "GET", Path: "/api/v1/services/" + tc.id + "/history"},
				{Method: "PATCH", Path: "/api/v1/services/" + tc.id, Body: obj{"description": "x"}, ContentType: "application/merge-patch+json"},
				{Method: "DELETE", Path: "/api/v1/services/" + tc.id},
			} {
				req.Token = tc.tok
				if r := e.Do(req); r.Code != 404 {
					t.Errorf("%s: %s %s: %d, want 404 (%s)", tc.who, req.Method, req.Path, r.Code, r.Body)
				}
			}
		}
	}
	// Listed by actor as by id.
	if l := listed(hub, "&actor_id="+a1); l[sv] {
		t.Errorf("the partner lists the manager's draft by actor_id")
	}

	// The suggestion on the draft: 404 to its author, who may not see the
	// draft, and left out of its lists; its moderator still reads it.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions/" + sg, Token: author}); r.Code != 404 {
		t.Errorf("the author reads a suggestion on a draft it may not see: %d %s", r.Code, r.Body)
	}
	for _, q := range []string{"", "?entity_id=" + sv, "?mine=true", "?actor_id=" + a1} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions" + q, Token: author})
		if r.Code != 200 || strings.Contains(r.Body.String(), sg) {
			t.Errorf("the author's list %q shows the suggestion on a draft: %d %s", q, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions/" + sg, Token: mgr1}); r.Code != 200 {
		t.Errorf("the manager reads the suggestion: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions?entity_id=" + sv, Token: mgr1}); r.Code != 200 || !strings.Contains(r.Body.String(), sg) {
		t.Errorf("the manager's list leaves out the suggestion: %d %s", r.Code, r.Body)
	}
	// Published again: the author reads it again.
	r = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + sv, Token: mgr1, Body: obj{"status": "published"}, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions/" + sg, Token: author}); r.Code != 200 {
		t.Errorf("the author no longer reads its suggestion on a published service: %d %s", r.Code, r.Body)
	}
}
