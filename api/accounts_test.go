package api_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSessionsEndAtOnce reproduces item 8 of issue 12: access tokens stayed
// valid up to 15 minutes after logout, password change, refresh-token reuse
// and client-secret rotation, and disabling then re-enabling an account
// revived its old tokens. An access token names its session (or its
// client's secret generation), checked on every request.
func TestSessionsEndAtOnce(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	e.Account("agent@example.fr", nil, models.Territory{})
	me := func(tok string) int { return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: tok}).Code }
	refresh := func(tok string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: obj{"grant_type": "refresh_token", "refresh_token": tok}})
	}

	s := login(t, e, "agent@example.fr", "a password for tests")
	e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": s.refresh}})
	if c := me(s.access); c != 401 {
		t.Errorf("access token after logout: %d", c)
	}

	// Reuse of a rotated refresh token ends the session, its access tokens too.
	s = login(t, e, "agent@example.fr", "a password for tests")
	rotated := refresh(s.refresh).Map()
	refresh(s.refresh) // the old one, again: stolen
	if c := me(str(rotated["access_token"])); c != 401 {
		t.Errorf("access token after refresh-token reuse: %d", c)
	}

	// A password change ends the other sessions at once; the caller's goes on.
	mine := login(t, e, "agent@example.fr", "a password for tests")
	other := login(t, e, "agent@example.fr", "a password for tests")
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: mine.access, Body: obj{"current_password": "a password for tests", "new_password": "un tout nouveau mot de passe"}}); r.Code != 204 {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	if c := me(other.access); c != 401 {
		t.Errorf("another session's access token after a password change: %d", c)
	}
	if c := me(mine.access); c != 200 {
		t.Errorf("the changing session's access token: %d", c)
	}

	// Disabling ends every session; enabling again does not revive them.
	u, _ := e.Store.FindUserByEmail(t.Context(), "agent@example.fr")
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": true}})
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": false}})
	if c := me(mine.access); c != 401 {
		t.Errorf("access token after disable and enable: %d", c)
	}
	if r := refresh(mine.refresh); r.Code != 401 {
		t.Errorf("refresh token after disable and enable: %d", r.Code)
	}

	// Rotating a client's secret ends its tokens.
	c := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF", "sources": []string{"caf"}, "scopes": []string{"sync:write"}}}).Map()
	tok := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: obj{"grant_type": "client_credentials", "client_id": c["id"], "client_secret": c["client_secret"]}}).Map()
	if code := me(str(tok["access_token"])); code != 200 {
		t.Fatalf("client token: %d", code)
	}
	e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients/" + str(c["id"]) + "/secret", Token: e.Admin})
	if code := me(str(tok["access_token"])); code != 401 {
		t.Errorf("client token after secret rotation: %d", code)
	}
}

// TestPasswordPolicy reproduces item 9 of issue 12 (first half): 12 spaces,
// aaaaaaaaaaaa, password1234 or the current password were accepted.
func TestPasswordPolicy(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	e.Account("camille.martin@example.fr", nil, models.Territory{})
	s := login(t, e, "camille.martin@example.fr", "a password for tests")
	change := func(next string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: s.access, Body: obj{"current_password": "a password for tests", "new_password": next}})
	}
	for _, bad := range []string{
		strings.Repeat(" ", 12), strings.Repeat(" ", 20), "aaaaaaaaaaaa", strings.Repeat("a", 20), "password1234", "password12345678", "Password1234567!",
		"123456789012345678", "azertyuiopqsdfghjklm", "qwertyuiopasdfgh", "abcabcabcabcabcabc", "passwordpassword",
		"a password for tests", // the current one
		"camille.martin2026!", "camille.martin@example.fr", "carnet carnet 2026",
		"short", "\x00\x01\x02 control characters",
	} {
		if r := change(bad); r.Code != 422 || !hasAll(fields(t, r), "new_password") {
			t.Errorf("%q accepted: %d %s", bad, r.Code, r.Body)
		}
	}
	for _, good := range []string{"correct horse battery staple", "la médiathèque ouvre à 9h"} {
		if r := change(good); r.Code != 204 {
			t.Errorf("%q refused: %d %s", good, r.Code, r.Body)
		}
		// back to the password of the test, in a new session
		e.Store.ChangePassword(t.Context(), mustUser(t, e, "camille.martin@example.fr").ID, "", good, "a password for tests")
		s = login(t, e, "camille.martin@example.fr", "a password for tests")
	}
	// New accounts follow the same policy.
	inv := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "nouveau@example.fr", "platform_admin": true}}).Map()
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": inv["token"], "password": "password12345678"}}); r.Code != 422 {
		t.Errorf("common password on a new account: %d", r.Code)
	}
}

