package api_test

import (
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestIdentityWalkthrough follows the issue's story: an administrator
// invites a structure manager, who adds a member and edits their own actor;
// a manager of another structure is refused; a partner client writes only
// its own source's records; the history shows who did what.
func TestIdentityWalkthrough(t *testing.T) {
	e := apitest.New(t)
	lib := createActor(t, e, validActor("Médiathèque"))
	other := createActor(t, e, validActor("Centre social"))
	libPath := "/api/v1/actors/" + str(lib["id"])

	// 1. The administrator invites a manager for the library.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "Directrice@Example.fr", "actor_id": lib["id"], "role": "manager"}})
	if r.Code != 201 {
		t.Fatalf("invite: %d %s", r.Code, r.Body)
	}
	token := str(r.Map()["token"])
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": token, "password": "short"}})
	if r.Code != 422 {
		t.Errorf("weak password: %d", r.Code)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": token, "password": "le bus passe à 9h devant le port", "display_name": "Claire"}})
	if r.Code != 202 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": token, "password": "le bus passe à 9h devant le port"}}); r.Code != 404 {
		t.Errorf("an invitation is used once: %d", r.Code)
	}
	manager := login(t, e, "directrice@example.fr", "le bus passe à 9h devant le port")
	if me := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: manager.access}); !strings.Contains(me.Body.String(), `"role":"manager"`) {
		t.Fatalf("after accepting: %s", me.Body)
	}

	// 2. The manager invites an existing account, who accepts signed in,
	// and invites someone new: both answers look the same.
	aidant, aidantToken := e.Account("aidant@example.fr", nil, models.Territory{})
	r = e.Do(apitest.Request{Method: "POST", Path: libPath + "/members", Token: manager.access, Body: obj{"email": "aidant@example.fr", "role": "member"}})
	if r.Code != 202 {
		t.Fatalf("add member: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: aidantToken, Body: obj{"token": r.Map()["token"]}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: libPath + "/members", Token: manager.access, Body: obj{"email": "nouveau@example.fr", "role": "member"}})
	if r.Code != 202 || r.Map()["token"] == "" {
		t.Errorf("invite member: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: libPath + "/members", Token: manager.access})
	if r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(2) {
		t.Errorf("members: %d %s", r.Code, r.Body)
	}

	// 3. The manager edits their own actor, but not another one.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: libPath, Token: manager.access, Body: obj{"opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
		t.Errorf("edit own actor: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + str(other["id"]), Token: manager.access, Body: obj{"summary": "x"}}); r.Code != 403 {
		t.Errorf("edit other actor: %d", r.Code)
	}

	// 4. A partner client gets a token with its credentials and writes only
	// its own source's records.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF 13", "sources": []string{"caf-13"}, "scopes": []string{"directory:write"}}})
	if r.Code != 201 {
		t.Fatalf("register client: %d %s", r.Code, r.Body)
	}
	client := r.Map()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {str(client["id"])}, "client_secret": {str(client["client_secret"])}}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), ContentType: "application/x-www-form-urlencoded"})
	if r.Code != 200 || r.Map()["refresh_token"] != nil {
		t.Fatalf("client token: %d %s", r.Code, r.Body)
	}
	partner := str(r.Map()["access_token"])
	own := merge(validActor("Point CAF"), obj{"source": "caf-13", "source_id": "p1"})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: own}); r.Code != 201 {
		t.Errorf("partner creates own: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: merge(validActor("Ailleurs"), obj{"source": "cpam-13", "source_id": "x"})}); r.Code != 403 {
		t.Errorf("partner creates another source's record: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: libPath, Token: partner, Body: obj{"summary": "x"}}); r.Code != 403 {
		t.Errorf("partner edits a record without its source: %d", r.Code)
	}

	// 5. The history shows who did what, through which channel.
	r = e.Do(apitest.Request{Method: "GET", Path: libPath + "/history", Token: manager.access})
	if r.Code != 200 {
		t.Fatalf("history: %d %s", r.Code, r.Body)
	}
	var h struct {
		Data []struct {
			Action, Channel string
			Who             struct{ Kind, Label string }
			Changes         []struct {
				Field    string
				Old, New any
			}
		}
	}
	r.JSON(&h)
	if len(h.Data) != 2 || h.Data[0].Action != "update" || h.Data[0].Who.Label != "Claire" || h.Data[0].Channel != "api" ||
		len(h.Data[0].Changes) != 1 || h.Data[0].Changes[0].Field != "opening_hours" || h.Data[0].Changes[0].New != "Tu-Sa 10:00-18:00" ||
		h.Data[1].Action != "create" || h.Data[1].Who.Label != models.UnnamedAccountLabel {
		t.Errorf("history: %+v", h.Data)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: libPath + "/history", Token: e.TokenFor(aidant.ID)}); r.Code != 403 {
		t.Errorf("a member reads the history: %d", r.Code)
	}
}

