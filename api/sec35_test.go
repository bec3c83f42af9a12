package api_test

import (
	"context"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// trailEvents lists the entries of a structure's trail with one action, as
// its manager reads them.
func trailEvents(t *testing.T, e *apitest.Env, actorID, token, action string) []map[string]any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actorID + "/trail?limit=200", Token: token})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	var page struct{ Data []map[string]any }
	r.JSON(&page)
	var out []map[string]any
	for _, ev := range page.Data {
		if ev["action"] == action {
			out = append(out, ev)
		}
	}
	return out
}

// TestSec35CoordinatorsGrantNoNetwork reproduces H1 of the probe of
// 2026-12-05: a coordinator PATCHed a structure's parent_id to any other
// structure of the territory; that structure's managers then managed the
// victim's team, invited themselves in and read its referrals. Changing a
// network (joining, moving, leaving) is now decided by those who manage the
// structure as managers (its own, or its network's) and, when it joins a
// network, by those who manage that network too; administrators may. A
// coordinator's territorial right to edit is not enough, on any path. The
// change is recorded in the structure's trail with who made it.
func TestSec35CoordinatorsGrantNoNetwork(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	other := str(createActor(t, e, validActor("Autre structure"))["id"])
	_, mgrOther := e.Account("direction.autre@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	_, mgrB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	_, mgrBoth := e.Account("direction.deux@example.fr", map[string]models.Role{w.b: models.RoleManager, other: models.RoleManager}, models.Territory{})
	b := "/api/v1/actors/" + w.b
	attach := obj{"parent_id": other}
	for name, tok := range map[string]string{"coordinator": w.coord, "the network's manager": mgrOther, "the structure's manager alone": mgrB} {
		r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: tok, Body: attach})
		if r.Code != 403 || tok != mgrOther && !hasAll(fields(t, r), "parent_id") {
			t.Errorf("%s attaches B to another structure: %d %s", name, r.Code, r.Body)
		}
	}
	full := e.Do(apitest.Request{Method: "GET", Path: b, Token: w.coord}).Map()
	put := obj{"name": full["name"], "address": full["address"], "parent_id": other}
	if r := e.Do(apitest.Request{Method: "PUT", Path: b, Token: w.coord, Body: put}); r.Code != 403 || !hasAll(fields(t, r), "parent_id") {
		t.Errorf("coordinator's PUT attaches B: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: w.coord, Body: merge(validActor("Antenne"), attach)}); r.Code != 403 {
		t.Errorf("coordinator creates an actor in another's network: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: b + "/members", Token: mgrOther}); r.Code != 403 {
		t.Errorf("the other manager manages B: %d", r.Code)
	}
	// The coordinator still edits the place.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: w.coord, Body: obj{"summary": "Ordinateurs en libre accès"}}); r.Code != 200 {
		t.Errorf("coordinator's ordinary edit: %d %s", r.Code, r.Body)
	}
	// Someone who manages both sides joins them, and B's trail says who.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: mgrBoth, Body: attach}); r.Code != 200 {
		t.Fatalf("manager of both attaches: %d %s", r.Code, r.Body)
	}
	evs := trailEvents(t, e, w.b, mgrB, models.TrailNetworkChanged)
	if len(evs) != 1 {
		t.Fatalf("network change in B's trail: %v", evs)
	}
	d := evs[0]["details"].(map[string]any)
	if d["new"] != other || d["old"] != nil || evs[0]["who"].(map[string]any)["id"] == "" || evs[0]["subject_id"] != w.b {
		t.Errorf("network change event: %v", evs[0])
	}
	// Leaving: the coordinator may not; the structure's manager may.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: w.coord, Body: obj{"parent_id": nil}}); r.Code != 403 {
		t.Errorf("coordinator detaches B: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: mgrB, Body: obj{"parent_id": nil}}); r.Code != 200 {
		t.Errorf("B's manager detaches B: %d %s", r.Code, r.Body)
	}
	if evs := trailEvents(t, e, w.b, mgrB, models.TrailNetworkChanged); len(evs) != 2 {
		t.Errorf("network changes in B's trail: %v", evs)
	}
	// Administrators may.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: e.Admin, Body: attach}); r.Code != 200 {
		t.Errorf("administrator attaches: %d %s", r.Code, r.Body)
	}
}

