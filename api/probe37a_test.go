package api_test

import (
	"strings"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// probe37aEnv is a service without rate limits in the way of a test that
// sends many invitations.
func probe37aEnv(t *testing.T) *apitest.Env {
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	return apitest.New(t, apitest.WithRateLimits(many, many))
}

// inviteTo posts an invitation of email to actor's team as tok and answers
// the response.
func inviteTo(e *apitest.Env, tok, actor, email, role string) *apitest.Response {
	return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actor + "/members", Token: tok, Body: obj{"email": email, "role": role}})
}

// pendingTo lists the pending invitations of actor, as its manager tok.
func pendingTo(t *testing.T, e *apitest.Env, tok, actor string) []any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actor + "/invitations", Token: tok})
	if r.Code != 200 {
		t.Fatalf("invitations of %s: %d %s", actor, r.Code, r.Body)
	}
	return r.Map()["data"].([]any)
}

// TestProbe37aM1DeletedAccountsInvitationsDie reproduces probe 37a's M1:
// an account deleted with DELETE /me left the invitations sent to its
// login address pending — the address readable by the structure's
// managers, the only copy of it left — and accepting one later brought the
// account back into the team. Deleting an account revokes them, erases the
// address from every invitation, and the structures' trails say the
// invitation was revoked because the account was deleted, naming it
// « compte supprimé ».
func TestProbe37aM1DeletedAccountsInvitationsDie(t *testing.T) {
	e := probe37aEnv(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	b := str(createActor(t, e, validActor("Centre social"))["id"])
	_, mgrA := e.Account("direction.a@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	_, mgrB := e.Account("direction.b@example.fr", map[string]models.Role{b: models.RoleManager}, models.Territory{})
	const address = "partant.zzq@example.fr"
	leaver, leaverTok := e.Account(address, map[string]models.Role{a: models.RoleMember}, models.Territory{})
	// Pending: to B (written otherwise), and a coordination the
	// administrator offers.
	r := inviteTo(e, mgrB, b, " Partant.ZZQ@Example.fr ", "member")
	if r.Code != 202 {
		t.Fatalf("invite to B: %d %s", r.Code, r.Body)
	}
	toB := str(r.Map()["token"])
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": address, "coordinator": obj{"departements": []string{"13"}}}})
	if r.Code != 201 {
		t.Fatalf("invite as coordinator: %d %s", r.Code, r.Body)
	}
	asCoordinator := str(r.Map()["token"])
	reset, err := e.Store.IssuePasswordReset(t.Context(), leaver.ID, a)
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/me", Token: leaverTok, Body: obj{"password": "a password for tests"}}); r.Code != 204 {
		t.Fatalf("delete: %d %s", r.Code, r.Body)
	}
	if d := pendingTo(t, e, mgrB, b); len(d) != 0 {
		t.Errorf("B's pending invitations after the deletion: %v", d)
	}
	// No token brings the account back, with or without a new account.
	for name, tok := range map[string]string{"to B": toB, "coordinator": asCoordinator} {
		if code := acceptInvitation(t, e, tok, "un tout nouveau mot de passe"); code != 404 {
			t.Errorf("the %s invitation accepted after the deletion: %d", name, code)
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": reset.Token, "new_password": "un tout nouveau mot de passe"}}); r.Code/100 == 2 {
		t.Errorf("a reset link issued before the deletion: %d %s", r.Code, r.Body)
	}
	for _, m := range pendingTo(t, e, mgrA, a) {
		t.Errorf("A lists an invitation: %v", m)
	}
	// The address is nowhere: not in invitations, the trail, the outbox.
	db := openRaw(t, e)
	for _, table := range []string{"users", "invitations", "trail_events", "outbox", "signups", "join_requests", "password_resets"} {
		eachCell(t, db, table, func(col, s string) {
			if strings.Contains(strings.ToLower(s), "partant.zzq") {
				t.Errorf("%s.%s still holds the deleted address: %q", table, col, s)
			}
		})
	}
	// B's trail says the invitation was withdrawn because the account went.
	trail := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + b + "/trail?action=invitation.revoked", Token: mgrB}).Map()["data"].([]any)
	if len(trail) != 1 {
		t.Fatalf("B's trail: %v", trail)
	}
	ev := trail[0].(map[string]any)
	if ev["subject_label"] != models.DeletedAccountLabel || ev["details"].(map[string]any)["reason"] != "account_deleted" ||
		ev["who"].(map[string]any)["label"] != models.DeletedAccountLabel {
		t.Errorf("B's trail entry: %v", ev)
	}
	// The same address may sign up again, and the old links stay dead.
	if _, err := e.Store.CreateUser(t.Context(), models.NewUser{Email: address, Password: "a brand new passphrase for tests"}); err != nil {
		t.Fatalf("sign up again: %v", err)
	}
	if code := acceptInvitation(t, e, toB, "un tout nouveau mot de passe"); code != 404 {
		t.Errorf("the old invitation for the new account: %d", code)
	}
}