type session struct{ access, refresh string }

func login(t *testing.T, e *apitest.Env, email, password string) session {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": email, "password": password}})
	if r.Code != 200 {
		t.Fatalf("login %s: %d %s", email, r.Code, r.Body)
	}
	m := r.Map()
	return session{str(m["access_token"]), str(m["refresh_token"])}
}

// TestAccessIsRevokedAtOnce checks that rights come from the database on
// every request: a removed membership, a disabled account and a disabled
// partner client lose access with a still-valid token.
func TestAccessIsRevokedAtOnce(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Tiers-lieu"), obj{"source": "hub", "source_id": "t"}))
	path := "/api/v1/actors/" + str(a["id"])
	u, tok := e.Account("gerant@example.fr", map[string]models.Role{str(a["id"]): models.RoleManager}, models.Territory{})
	patch := func(tok string) int {
		return e.Do(apitest.Request{Method: "PATCH", Path: path, Token: tok, Body: obj{"summary": time.Now().String()}}).Code
	}
	if c := patch(tok); c != 200 {
		t.Fatalf("manager: %d", c)
	}
	// A structure keeps a manager: another one is named first.
	e.Account("autre-gerant@example.fr", map[string]models.Role{str(a["id"]): models.RoleManager}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path + "/members/" + u.ID, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("remove: %d %s", r.Code, r.Body)
	}
	if c := patch(tok); c != 403 {
		t.Errorf("removed manager: %d", c)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": true}}); r.Code != 200 {
		t.Fatalf("disable: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: tok}); r.Code != 401 {
		t.Errorf("disabled account: %d", r.Code)
	}
	c, ptok := e.Partner("Hub", []string{"hub"}, []string{models.ScopeDirectoryWrite})
	if code := patch(ptok); code != 200 {
		t.Fatalf("partner: %d", code)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + c.ID, Token: e.Admin, Body: obj{"scopes": []string{}}}); r.Code != 200 {
		t.Fatal(r.Code)
	}
	if code := patch(ptok); code != 403 {
		t.Errorf("partner without directory:write: %d", code)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + c.ID, Token: e.Admin, Body: obj{"disabled": true}}); r.Code != 200 {
		t.Fatal(r.Code)
	}
	if code := patch(ptok); code != 401 {
		t.Errorf("disabled partner: %d", code)
	}
	// The last administrator cannot lock everyone out.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + e.AdminUser.ID, Token: e.Admin, Body: obj{"platform_admin": false}}); r.Code != 409 {
		t.Errorf("demote last admin: %d", r.Code)
	}
}

