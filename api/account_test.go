package api_test

import (
	"context"
	"strings"
	"testing"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

func TestUpdateMe(t *testing.T) {
	e := apitest.New(t)
	_, tok := e.Account("camille@example.fr", nil, models.Territory{})
	patch := func(body any, ct string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: body, ContentType: ct})
	}
	r := patch(obj{"display_name": "  Camille Martin ", "job_title": "Conseillère numérique", "professional_email": "Camille.Martin@Mediatheque.example.fr", "professional_phone": "04 91 00 00 00"}, "")
	u := r.Map()
	if r.Code != 200 || u["display_name"] != "Camille Martin" || u["professional_email"] != "camille.martin@mediatheque.example.fr" || u["professional_phone"] != "+33491000000" || u["email"] != "camille@example.fr" {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	if r := patch(obj{"professional_phone": ""}, "application/merge-patch+json"); r.Code != 200 || r.Map()["professional_phone"] != "" || r.Map()["job_title"] != "Conseillère numérique" {
		t.Errorf("clear the phone: %d %s", r.Code, r.Body)
	}
	for _, tc := range []struct {
		body   any
		want   int
		fields []string
	}{
		{obj{"professional_phone": "12", "professional_email": "not an address", "job_title": strings.Repeat("x", 101), "display_name": strings.Repeat("y", 201)}, 422,
			[]string{"professional_phone", "professional_email", "job_title", "display_name"}},
		{obj{"email": "other@example.fr"}, 400, []string{"email"}},
		{obj{"platform_admin": true}, 400, []string{"platform_admin"}},
		{`{"job_title": 3}`, 400, []string{"job_title"}},
	} {
		if r := patch(tc.body, ""); r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
			t.Errorf("%v: %d %s", tc.body, r.Code, r.Body)
		}
	}
}

// TestDeleteMe: a person deletes their account; what it did remains, named
// « compte supprimé »; nothing that identified them stays in the database.
func TestDeleteMe(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	ctx := context.Background()
	id := w.send(t)
	w.move(w.memberB, id, "accepted", nil)
	// Camille (memberA) also edits a record, which the history names her for.
	if _, err := e.Store.AddMember(ctx, w.a, w.userA.ID, models.RoleManager); err == nil {
		t.Fatal("expected a conflict: already a member")
	}
	if _, err := e.Store.SetMemberRole(ctx, w.a, w.userA.ID, models.RoleManager); err != nil {
		t.Fatal(err)
	}
	tokA := e.TokenFor(w.userA.ID)
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.a, Token: tokA, ContentType: "application/merge-patch+json", Body: obj{"summary": "Accueil social"}}); r.Code != 200 {
		t.Fatalf("edit: %d %s", r.Code, r.Body)
	}
	del := func(tok, password string) *apitest.Response {
		return e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/me", Token: tok, Body: obj{"password": password}})
	}
	if r := del(tokA, "wrong password"); r.Code != 422 || !hasAll(fields(t, r), "password") {
		t.Errorf("wrong password: %d %s", r.Code, r.Body)
	}
	// A has another member (bareA) and another manager (managerA): Camille may go.
	if r := del(tokA, "a password for tests"); r.Code != 204 {
		t.Fatalf("delete: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: tokA}); r.Code != 401 {
		t.Errorf("the deleted account's token: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "aidant.a@example.fr", "password": "a password for tests"}}); r.Code != 401 {
		t.Errorf("login after deletion: %d", r.Code)
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()
	sender := got["sender"].(map[string]any)
	if sender["display_name"] != "compte supprimé" || sender["deleted"] != true || sender["phone"] != "" || sender["job_title"] != "" || got["person"].(map[string]any)["first_name"] != personFirst {
		t.Errorf("the referral after its sender left: %v", got)
	}
	hist := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.a + "/history", Token: e.Admin}).Body.String()
	if !strings.Contains(hist, "compte supprimé") || strings.Contains(hist, "aidant.a@example.fr") {
		t.Errorf("history: %s", hist)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/users/" + w.userA.ID, Token: e.Admin}); r.Code != 404 {
		t.Errorf("admin reads the deleted account: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/users?email=aidant.a", Token: e.Admin}); r.Map()["meta"].(map[string]any)["total"].(float64) != 0 {
		t.Errorf("the deleted account is listed: %s", r.Body)
	}
	db := openRaw(t, e)
	for _, table := range []string{"users", "audit_events", "trail_events", "invitations", "outbox", "signups", "join_requests", "sessions", "refresh_tokens"} {
		eachCell(t, db, table, func(col, s string) {
			if strings.Contains(s, "aidant.a@example.fr") || strings.Contains(s, "Camille") || strings.Contains(s, "+33491000001") {
				t.Errorf("%s.%s still identifies the deleted person: %q", table, col, s)
			}
		})
	}
	// The same address may have an account again.
	if _, err := e.Store.CreateUser(ctx, models.NewUser{Email: "aidant.a@example.fr", Password: "a brand new passphrase for tests"}); err != nil {
		t.Errorf("sign up again: %v", err)
	}

	// Guards: the last manager of a team with members, the last administrator.
	_, tokB := e.Account("seule.gestionnaire@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	if r := del(tokB, "a password for tests"); r.Code != 409 || !strings.Contains(r.Body.String(), "Médiathèque") {
		t.Errorf("last manager of B: %d %s", r.Code, r.Body)
	}
	if r := del(e.Admin, apitest.AdminPassword); r.Code != 409 {
		t.Errorf("last administrator: %d %s", r.Code, r.Body)
	}
	_, partner := e.Partner("CAF", []string{"caf"}, nil)
	if r := del(partner, "x"); r.Code != 403 {
		t.Errorf("partner: %d", r.Code)
	}
}

