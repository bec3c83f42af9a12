package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// Accounts and sessions: rights that end (a manager leaving, invitations and
// reset links outliving no rights), sessions ended everywhere, tokens outside
// the leeway, per-address limits, replays after a crash checked again.

// TestLastActiveManager: a structure keeps an active manager. A disabled
// account that still holds a manager's role cannot manage anything, so it
// does not count: demoting or removing the last active manager answers 409,
// as for the last active administrator.
func TestLastActiveManager(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	mgr, tok := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	gone, _ := e.Account("gone@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("member@example.fr", map[string]models.Role{own: models.RoleMember}, models.Territory{})
	if _, err := e.Store.UpdateUser(context.Background(), gone.ID, models.UserUpdate{Disabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method string
		body         any
	}{
		{"demote", "PATCH", obj{"role": "member"}},
		{"leave", "DELETE", nil},
	} {
		r := e.Do(apitest.Request{Method: c.method, Path: "/api/v1/actors/" + own + "/members/" + mgr.ID, Token: tok, Body: c.body})
		if r.Code != 409 {
			t.Errorf("%s the last active manager: %d, want 409 %s", c.name, r.Code, r.Body)
		}
	}
}

// TestInvitationsOutliveNoRights: an invitation grants what its sender may
// grant at the time it is accepted, not only when it was sent. Before, a
// manager about to be removed (or an administrator about to be demoted)
// invited a second address of their own, and after losing the role accepted
// the invitation and had it back; nobody could list or revoke a pending
// invitation.
func TestInvitationsOutliveNoRights(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	mgr, mgrTok := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("boss@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	adm, admTok := e.Account("adm@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + adm.ID, Token: e.Admin, Body: obj{"platform_admin": true}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	admTok = e.TokenFor(adm.ID)
	invite := func(tok, path string, body obj) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: path, Token: tok, Body: body})
		if r.Code != 201 && r.Code != 202 {
			t.Fatal(r.Code, r.Body)
		}
		return str(r.Map()["token"])
	}
	// Pending invitations, then the rights are taken away.
	asManager := invite(mgrTok, "/api/v1/actors/"+own+"/members", obj{"email": "mgr.alt@example.fr", "role": "manager"})
	asAdmin := invite(admTok, "/api/v1/invitations", obj{"email": "adm.alt@example.fr", "platform_admin": true})
	asAdminTeam := invite(admTok, "/api/v1/invitations", obj{"email": "adm.team@example.fr", "actor_id": own, "role": "manager"})
	// Still valid while the sender holds the rights: an invitation sent
	// by a manager who is still one is accepted.
	stillOK := invite(mgrTok, "/api/v1/actors/"+own+"/members", obj{"email": "colleague@example.fr", "role": "member"})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": stillOK, "password": "une collègue arrive lundi"}}); r.Code != 202 {
		t.Fatalf("an invitation of a current manager: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + own + "/members/" + mgr.ID, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + adm.ID, Token: e.Admin, Body: obj{"platform_admin": false}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for name, tok := range map[string]string{"manager's": asManager, "administrator's": asAdmin, "administrator's team": asAdminTeam} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": tok, "password": "une phrase de passe assez longue"}})
		if r.Code != 404 {
			t.Errorf("the %s invitation, sent before the sender lost the right to grant it: %d, want 404 %s", name, r.Code, r.Body)
		}
	}
	// Nothing was granted.
	u, _ := e.Store.ListUsers(context.Background(), models.UserFilter{Email: "adm.alt@example.fr"})
	if len(u.Items) > 0 && u.Items[0].PlatformAdmin {
		t.Error("a demoted administrator's invitation made an administrator")
	}
}