func TestRefreshTokens(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(api.RateLimit{Every: time.Millisecond, Burst: 100}, api.RateLimit{Every: time.Millisecond, Burst: 100}))
	s := login(t, e, apitest.AdminEmail, apitest.AdminPassword)
	refresh := func(tok string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: obj{"grant_type": "refresh_token", "refresh_token": tok}})
	}
	r := refresh(s.refresh)
	if r.Code != 200 {
		t.Fatalf("refresh: %d %s", r.Code, r.Body)
	}
	next := str(r.Map()["refresh_token"])
	if next == s.refresh || next == "" {
		t.Fatal("refresh tokens must rotate")
	}
	// Reusing the rotated token means it leaked: the whole session dies.
	if r := refresh(s.refresh); r.Code != 401 {
		t.Errorf("reuse: %d", r.Code)
	}
	if r := refresh(next); r.Code != 401 {
		t.Errorf("after reuse, the family must be revoked: %d", r.Code)
	}
	// Logout ends a session.
	s2 := login(t, e, apitest.AdminEmail, apitest.AdminPassword)
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": s2.refresh}}); r.Code != 204 {
		t.Fatal(r.Code)
	}
	if r := refresh(s2.refresh); r.Code != 401 {
		t.Errorf("after logout: %d", r.Code)
	}
	// Changing the password ends every other session; the caller's own
	// session goes on.
	s3 := login(t, e, apitest.AdminEmail, apitest.AdminPassword)
	other := login(t, e, apitest.AdminEmail, apitest.AdminPassword)
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: s3.access, Body: obj{"current_password": apitest.AdminPassword, "new_password": "a brand new passphrase for tests"}})
	if r.Code != 204 {
		t.Fatalf("change password: %d %s", r.Code, r.Body)
	}
	if r := refresh(other.refresh); r.Code != 401 {
		t.Errorf("another session after a password change: %d", r.Code)
	}
	if r := refresh(s3.refresh); r.Code != 200 {
		t.Errorf("the session that changed the password must go on: %d", r.Code)
	}
	login(t, e, apitest.AdminEmail, "a brand new passphrase for tests")
	for _, body := range []obj{{"grant_type": "password"}, {}, {"grant_type": "refresh_token"}, {"grant_type": "client_credentials", "client_id": "x"}} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: body}); r.Code != 400 {
			t.Errorf("%v: %d", body, r.Code)
		}
	}
}

func TestLoginRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithRateLimits(api.RateLimit{Every: time.Second, Burst: 8}, api.RateLimit{Every: 12 * time.Second, Burst: 3}))
	try := func(email string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": email, "password": "guess"}})
	}
	for i := range 3 {
		if r := try("victim@example.fr"); r.Code != 401 || r.Header().Get("RateLimit-Remaining") != str(2-i) {
			t.Fatalf("attempt %d: %d %v", i, r.Code, r.Header())
		}
	}
	r := try("victim@example.fr")
	if r.Code != 429 || r.Header().Get("Retry-After") != "12" {
		t.Errorf("4th attempt on one account: %d Retry-After %q", r.Code, r.Header().Get("Retry-After"))
	}
	// probe33: refused, RateLimit-Reset and Retry-After agree (it said
	// when the bucket would be full: 36 beside 12).
	if got := r.Header().Get("RateLimit-Reset"); got != r.Header().Get("Retry-After") {
		t.Errorf("4th attempt: RateLimit-Reset %q, Retry-After %q", got, r.Header().Get("Retry-After"))
	}
	// Other accounts from the same address still pass, until the address's own limit.
	for i := range 4 {
		if r := try("other" + str(i) + "@example.fr"); r.Code != 401 {
			t.Errorf("other account %d: %d", i, r.Code)
		}
	}
	if r := try("last@example.fr"); r.Code != 429 || r.Header().Get("RateLimit-Reset") != r.Header().Get("Retry-After") {
		t.Errorf("address limit: %d RateLimit-Reset %q Retry-After %q", r.Code, r.Header().Get("RateLimit-Reset"), r.Header().Get("Retry-After"))
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if r := try("victim@example.fr"); r.Code != 401 {
		t.Errorf("after waiting: %d", r.Code)
	}
}

func TestKeyRotation(t *testing.T) {
	oldKey, newKey := []byte(strings.Repeat("o", 40)), []byte(strings.Repeat("n", 40))
	old, err := api.NewTokens(api.TokenConfig{Secret: oldKey, Issuer: "i", Audience: "a"})
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := api.NewTokens(api.TokenConfig{Secret: newKey, PreviousSecrets: [][]byte{oldKey}, Issuer: "i", Audience: "a"})
	if err != nil {
		t.Fatal(err)
	}
	withoutOld, _ := api.NewTokens(api.TokenConfig{Secret: newKey, Issuer: "i", Audience: "a"})
	p := &models.Principal{UserID: models.NewID(), SessionID: models.NewID()}
	tok, _, _ := old.Issue(p)
	if id, err := rotated.Verify(tok); err != nil || id.Subject != p.UserID {
		t.Errorf("a token of the previous key must still verify: %v", err)
	}
	if _, err := withoutOld.Verify(tok); err == nil {
		t.Error("a token of a removed key verified")
	}
	newTok, _, _ := rotated.Issue(p)
	if _, err := old.Verify(newTok); err == nil {
		t.Error("new tokens must be signed with the new key")
	}
}