// TestProbe37aL2OnePendingInvitationPerAddress reproduces probe 37a's L2:
// one address held several pending invitations to a structure (written
// otherwise, with another role), each token worked, and a current member
// could be invited again. One invitation is pending per structure and
// address: a new one replaces the earlier one (a manager sends it again
// when the mail was lost, or with another role), whose token dies, and the
// trail says it was replaced. A current member is not invited: 409 naming
// email, and no mail.
func TestProbe37aL2OnePendingInvitationPerAddress(t *testing.T) {
	e := probe37aEnv(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	_, mgr := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	first := inviteTo(e, mgr, a, "u1@example.fr", "member")
	second := inviteTo(e, mgr, a, " U1@Example.FR ", "manager")
	if first.Code != 202 || second.Code != 202 {
		t.Fatalf("invitations: %d %s / %d %s", first.Code, first.Body, second.Code, second.Body)
	}
	pending := pendingTo(t, e, mgr, a)
	if len(pending) != 1 || pending[0].(map[string]any)["id"] != second.Map()["id"] || pending[0].(map[string]any)["role"] != "manager" {
		t.Fatalf("pending after a second invitation: %v", pending)
	}
	if code := acceptInvitation(t, e, first.Map()["token"], "un mot de passe assez long"); code != 404 {
		t.Errorf("the replaced invitation's token: %d", code)
	}
	trail := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a + "/trail?action=invitation.revoked", Token: mgr}).Map()["data"].([]any)
	if len(trail) != 1 || trail[0].(map[string]any)["subject_id"] != first.Map()["id"] ||
		trail[0].(map[string]any)["details"].(map[string]any)["reason"] != "replaced" ||
		trail[0].(map[string]any)["details"].(map[string]any)["replaced_by"] != second.Map()["id"] {
		t.Errorf("trail of the replacement: %v", trail)
	}
	if code := acceptInvitation(t, e, second.Map()["token"], "un mot de passe assez long"); code != 202 {
		t.Fatalf("the new invitation: %d", code)
	}
	// u1 is a member now: inviting it again is refused, under any spelling,
	// through both routes.
	for _, r := range []*apitest.Response{
		inviteTo(e, mgr, a, "U1@example.fr ", "member"),
		e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "u1@example.fr", "actor_id": a, "role": "manager"}}),
	} {
		if r.Code != 409 || !hasAll(fields(t, r), "email") {
			t.Errorf("a current member invited: %d %s", r.Code, r.Body)
		}
	}
	if d := pendingTo(t, e, mgr, a); len(d) != 0 {
		t.Errorf("pending after inviting a member: %v", d)
	}

	// Concurrent invitations leave one pending.
	done := make(chan int)
	for range 8 {
		go func() { done <- inviteTo(e, mgr, a, "course@example.fr", "member").Code }()
	}
	for range 8 {
		if code := <-done; code != 202 {
			t.Errorf("a concurrent invitation: %d", code)
		}
	}
	if d := pendingTo(t, e, mgr, a); len(d) != 1 {
		t.Errorf("%d pending after concurrent invitations", len(d))
	}
}

