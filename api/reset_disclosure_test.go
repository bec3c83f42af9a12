package api_test

import (
	"net/url"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

const takenOverPassword = "je reprends ce compte ce soir"

// tracedRead is a referral.read entry of a structure's trail.
type tracedRead struct {
	SubjectID string         `json:"subject_id"`
	WhoID     string         `json:"who_id"`
	Details   map[string]any `json:"details"`
}

func tracedReads(t *testing.T, e *apitest.Env, actorID, managerToken string) []tracedRead {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actorID + "/trail?action=referral.read&limit=200", Token: managerToken})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	var page struct{ Data []tracedRead }
	r.JSON(&page)
	return page.Data
}

// takeOver issues a reset link for the account with issuer's token, uses
// it as the issuer would and logs in: the issuer now holds a session of
// the account.
func takeOver(t *testing.T, e *apitest.Env, issuer, userID, email string) string {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + userID + "/password-reset", Token: issuer, Body: obj{}})
	if r.Code != 201 || r.Map()["delivery"] != "manual" {
		t.Fatalf("issue: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": r.Map()["token"], "new_password": takenOverPassword}}); r.Code != 204 {
		t.Fatalf("use: %d %s", r.Code, r.Body)
	}
	return login(t, e, email, takenOverPassword).access
}

// TestSec28ManualResetTracesTheIssuersReads reproduces the tester's gap:
// without e-mail, an administrator (or a network's manager, for a member
// of one of its structures) is shown the reset token of a long-standing
// member, sets the password with it, logs in as the member and reads every
// referral of the member's structure; the structure's trail showed the
// reset issued and used, and no read. The account's credentials are now
// known to the issuer: every read through it of a referral sent before the
// reset leaves a trace naming the reason and the issuer, on every path
// that reads a referral's personal data — and still after the account
// changes its password itself. A referral sent afterwards is traced too
// when the issuer could not read it untraced themself (probe33; a
// structure's own manager could, TestSec33HandDeliveredInvitationIsADisclosure).
func TestSec28ManualResetTracesTheIssuersReads(t *testing.T) {
	for _, issuer := range []string{"administrator", "network manager"} {
		t.Run(issuer, func(t *testing.T) {
			w := newReferralWorld(t)
			e := w.e
			first, second := w.send(t), w.send(t)
			_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
			issuerToken, issuerID := e.Admin, e.AdminUser.ID
			if issuer == "network manager" {
				network := str(createActor(t, e, validActor("Réseau des médiathèques"))["id"])
				if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.b, Token: e.Admin, Body: obj{"parent_id": network}}); r.Code != 200 {
					t.Fatalf("join the network: %d %s", r.Code, r.Body)
				}
				u, tok := e.Account("tete.reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
				issuerToken, issuerID = tok, u.ID
			}
			member := takeOver(t, e, issuerToken, w.userB.ID, "mediatrice.b@example.fr")

			etag := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + first, Token: w.memberA}).Header().Get("ETag")
			reads := []struct {
				name string
				req  apitest.Request
				code int
			}{
				{"GET", apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + first}, 200},
				{"HEAD", apitest.Request{Method: "HEAD", Path: "/api/v1/referrals/" + first, NotInSpec: true}, 200},
				{"304", apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + first, Header: map[string]string{"If-None-Match": etag}}, 304},
				{"messages", apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + first + "/messages"}, 200},
				{"list", apitest.Request{Method: "GET", Path: "/api/v1/referrals"}, 200},
				{"CSV", apitest.Request{Method: "GET", Path: "/api/v1/referrals", Header: map[string]string{"Accept": "text/csv"}}, 200},
				{"person_name", apitest.Request{Method: "GET", Path: "/api/v1/referrals?limit=1&person_name=" + url.QueryEscape(personFirst)}, 200},
				{"transition", apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + second + "/transitions", Body: obj{"status": "accepted"}}, 200},
			}
			seen := len(tracedReads(t, e, w.b, managerB))
			for _, rd := range reads {
				rd.req.Token = member
				if r := e.Do(rd.req); r.Code != rd.code {
					t.Fatalf("%s: %d %s", rd.name, r.Code, r.Body)
				}
				got := tracedReads(t, e, w.b, managerB)
				if len(got) == seen {
					t.Errorf("%s: no trace of the read", rd.name)
				}
				for _, ev := range got[:len(got)-seen] {
					if ev.WhoID != w.userB.ID || ev.Details["reason"] != "password_set_through_another_s_reset" || ev.Details["issued_by"] != issuerID {
						t.Errorf("%s: traced as %+v", rd.name, ev)
					}
				}
				seen = len(got)
			}
			// The sending structure sees the reads of its referrals too.
			if got := tracedReads(t, e, w.a, w.managerA); len(got) != seen {
				t.Errorf("A's trail holds %d reads, B's %d", len(got), seen)
			}

			// Changing the password oneself does not end it: the issuer knows
			// the password and could be the one changing it.
			if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: member,
				Body: obj{"current_password": takenOverPassword, "new_password": "une autre phrase de passe longue"}}); r.Code != 204 {
				t.Fatalf("change: %d %s", r.Code, r.Body)
			}
			e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + first, Token: member})
			if got := tracedReads(t, e, w.b, managerB); len(got) != seen+1 {
				t.Errorf("after a password change by the account: %d reads traced, want %d", len(got), seen+1)
			} else {
				seen++
			}
			// A referral sent after the reset is traced too: the issuer (an
			// administrator, a network's manager) could not read it
			// untraced themself, and may be the one reading (probe33).
			later := w.send(t)
			if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + later, Token: member}); r.Code != 200 {
				t.Fatalf("later: %d %s", r.Code, r.Body)
			}
			if got := tracedReads(t, e, w.b, managerB); len(got) != seen+1 || got[0].SubjectID != later || got[0].Details["issued_by"] != issuerID {
				t.Errorf("a referral sent after the reset: %d reads traced, want %d", len(got), seen+1)
			}
		})
	}
}