func TestSuggestions(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Espace numérique"), obj{"opening_hours": "Mo-Fr 09:00-17:00"}))
	path := "/api/v1/actors/" + str(a["id"])
	_, author := e.Account("habitant@example.fr", nil, models.Territory{})
	_, manager := e.Account("gerant@example.fr", map[string]models.Role{str(a["id"]): models.RoleManager}, models.Territory{})
	suggest := func(changes obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: path + "/suggestions", Token: author, Body: obj{"changes": changes, "message": "Vu sur la porte"}})
	}
	for name, tc := range map[string]struct {
		changes obj
		want    int
		field   string
	}{
		"day too long":    {obj{"opening_hours": "Mo-Fr 09:00-36:00"}, 422, "changes.opening_hours"},
		"unknown field":   {obj{"horaires": "x"}, 400, "changes.horaires"},
		"nothing changed": {obj{}, 422, "changes"},
	} {
		if r := suggest(tc.changes); r.Code != tc.want || !hasAll(fields(t, r), tc.field) {
			t.Errorf("%s: %d %s", name, r.Code, r.Body)
		}
	}
	r := suggest(obj{"opening_hours": "Mo-Sa 09:00-17:00", "summary": "Ouvert le samedi"})
	if r.Code != 201 {
		t.Fatalf("suggest: %d %s", r.Code, r.Body)
	}
	id := str(r.Map()["id"])
	decide := func(tok string, body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + id, Token: tok, Body: body})
	}
	if r := decide(author, obj{"status": "accepted"}); r.Code != 403 {
		t.Errorf("the author decides: %d", r.Code)
	}
	if r := decide(manager, obj{"status": "rejected"}); r.Code != 422 {
		t.Errorf("rejection without reason: %d", r.Code)
	}
	// Meanwhile the manager edits another field: the suggestion still applies.
	e.Do(apitest.Request{Method: "PATCH", Path: path, Token: manager, Body: obj{"description": "Accès PMR"}})
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions?status=pending", Token: manager})
	if r.Map()["meta"].(map[string]any)["total"] != float64(1) {
		t.Errorf("pending for the manager: %s", r.Body)
	}
	if r := decide(manager, obj{"status": "accepted"}); r.Code != 200 || r.Map()["status"] != "accepted" {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	got := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	if got["opening_hours"] != "Mo-Sa 09:00-17:00" || got["summary"] != "Ouvert le samedi" || got["description"] != "Accès PMR" {
		t.Errorf("applied: %v", got)
	}
	if r := decide(manager, obj{"status": "accepted"}); r.Code != 409 {
		t.Errorf("decide twice: %d", r.Code)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: path + "/history?limit=1", Token: manager})
	if !strings.Contains(r.Body.String(), `"channel":"suggestion"`) || !strings.Contains(r.Body.String(), `"suggestion_id":"`+id+`"`) {
		t.Errorf("history of the accepted suggestion: %s", r.Body)
	}
	// A suggestion whose fields changed since answers 409 when accepted.
	r = suggest(obj{"opening_hours": "Mo-Fr 10:00-18:00"})
	if r.Code != 201 {
		t.Fatalf("suggest hours: %d %s", r.Code, r.Body)
	}
	id = str(r.Map()["id"])
	e.Do(apitest.Request{Method: "PATCH", Path: path, Token: manager, Body: obj{"opening_hours": "Mo-Fr 09:00-12:00"}})
	if r := decide(manager, obj{"status": "accepted"}); r.Code != 409 || !hasAll(fields(t, r), "changes.opening_hours") {
		t.Errorf("stale suggestion: %d %s", r.Code, r.Body)
	}
	if r := decide(manager, obj{"status": "rejected", "reason": "Les dates ont changé"}); r.Code != 200 {
		t.Errorf("reject: %d %s", r.Code, r.Body)
	}
}