// TestResetLinksOutliveNoRights: a reset link a manager issued for a member
// (shown to the manager when the service sends no e-mail) let them take
// the member's account over after they were removed from the team — and
// read the team's referrals as that member. The link now works only while
// its issuer may still issue it.
func TestResetLinksOutliveNoRights(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	mgr, mgrTok := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("boss@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	member, _ := e.Account("aidante@example.fr", map[string]models.Role{own: models.RoleMember}, models.Territory{})
	other, _ := e.Account("autre@example.fr", map[string]models.Role{own: models.RoleMember}, models.Territory{})
	issue := func(id string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + id + "/password-reset", Token: mgrTok, Body: obj{}})
		if r.Code != 201 {
			t.Fatal(r.Code, r.Body)
		}
		return str(r.Map()["token"])
	}
	use := func(tok string) int {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": tok, "new_password": "je reprends ce compte ce soir"}}).Code
	}
	// A link of a manager who still is one works.
	if code := use(issue(other.ID)); code != 204 {
		t.Fatalf("the link of a current manager: %d", code)
	}
	tok := issue(member.ID)
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + own + "/members/" + mgr.ID, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if code := use(tok); code != 404 {
		t.Errorf("a removed manager's reset link: %d, want 404", code)
	}
}

// TestCrashReplaysCheckRights: a retry after a crash past the commit renders
// the created record again, and for an invitation, a reset link or a
// partner client it issues a new secret (the lost answer held it). It did
// so without asking whether the caller may still: a demoted administrator
// got a fresh secret of the partner client they had registered, and so
// could act as that partner.
func TestCrashReplaysCheckRights(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	member, _ := e.Account("aidante@example.fr", map[string]models.Role{own: models.RoleMember}, models.Territory{})
	mgr, mgrTok := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("boss@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	adm, _ := e.Account("adm@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + adm.ID, Token: e.Admin, Body: obj{"platform_admin": true}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	admTok := e.TokenFor(adm.ID)
	db := openRaw(t, e)
	posts := []struct {
		name, token, scope, path string
		body                     obj
	}{
		{"partner client", admTok, "user:" + adm.ID, "/api/v1/clients", obj{"name": "CAF 13", "sources": []string{"caf-13"}, "scopes": []string{"sync:write"}}},
		{"invitation", admTok, "user:" + adm.ID, "/api/v1/invitations", obj{"email": "adm.alt@example.fr", "platform_admin": true}},
		{"team invitation", mgrTok, "user:" + mgr.ID, "/api/v1/actors/" + own + "/members", obj{"email": "mgr.alt@example.fr", "role": "manager"}},
		{"reset link", mgrTok, "user:" + mgr.ID, "/api/v1/users/" + member.ID + "/password-reset", obj{}},
	}
	for _, p := range posts {
		r := e.Do(apitest.Request{Method: "POST", Path: p.path, Token: p.token, Body: p.body, Header: map[string]string{"Idempotency-Key": "k-" + strings.ReplaceAll(p.name, " ", "-")}})
		if r.Code/100 != 2 {
			t.Fatalf("%s: %d %s", p.name, r.Code, r.Body)
		}
		// The process died after the commit, before the answer was stored.
		if _, err := db.Exec("UPDATE idempotency_keys SET state = 'committed', body = NULL, status = 0, owner = 'dead' WHERE key_hash = ?", keyHash(p.scope, "k-"+strings.ReplaceAll(p.name, " ", "-"))); err != nil {
			t.Fatal(err)
		}
	}
	// Then the rights are taken away.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + adm.ID, Token: e.Admin, Body: obj{"platform_admin": false}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + own + "/members/" + mgr.ID, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	for _, p := range posts {
		r := e.Do(apitest.Request{Method: "POST", Path: p.path, Token: p.token, Body: p.body, Header: map[string]string{"Idempotency-Key": "k-" + strings.ReplaceAll(p.name, " ", "-")}})
		if r.Code/100 == 2 {
			t.Errorf("%s: the retry of a caller who lost the right issued a new secret: %d %s", p.name, r.Code, r.Body)
		}
	}
}

// sec12: a reset link still pending when the account's password changes
// by another way (the person remembered it, or changed it on noticing a
// reset they had not asked for) no longer works: it stayed usable until
// its expiry (4 hours), for whoever read it in the mailbox meanwhile.
func TestSec12PasswordChangeEndsPendingResetLinks(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	a := str(createActor(t, e, validActor("CCAS"))["id"])
	member, memberTok := e.Account("aidant@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + member.ID + "/password-reset", Token: e.Admin, Body: obj{}})
	if r.Code != 201 {
		t.Fatalf("issue: %d %s", r.Code, r.Body)
	}
	token := str(r.Map()["token"])
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: memberTok,
		Body: obj{"current_password": "a password for tests", "new_password": "un tout nouveau mot de passe"}}); r.Code != 204 {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": token, "new_password": "celui de quelqu'un d'autre"}}); r.Code != 404 {
		t.Errorf("a reset link issued before the password changed: %d %s, want 404", r.Code, r.Body)
	}
	login(t, e, "aidant@example.fr", "un tout nouveau mot de passe")
}

