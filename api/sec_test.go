package api_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestTrailKeepsOtherTeamsPrivate: a structure's journal shows the account
// events of its members, but not another structure's team events about
// them. A person in two structures must not let the managers of one read
// who was added, promoted or removed in the other, and by whom (the login
// e-mail of the other structure's manager).
func TestTrailKeepsOtherTeamsPrivate(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("CCAS secret"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	otherMgr, otherTok := e.Account("directrice.ccas@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	both, _ := e.Account("both@example.fr", map[string]models.Role{other: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + other + "/members/" + both.ID, Token: otherTok, Body: obj{"role": "manager"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if _, err := e.Store.AddMember(context.Background(), own, both.ID, models.RoleMember); err != nil {
		t.Fatal(err)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?limit=200", Token: mgr})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for _, leak := range []string{other, otherMgr.Email} {
		if strings.Contains(r.Body.String(), leak) {
			t.Errorf("the journal of one structure shows another's team events (%s): %s", leak, r.Body)
		}
	}
	// Its own team's events are still there.
	if !strings.Contains(r.Body.String(), `"action":"membership.added"`) {
		t.Errorf("the structure's own membership event is missing: %s", r.Body)
	}
}

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
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": stillOK, "password": "une collègue arrive lundi"}}); r.Code != 200 {
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

// TestArchivedDraftsStayPrivate: archiving a service sets its status to
// archived, so the rule « drafts only for those who may see them » no longer
// recognised a draft once archived: ?include_archived=true showed anyone
// the whole draft (name, description…) of an archived service, and of every
// draft of an archived actor. A service archived while published is still
// listed as before.
func TestArchivedDraftsStayPrivate(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison Quillan"))["id"])
	draft := str(createService(t, e, merge(validService(a, "Projet confidentiel xylophone"), obj{"status": "draft"}))["id"])
	cascade := str(createService(t, e, merge(validService(a, "Brouillon tromblon"), obj{"status": "draft"}))["id"])
	published := str(createService(t, e, merge(validService(a, "Atelier public"), obj{"status": "published"}))["id"])
	_, member := e.Account("agent@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	_, stranger := e.Account("voisin@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + draft, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	// Restored and archived again: the last archiving decides.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + published, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + published + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + a, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	ids := func(tok string) map[string]bool {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?include_archived=true&limit=100", Token: tok})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		var l struct{ Data []struct{ ID string } }
		r.JSON(&l)
		out := map[string]bool{}
		for _, s := range l.Data {
			out[s.ID] = true
		}
		return out
	}
	for who, tok := range map[string]string{"anonymous": "", "another account": stranger} {
		got := ids(tok)
		if got[draft] || got[cascade] {
			t.Errorf("%s sees archived drafts: %v", who, got)
		}
		if !got[published] {
			t.Errorf("%s no longer sees the tombstone of a published service", who)
		}
	}
	for who, tok := range map[string]string{"member": member, "administrator": e.Admin} {
		if got := ids(tok); !got[draft] || !got[cascade] || !got[published] {
			t.Errorf("%s does not see its archived services: %v", who, got)
		}
	}
	// Read one by one: an archived draft's 410 said to anyone that the id
	// exists; those who may not see drafts get the 404 a draft gives.
	for who, tc := range map[string]struct {
		tok  string
		want map[string]int
	}{
		"anonymous":       {"", map[string]int{draft: 404, cascade: 404, published: 410}},
		"another account": {stranger, map[string]int{draft: 404, cascade: 404, published: 410}},
		"member":          {member, map[string]int{draft: 410, cascade: 410, published: 410}},
	} {
		for id, code := range tc.want {
			if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: tc.tok}); r.Code != code {
				t.Errorf("%s GET %s: %d, want %d", who, id, r.Code, code)
			}
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + draft + "/restore", Token: stranger}); r.Code != 404 {
		t.Errorf("another account restoring an archived draft: %d, want 404", r.Code)
	}
}