// partnerSync sends one batch of kind (actors, services) of source as the
// partner and returns the answer.
func partnerSync(t *testing.T, e *apitest.Env, token, source, kind string, records ...obj) syncResult {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + source + "/" + kind, Token: token, Body: obj{kind: records}})
	if r.Code != 200 {
		t.Fatalf("sync %s: %d %s", kind, r.Code, r.Body)
	}
	var out syncResult
	r.JSON(&out)
	return out
}

// TestSec35CoordinatorsMakeNoCommitmentOfAStructure reproduces M2 of the
// probe of 2026-12-05: a coordinator reopened to referrals a service its
// structure had closed, created an open service for it, and published the
// contacts it had hidden — each answered 200/201, although a suggestion of
// the same change answers 422 because it is the structure's own decision.
// For a structure with a team, only its managers (or its network's) and
// administrators now open a service to referrals or publish its contacts,
// on every path (PATCH, create, a partner's sync); a coordinator's new
// service starts closed; each decision is in the structure's trail.
func TestSec35CoordinatorsMakeNoCommitmentOfAStructure(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	_, mgrB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	svc := "/api/v1/services/" + w.s
	if r := e.Do(apitest.Request{Method: "PATCH", Path: svc, Token: mgrB, Body: obj{"accepts_referrals": false}}); r.Code != 200 {
		t.Fatalf("manager closes: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "PATCH", Path: svc, Token: w.coord, Body: obj{"accepts_referrals": true}})
	if r.Code != 403 || !hasAll(fields(t, r), "accepts_referrals") {
		t.Errorf("coordinator reopens to referrals: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)}); r.Code != 422 {
		t.Errorf("referral to the closed service: %d %s", r.Code, r.Body)
	}
	// Creating it open is refused as reopening is (it was answered 201
	// with false, the value dropped: the probe of 2026-12-06, finding 1);
	// omitted, the service starts closed.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: w.coord, Body: merge(validService(w.b, "Atelier"), obj{"accepts_referrals": true})})
	if r.Code != 403 || !hasAll(fields(t, r), "accepts_referrals") {
		t.Errorf("coordinator's new open service for B: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: w.coord, Body: validService(w.b, "Atelier")})
	if r.Code != 201 || r.Map()["accepts_referrals"] != false {
		t.Errorf("coordinator's new service for B: %d %s", r.Code, r.Body)
	}
	// Contacts the structure hid.
	b := "/api/v1/actors/" + w.b
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: mgrB, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Fatalf("manager publishes: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: mgrB, Body: obj{"contact_public": false}}); r.Code != 200 {
		t.Fatalf("manager hides: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "PATCH", Path: b, Token: w.coord, Body: obj{"contact_public": true}})
	if r.Code != 403 || !hasAll(fields(t, r), "contact_public") {
		t.Errorf("coordinator publishes hidden contacts: %d %s", r.Code, r.Body)
	}
	// A structure with no team is the directory's: the coordinator curates it.
	d := str(createActor(t, e, validActor("Sans équipe"))["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + d, Token: w.coord, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Errorf("coordinator on a structure without team: %d %s", r.Code, r.Body)
	}
	// The manager's own decisions are in B's trail, with who made them.
	if evs := trailEvents(t, e, w.b, mgrB, models.TrailContactPublicChanged); len(evs) != 2 {
		t.Errorf("contact_public decisions in B's trail: %v", evs)
	}
	if evs := trailEvents(t, e, w.b, mgrB, models.TrailReferralsChanged); len(evs) != 1 || evs[0]["subject_id"] != w.s {
		t.Errorf("accepts_referrals decisions in B's trail: %v", evs)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: svc, Token: mgrB, Body: obj{"accepts_referrals": true}}); r.Code != 200 {
		t.Errorf("manager reopens: %d %s", r.Code, r.Body)
	}

	// A partner's records a team joined: its sync may not decide either.
	_, partner := e.Partner("Hub", []string{"hub-35"}, []string{models.ScopeSyncWrite})
	res := partnerSync(t, e, partner, "hub-35", "actors", partnerActor("p1", "Tiers-lieu"))
	pid := res.Results[0].ID
	res = partnerSync(t, e, partner, "hub-35", "services", partnerService("s1", obj{"actor_source_id": "p1", "accepts_referrals": false}))
	e.Account("equipe.p@example.fr", map[string]models.Role{pid: models.RoleMember}, models.Territory{})
	res = partnerSync(t, e, partner, "hub-35", "actors", merge(partnerActor("p1", "Tiers-lieu"), obj{"contact_public": true, "parent_id": other(t, e)}))
	if res.Counts["rejected"] != 1 || !hasField(res, "contact_public", "parent_id") {
		t.Errorf("partner publishes a team's contacts or moves it: %+v", res)
	}
	res = partnerSync(t, e, partner, "hub-35", "services", partnerService("s1", obj{"actor_source_id": "p1", "accepts_referrals": true}))
	if res.Counts["rejected"] != 1 || !hasField(res, "accepts_referrals") {
		t.Errorf("partner reopens a team's service: %+v", res)
	}
	res = partnerSync(t, e, partner, "hub-35", "services", partnerService("s2", obj{"actor_source_id": "p1", "accepts_referrals": true}))
	if res.Counts["rejected"] != 1 || !hasField(res, "accepts_referrals") {
		t.Errorf("partner creates a team's service open: %+v", res)
	}
	res = partnerSync(t, e, partner, "hub-35", "services", partnerService("s3", obj{"actor_source_id": "p1"}))
	if res.Counts["created"] != 1 {
		t.Errorf("partner creates a team's service, omitting accepts_referrals: %+v", res)
	}
	// Omitting the fields keeps the structure's choices, and passes.
	res = partnerSync(t, e, partner, "hub-35", "services", partnerService("s1", obj{"actor_source_id": "p1", "description": "Accueil"}))
	if res.Counts["rejected"] != 0 {
		t.Errorf("partner's ordinary update: %+v", res)
	}
}

// other creates an actor of the partner's source hub-35, a network for it.
func other(t *testing.T, e *apitest.Env) string {
	t.Helper()
	return str(createActor(t, e, merge(validActor("Réseau"), obj{"source": "hub-35", "source_id": "net"}))["id"])
}

// hasField says a sync result's rejected record names one of the fields.
func hasField(res syncResult, names ...string) bool {
	for _, r := range res.Results {
		for _, f := range r.Errors {
			for _, n := range names {
				if f.Field == n {
					return true
				}
			}
		}
	}
	return false
}

// TestSec35NoReferralToAStructureWithoutTeam reproduces L1 of the probe of
// 2026-12-05: a service synced open to referrals for a structure nobody of
// which is in Carnet took a person's data (201) that nobody could ever
// read. It is now refused (422 naming to_service_id), on forwards too, until
// the structure has a member.
func TestSec35NoReferralToAStructureWithoutTeam(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	d := str(createActor(t, e, validActor("Sans équipe"))["id"])
	svcD := str(createService(t, e, validService(d, "Permanence"))["id"])
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)})
	if r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("referral to a structure without team: %d %s", r.Code, r.Body)
	}
	id := w.send(t)
	fwd := obj{"to_service_id": svcD, "consent": forwardConsent}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: fwd})
	if r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("forward to a structure without team: %d %s", r.Code, r.Body)
	}
	e.Account("accueil.d@example.fr", map[string]models.Role{d: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)}); r.Code != 201 {
		t.Errorf("referral once it has a member: %d %s", r.Code, r.Body)
	}
}

