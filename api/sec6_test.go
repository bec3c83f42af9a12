package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

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
	waitFannedOut(t, e) // else the service's creation and unpublishing may be read together, and collapse
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
	// Wait for at least the three public changes so far (the actor, the
	// service, its unpublishing), then say what arrived if it is not
	// exactly them: a timeout alone did not tell a slow machine from a
	// delivery too many.
	waitForHooks(t, e, "the deliveries so far", func() bool { return settled(t, e, e.Admin, hook) && len(deliveries(t, e, e.Admin, hook, "")) >= 3 })
	if ds := deliveries(t, e, e.Admin, hook, ""); len(ds) != 3 {
		b, _ := json.Marshal(ds)
		t.Fatalf("deliveries before the hidden changes: %d, want 3: %s", len(ds), b)
	}
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
	waitForHooks(t, e, "the public change's delivery", func() bool {
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

// TestEndedSessionsEverywhere: an access token of a session ended by a
// logout or by a password change made in another session, and a partner's
// token after its secret was rotated, must get on every route of the
// authorization matrix — the webhooks and their deliveries, exports, the
// duplicates, suggestions, quality lists, histories and trails among them —
// what a disabled account gets: refused (401) wherever a token is read,
// never the rights it had.
func TestEndedSessionsEverywhere(t *testing.T) {
	w := newWorld(t)
	e := w.e
	u, _ := e.Account("second-admin@carnet.test", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"platform_admin": true}}); r.Code != 200 {
		t.Fatalf("promote: %d %s", r.Code, r.Body)
	}
	loggedOut := login(t, e, "second-admin@carnet.test", "a password for tests")
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": loggedOut.refresh}}); r.Code != 204 {
		t.Fatalf("logout: %d %s", r.Code, r.Body)
	}
	other := login(t, e, "second-admin@carnet.test", "a password for tests")
	mine := login(t, e, "second-admin@carnet.test", "a password for tests")
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: mine.access, Body: obj{"current_password": "a password for tests", "new_password": "un tout nouveau mot de passe"}}); r.Code != 204 {
		t.Fatalf("password: %d %s", r.Code, r.Body)
	}
	c, rotated := e.Partner("Rotated", []string{"caf-13"}, []string{models.ScopeDirectoryWrite, models.ScopeWebhooksManage, models.ScopeSyncWrite})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients/" + c.ID + "/secret", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("rotate: %d %s", r.Code, r.Body)
	}
	disabled := slices.Index(roles, "disabled")
	for _, en := range matrix() {
		for _, own := range []bool{true, false} {
			want := en.own
			if !own {
				if want = en.other; want == nil {
					continue
				}
			}
			for who, tok := range map[string]string{"logged out": loggedOut.access, "password changed elsewhere": other.access, "rotated client": rotated} {
				built := "admin"
				if who == "rotated client" {
					built = "partner"
				}
				call := en.build(w, built, own)
				r := e.Do(apitest.Request{Method: call.method, Path: call.path, Body: call.body, Token: tok, NotInSpec: call.notInSpec})
				if r.Code != want[disabled] {
					t.Errorf("%s %s (%s, own=%t): %d, want %d as a disabled account: %s", call.method, call.path, who, own, r.Code, want[disabled], r.Body)
				}
			}
		}
	}
}

// TestDraftEditsKeepCheckedOn: a change of a service moved its place's
// checked_on to today, a public field (in the body, the exports' date_maj,
// the quality export and the stale lists), also when the service was a
// draft before and after: an outsider polling a place learnt the day its
// structure prepared a service it may not see. Only a change of what is
// published confirms the place.
func TestDraftEditsKeepCheckedOn(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(1000*time.Hour))
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	svc := str(createService(t, e, validService(a, "Atelier"))["id"])
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "draft"})
	checked := func() string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a})
		if r.Code != 200 {
			t.Fatalf("GET: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["checked_on"])
	}
	before := checked()
	advance(72 * time.Hour)
	patch(t, e, "/api/v1/services/"+svc, obj{"description": "En préparation"})
	draft := str(createService(t, e, merge(validService(a, "Nouveau"), obj{"status": "draft"}))["id"])
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + draft, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if got := checked(); got != before {
		t.Errorf("checked_on moved with draft changes: %s, was %s", got, before)
	}
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "published"})
	if got := checked(); got == before {
		t.Errorf("publishing a service must confirm the place: checked_on stayed %s", got)
	}
}

// TestUnknownPathsEchoedSafely: a path that matches no route was written
// back decoded in the 404's detail (twice with its hint) and instance, and
// in the 405's detail: a text-direction override or a line break sent as
// %E2%80%AE or %0A came back as the character, in a link anyone may be
// sent to, and a path of 60 KB came back several times. The path is now
// written as sent, percent-encoded (the instance is a URI reference, RFC
// 9457), and clipped in the detail.
func TestUnknownPathsEchoedSafely(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/actor/%E2%80%AEtxt.exe%0AVotre%20compte%20est%20suspendu"},
		{"GET", "/api/v1/%E2%80%AE/actors"},
		{"PUT", "/api/v1/actors%E2%80%8F"},
		{"DELETE", "/api/v1/vocabularies/%E2%80%AEthemes"},
		{"GET", "/api/v1/" + strings.Repeat("abcdefghij", 6000)},
	} {
		r := e.Do(apitest.Request{Method: c.method, Path: c.path, NotInSpec: true})
		if r.Code != 404 && r.Code != 405 {
			t.Fatalf("%s %s: %d", c.method, c.path[:min(60, len(c.path))], r.Code)
		}
		var p struct{ Detail, Instance string }
		r.JSON(&p)
		for _, s := range []string{p.Detail, p.Instance} {
			if strings.ContainsAny(s, "\u202e\u200f\n") {
				t.Errorf("%s %s: a decoded control character is echoed: %q", c.method, c.path, s)
			}
		}
		if len(p.Detail) > 1200 || r.Body.Len() > len(c.path)+2000 {
			t.Errorf("%s: the answer (%d bytes, detail %d) repeats a path of %d bytes", c.method, r.Body.Len(), len(p.Detail), len(c.path))
		}
	}
	// Hints keep working on ordinary paths.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referral/01a2b3c4-0000-7000-8000-000000000000", NotInSpec: true})
	if !strings.Contains(r.Body.String(), "Did you mean GET /api/v1/referrals/01a2b3c4-0000-7000-8000-000000000000?") {
		t.Errorf("hint: %s", r.Body)
	}
}