// TestAuditDeletedAccountException: the one change the audit history takes
// is the label of a deleted account, alone.
func TestAuditDeletedAccountException(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("x"))
	db := openRaw(t, e)
	for _, q := range []string{
		"UPDATE audit_events SET who_label = 'compte supprimé', changes = '[]'",
		"UPDATE audit_events SET who_label = 'compte supprimé', who_id = 'x'",
		"UPDATE audit_events SET who_label = 'quelqu''un'",
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if _, err := db.Exec("UPDATE audit_events SET who_label = 'compte supprimé'"); err != nil {
		t.Errorf("pseudonymising: %v", err)
	}
}

// TestSignUp: a person signs up, confirms by the e-mailed link, and their
// join request reaches the structure's managers; the answer is the same for
// an address that already has an account (which gets a note instead).
func TestSignUp(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications(), apitest.WithSignUpLimit(api.RateLimit{Every: 1 << 40, Burst: 5}))
	mb := newMailbox(t, e)
	lib := str(createActor(t, e, validActor("Médiathèque"))["id"])
	e.Account("direction@mediatheque.example.fr", map[string]models.Role{lib: models.RoleManager}, models.Territory{})
	e.Account("deja@example.fr", nil, models.Territory{})
	mb.deliver()
	signup := func(body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/signup", Body: body})
	}
	r := signup(obj{"email": "Nouvelle@Example.fr", "password": "une aidante motivée", "display_name": "Nadia Aidante", "actor_id": lib, "message": "Arrivée en septembre"})
	if r.Code != 202 {
		t.Fatalf("sign up: %d %s", r.Code, r.Body)
	}
	again := signup(obj{"email": "deja@example.fr", "password": "peu importe ici"})
	if again.Code != 202 || again.Map()["detail"] != r.Map()["detail"] {
		t.Errorf("an existing address is answered differently: %d %s", again.Code, again.Body)
	}
	got := mb.deliver()
	if len(got) != 2 || len(to(got, "nouvelle@example.fr")) != 1 || len(to(got, "deja@example.fr")) != 1 {
		t.Fatalf("e-mails: %v", recipients(got))
	}
	if note := to(got, "deja@example.fr")[0]; strings.Contains(note.Text(), "#token=") || !strings.Contains(note.Header("Subject"), "inscription") {
		t.Errorf("the note to an existing account: %s", note.Text())
	}
	link := to(got, "nouvelle@example.fr")[0]
	if !strings.Contains(link.Text(), appURL+"/signup/verify#token=sgn_") {
		t.Errorf("verification e-mail: %s", link.Text())
	}
	// Nothing exists before the link is followed.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "nouvelle@example.fr", "password": "une aidante motivée"}}); r.Code != 401 {
		t.Errorf("login before verification: %d", r.Code)
	}
	tok := tokenIn(t, link)
	v := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/signup/verify", Body: obj{"token": tok}})
	if v.Code != 201 {
		t.Fatalf("verify: %d %s", v.Code, v.Body)
	}
	var out struct {
		User struct {
			ID          string `json:"id"`
			Email       string `json:"email"`
			DisplayName string `json:"display_name"`
		} `json:"user"`
		JoinRequest *struct{ Status, ActorID, Message string } `json:"join_request"`
	}
	v.JSON(&out)
	if out.User.Email != "nouvelle@example.fr" || out.User.DisplayName != "Nadia Aidante" || out.JoinRequest == nil || out.JoinRequest.Status != "pending" {
		t.Errorf("verified: %s", v.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/signup/verify", Body: obj{"token": tok}}); r.Code != 404 {
		t.Errorf("a link used twice: %d", r.Code)
	}
	jr := mb.deliver()
	if len(jr) != 1 || len(to(jr, "direction@mediatheque.example.fr")) != 1 || !strings.Contains(jr[0].Text(), "/structures/"+lib+"/join-requests") {
		t.Errorf("join request e-mail: %v", recipients(jr))
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "nouvelle@example.fr", "password": "une aidante motivée"}}); r.Code != 200 {
		t.Errorf("login after verification: %d", r.Code)
	}
	for _, tc := range []struct {
		body   obj
		want   int
		fields []string
	}{
		{obj{"email": "x", "password": "short"}, 422, []string{"email", "password"}},
		{obj{"email": "a@example.fr", "password": "a long passphrase for tests", "actor_id": models.NewID()}, 422, []string{"actor_id"}},
		{obj{"email": "a@example.fr", "password": "a long passphrase for tests", "message": "hello"}, 422, []string{"message"}},
		{obj{"email": "a@example.fr", "password": "a long passphrase for tests", "platform_admin": true}, 400, []string{"platform_admin"}},
	} {
		if r := signup(tc.body); r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
			t.Errorf("%v: %d %s", tc.body, r.Code, r.Body)
		}
	}
	// The per-address limit: 5 at once (malformed bodies aside), then 429.
	if r := signup(obj{"email": "b@example.fr", "password": "a long passphrase for tests"}); r.Code != 429 || r.Header().Get("Retry-After") == "" {
		t.Errorf("over the limit: %d", r.Code)
	}

	// Without e-mail, or turned off, sign-up is closed.
	plain := apitest.New(t)
	if r := plain.Do(apitest.Request{Method: "POST", Path: "/api/v1/signup", Body: obj{"email": "a@example.fr", "password": "a long passphrase for tests"}}); r.Code != 403 {
		t.Errorf("sign-up without e-mail: %d", r.Code)
	}
	off := apitest.New(t, apitest.WithNotifications(), apitest.WithConfig(func(c *api.Config) { c.SignupOpen = false }))
	if r := off.Do(apitest.Request{Method: "POST", Path: "/api/v1/signup", Body: obj{"email": "a@example.fr", "password": "a long passphrase for tests"}}); r.Code != 403 {
		t.Errorf("sign-up turned off: %d", r.Code)
	}
}