// TestSec35NobodyGivesThemselfARole reproduces M1 of the probe of
// 2026-12-05: a network's manager invited their own address into a member
// structure, accepted, and read its later referrals as an ordinary member,
// untraced (an administrator doing the same was traced; a network's
// manager reads no referral of the structure otherwise). Nobody whose reads
// would not be traced gives their own account a role on a structure:
// inviting one's own address, a join request one approves oneself, and an
// invitation one sent accepted by one's own account answer 403; someone
// else gives the role. An administrator still may: every read of theirs is
// traced (platform_administrator), as the README documents.
func TestSec35NobodyGivesThemselfARole(t *testing.T) {
	e := apitest.New(t)
	net := str(createActor(t, e, validActor("Réseau"))["id"])
	x := str(createActor(t, e, merge(validActor("Membre du réseau"), obj{"parent_id": net}))["id"])
	mgrNUser, mgrN := e.Account("reseau@example.fr", map[string]models.Role{net: models.RoleManager}, models.Territory{})
	_, mgrX := e.Account("direction.x@example.fr", map[string]models.Role{x: models.RoleManager}, models.Territory{})
	members := "/api/v1/actors/" + x + "/members"
	r := e.Do(apitest.Request{Method: "POST", Path: members, Token: mgrN, Body: obj{"email": "Reseau@Example.fr", "role": "member"}})
	if r.Code != 403 || !hasAll(fields(t, r), "email") {
		t.Errorf("network's manager invites themself: %d %s", r.Code, r.Body)
	}
	// An administrator may still, traced as one (TestTrailOfAnAdministratorsVisit).
	if r := e.Do(apitest.Request{Method: "POST", Path: members, Token: e.Admin, Body: obj{"email": e.AdminUser.Email, "role": "member"}}); r.Code != 202 {
		t.Errorf("administrator invites themself: %d %s", r.Code, r.Body)
	}
	// An invitation the account sent, to an address that became its own.
	ctx := models.WithPrincipal(context.Background(), &models.Principal{UserID: mgrNUser.ID, Email: "ancienne@example.fr", Memberships: []models.Membership{{ActorID: net, Role: models.RoleManager}}})
	_, token, err := e.Store.CreateInvitation(ctx, models.NewInvitation{Email: mgrNUser.Email, ActorID: x, Role: models.RoleMember})
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: mgrN, Body: obj{"token": token}}); r.Code != 403 {
		t.Errorf("own invitation accepted: %d %s", r.Code, r.Body)
	}
	// A join request the network's manager approves themself.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + x + "/join-requests", Token: mgrN, Body: obj{"message": "Bonjour"}})
	if r.Code != 201 {
		t.Fatalf("join request: %d %s", r.Code, r.Body)
	}
	decide := apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + x + "/join-requests/" + str(r.Map()["id"]), Token: mgrN, Body: obj{"status": "accepted"}}
	if r := e.Do(decide); r.Code != 403 {
		t.Errorf("own join request approved: %d %s", r.Code, r.Body)
	}
	var team struct{ Data []map[string]any }
	e.Do(apitest.Request{Method: "GET", Path: members, Token: mgrX}).JSON(&team)
	if len(team.Data) != 1 {
		t.Errorf("X's team after the refusals: %v", team.Data)
	}
	// The structure's own manager decides.
	decide.Token = mgrX
	if r := e.Do(decide); r.Code != 200 {
		t.Errorf("the structure's manager approves: %d %s", r.Code, r.Body)
	}
}