// TestUndoingAConfirmedDuplicate: confirming a duplicate link hides the newer
// actor and needs the right to moderate both; dismissing it was allowed
// with the right on either, so a manager of one structure could undo a
// coordinator's confirmation and show the other structure's record again.
// Undoing a confirmation now needs what confirming needed; a suggested link
// is still dismissed by either side.
func TestUndoingAConfirmedDuplicate(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Réseau"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	_, coord := e.Account("coord@example.fr", nil, models.Territory{Departements: []string{"13"}})
	pair := func(n int) string { return belsuncePair(t, e, own, n) }
	confirmed := pair(1)
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/confirm", Token: coord}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/dismiss", Token: mgr}); r.Code != 403 {
		t.Errorf("a manager of one side undid a confirmation: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/dismiss", Token: coord}); r.Code != 200 {
		t.Errorf("the coordinator of both sides may undo it: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + pair(2) + "/dismiss", Token: mgr}); r.Code != 200 {
		t.Errorf("a suggested link is dismissed by either side: %d %s", r.Code, r.Body)
	}
}

// TestNameSearchesAreTraced: a name search answers how many of the
// structure's referrals concern the person (meta.total) whatever the page
// holds. A member who joined after those referrals were sent (or an
// administrator who added themself) asked for a page past the end — a
// cursor below every id, or a filter leaving the page empty — and learnt,
// with no trace, whether the structure follows someone of that name. Every
// referral a name search matched is now a traced read for such a reader.
func TestNameSearchesAreTraced(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	id := w.send(t)
	_, late := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	past := base64.RawURLEncoding.EncodeToString([]byte(`{"s":"id","i":"00000000-0000-7000-8000-000000000000"}`))
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?limit=1&person_name=zoubi&cursor=" + past, Token: late})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	var page struct {
		Data []any
		Meta struct{ Total int }
	}
	r.JSON(&page)
	if len(page.Data) != 0 || page.Meta.Total != 1 {
		t.Fatalf("the probe: %s", r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?action=referral.read", Token: managerB})
	if !strings.Contains(r.Body.String(), id) {
		t.Errorf("a name search by a member who joined later, answering that the structure followed that person, left no trace: %s", r.Body)
	}
	// A long-standing member's searches leave none.
	before := strings.Count(r.Body.String(), `"action":"referral.read"`)
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=zoubi&cursor=" + past, Token: w.memberB})
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?action=referral.read", Token: managerB})
	if n := strings.Count(r.Body.String(), `"action":"referral.read"`); n != before {
		t.Errorf("a long-standing member's search was traced: %d reads, want %d", n, before)
	}
}

// TestPersonalisedPublicReadsVary: a public read answers more with a token
// (a structure's drafts, its private phones and e-mails in the change
// feed); caches must be told the answer depends on Authorization, as the
// actor routes already did, or a shared cache could hand a member's answer
// to the next anonymous reader.
func TestPersonalisedPublicReadsVary(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, merge(validActor("Maison Quillan"), obj{"phones": []string{"04 68 20 00 00"}}))["id"])
	draft := str(createService(t, e, merge(validService(a, "Brouillon"), obj{"status": "draft"}))["id"])
	_, member := e.Account("agent@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	for _, p := range []string{"/api/v1/changes?after=0", "/api/v1/services", "/api/v1/services/" + draft, "/api/v1/actors/" + a, "/api/v1/actors"} {
		r := e.Do(apitest.Request{Method: "GET", Path: p, Token: member})
		if r.Code != 200 || !strings.Contains(r.Header().Get("Vary"), "Authorization") {
			t.Errorf("%s: %d, Vary %q", p, r.Code, r.Header().Get("Vary"))
		}
	}
}