// TestProbe37aL2NoMailToAMember: refusing to invite a current member
// sends nothing.
func TestProbe37aL2NoMailToAMember(t *testing.T) {
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	e := apitest.New(t, apitest.WithRateLimits(many, many), apitest.WithNotifications())
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	_, mgr := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	e.Account("membre@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	db := openRaw(t, e)
	count := func() (n int) {
		if err := db.QueryRow("SELECT count(*) FROM outbox").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if r := inviteTo(e, mgr, a, "Membre@example.fr", "manager"); r.Code != 409 {
		t.Errorf("a member invited: %d %s", r.Code, r.Body)
	}
	if n := count(); n != before {
		t.Errorf("%d mails queued for a refused invitation", n-before)
	}
}

// TestProbe37aL4AdministratorsTraceSaysSo reproduces probe 37a's L4: an
// administrator's read of a structure's statistics showed in its trail as
// « compte sans nom », kind user, details {} without a window: nothing
// said a platform administrator read them, nor over which window. Every
// entry an account writes while a platform administrator says so
// (who.role), and a statistics read always gives its window (null: no
// bound) and its reason.
func TestProbe37aL4AdministratorsTraceSaysSo(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	w.send(t)
	statsOf(t, w, e.Admin, "")
	statsOf(t, w, e.Admin, "?actor_id="+w.a+"&created_since=2026-01-01T00:00:00Z")
	if r := inviteTo(e, e.Admin, w.a, "recrue.admin@example.fr", "member"); r.Code != 202 {
		t.Fatalf("admin's invitation: %d %s", r.Code, r.Body)
	}
	if r := inviteTo(e, w.managerA, w.a, "recrue.gestion@example.fr", "member"); r.Code != 202 {
		t.Fatalf("manager's invitation: %d %s", r.Code, r.Body)
	}
	var byAdmin, byManager int
	for _, tok := range []string{w.managerA, e.Admin} {
		path := "/api/v1/actors/" + w.a + "/trail?limit=100"
		if tok == e.Admin {
			path = "/api/v1/trail?limit=200"
		}
		for _, x := range getAs(t, e, tok, path, 200)["data"].([]any) {
			ev := x.(map[string]any)
			who := ev["who"].(map[string]any)
			switch {
			case who["id"] == e.AdminUser.ID:
				byAdmin++
				if who["role"] != "platform_administrator" {
					t.Errorf("an administrator's %s does not say so: %v", ev["action"], who)
				}
			case who["role"] != "":
				t.Errorf("%s by someone else names a role: %v", ev["action"], who)
			default:
				byManager++
			}
			if ev["action"] != "referral.statistics_read" {
				continue
			}
			d := ev["details"].(map[string]any)
			_, since := d["created_since"]
			_, before := d["created_before"]
			if d["reason"] != "platform_administrator" || !since || !before {
				t.Errorf("a statistics read's details: %v", d)
			}
		}
	}
	if byAdmin < 3 || byManager == 0 {
		t.Errorf("%d entries by the administrator, %d by others", byAdmin, byManager)
	}
}

// TestProbe37aL3PartnerClientsNamesAndSources reproduces probe 37a's L3:
// « CAF 13 » was registered twice, and as « caf 13 », fullwidth or with a
// Cyrillic А; one source was granted to several writing clients without a
// word, so two partners overwrote each other's records. A client's name
// is unique once folded (NFKC, case, spaces and punctuation), a name
// mixing scripts is refused, and a source another active client already
// writes is refused (409 naming it and that client) unless the request
// says the sharing is meant (share_sources): the answer then lists it in
// shared_sources. Clients that only read or manage webhooks share freely.
func TestProbe37aL3PartnerClientsNamesAndSources(t *testing.T) {
	e := probe37aEnv(t)
	create := func(body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: body})
	}
	client := func(name string, sources, scopes []string) obj {
		return obj{"name": name, "sources": sources, "scopes": scopes}
	}
	caf := create(client("CAF 13", []string{"caf-13x"}, []string{"directory:write"}))
	if caf.Code != 201 || len(caf.Map()["shared_sources"].([]any)) != 0 {
		t.Fatalf("CAF 13: %d %s", caf.Code, caf.Body)
	}
	for _, name := range []string{" CAF 13 ", "caf 13", "CAF  13", "ＣＡＦ 13", "CAF 1３", "CAF-13"} {
		if r := create(client(name, []string{"autre"}, []string{})); r.Code != 409 || !hasAll(fields(t, r), "name") || !strings.Contains(r.Body.String(), "CAF 13") {
			t.Errorf("%q: %d %s", name, r.Code, r.Body)
		}
	}
	if r := create(client("CАF 13 bis", []string{"autre"}, []string{})); r.Code != 422 || !hasAll(fields(t, r), "name") {
		t.Errorf("a Cyrillic lookalike: %d %s", r.Code, r.Body)
	}
	for _, src := range []string{"CAF-13X", "caf-13x "} {
		r := create(client("CPAM 13", []string{"cpam-13", src}, []string{"sync:write"}))
		if r.Code != 409 || !hasAll(fields(t, r), "sources[1]") || !strings.Contains(r.Body.String(), "CAF 13") {
			t.Errorf("source %q granted again: %d %s", src, r.Code, r.Body)
		}
	}
	body := client("CPAM 13", []string{"caf-13x"}, []string{"sync:write"})
	body["share_sources"] = true
	cpam := create(body)
	if cpam.Code != 201 || str(cpam.Map()["shared_sources"]) != "[caf-13x]" {
		t.Fatalf("shared on purpose: %d %s", cpam.Code, cpam.Body)
	}
	reader := create(client("CAF 13 lecture", []string{"caf-13x"}, []string{}))
	if reader.Code != 201 || len(reader.Map()["shared_sources"].([]any)) != 0 {
		t.Fatalf("a reader of the source: %d %s", reader.Code, reader.Body)
	}
	patch := func(id string, body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + id, Token: e.Admin, ContentType: "application/merge-patch+json", Body: body})
	}
	if r := patch(str(reader.Map()["id"]), obj{"scopes": []string{"directory:write"}}); r.Code != 409 || !hasAll(fields(t, r), "sources[0]") {
		t.Errorf("the reader made a writer: %d %s", r.Code, r.Body)
	}
	if r := patch(str(reader.Map()["id"]), obj{"name": "caf 13"}); r.Code != 409 || !hasAll(fields(t, r), "name") {
		t.Errorf("renamed as another: %d %s", r.Code, r.Body)
	}
	if r := patch(str(cpam.Map()["id"]), obj{"disabled": true}); r.Code != 200 || len(r.Map()["shared_sources"].([]any)) != 0 {
		t.Errorf("disabling the sharer: %d %s", r.Code, r.Body)
	}
	if r := patch(str(reader.Map()["id"]), obj{"scopes": []string{"directory:write"}}); r.Code != 409 {
		t.Errorf("the reader made a writer while another writes: %d %s", r.Code, r.Body)
	}
}