// TestInvitationsByEmail: with e-mail, an invitation's link goes to the
// invited address and the inviter never sees the token.
func TestInvitationsByEmail(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications())
	mb := newMailbox(t, e)
	lib := str(createActor(t, e, validActor("Médiathèque de l'Alcazar"))["id"])
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "directrice@example.fr", "actor_id": lib, "role": "manager"}})
	if r.Code != 201 || r.Map()["token"] != "" || r.Map()["delivery"] != "email" {
		t.Fatalf("invitation: %d %s", r.Code, r.Body)
	}
	got := mb.deliver()
	if len(got) != 1 || !strings.Contains(got[0].Text(), "gérer l'équipe de Médiathèque de l'Alcazar") {
		t.Fatalf("invitation e-mail: %v", recipients(got))
	}
	acc := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": tokenIn(t, got[0]), "password": "le bus passe à 9h devant le port"}})
	if acc.Code != 202 {
		t.Fatalf("accept: %d %s", acc.Code, acc.Body)
	}
	mgr := login(t, e, "directrice@example.fr", "le bus passe à 9h devant le port").access
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + lib + "/members", Token: mgr, Body: obj{"email": "aidant@example.fr", "role": "member"}})
	if r.Code != 202 || r.Map()["token"] != "" {
		t.Errorf("a manager's invitation: %d %s", r.Code, r.Body)
	}
	if got := mb.deliver(); len(to(got, "aidant@example.fr")) != 1 || !strings.Contains(got[0].Text(), "rejoindre l'équipe de Médiathèque") {
		t.Errorf("member invitation e-mail: %v", recipients(got))
	}
	// An answer lost in a crash gets a new token (issue 12's replay): it is e-mailed too.
	if _, _, err := e.Store.ReissueInvitation(context.Background(), str(r.Map()["id"])); err != nil {
		t.Fatal(err)
	}
	if got := mb.deliver(); len(to(got, "aidant@example.fr")) != 1 {
		t.Errorf("reissued invitation: %v", recipients(got))
	}
	// Without e-mail the token is shown, as before.
	plain := apitest.New(t)
	r = plain.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: plain.Admin, Body: obj{"email": "x@example.fr", "platform_admin": true}})
	if r.Code != 201 || !strings.HasPrefix(str(r.Map()["token"]), "inv_") || r.Map()["delivery"] != "manual" {
		t.Errorf("invitation without e-mail: %d %s", r.Code, r.Body)
	}
}

