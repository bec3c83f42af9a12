package api_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// TestPendingInvitations: a structure's managers list the invitations to it
// that may still be accepted (paged like every list, never with a token)
// and revoke one, whose token then stops working — without a session, with
// one, and through a replay of its creation.
func TestPendingInvitations(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(365*24*time.Hour), apitest.WithRateLimits(many, many))
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("Ailleurs"))["id"])
	mgrUser, mgr := e.Account("direction@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	_, otherMgr := e.Account("ailleurs@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	joiner, joinerTok := e.Account("existant@example.fr", nil, models.Territory{})
	type invited struct{ id, token string }
	invite := func(actor, tok, email, role string, key string) invited {
		t.Helper()
		req := apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actor + "/members", Token: tok, Body: obj{"email": email, "role": role}}
		if key != "" {
			req.Header = map[string]string{"Idempotency-Key": key}
		}
		r := e.Do(req)
		if r.Code != 202 {
			t.Fatalf("invite %s: %d %s", email, r.Code, r.Body)
		}
		return invited{str(r.Map()["id"]), str(r.Map()["token"])}
	}
	expired := invite(own, mgr, "en-retard@example.fr", "member", "")
	advance(6 * 24 * time.Hour)
	first := invite(own, mgr, "premiere@example.fr", "member", "")
	second := invite(own, e.Admin, "seconde@example.fr", "manager", "")
	accepted := invite(own, mgr, "existant@example.fr", "member", "")
	elsewhere := invite(other, otherMgr, "ailleurs-invitee@example.fr", "member", "")
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: joinerTok, Body: obj{"token": accepted.token}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	advance(2 * 24 * time.Hour) // the first one is 8 days old: expired

	list := func(tok, query string) *apitest.Response {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/invitations" + query, Token: tok})
	}
	r := list(mgr, "")
	if r.Code != 200 {
		t.Fatalf("list: %d %s", r.Code, r.Body)
	}
	for _, inv := range []invited{expired, first, second, accepted, elsewhere} {
		if inv.token != "" && strings.Contains(r.Body.String(), inv.token) {
			t.Errorf("the list shows a token: %s", r.Body)
		}
	}
	if strings.Contains(r.Body.String(), "token") {
		t.Errorf("the list names a token: %s", r.Body)
	}
	data := r.Map()["data"].([]any)
	if len(data) != 2 {
		t.Fatalf("%d pending, want 2 (first, second): %s", len(data), r.Body)
	}
	got := data[0].(map[string]any)
	if got["id"] != first.id || got["email"] != "premiere@example.fr" || got["role"] != "member" || got["delivery"] != "manual" ||
		got["created_at"] != "2026-11-28T09:00:00.000000Z" || got["expires_at"] != "2026-12-05T09:00:00.000000Z" {
		t.Errorf("first: %v", got)
	}
	if by := got["invited_by"].(map[string]any); by["kind"] != "user" || by["id"] != mgrUser.ID {
		t.Errorf("invited_by: %v", by)
	}
	if data[1].(map[string]any)["id"] != second.id || data[1].(map[string]any)["role"] != "manager" {
		t.Errorf("second: %v", data[1])
	}
	// Paged as every list.
	p1 := list(mgr, "?limit=1").Map()
	next, _ := p1["meta"].(map[string]any)["next_cursor"].(string)
	if n := len(p1["data"].([]any)); n != 1 || next == "" || p1["meta"].(map[string]any)["total"] != float64(2) {
		t.Fatalf("page 1: %v", p1)
	}
	p2 := list(mgr, "?limit=1&cursor="+next).Map()
	if d := p2["data"].([]any); len(d) != 1 || d[0].(map[string]any)["id"] != second.id {
		t.Errorf("page 2: %v", p2)
	}

	revoke := func(tok, actor, id string) *apitest.Response {
		return e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + actor + "/invitations/" + id, Token: tok})
	}
	for _, tc := range []struct {
		name, tok, actor, id string
		want                 int
	}{
		{"a member of another structure", otherMgr, own, first.id, 403},
		{"another structure's invitation through this one", mgr, own, elsewhere.id, 404},
		{"an accepted one", mgr, own, accepted.id, 409},
		{"an expired one", mgr, own, expired.id, 404},
		{"not an id", mgr, own, "nope", 404},
		{"the manager", mgr, own, first.id, 204},
		{"again", mgr, own, first.id, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := revoke(tc.tok, tc.actor, tc.id); r.Code != tc.want {
				t.Errorf("%d, want %d: %s", r.Code, tc.want, r.Body)
			}
		})
	}
	// Revoked: gone from the list, its token works neither way, and a
	// replay of its creation gives no new one.
	if d := list(mgr, "").Map()["data"].([]any); len(d) != 1 || d[0].(map[string]any)["id"] != second.id {
		t.Errorf("after the revocation: %v", d)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": first.token, "password": "un mot de passe assez long"}}); r.Code != 404 {
		t.Errorf("revoked token without a session: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: joinerTok, Body: obj{"token": first.token}}); r.Code != 404 {
		t.Errorf("revoked token with a session: %d %s", r.Code, r.Body)
	}
	third := invite(own, mgr, "troisieme@example.fr", "member", "cle-3")
	if r := revoke(mgr, own, third.id); r.Code != 204 {
		t.Fatalf("revoke the third: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + own + "/members", Token: mgr, Body: obj{"email": "troisieme@example.fr", "role": "member"},
		Header: map[string]string{"Idempotency-Key": "cle-3"}})
	// The stored answer is replayed as it was (the revoked token, which
	// its inviter saw already); a lost one would be answered 404 rather
	// than with a new token (ReissueInvitation).
	if tok, _ := r.Map()["token"].(string); r.Code == 202 && tok != third.token {
		t.Errorf("a replay of the revoked invitation's creation gave a new token: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": third.token, "password": "un mot de passe assez long"}}); r.Code != 404 {
		t.Errorf("revoked token after a replay: %d %s", r.Code, r.Body)
	}
	if _, _, err := e.Store.ReissueInvitation(t.Context(), third.id); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("a lost answer of the revoked invitation is issued again: %v", err)
	}
	// The structure's trail says who revoked it.
	trail := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?action=invitation.revoked", Token: mgr}).Map()["data"].([]any)
	if len(trail) != 2 || trail[1].(map[string]any)["subject_id"] != first.id || trail[0].(map[string]any)["who"].(map[string]any)["id"] != mgrUser.ID {
		t.Errorf("trail: %v", trail)
	}
	_ = joiner
}