// TestSec28EmailedResetIsNoDisclosure: a reset link e-mailed to the account
// is no disclosure (the issuer never sees the token), and one used after a
// disclosure gives the account back: its reads are untraced again.
func TestSec28EmailedResetIsNoDisclosure(t *testing.T) {
	w := newReferralWorld(t, apitest.WithNotifications())
	e := w.e
	mb := newMailbox(t, e)
	id := w.send(t)
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	reset := func() string {
		t.Helper()
		mb.deliver()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + w.userB.ID + "/password-reset", Token: e.Admin, Body: obj{}})
		if r.Code != 201 || r.Map()["delivery"] != "email" {
			t.Fatalf("issue: %d %s", r.Code, r.Body)
		}
		got := to(mb.deliver(), "mediatrice.b@example.fr")
		if len(got) != 1 {
			t.Fatal("no reset e-mail")
		}
		pass := "ma phrase de passe " + str(len(tracedReads(t, e, w.b, managerB))) + " retrouvée"
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": tokenIn(t, got[0]), "new_password": pass}}); r.Code != 204 {
			t.Fatalf("use: %d %s", r.Code, r.Body)
		}
		return login(t, e, "mediatrice.b@example.fr", pass).access
	}
	member := reset()
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: member})
	if got := tracedReads(t, e, w.b, managerB); len(got) != 0 {
		t.Errorf("an e-mailed reset traced the account's reads: %+v", got)
	}
	// A disclosure recorded earlier (a manual reset while the service
	// sent no e-mail) is ended by an e-mailed reset.
	raw := dbtest.Raw(t, e.DBPath)
	if _, err := raw.Exec("UPDATE users SET credentials_disclosed_at = ?, credentials_disclosed_by = ? WHERE id = ?",
		time.Now().UTC(), e.AdminUser.ID, w.userB.ID); err != nil {
		t.Fatal(err)
	}
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: member})
	if got := tracedReads(t, e, w.b, managerB); len(got) != 1 {
		t.Fatalf("a disclosed account's read: %+v", got)
	}
	member = reset()
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: member})
	if got := tracedReads(t, e, w.b, managerB); len(got) != 1 {
		t.Errorf("an e-mailed reset did not give the account back: %+v", got)
	}
}

// TestTrailKeepsAFormerMembershipsEvents reproduces the fifth probe's
// finding: a structure's trail showed its members' account events only
// since their current membership began, so removing a member and adding
// them again hid from its managers the reset links issued for the account
// and used while it was a member (who took it over, and when), which they
// had read before. Events of every period of membership stay; those of the
// time between stay hidden (another structure's business).
func TestTrailKeepsAFormerMembershipsEvents(t *testing.T) {
	e := apitest.New(t)
	cs := str(createActor(t, e, validActor("Centre social"))["id"])
	_, mgr := e.Account("chef@example.fr", map[string]models.Role{cs: models.RoleManager}, models.Territory{})
	join := func(password string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + cs + "/members", Token: e.Admin, Body: obj{"email": "aidante@example.fr", "role": "member"}})
		if r.Code != 202 && r.Code != 201 {
			t.Fatalf("invite: %d %s", r.Code, r.Body)
		}
		// A new account chooses its password without a session; an
		// existing one accepts signed in.
		acc := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": r.Map()["token"], "password": password}})
		if acc.Code != 202 {
			t.Fatalf("accept: %d %s", acc.Code, acc.Body)
		}
		acc = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: login(t, e, "aidante@example.fr", password).access, Body: obj{"token": r.Map()["token"]}})
		if acc.Code != 200 && acc.Code != 404 {
			t.Fatalf("accept signed in: %d %s", acc.Code, acc.Body)
		}
		return str(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: login(t, e, "aidante@example.fr", password).access}).Map()["user"].(map[string]any)["id"])
	}
	uid := join("mon premier mot de passe ici")
	takeOver(t, e, e.Admin, uid, "aidante@example.fr")
	resets := func() int {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + cs + "/trail?limit=100&subject_id=" + uid, Token: mgr})
		if r.Code != 200 {
			t.Fatalf("trail: %d %s", r.Code, r.Body)
		}
		var page struct{ Data []struct{ Action string } }
		r.JSON(&page)
		n := 0
		for _, ev := range page.Data {
			if ev.Action == models.TrailPasswordResetIssued || ev.Action == models.TrailPasswordResetUsed {
				n++
			}
		}
		return n
	}
	if n := resets(); n != 2 {
		t.Fatalf("before: %d reset events, want 2", n)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + cs + "/members/" + uid, Token: mgr}); r.Code != 204 {
		t.Fatalf("remove: %d %s", r.Code, r.Body)
	}
	// Away: a reset issued meanwhile is not the structure's business.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + uid + "/password-reset", Token: e.Admin, Body: obj{}})
	if r.Code != 201 {
		t.Fatalf("reset while away: %d %s", r.Code, r.Body)
	}
	join(takenOverPassword)
	if n := resets(); n != 2 {
		t.Errorf("after removal and return: %d reset events, want the 2 of the first membership", n)
	}
}
