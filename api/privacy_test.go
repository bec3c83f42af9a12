package api_test

import (
	"context"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestContactDetailsOneRule reproduces item 2 of issue 12: phones and
// e-mails of an actor with contact_public false were served to anyone by
// GET /actors, /actors/{id}, /search/actors and the public /changes feed,
// while the exports hid them. One rule now: anonymous surfaces show them
// only when public; the structure's members and editors and administrators
// see them.
func TestContactDetailsOneRule(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Maison France Services Quillan"), obj{"phones": []string{"04 68 20 00 00"}, "emails": []string{"agent.prive@example.fr"}}))
	id := str(a["id"])
	_, member := e.Account("agent@example.fr", map[string]models.Role{id: models.RoleMember}, models.Territory{})
	_, stranger := e.Account("voisin@example.fr", nil, models.Territory{})
	secret := []string{"+33468200000", "agent.prive@example.fr"}
	leaks := func(r *apitest.Response) bool {
		for _, s := range secret {
			if strings.Contains(r.Body.String(), s) {
				return true
			}
		}
		return false
	}
	surfaces := map[string]string{
		"list":     "/api/v1/actors",
		"by id":    "/api/v1/actors/" + id,
		"search":   "/api/v1/search/actors?q=quillan",
		"feed":     "/api/v1/changes?after=0",
		"export":   "/api/v1/exports/standard-csv",
		"geojson":  "/api/v1/exports/geojson",
		"filtered": "/api/v1/actors?name=Quillan",
	}
	for name, path := range surfaces {
		for who, tok := range map[string]string{"anonymous": "", "another account": stranger} {
			r := e.Do(apitest.Request{Method: "GET", Path: path, Token: tok})
			if r.Code != 200 || leaks(r) {
				t.Errorf("%s as %s: %d, contact details shown: %v", name, who, r.Code, leaks(r))
			}
		}
	}
	for who, tok := range map[string]string{"member": member, "administrator": e.Admin} {
		for _, path := range []string{"/api/v1/actors/" + id, "/api/v1/actors", "/api/v1/changes?after=0"} {
			if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: tok}); !leaks(r) {
				t.Errorf("%s does not see the contact details at %s", who, path)
			}
		}
	}
	// Made public, they are shown to everyone, search included.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for name, path := range surfaces {
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); !leaks(r) {
			t.Errorf("%s: public contact details not shown", name)
		}
	}
}

// TestTrailOfAnAdministratorsVisit reproduces item 3 of issue 12: an
// administrator added itself to a structure (201), read its referrals with
// the person's data and left (204), and nothing recorded it. Now joining
// takes an invitation the administrator accepts, and the structure's
// managers read in its trail who joined, who read which referral and why,
// and who left.
func TestTrailOfAnAdministratorsVisit(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	id := w.send(t)
	b := "/api/v1/actors/" + w.b
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})

	r := e.Do(apitest.Request{Method: "POST", Path: b + "/members", Token: e.Admin, Body: obj{"email": apitest.AdminEmail, "role": "member"}})
	if r.Code != 202 {
		t.Fatalf("add itself: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: e.Admin, Body: obj{"token": r.Map()["token"]}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: e.Admin}); r.Code != 200 {
		t.Fatalf("read as a member: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("list as a member: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: b + "/members/" + e.AdminUser.ID, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("leave: %d %s", r.Code, r.Body)
	}
	// A long-standing member's reads leave no trace.
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB})

	var trail struct {
		Data []struct {
			Action, SubjectID, WhoID string
			WhoLabel                 string         `json:"who_label"`
			Details                  map[string]any `json:"details"`
		} `json:"data"`
	}
	r = e.Do(apitest.Request{Method: "GET", Path: b + "/trail?limit=50", Token: managerB})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	r.JSON(&trail)
	counts := map[string]int{}
	for _, ev := range trail.Data {
		counts[ev.Action]++
		if ev.Action == models.TrailReferralRead && (ev.WhoLabel != models.UnnamedAccountLabel || ev.Details["reason"] != "platform_administrator") {
			t.Errorf("read traced as %+v", ev)
		}
	}
	if counts[models.TrailInvitationCreated] != 1 || counts[models.TrailMemberAdded] < 2 || counts[models.TrailMemberRemoved] != 1 || counts[models.TrailReferralRead] != 2 {
		t.Errorf("trail of the visit: %v\n%s", counts, r.Body)
	}
	if strings.Contains(r.Body.String(), personFirst) || strings.Contains(r.Body.String(), personLast) {
		t.Error("the trail holds the person's data")
	}
	// The sending structure sees the reads of its referral too; a member
	// does not read the trail; a member who joined after the referral was
	// sent leaves a trace.
	_, late := e.Account("arrivee.a@example.fr", map[string]models.Role{w.a: models.RoleMember}, models.Territory{})
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: late})
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.a + "/trail?action=referral.read", Token: w.managerA})
	r.JSON(&trail)
	if len(trail.Data) != 3 || trail.Data[0].Details["reason"] != "joined_after_the_referral" {
		t.Errorf("sender's trail of reads: %s", r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: b + "/trail", Token: w.memberB}); r.Code != 403 {
		t.Errorf("a member reads the trail: %d", r.Code)
	}
}