func TestJoinRequests(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("CCAS"))
	path := "/api/v1/actors/" + str(a["id"])
	_, asker := e.Account("benevole@example.fr", nil, models.Territory{})
	_, manager := e.Account("responsable@example.fr", map[string]models.Role{str(a["id"]): models.RoleManager}, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: path + "/join-requests", Token: asker, Body: obj{"message": "Je suis bénévole"}})
	if r.Code != 201 {
		t.Fatalf("ask: %d %s", r.Code, r.Body)
	}
	id := str(r.Map()["id"])
	if r := e.Do(apitest.Request{Method: "POST", Path: path + "/join-requests", Token: asker, Body: obj{}}); r.Code != 409 {
		t.Errorf("ask twice: %d", r.Code)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: path + "/join-requests?status=pending", Token: manager})
	if r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(1) || !strings.Contains(r.Body.String(), "benevole@example.fr") {
		t.Errorf("list: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "PATCH", Path: path + "/join-requests/" + id, Token: manager, Body: obj{"status": "accepted"}})
	if r.Code != 200 || r.Map()["role"] != "member" {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: asker})
	if !strings.Contains(r.Body.String(), `"actor_name":"CCAS","role":"member"`) {
		t.Errorf("me after joining: %s", r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path + "/join-requests/" + id, Token: manager, Body: obj{"status": "refused"}}); r.Code != 409 {
		t.Errorf("decide twice: %d", r.Code)
	}
	// A member may leave on their own.
	me := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: asker}).Map()["user"].(map[string]any)
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path + "/members/" + str(me["id"]), Token: asker}); r.Code != 204 {
		t.Errorf("leave: %d %s", r.Code, r.Body)
	}
}

// TestAuditIsAppendOnly checks the database refuses to rewrite history.
// openRaw opens the environment's database file directly, to check what
// the schema itself stores or refuses.
func openRaw(t *testing.T, e *apitest.Env) *dbtest.DB { return dbtest.Raw(t, e.DBPath) }

func TestAuditIsAppendOnly(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("x"))
	db := openRaw(t, e)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM audit_events").Scan(&n); err != nil || n != 1 {
		t.Fatalf("audit events: %d %v", n, err)
	}
	for _, q := range []string{"UPDATE audit_events SET who_label = 'someone else'", "DELETE FROM audit_events"} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestPartnerScopes checks that each scope opens only its channel: REST
// writes need directory:write, bulk sync needs sync:write.
func TestPartnerScopes(t *testing.T) {
	e := apitest.New(t)
	_, syncOnly := e.Partner("Hub", []string{"hub"}, []string{models.ScopeSyncWrite})
	_, restOnly := e.Partner("CAF", []string{"hub"}, []string{models.ScopeDirectoryWrite})
	batch := obj{"actors": []obj{{"source_id": "h1", "name": "Lieu", "address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}}}}
	for name, tc := range map[string]struct {
		token, method, path string
		body                any
		want                int
	}{
		"sync with sync:write":      {syncOnly, "PUT", "/api/v1/sync/hub/actors", batch, 200},
		"sync without sync:write":   {restOnly, "PUT", "/api/v1/sync/hub/actors", batch, 403},
		"REST with directory:write": {restOnly, "POST", "/api/v1/actors", merge(validActor("x"), obj{"source": "hub", "source_id": "r1"}), 201},
		"REST without it":           {syncOnly, "POST", "/api/v1/actors", merge(validActor("x"), obj{"source": "hub", "source_id": "r2"}), 403},
		"sync of another source":    {syncOnly, "PUT", "/api/v1/sync/other/actors", batch, 403},
	} {
		if r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: tc.token, Body: tc.body}); r.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", name, r.Code, tc.want, r.Body)
		}
	}
}

// TestPartnerReplaysBatch is the partner's side of issue 6: the same batch
// sent twice changes nothing the second time.
func TestPartnerReplaysBatch(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeSyncWrite})
	batch := obj{"actors": []obj{
		{"source_id": "p1", "name": "Point CAF Belsunce", "address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}, "phones": []string{"04 91 00 00 00"}},
		{"source_id": "p2", "name": "Point CAF Nord", "address": obj{"street": "2 rue", "postal_code": "13015", "commune": "Marseille"}},
	}}
	send := func() map[string]any {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: partner, Body: batch})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		return r.Map()["counts"].(map[string]any)
	}
	if c := send(); c["created"] != float64(2) {
		t.Fatalf("first: %v", c)
	}
	before := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=200"}).Map()["meta"]
	if c := send(); c["unchanged"] != float64(2) || c["created"] != float64(0) || c["updated"] != float64(0) {
		t.Errorf("replay: %v", c)
	}
	if after := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=200"}).Map()["meta"]; str(after) != str(before) {
		t.Errorf("the replay moved the change feed: %v → %v", before, after)
	}
}
