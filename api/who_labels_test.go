package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// whoLabels collects the who labels (who, author) of an answer, by account.
func whoLabels(t *testing.T, r *apitest.Response) map[string][]string {
	t.Helper()
	var body struct {
		Data []struct {
			Who    struct{ ID, Label string } `json:"who"`
			Author struct{ ID, Label string } `json:"author"`
		} `json:"data"`
		Author struct{ ID, Label string } `json:"author"`
	}
	r.JSON(&body)
	out := map[string][]string{}
	if body.Author.ID != "" {
		out[body.Author.ID] = append(out[body.Author.ID], body.Author.Label)
	}
	for _, d := range body.Data {
		for _, w := range []struct{ ID, Label string }{d.Who, d.Author} {
			if w.ID != "" {
				out[w.ID] = append(out[w.ID], w.Label)
			}
		}
	}
	return out
}

// TestWhoLabelsNeverLoginEmails: history, trail and suggestions named
// people by their login e-mail to other structures' managers and to
// coordinators, although it stays private (a person shows others a display
// name and, if they choose, a professional e-mail). Each reader of a case
// sees the label recorded when the person acted: the display name, else
// the professional e-mail, else « compte sans nom »; never the login e-mail.
func TestWhoLabelsNeverLoginEmails(t *testing.T) {
	w := newWorld(t)
	e := w.e
	me := func(tok string, body obj) {
		t.Helper()
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: body}); r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
	}
	named, namedTok := e.Account("out@lyon.fr", nil, models.Territory{})
	me(namedTok, obj{"display_name": "Olivier Dupont"})
	pro, proTok := e.Account("connexion@lyon.fr", nil, models.Territory{})
	me(proTok, obj{"professional_email": "accueil@lyon.example.fr"})
	bare, bareTok := e.Account("anonyme@lyon.fr", nil, models.Territory{})
	me(w.tokens["coordinator"], obj{"display_name": "Coordination 13"})
	me(w.tokens["manager"], obj{"display_name": "Directrice OWN"})

	// Suggestions by three outsiders, read by the structure's manager and
	// by the territory's coordinator.
	suggest := func(tok string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + w.own + "/suggestions", Token: tok, Body: obj{"changes": obj{"summary": "Ouvert le samedi"}}})
		if r.Code != 201 {
			t.Fatal(r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	// History: the manager and the coordinator each change the place.
	for _, tok := range []string{w.tokens["manager"], w.tokens["coordinator"]} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.own, Token: tok, Body: obj{"summary": "Changé par " + tok[:6]}}); r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
	}
	// Trail: an outsider's attempt on a referral, in both structures' journals.
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: namedTok}); r.Code != 404 {
		t.Fatal(r.Code, r.Body)
	}
	_, otherTok := e.Account("direction.other@carnet.test", map[string]models.Role{w.other: models.RoleManager}, models.Territory{})

	cases := []struct {
		name, path, reader, who, want, email string
	}{
		{"suggestion with a display name, manager", "/api/v1/suggestions/" + suggest(namedTok), w.tokens["manager"], named.ID, "Olivier Dupont", named.Email},
		{"suggestion with a display name, coordinator", "/api/v1/suggestions?actor_id=" + w.own, w.tokens["coordinator"], named.ID, "Olivier Dupont", named.Email},
		// An unverified professional e-mail is not shown (probe36a L5).
		{"suggestion with an unverified professional e-mail", "/api/v1/suggestions/" + suggest(proTok), w.tokens["manager"], pro.ID, models.UnnamedAccountLabel, pro.Email},
		{"suggestion with neither", "/api/v1/suggestions/" + suggest(bareTok), w.tokens["coordinator"], bare.ID, models.UnnamedAccountLabel, bare.Email},
		{"history, the manager read by the coordinator", "/api/v1/actors/" + w.own + "/history?limit=200", w.tokens["coordinator"], w.users["manager"].ID, "Directrice OWN", w.users["manager"].Email},
		{"history, the coordinator read by the manager", "/api/v1/actors/" + w.own + "/history?limit=200", w.tokens["manager"], w.users["coordinator"].ID, "Coordination 13", w.users["coordinator"].Email},
		{"trail, an outsider's attempt, sender", "/api/v1/actors/" + w.own + "/trail?action=referral.access_attempted", w.tokens["manager"], named.ID, "Olivier Dupont", named.Email},
		{"trail, an outsider's attempt, receiver", "/api/v1/actors/" + w.other + "/trail?action=referral.access_attempted", otherTok, named.ID, "Olivier Dupont", named.Email},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: tc.path, Token: tc.reader})
			if r.Code != 200 {
				t.Fatal(r.Code, r.Body)
			}
			got := whoLabels(t, r)[tc.who]
			if len(got) == 0 {
				t.Fatalf("no entry by %s: %s", tc.who, r.Body)
			}
			for _, l := range got {
				if l != tc.want {
					t.Errorf("labelled %q, want %q", l, tc.want)
				}
			}
			if strings.Contains(r.Body.String(), tc.email) {
				t.Errorf("the login e-mail %s is shown: %s", tc.email, r.Body)
			}
		})
	}
}

