package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestHiddenDraftEditsMoveNoPublicSurface: a service published once and
// then taken back to draft is hidden from anyone who may not see drafts
// (the feed says « hide » once). Every later edit of the draft, and its
// archiving or restoring as a draft, answered a new « hide » entry in the
// public change feed and in the webhooks rendered for the public, with the
// draft's new version and time: an outsider counted and timed the edits of
// a service it may not read. The same hidden changes (and a change of
// private contacts alone) moved the exports' ETag, Last-Modified and
// X-Changes-Cursor. Those readers now see nothing of them; the structure's
// own people still do.
func TestHiddenDraftEditsMoveNoPublicSurface(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	hook := str(rcv.subscribe(e, e.Admin, nil)["id"]) // rendered as anyone may read
	a := str(createActor(t, e, merge(validActor("Lieu"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))["id"])
	svc := str(createService(t, e, validService(a, "Atelier"))["id"])
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "draft"})
	fresh := str(createService(t, e, merge(validService(a, "Nouveau"), obj{"status": "draft"}))["id"])
	_, member := e.Account("membre@example.org", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	_ = fresh

	cursor := func(token string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=1000", Token: token})
		var page struct {
			Meta struct {
				NextCursor string `json:"next_cursor"`
			}
		}
		r.JSON(&page)
		return page.Meta.NextCursor
	}
	feedAfter := func(token, cursor string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?cursor=" + cursor, Token: token})
		if r.Code != 200 {
			t.Fatalf("feed: %d %s", r.Code, r.Body)
		}
		return r.Body.String()
	}
	type state struct{ etag, modified, cursor string }
	export := func() state {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
		if r.Code != 200 {
			t.Fatalf("export: %d %s", r.Code, r.Body)
		}
		return state{r.Header().Get("ETag"), r.Header().Get("Last-Modified"), r.Header().Get("X-Changes-Cursor")}
	}
	waitFor(t, "the deliveries so far", func() bool { return settled(t, e, e.Admin, hook) && len(deliveries(t, e, e.Admin, hook, "")) == 3 })
	before := len(deliveries(t, e, e.Admin, hook, ""))
	anon, memberCursor := cursor(""), cursor(member)
	exported := export()

	// Hidden changes: edits of the hidden draft and of a draft never
	// published, its archiving and restoring, a private contact.
	patch(t, e, "/api/v1/services/"+svc, obj{"description": "On prépare la rentrée"})
	patch(t, e, "/api/v1/services/"+fresh, obj{"description": "Brouillon encore"})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + svc, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + svc + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	patch(t, e, "/api/v1/actors/"+a, obj{"phones": []string{"04 91 00 00 03"}})

	if f := feedAfter("", anon); strings.Contains(f, svc) || strings.Contains(f, fresh) || strings.Contains(f, a) {
		t.Errorf("the public feed tells of hidden changes: %s", f)
	}
	if got := export(); got != exported {
		t.Errorf("the export's headers moved with hidden changes: %+v, were %+v", got, exported)
	}
	if f := feedAfter(member, memberCursor); !strings.Contains(f, svc) || !strings.Contains(f, fresh) {
		t.Errorf("the structure's member must see its drafts change: %s", f)
	}

	// A public change: seen everywhere, and the hook gets it (and nothing before it).
	patch(t, e, "/api/v1/actors/"+a, obj{"summary": "Nouvelles heures"})
	if f := feedAfter("", anon); !strings.Contains(f, a) || strings.Contains(f, svc) {
		t.Errorf("the public feed after a public change: %s", f)
	}
	if got := export(); got.etag == exported.etag || got.cursor == exported.cursor {
		t.Errorf("the export's headers must move with a public change: %+v, were %+v", got, exported)
	}
	waitFor(t, "the public change's delivery", func() bool {
		return settled(t, e, e.Admin, hook) && len(deliveries(t, e, e.Admin, hook, "")) > before
	})
	ds := deliveries(t, e, e.Admin, hook, "")
	for _, d := range ds[before:] {
		if str(d["entity_id"]) != a {
			b, _ := json.Marshal(d)
			t.Errorf("a public webhook delivered a hidden change: %s", b)
		}
	}
	if len(ds) != before+1 {
		t.Errorf("deliveries after the hidden changes: %d, want 1", len(ds)-before)
	}
	_ = http.StatusOK
}