// TestNotificationChoices: each account chooses its optional e-mails; the
// others cannot be turned off.
func TestNotificationChoices(t *testing.T) {
	w := newReferralWorld(t, apitest.WithNotifications())
	mb := newMailbox(t, w.e)
	get := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me/notifications", Token: w.memberB})
	var st struct {
		Delivery string
		Kinds    []struct {
			Kind              string
			Optional, Enabled bool
		}
	}
	get.JSON(&st)
	if st.Delivery != "email" || len(st.Kinds) != len(models.NotificationKinds) {
		t.Fatalf("settings: %s", get.Body)
	}
	for _, k := range st.Kinds {
		if !k.Enabled {
			t.Errorf("%s is off by default", k.Kind)
		}
	}
	r := w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me/notifications", Token: w.memberB, Body: obj{"referral_received": false}})
	if r.Code != 200 {
		t.Fatalf("turn off: %d %s", r.Code, r.Body)
	}
	w.send(t)
	if got := mb.deliver(); len(got) != 0 {
		t.Errorf("e-mails after turning them off: %v", recipients(got))
	}
	w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me/notifications", Token: w.memberB, Body: obj{"referral_received": true}})
	w.send(t)
	if got := mb.deliver(); len(to(got, "mediatrice.b@example.fr")) != 1 {
		t.Errorf("e-mails after turning them on: %v", recipients(got))
	}
	for _, bad := range []obj{{"invitation": false}, {"nonsense": true}} {
		if r := w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me/notifications", Token: w.memberB, Body: bad}); r.Code != 422 {
			t.Errorf("%v: %d %s", bad, r.Code, r.Body)
		}
	}
	if r := w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me/notifications", Token: w.memberB, Body: obj{"referral_message": "no"}}); r.Code != 400 {
		t.Errorf("a non-boolean choice: %d", r.Code)
	}
	// Operators see the outbox in /metrics.
	if m := serve(w.e, "GET", "/metrics", "").Body.String(); !strings.Contains(m, `carnet_outbox_messages{state="sent"} 1`) || !strings.Contains(m, `carnet_outbox_messages{state="failed"} 0`) {
		t.Errorf("/metrics: %s", m)
	}
}

// TestModeratorsAreTold: a join request reaches the structure's managers (and
// its network's), its decision the person; a suggestion reaches the
// record's moderators (managers, the territory's coordinators), not its
// author.
func TestModeratorsAreTold(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications())
	mb := newMailbox(t, e)
	network := str(createActor(t, e, validActor("Réseau"))["id"])
	lib := str(createActor(t, e, merge(validActor("Médiathèque"), obj{"parent_id": network}))["id"])
	e.Account("tete.de.reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
	e.Account("directrice@example.fr", map[string]models.Role{lib: models.RoleManager}, models.Territory{})
	e.Account("aidant@example.fr", map[string]models.Role{lib: models.RoleMember}, models.Territory{})
	e.Account("coord13@example.fr", nil, models.Territory{Departements: []string{"13"}})
	e.Account("coord06@example.fr", nil, models.Territory{Departements: []string{"06"}})
	_, visitor := e.Account("visiteur@example.fr", nil, models.Territory{})
	mb.deliver()

	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + lib + "/join-requests", Token: visitor, Body: obj{"message": "Bonjour"}})
	if r.Code != 201 {
		t.Fatal(r.Body)
	}
	got := mb.deliver()
	if len(got) != 2 || len(to(got, "directrice@example.fr")) != 1 || len(to(got, "tete.de.reseau@example.fr")) != 1 {
		t.Errorf("join request: %v", recipients(got))
	}
	jr := str(r.Map()["id"])
	dir, _ := e.Store.FindUserByEmail(context.Background(), "directrice@example.fr")
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + lib + "/join-requests/" + jr, Token: e.TokenFor(dir.ID), Body: obj{"status": "accepted"}}); r.Code != 200 {
		t.Fatal(r.Body)
	}
	if got := mb.deliver(); len(got) != 1 || len(to(got, "visiteur@example.fr")) != 1 || !strings.Contains(got[0].Text(), "a été acceptée") {
		t.Errorf("decision: %v", recipients(got))
	}

	_, outsider := e.Account("passant@example.fr", nil, models.Territory{})
	mb.deliver()
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + lib + "/suggestions", Token: outsider, Body: obj{"changes": obj{"summary": "Ouvert le samedi"}}}); r.Code != 201 {
		t.Fatal(r.Body)
	}
	got = mb.deliver()
	want := []string{"directrice@example.fr", "tete.de.reseau@example.fr", "coord13@example.fr"}
	if len(got) != len(want) {
		t.Errorf("suggestion: %v", recipients(got))
	}
	for _, a := range want {
		if len(to(got, a)) != 1 || !strings.Contains(to(got, a)[0].Text(), appURL+"/suggestions/") {
			t.Errorf("%s was not told of the suggestion: %v", a, recipients(got))
		}
	}
}