// sec16: the per-address limit of logins and password guesses (and of
// sign-ups) was keyed by the whole client address. An IPv6 subscriber is
// given at least a /64 (2^64 addresses: RFC 6177, RIPE-690), and a script
// picks a new source address for each try at no cost, so a password sprayed
// over many accounts from one connection never met the limit. IPv6 clients
// now share the limit of their /64; another /64 and IPv4 keep their own,
// and an IPv4-mapped address is its IPv4 one.
func TestSec16PerAddressLimitHoldsAcrossAnIPv6Subscription(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(api.RateLimit{Every: time.Hour, Burst: 3}, api.RateLimit{Every: time.Hour, Burst: 100}))
	login := func(remote string, i int) int {
		body := fmt.Sprintf(`{"email":"personne%d@example.fr","password":"Printemps2026!"}`, i)
		r := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		return w.Code
	}
	limited := 0
	for i := 0; i < 6; i++ {
		// A new address of one /64 for each guess.
		if login(fmt.Sprintf("[2001:db8:1:2:%x::%x]:443", i, i+1), i) == 429 {
			limited++
		}
	}
	if limited == 0 {
		t.Errorf("6 guesses from one IPv6 /64, each from another address, were never limited (3 an hour)")
	}
	if c := login("[2001:db8:1:3::1]:443", 100); c == 429 {
		t.Errorf("another /64 shares the first one's limit: %d", c)
	}
	for i := 0; i < 3; i++ {
		login("203.0.113.7:443", 200+i)
	}
	if c := login("[::ffff:203.0.113.7]:443", 300); c != 429 {
		t.Errorf("an IPv4-mapped address escapes its IPv4 address's limit: %d", c)
	}
	if c := login("203.0.113.8:443", 400); c == 429 {
		t.Errorf("an IPv4 neighbour shares the limit: %d", c)
	}
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

// TestTokenTimesOutsideTheLeeway pins what the forged-token tables left
// out: a token issued in the future (iat), or expired by more than the 30
// seconds of clock skew the parser allows, is refused; within the skew it
// is still read.
func TestTokenTimesOutsideTheLeeway(t *testing.T) {
	e := apitest.New(t)
	sess, err := e.Store.OpenSession(t.Context(), e.AdminUser.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sign := func(iat, exp time.Time) string {
		mc := jwt.MapClaims{"iss": "carnet-test", "aud": "carnet-test-api", "sub": e.AdminUser.ID,
			"kind": "user", "sid": sess.ID, "iat": iat.Unix(), "exp": exp.Unix()}
		if iat.IsZero() {
			delete(mc, "iat")
		}
		return signWithTestKey(t, e, nil, mc)
	}
	for _, c := range []struct {
		name     string
		iat, exp time.Time
		want     int
	}{
		{"issued in an hour", now.Add(time.Hour), now.Add(2 * time.Hour), 401},
		{"issued in a minute", now.Add(time.Minute), now.Add(time.Hour), 401},
		{"expired 31 s ago", now.Add(-time.Hour), now.Add(-31 * time.Second), 401},
		{"expired 1 s ago, within the skew", now.Add(-15 * time.Minute), now.Add(-time.Second), 200},
		{"issued now", now, now.Add(time.Minute), 200},
		// probe33: a lifetime beyond the TTL (15 minutes) and its leeway
		// is refused, however well signed; so is one without iat.
		{"lives the TTL and the leeway", now, now.Add(15*time.Minute + 30*time.Second), 200},
		{"lives a second more", now, now.Add(15*time.Minute + 31*time.Second), 401},
		{"lives a year", now, now.Add(365 * 24 * time.Hour), 401},
		{"no iat", time.Time{}, now.Add(time.Minute), 401},
	} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: sign(c.iat, c.exp)}); r.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, r.Code, c.want)
		}
	}
}
