package api_test

import (
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// actorTrail lists actor's trail entries with action, as tok.
func actorTrail(t *testing.T, e *apitest.Env, tok, actor, action string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range getAs(t, e, tok, "/api/v1/actors/"+actor+"/trail?limit=100&action="+action, 200)["data"].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// joinAccepted has account tok ask to join actor, and manager mgr accept
// it with role.
func joinAccepted(t *testing.T, e *apitest.Env, tok, mgr, actor, role string) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actor + "/join-requests", Token: tok, Body: obj{"message": "Bonjour"}})
	if r.Code/100 != 2 {
		t.Fatalf("join request: %d %s", r.Code, r.Body)
	}
	path := "/api/v1/actors/" + actor + "/join-requests/" + str(r.Map()["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: mgr, Body: obj{"status": "accepted", "role": role}}); r.Code != 200 {
		t.Fatalf("accepting the join request: %d %s", r.Code, r.Body)
	}
}

// TestProbe37eN4JoiningRevokesOpenInvitations reproduces verify 37a's N4:
// an address invited as manager joined as member through a join request;
// the manager invitation stayed pending, and once the member was removed
// its old link brought them back, as manager. Becoming a member by any
// path revokes the other open invitations of that structure and address
// (trail: invitation.revoked, reason joined).
func TestProbe37eN4JoiningRevokesOpenInvitations(t *testing.T) {
	e := probe37aEnv(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	_, mgr := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	u2, u2Tok := e.Account("u2@example.fr", nil, models.Territory{})
	inv := inviteTo(e, mgr, a, "U2@example.fr", "manager")
	if inv.Code != 202 {
		t.Fatalf("invitation: %d %s", inv.Code, inv.Body)
	}
	joinAccepted(t, e, u2Tok, mgr, a, "member")
	if d := pendingTo(t, e, mgr, a); len(d) != 0 {
		t.Errorf("pending for a member: %v", d)
	}
	revoked := actorTrail(t, e, mgr, a, "invitation.revoked")
	if len(revoked) != 1 || revoked[0]["subject_id"] != inv.Map()["id"] || revoked[0]["details"].(map[string]any)["reason"] != "joined" {
		t.Errorf("trail of the revocation: %v", revoked)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + a + "/members/" + u2.ID, Token: mgr}); r.Code != 204 {
		t.Fatalf("removing u2: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: u2Tok, Body: obj{"token": inv.Map()["token"]}})
	if r.Code != 404 {
		t.Errorf("the old invitation after removal: %d %s", r.Code, r.Body)
	}
	for _, m := range getAs(t, e, mgr, "/api/v1/actors/"+a+"/members", 200)["data"].([]any) {
		if m.(map[string]any)["user_id"] == u2.ID {
			t.Errorf("u2 is back: %v", m)
		}
	}
}

// TestProbe37eN3RevokedInvitationsMailIsDropped reproduces verify 37a's
// N3: a replaced invitation's e-mail, still queued, was sent with its dead
// link. Revoking an invitation (replaced, revoked by a manager, the
// address joined) drops its e-mails still in the outbox.
func TestProbe37eN3RevokedInvitationsMailIsDropped(t *testing.T) {
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	e := apitest.New(t, apitest.WithRateLimits(many, many), apitest.WithNotifications())
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	_, mgr := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	_, joinerTok := e.Account("joiner@example.fr", nil, models.Territory{})
	db := openRaw(t, e)
	queued := func(email string) (n int) {
		t.Helper()
		err := db.QueryRow("SELECT count(*) FROM outbox WHERE kind = ? AND to_email = ? AND state = 'pending'", models.NotifyInvitation, email).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Replaced: one mail left, the new one's.
	inviteTo(e, mgr, a, "queued1@example.fr", "member")
	second := inviteTo(e, mgr, a, "queued1@example.fr", "manager")
	if second.Code != 202 {
		t.Fatalf("second invitation: %d %s", second.Code, second.Body)
	}
	if n := queued("queued1@example.fr"); n != 1 {
		t.Errorf("%d invitation mails queued after a replacement, want 1", n)
	}
	// Revoked by a manager: none.
	path := "/api/v1/actors/" + a + "/invitations/" + str(second.Map()["id"])
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path, Token: mgr}); r.Code != 204 {
		t.Fatalf("revoke: %d %s", r.Code, r.Body)
	}
	if n := queued("queued1@example.fr"); n != 0 {
		t.Errorf("%d invitation mails queued after a revocation", n)
	}
	// Joined: none.
	if r := inviteTo(e, mgr, a, "joiner@example.fr", "manager"); r.Code != 202 {
		t.Fatalf("invite joiner: %d %s", r.Code, r.Body)
	}
	joinAccepted(t, e, joinerTok, mgr, a, "member")
	if n := queued("joiner@example.fr"); n != 0 {
		t.Errorf("%d invitation mails queued after the address joined", n)
	}
}

// TestProbe37eN1AdministratorAcceptingSaysSo reproduces verify 37a's N1:
// an administrator who accepted an invitation to a structure (a
// manager's, or their own) left invitation.accepted and membership.added
// with who.role "": the acceptance named the account without its
// administration. Every entry an administrator writes says so.
func TestProbe37eN1AdministratorAcceptingSaysSo(t *testing.T) {
	e := probe37aEnv(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	b := str(createActor(t, e, validActor("Centre social"))["id"])
	_, mgr := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	byManager := inviteTo(e, mgr, a, e.AdminUser.Email, "member")
	byThemself := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": e.AdminUser.Email, "actor_id": b, "role": "manager"}})
	if byManager.Code != 202 || byThemself.Code != 201 {
		t.Fatalf("invitations: %d %s / %d %s", byManager.Code, byManager.Body, byThemself.Code, byThemself.Body)
	}
	for actor, inv := range map[string]*apitest.Response{a: byManager, b: byThemself} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: e.Admin, Body: obj{"token": inv.Map()["token"]}})
		if r.Code != 200 {
			t.Fatalf("accept: %d %s", r.Code, r.Body)
		}
		for _, action := range []string{"invitation.accepted", "membership.added"} {
			var mine []map[string]any
			for _, ev := range actorTrail(t, e, e.Admin, actor, action) {
				if ev["who"].(map[string]any)["id"] == e.AdminUser.ID {
					mine = append(mine, ev)
				}
			}
			if len(mine) != 1 || mine[0]["who"].(map[string]any)["role"] != models.WhoAdministrator {
				t.Errorf("%s of %s: %v", action, actor, mine)
			}
		}
	}
}