// TestSec35TrailNamesNoAccountByItsLogin reproduces L2 of the probe of
// 2026-12-05: the trail's subject_label named accounts by their login
// e-mail (membership.added, account.password_reset_issued…), which the
// README keeps private; a webhook's owner was an administrator's login
// e-mail too. Accounts are now named as people are everywhere: display
// name, else professional e-mail, else « compte sans nom ».
func TestSec35TrailNamesNoAccountByItsLogin(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	bare, _ := e.Account("muet.a@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + w.userA.ID + "/password-reset", Token: w.managerA, Body: obj{}}); r.Code != 201 {
		t.Fatalf("reset: %d %s", r.Code, r.Body)
	}
	if _, err := e.Store.AddMember(context.Background(), w.a, bare.ID, models.RoleMember); err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + w.a + "/members/" + bare.ID, Token: w.managerA}); r.Code != 204 {
		t.Fatalf("remove: %d %s", r.Code, r.Body)
	}
	want := map[string]string{models.TrailPasswordResetIssued: "Camille Martin", models.TrailMemberRemoved: models.UnnamedAccountLabel}
	for action, label := range want {
		evs := trailEvents(t, e, w.a, w.managerA, action)
		if len(evs) == 0 || evs[len(evs)-1]["subject_label"] != label {
			t.Errorf("%s labelled %v, want %q", action, evs, label)
		}
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?limit=200", Token: e.Admin})
	var page struct{ Data []map[string]any }
	r.JSON(&page)
	for _, ev := range page.Data {
		if ev["subject_kind"] == models.SubjectAccount && strings.Contains(str(ev["subject_label"]), "@example.fr") {
			t.Errorf("%s names an account by its login: %v", ev["action"], ev["subject_label"])
		}
	}
	// A webhook's owner, for an administrator without a display name.
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": "https://hooks.example.fr/carnet"}})
	if r.Code == 201 && r.Map()["owner"].(map[string]any)["label"] == e.AdminUser.Email {
		t.Errorf("webhook owner labelled by login: %s", r.Body)
	}
}