func mustUser(t *testing.T, e *apitest.Env, email string) *models.User {
	t.Helper()
	u, err := e.Store.FindUserByEmail(t.Context(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestPasswordReset reproduces item 9 of issue 12 (second half): there was
// no way to recover a forgotten password. Without a mail server, an
// administrator or the structure's manager issues a single-use link, shown
// once, expiring in hours, rate limited and in the trail.
func TestPasswordReset(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*time.Hour), apitest.WithRateLimits(bigLimit, bigLimit))
	a := str(createActor(t, e, validActor("CCAS"))["id"])
	other := str(createActor(t, e, validActor("Ailleurs"))["id"])
	_, manager := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	member, memberTok := e.Account("aidant@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	both, _ := e.Account("double@example.fr", map[string]models.Role{a: models.RoleMember, other: models.RoleManager}, models.Territory{})
	issue := func(tok, userID string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + userID + "/password-reset", Token: tok, Body: obj{}})
	}
	use := func(token, pw string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": token, "new_password": pw}})
	}

	r := issue(manager, member.ID)
	if r.Code != 201 || !strings.HasPrefix(str(r.Map()["token"]), "pwr_") {
		t.Fatalf("manager issues: %d %s", r.Code, r.Body)
	}
	token := str(r.Map()["token"])
	if r := use(token, "password12345678"); r.Code != 422 {
		t.Errorf("weak new password: %d", r.Code)
	}
	if r := use(token, "un mot de passe retrouvé"); r.Code != 204 {
		t.Fatalf("reset: %d %s", r.Code, r.Body)
	}
	if r := use(token, "encore un autre mot de passe"); r.Code != 404 {
		t.Errorf("a reset link is used once: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: memberTok}); r.Code != 401 {
		t.Errorf("the account's sessions end with a reset: %d", r.Code)
	}
	login(t, e, "aidant@example.fr", "un mot de passe retrouvé")

	// A manager cannot take over an account that has rights elsewhere.
	if r := issue(manager, both.ID); r.Code != 404 {
		t.Errorf("manager issues for a manager of another structure: %d", r.Code)
	}
	if r := issue(e.Admin, both.ID); r.Code != 201 {
		t.Errorf("administrator issues: %d", r.Code)
	}
	// Expiry, replacement, rate limit.
	r = issue(manager, member.ID)
	stale := str(r.Map()["token"])
	advance(5 * time.Hour)
	if r := use(stale, "un mot de passe trop tardif"); r.Code != 404 {
		t.Errorf("expired link: %d", r.Code)
	}
	first := str(issue(manager, member.ID).Map()["token"])
	issue(manager, member.ID)
	issue(manager, member.ID)
	if r := use(first, "un mot de passe remplacé"); r.Code != 404 {
		t.Errorf("a newer link replaces the earlier one: %d", r.Code)
	}
	if r := issue(manager, member.ID); r.Code != 429 || r.Header().Get("Retry-After") == "" {
		t.Errorf("fourth link within the hour: %d", r.Code)
	}
	// In the structure's trail.
	trail := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a + "/trail?subject_id=" + member.ID, Token: manager}).Body.String()
	if !strings.Contains(trail, models.TrailPasswordResetIssued) || !strings.Contains(trail, models.TrailPasswordResetUsed) || strings.Contains(trail, "pwr_") {
		t.Errorf("trail of the reset: %s", trail)
	}
}