// TestDuplicateReasonsKeepContactsPrivate: the public list of duplicates
// said « même téléphone » / « même courriel » about actors whose contact
// details are not public. Anyone able to write a record (a partner, a
// network's manager) could create a look-alike with a guessed number and
// read, anonymously, whether it was the other structure's private phone.
// Those reasons now follow the one rule for contact details.
func TestDuplicateReasonsKeepContactsPrivate(t *testing.T) {
	e := apitest.New(t)
	var last string
	for _, src := range []string{"dup-a", "dup-b"} {
		last = syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: "x", Phones: models.StringList{"04 91 00 00 07"}})
	}
	e.DuplicatesDetected()
	for who, tok := range map[string]string{"anonymous": "", "administrator": e.Admin} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: tok})
		if r.Code != 200 || !strings.Contains(r.Body.String(), `"same_name"`) {
			t.Fatalf("%s: %d %s", who, r.Code, r.Body)
		}
		if shown := strings.Contains(r.Body.String(), `"same_phone"`); shown != (who == "administrator") {
			t.Errorf("%s: same_phone shown %v", who, shown)
		}
	}
}

// TestPartnerDraftsOneRule: a partner client saw its source's drafts in
// lists whatever its scopes, while a single read showed them only with
// directory:write — two answers to one question. Now a partner that writes
// its source (directory:write or sync:write) sees that source's drafts in
// both; a read-only client in neither.
func TestPartnerDraftsOneRule(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: e.Admin, Body: obj{"actors": []obj{partnerActor("a1", "CAF Marseille")}}})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	sv := obj{"source_id": "s1", "actor_source_id": "a1", "name": "Rendez-vous confidentiels", "kind": "procedures_done_with",
		"themes": []string{"aide-aux-demarches-administratives"}, "status": "draft"}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/services", Token: e.Admin, Body: obj{"services": []obj{sv}}})
	var res syncResult
	r.JSON(&res)
	if r.Code != 200 || len(res.Results) != 1 || res.Results[0].ID == "" {
		t.Fatal(r.Code, r.Body)
	}
	id := res.Results[0].ID
	for _, tc := range []struct {
		name   string
		scopes []string
		sees   bool
	}{
		{"read only", nil, false},
		{"webhooks only", []string{models.ScopeWebhooksManage}, false},
		{"directory:write", []string{models.ScopeDirectoryWrite}, true},
		{"sync:write", []string{models.ScopeSyncWrite}, true},
	} {
		_, tok := e.Partner("CAF "+tc.name, []string{"caf-13"}, tc.scopes)
		one := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: tok})
		list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?limit=100", Token: tok})
		var l struct{ Data []struct{ ID string } }
		list.JSON(&l)
		listed := false
		for _, s := range l.Data {
			listed = listed || s.ID == id
		}
		if (one.Code == 200) != tc.sees || listed != tc.sees {
			t.Errorf("%s: single read %d, listed %v; want seen=%v", tc.name, one.Code, listed, tc.sees)
		}
	}
}

// syncAtBelsunce writes a through its source's sync at one address in
// Marseille, where the duplicate tests' look-alikes meet, and returns its id.
// belsuncePair syncs the same place from two sources, the first in the
// network own, and returns the suggested link between them.
func belsuncePair(t *testing.T, e *apitest.Env, own string, n int) string {
	t.Helper()
	var last string
	for i, src := range []string{"dup-a", "dup-b"} {
		a := models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: str(n)}
		if i == 0 {
			a.ParentID = &own // only the first is the manager's
		}
		last = syncAtBelsunce(t, e, a)
	}
	e.DuplicatesDetected()
	page, err := e.Store.ListDuplicates(context.Background(), models.DuplicateFilter{ActorID: last, Statuses: []string{"suggested"}})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no duplicate link: %v", err)
	}
	return page.Items[0].ID
}

func syncAtBelsunce(t *testing.T, e *apitest.Env, a models.Actor) string {
	t.Helper()
	a.Address = models.Address{Street: "16 rue Bernard du Bois", PostalCode: "13001", Commune: "Marseille"}
	res, err := e.Store.SyncBatch(context.Background(), a.Source, []models.Actor{a}, nil, models.SyncOptions{})
	if err != nil || len(res.Outcomes) != 1 || res.Outcomes[0].ID == "" {
		t.Fatal(err, res)
	}
	return res.Outcomes[0].ID
}