// TestPasswordResetByEmail: with e-mail, a reset link goes to the account's
// own address and its token is never shown to the issuer; a retry with the
// same Idempotency-Key e-mails a fresh link, and only the last one works.
func TestPasswordResetByEmail(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications())
	mb := newMailbox(t, e)
	lib := str(createActor(t, e, validActor("Médiathèque"))["id"])
	u, _ := e.Account("oublieuse@example.fr", map[string]models.Role{lib: models.RoleMember}, models.Territory{})
	mb.deliver()
	issue := func() *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + u.ID + "/password-reset", Token: e.Admin, Body: obj{},
			Header: map[string]string{"Idempotency-Key": "reset-1"}})
	}
	r := issue()
	if r.Code != 201 || r.Map()["token"] != "" || r.Map()["delivery"] != "email" {
		t.Fatalf("issue: %d %s", r.Code, r.Body)
	}
	got := mb.deliver()
	if len(got) != 1 || len(to(got, "oublieuse@example.fr")) != 1 || got[0].Header("Subject") != "Choisir un nouveau mot de passe" {
		t.Fatalf("reset e-mail: %v", recipients(got))
	}
	first := tokenIn(t, got[0])
	if !strings.HasPrefix(first, "pwr_") || !strings.Contains(got[0].Text(), appURL+"/password-reset#token=") {
		t.Errorf("reset link: %s", got[0].Text())
	}
	// A retry gets the same answer (no token), and no second e-mail.
	if r := issue(); r.Code != 201 || r.Header().Get("Idempotent-Replayed") != "true" || r.Map()["token"] != "" {
		t.Fatalf("retry: %d %s", r.Code, r.Body)
	}
	if got := mb.deliver(); len(got) != 0 {
		t.Errorf("a replayed answer sent %v", recipients(got))
	}
	// An answer lost in a crash is rebuilt with a new link (issue 12's
	// replay): the new link is e-mailed too, and only it works.
	if _, err := e.Store.ReissuePasswordReset(context.Background(), str(r.Map()["id"])); err != nil {
		t.Fatal(err)
	}
	got = mb.deliver()
	if len(got) != 1 {
		t.Fatalf("reissued link: %v", recipients(got))
	}
	second := tokenIn(t, got[0])
	reset := func(token string) int {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": token, "new_password": "trois mots bien choisis"}}).Code
	}
	if c := reset(first); c != 404 {
		t.Errorf("the replaced link: %d", c)
	}
	if c := reset(second); c != 204 {
		t.Errorf("the e-mailed link: %d", c)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "oublieuse@example.fr", "password": "trois mots bien choisis"}}); r.Code != 200 {
		t.Errorf("login with the new password: %d", r.Code)
	}
	// Without e-mail the token is shown, as the issue-12 flow does.
	plain := apitest.New(t)
	v, _ := plain.Account("x@example.fr", nil, models.Territory{})
	r = plain.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + v.ID + "/password-reset", Token: plain.Admin, Body: obj{}})
	if r.Code != 201 || !strings.HasPrefix(str(r.Map()["token"]), "pwr_") || r.Map()["delivery"] != "manual" {
		t.Errorf("reset without e-mail: %d %s", r.Code, r.Body)
	}
}