// TestTeamsNeedConsentAndAManager reproduces item 12 of issue 12: the last
// manager could demote themself; a manager could add an existing account
// without the person's agreement, and 201 versus 202 revealed whether an
// e-mail had an account.
func TestTeamsNeedConsentAndAManager(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("CCAS"))["id"])
	path := "/api/v1/actors/" + a + "/members"
	mgr, manager := e.Account("direction@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path + "/" + mgr.ID, Token: manager, Body: obj{"role": "member"}}); r.Code != 409 {
		t.Errorf("last manager demotes themself: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path + "/" + mgr.ID, Token: manager}); r.Code != 409 {
		t.Errorf("last manager leaves: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path + "/" + mgr.ID, Token: e.Admin}); r.Code != 409 {
		t.Errorf("last manager removed: %d", r.Code)
	}
	existing, existingToken := e.Account("deja.inscrite@example.fr", nil, models.Territory{})
	known := e.Do(apitest.Request{Method: "POST", Path: path, Token: manager, Body: obj{"email": "deja.inscrite@example.fr", "role": "manager"}})
	unknown := e.Do(apitest.Request{Method: "POST", Path: path, Token: manager, Body: obj{"email": "inconnue@example.fr", "role": "manager"}})
	if known.Code != 202 || unknown.Code != 202 || shape(known.Map()) != shape(unknown.Map()) {
		t.Errorf("answers differ with the account's existence: %d %s / %d %s", known.Code, known.Body, unknown.Code, unknown.Body)
	}
	if p, _ := e.Store.LoadPrincipal(t.Context(), existing.ID); p.BelongsTo(a) {
		t.Error("an existing account joined without accepting")
	}
	// Once she accepts, the first manager may step down.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: existingToken, Body: obj{"token": known.Map()["token"]}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path + "/" + mgr.ID, Token: manager, Body: obj{"role": "member"}}); r.Code != 200 {
		t.Errorf("demotion with another manager: %d %s", r.Code, r.Body)
	}
}

// shape lists an object's keys, to compare answers without their values.
func shape(m map[string]any) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// TestClientDisableEndsTokens reproduces item 1 of the twenty-seventh
// session's probe: a partner client's token died while the client was
// disabled but worked again once it was enabled, because its generation
// changed only with the secret. A person's account already behaved.
func TestClientDisableEndsTokens(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	c := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF", "sources": []string{"caf"}, "scopes": []string{"directory:write"}}}).Map()
	token := func() string {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: obj{"grant_type": "client_credentials", "client_id": c["id"], "client_secret": c["client_secret"]}})
		if r.Code != 200 {
			t.Fatalf("client token: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["access_token"])
	}
	me := func(tok string) int { return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: tok}).Code }
	set := func(disabled bool) {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + str(c["id"]), Token: e.Admin, Body: obj{"disabled": disabled}}); r.Code != 200 {
			t.Fatalf("disabled=%v: %d %s", disabled, r.Code, r.Body)
		}
	}
	old := token()
	set(true)
	if code := me(old); code != 401 {
		t.Errorf("token of a disabled client: %d", code)
	}
	set(false)
	if code := me(old); code != 401 {
		t.Errorf("token issued before the client was disabled, after it was enabled again: %d", code)
	}
	fresh := token()
	if code := me(fresh); code != 200 {
		t.Errorf("token issued after the client was enabled again: %d", code)
	}
	// A change that does not disable (a rename, enabling an enabled
	// client) keeps the tokens.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + str(c["id"]), Token: e.Admin, Body: obj{"name": "CAF 13", "disabled": false}}); r.Code != 200 {
		t.Fatalf("rename: %d %s", r.Code, r.Body)
	}
	if code := me(fresh); code != 200 {
		t.Errorf("token after a rename: %d", code)
	}
}