// TestWhoLabelsAsRecorded: a structure's journal named the readers of its
// referrals from their current card, at read time: a reader could rename
// every past read in another structure's journal (PATCH /me) to someone
// else's name, or to nothing. A person is named as they were when the
// event was recorded.
func TestWhoLabelsAsRecorded(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	late, lateTok := e.Account("connexion.privee@carnet.test", map[string]models.Role{w.other: models.RoleMember}, models.Territory{})
	me := func(body obj) { t.Helper(); patchMe(t, e, lateTok, body) }
	me(obj{"display_name": "Camille Arrivée"})
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: lateTok}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	_, otherTok := e.Account("direction.other@carnet.test", map[string]models.Role{w.other: models.RoleManager}, models.Territory{})
	for _, later := range []obj{{"display_name": "Directrice OWN"}, {"display_name": ""}, {"display_name": "", "professional_email": "x@autre.example.fr"}} {
		me(later)
		for _, actor := range []string{w.own, w.other} {
			tok := w.tokens["manager"]
			if actor == w.other {
				tok = otherTok
			}
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actor + "/trail?action=referral.read", Token: tok})
			got := whoLabels(t, r)[late.ID]
			if r.Code != 200 || len(got) != 1 || got[0] != "Camille Arrivée" {
				t.Errorf("after %v, the journal of %s names the reader %q: %d %s", later, actor, got, r.Code, r.Body)
			}
		}
	}
}

// TestReferralEventsNamedAsRecorded: a referral's events named who acted
// from their current card, at read time: the member who accepted a
// referral could later rename the acceptance (PATCH /me) to their
// manager's name, in both structures' view of it. Each event names the
// person as they were when they acted; a deleted account is « compte
// supprimé ».
func TestReferralEventsNamedAsRecorded(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	taker, takerTok := e.Account("prive.accueil@carnet.test", map[string]models.Role{w.other: models.RoleMember}, models.Territory{})
	me := func(body obj) { t.Helper(); patchMe(t, e, takerTok, body) }
	me(obj{"display_name": "Alice Aidante"})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + ref + "/transitions", Token: takerTok, Body: obj{"status": "accepted"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	me(obj{"display_name": "Directrice Médiathèque"})
	labels := func() []string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: w.tokens["member"]})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		var body struct {
			Events []struct {
				Status string
				Who    struct{ ID, Label string }
			}
		}
		r.JSON(&body)
		var out []string
		for _, ev := range body.Events {
			if ev.Who.ID == taker.ID {
				out = append(out, ev.Who.Label)
			}
		}
		return out
	}
	if got := labels(); len(got) != 1 || got[0] != "Alice Aidante" {
		t.Errorf("the acceptance names %q, want « Alice Aidante » as she was named when she accepted", got)
	}
}

// TestReservedDisplayNamesRefused: a live account could name itself
// « compte supprimé » or « compte sans nom », and pass in every history and
// journal for a deleted or nameless account.
func TestReservedDisplayNamesRefused(t *testing.T) {
	w := newWorld(t)
	e := w.e
	_, tok := e.Account("reserve@carnet.test", nil, models.Territory{})
	for _, name := range []string{"compte supprimé", "Compte Supprime", " compte  sans nom "} {
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: obj{"display_name": name}})
		if r.Code != 422 || !strings.Contains(r.Body.String(), "display_name") {
			t.Errorf("display name %q: %d %s, want 422 on display_name", name, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: obj{"display_name": "Compte Rendu Association"}}); r.Code != 200 {
		t.Errorf("an ordinary name: %d %s", r.Code, r.Body)
	}
}

// patchMe changes the account of tok through PATCH /api/v1/me.
func patchMe(t *testing.T, e *apitest.Env, tok string, body obj) {
	t.Helper()
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: body}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
}

// TestProbe36L5UnverifiedProfessionalEmailNotShown: a manager set its
// professional e-mail to another structure's manager's address (no
// confirmation) and its card, shown to the other structure on referrals,
// carried it: replies misdirected, a colleague impersonated. Only a
// verified address is shown to others: the account's login e-mail (proven
// by its invitation or sign-up link); another one stays on the owner's
// own /me.
func TestProbe36L5UnverifiedProfessionalEmailNotShown(t *testing.T) {
	w := newWorld(t)
	e := w.e
	sender := w.users["member"]
	_, otherTok := e.Account("direction.other@carnet.test", map[string]models.Role{w.other: models.RoleManager}, models.Territory{})
	patchMe(t, e, w.tokens["member"], obj{"professional_email": "direction.other@carnet.test"})
	ref := w.referral(sender, w.own, w.otherSvc)
	card := func() any {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: otherTok})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		return r.Map()["sender"].(map[string]any)["email"]
	}
	if got := card(); got != "" && got != nil {
		t.Errorf("an unverified professional e-mail is shown to the other structure: %v", got)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: w.tokens["member"]}); !strings.Contains(r.Body.String(), `"professional_email":"direction.other@carnet.test"`) {
		t.Errorf("the owner no longer sees its own professional e-mail: %s", r.Body)
	}
	patchMe(t, e, w.tokens["member"], obj{"professional_email": sender.Email})
	if got := card(); got != sender.Email {
		t.Errorf("the verified (login) address as professional e-mail: %v, want %s", got, sender.Email)
	}
}