// TestTrailOfAccountsAndClients: role changes, account rights and partner
// clients are in the trail administrators read.
func TestTrailOfAccountsAndClients(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("CCAS"))["id"])
	u, _ := e.Account("agent@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	e.Account("second@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a + "/members/" + u.ID, Token: e.Admin, Body: obj{"role": "member"}})
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"platform_admin": true}})
	c := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF", "sources": []string{"caf"}, "scopes": []string{"sync:write"}}}).Map()
	e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients/" + str(c["id"]) + "/secret", Token: e.Admin})
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + str(c["id"]), Token: e.Admin, Body: obj{"disabled": true}})
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?limit=100", Token: e.Admin})
	for _, action := range []string{models.TrailMemberAdded, models.TrailMemberRoleChanged, models.TrailAccountUpdated, models.TrailClientCreated, models.TrailClientSecretRotated, models.TrailClientUpdated} {
		if !strings.Contains(r.Body.String(), `"action":"`+action+`"`) {
			t.Errorf("%s missing from the trail: %s", action, r.Body)
		}
	}
	if strings.Contains(r.Body.String(), "cs_") {
		t.Error("a client secret is in the trail")
	}
	// The trail is append-only.
	if _, err := openRaw(t, e).ExecContext(context.Background(), "DELETE FROM trail_events"); err == nil {
		t.Error("the trail could be deleted")
	}
}

// TestPersonalReadsAreNotStored reproduces item 5 of the twenty-seventh
// session's probe: the caller's account, the accounts and a team's members
// were answered without Cache-Control, so a shared cache or the browser's
// disk could keep e-mails and names after logout, while the trail already
// sent `private, no-store`. Every read of accounts sends it now.
func TestPersonalReadsAreNotStored(t *testing.T) {
	w := newWorld(t)
	e := w.e
	for _, c := range []struct{ path, token string }{
		{"/api/v1/me", w.tokens["member"]},
		{"/api/v1/me", w.tokens["partner"]},
		{"/api/v1/me/notifications", w.tokens["member"]},
		{"/api/v1/users", e.Admin},
		{"/api/v1/users/" + w.users["member"].ID, e.Admin},
		{"/api/v1/users/" + w.users["member"].ID, w.tokens["member"]},
		{"/api/v1/actors/" + w.own + "/members", w.tokens["manager"]},
		{"/api/v1/trail", e.Admin},
		{"/api/v1/me/join-requests", w.tokens["member"]},
		{"/api/v1/suggestions", e.Admin},
		{"/api/v1/actors/" + w.own + "/history", w.tokens["manager"]},
		{"/api/v1/clients", e.Admin},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: c.token})
		if r.Code != 200 || r.Header().Get("Cache-Control") != "private, no-store" {
			t.Errorf("GET %s: %d, Cache-Control %q", c.path, r.Code, r.Header().Get("Cache-Control"))
		}
	}
	// A change answers the account too.
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: w.tokens["member"], Body: obj{"job_title": "Conseillère"}})
	if r.Code != 200 || r.Header().Get("Cache-Control") != "private, no-store" {
		t.Errorf("PATCH /api/v1/me: %d, Cache-Control %q", r.Code, r.Header().Get("Cache-Control"))
	}
}