// TestPasswordPolicyBuildingBlocks reproduces item 2 of the twenty-seventh
// session's probe: the policy compared the password as typed, so the
// service's name with a capital or a dot between its copies, two sequences
// joined, or a repetition with a symbol added slipped through. Case, spaces
// and symbols do not count now, and what remains once the cheap building
// blocks are taken out must still be a password. Long passphrases pass.
func TestPasswordPolicyBuildingBlocks(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	e.Account("camille.martin@example.fr", nil, models.Territory{})
	s := login(t, e, "camille.martin@example.fr", "a password for tests")
	// change tries a new password, and puts the test's back when it is
	// accepted, in a new session (the change ended the others).
	change := func(next string) *apitest.Response {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: s.access, Body: obj{"current_password": "a password for tests", "new_password": next}})
		if r.Code == 204 {
			if err := e.Store.ChangePassword(t.Context(), mustUser(t, e, "camille.martin@example.fr").ID, "", next, "a password for tests"); err != nil {
				t.Fatal(err)
			}
			s = login(t, e, "camille.martin@example.fr", "a password for tests")
		}
		return r
	}
	for _, bad := range []string{
		"Carnet123456789012", "Carnet.Carnet.Carnet", "carnetcarnet123456", "carnet2026carnet2026", // the service's name
		"0123456789abcdefghij", "abcdefghij9876543210", "azerty-uiop-1234-5678", // sequences joined
		"Carnet2026!Carnet2026", "Carnet!2026!2026!!", "Password!2026!2026", // repetitions with a symbol
		"Camille-Martin-2026!", "MARTIN camille 12345", // the e-mail's parts
		"P.a.s.s.w.o.r.d.1.2.3", "Password-1234567890", // a common password with sequences around it
	} {
		if r := change(bad); r.Code != 422 || !hasAll(fields(t, r), "new_password") {
			t.Errorf("%q accepted: %d %s", bad, r.Code, r.Body)
		}
	}
	for _, good := range []string{
		"Café crème au lait chaud matin", "correct horse battery staple 42", "Mon carnet de notes du mardi",
		"la liberté guide nos pas 1830", "velo bleu lundi", "x7$Kq9!mP2#vL4@n",
	} {
		if r := change(good); r.Code != 204 {
			t.Errorf("%q refused: %d %s", good, r.Code, r.Body)
		}
	}
}

// TestPasswordsAreNormalised reproduces item 3 of the twenty-seventh
// session's probe: a password was hashed as the bytes typed, so « é » typed
// as one character (NFC, most keyboards) and as e + accent (NFD, some
// phones and macOS input) were two passwords. Every path that sets a
// password and every check reads it NFKC-normalised, as NIST SP 800-63B-4
// asks.
func TestPasswordsAreNormalised(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	nfc := "Caf\u00e9 cr\u00e8me au lait chaud matin"
	nfd := "Cafe\u0301 cre\u0300me au lait chaud matin"
	fullWidth := "\uff23af\u00e9 cr\u00e8me au lait chaud matin" // Ｃ, as a Japanese or Chinese input method types it
	loginCode := func(email, pw string) int {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": email, "password": pw}}).Code
	}

	// Invitation accepted in NFC; login in NFD, in NFC and in full width.
	inv := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "nfc@example.fr", "platform_admin": true}}).Map()
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": inv["token"], "password": nfc}}); r.Code != 202 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	for name, pw := range map[string]string{"NFC": nfc, "NFD": nfd, "full width": fullWidth} {
		if c := loginCode("nfc@example.fr", pw); c != 200 {
			t.Errorf("account made in NFC, login in %s: %d", name, c)
		}
	}
	if c := loginCode("nfc@example.fr", "Cafe cre me au lait chaud matin"); c != 401 {
		t.Errorf("the accents left out: %d", c)
	}

	// A change in NFD; login in NFC; the NFC form is the current password.
	e.Account("nfd@example.fr", nil, models.Territory{})
	s := login(t, e, "nfd@example.fr", "a password for tests")
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: s.access, Body: obj{"current_password": "a password for tests", "new_password": nfd}}); r.Code != 204 {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	if c := loginCode("nfd@example.fr", nfc); c != 200 {
		t.Errorf("password set in NFD, login in NFC: %d", c)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: s.access, Body: obj{"current_password": nfc, "new_password": nfd}}); r.Code != 422 || !hasAll(fields(t, r), "new_password") {
		t.Errorf("the current password in another form, as the new one: %d %s", r.Code, r.Body)
	}
}
