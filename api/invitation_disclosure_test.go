package api_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

const plantedPassword = "pieuvre rose joue du violon"

// acceptInvitation posts token with password, as whoever holds the token,
// and answers the status.
func acceptInvitation(t *testing.T, e *apitest.Env, token any, password string) int {
	t.Helper()
	return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": token, "password": password}}).Code
}

// TestSec33HandDeliveredInvitationIsADisclosure reproduces probe33's first
// finding: with no e-mail, whoever invites a person to a structure is shown
// the token, may accept it themself, choose the password and hold a member
// account of the structure. Its reads of referrals left no trace and the
// trail's invitation.accepted named nobody. A hand-delivered invitation now
// discloses the account's credentials to the inviter as a hand-delivered
// reset does: the account's reads are traced with the issuer — those of
// referrals sent before the account was set up, and those of later ones
// when the inviter could not read them untraced themself (an administrator,
// a network's manager); a structure's own manager who invites a colleague
// could read them anyway, so the colleague's reads of later referrals are
// not traced. The trail's invitation.accepted names the account and the
// issuer.
func TestSec33HandDeliveredInvitationIsADisclosure(t *testing.T) {
	cases := []struct {
		issuer     string
		laterTrace bool
	}{
		{"administrator", true},
		{"network manager", true},
		{"structure manager", false},
	}
	for _, tc := range cases {
		t.Run(tc.issuer, func(t *testing.T) {
			w := newReferralWorld(t)
			e := w.e
			older := w.send(t)
			managerBUser, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
			issuerToken, issuerID := e.Admin, e.AdminUser.ID
			switch tc.issuer {
			case "network manager":
				network := str(createActor(t, e, validActor("Réseau des médiathèques"))["id"])
				if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.b, Token: e.Admin, Body: obj{"parent_id": network}}); r.Code != 200 {
					t.Fatalf("join the network: %d %s", r.Code, r.Body)
				}
				u, tok := e.Account("tete.reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
				issuerToken, issuerID = tok, u.ID
			case "structure manager":
				issuerToken, issuerID = managerB, managerBUser.ID
			}
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + w.b + "/members", Token: issuerToken, Body: obj{"email": "planted@example.fr", "role": "member"}})
			if r.Code != 202 || r.Map()["delivery"] != "manual" {
				t.Fatalf("invite: %d %s", r.Code, r.Body)
			}
			if code := acceptInvitation(t, e, r.Map()["token"], plantedPassword); code/100 != 2 {
				t.Fatalf("the issuer accepts: %d", code)
			}
			planted := login(t, e, "planted@example.fr", plantedPassword).access
			me := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: planted}).Map()
			plantedID := str(me["user"].(map[string]any)["id"])

			// The trail names the account as who accepted, and the issuer.
			tr := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?action=invitation.accepted", Token: managerB})
			var page struct{ Data []tracedRead }
			tr.JSON(&page)
			if len(page.Data) != 1 || page.Data[0].WhoID != plantedID || page.Data[0].Details["issued_by"] != issuerID || page.Data[0].Details["delivery"] != "manual" {
				t.Errorf("invitation.accepted: %+v", page.Data)
			}

			later := w.send(t)
			seen := len(tracedReads(t, e, w.b, managerB))
			for _, rd := range []struct {
				name   string
				id     string
				traced bool
			}{{"older", older, true}, {"later", later, tc.laterTrace}} {
				if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + rd.id, Token: planted}); r.Code != 200 {
					t.Fatalf("%s: %d %s", rd.name, r.Code, r.Body)
				}
				got := tracedReads(t, e, w.b, managerB)
				if traced := len(got) > seen; traced != rd.traced {
					t.Errorf("%s referral: traced %v, want %v", rd.name, traced, rd.traced)
				}
				for _, ev := range got[:len(got)-seen] {
					if ev.WhoID != plantedID || ev.Details["reason"] != "password_set_through_another_s_reset" || ev.Details["issued_by"] != issuerID {
						t.Errorf("%s: traced as %+v", rd.name, ev)
					}
				}
				seen = len(got)
			}
		})
	}
}

// TestSec33InvitationAnswersAlikeForExistingAccounts reproduces probe33's
// second finding: with no e-mail, an inviter holds the invitation's token,
// and accepting it answered 401 « An account with this e-mail exists » for
// an address with an account and 200 for a new one — any structure's
// manager could learn whether any address has an account; the guesses also
// counted against the account's login limit, locking its owner out (the
// earlier TestInvitationAcceptCountsAgainstTheAccount pinned that). An
// address that has an account now accepts signed in; without a session,
// the token answers alike for both addresses, judges the password alike,
// never checks the existing account's password and is spent alike.
func TestSec33InvitationAnswersAlikeForExistingAccounts(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(api.RateLimit{Every: time.Millisecond, Burst: 1000}, api.RateLimit{Every: time.Hour, Burst: 3}))
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	mgrUser, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	victim, _ := e.Account("victime@example.fr", nil, models.Territory{})
	invite := func(email string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + own + "/members", Token: mgr, Body: obj{"email": email, "role": "member"}})
		if r.Code != 202 || r.Map()["token"] == "" {
			t.Fatalf("invite %s: %d %s", email, r.Code, r.Body)
		}
		return str(r.Map()["token"])
	}
	// answer is what the token's holder sees: the status and the body
	// without what differs on every call.
	answer := func(r *apitest.Response) string {
		m := r.Map()
		delete(m, "instance")
		delete(m, "request_id")
		b, _ := json.Marshal(m)
		return strconv.Itoa(r.Code) + " " + string(b)
	}
	existing, fresh := invite("victime@example.fr"), invite("nouvelle@example.fr")
	steps := []struct {
		name     string
		password string
		want     int
	}{
		{"a guessable password", "password12345678", 422},
		{"a good one", "une devinette numéro un", 202},
		{"again", "une devinette numéro deux", 404},
		{"again", "une devinette numéro trois", 404},
		{"again", "une devinette numéro quatre", 404},
	}
	for _, st := range steps {
		var got [2]string
		for i, tok := range []string{existing, fresh} {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Body: obj{"token": tok, "password": st.password}})
			if r.Code != st.want {
				t.Errorf("%s (%d): %d, want %d %s", st.name, i, r.Code, st.want, r.Body)
			}
			got[i] = answer(r)
		}
		if got[0] != got[1] {
			t.Errorf("%s: the answers tell the addresses apart:\n%s\n%s", st.name, got[0], got[1])
		}
	}
	// Nothing happened to the existing account, whose owner still logs in.
	if p, _ := e.Store.LoadPrincipal(t.Context(), victim.ID); p.BelongsTo(own) {
		t.Error("the existing account joined through a token posted without a session")
	}
	victimSession := login(t, e, "victime@example.fr", "a password for tests").access
	// The inviter, signed in, cannot accept it for the address; its owner,
	// signed in, does.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: mgr, Body: obj{"token": existing}}); r.Code != 404 {
		t.Errorf("the inviter signed in: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: victimSession, Body: obj{"token": existing}}); r.Code != 200 {
		t.Errorf("the owner signed in: %d %s", r.Code, r.Body)
	}
	if p, _ := e.Store.LoadPrincipal(t.Context(), victim.ID); !p.BelongsTo(own) {
		t.Error("the owner's acceptance gave no membership")
	}
	// Accepted by the owner, it is no disclosure: no password was chosen.
	if u, _ := e.Store.GetUser(t.Context(), victim.ID); u.CredentialsDisclosedAt != nil {
		t.Errorf("the owner's acceptance disclosed the account (to %s)", mgrUser.ID)
	}
	// The new address's account was created with the password chosen.
	login(t, e, "nouvelle@example.fr", "une devinette numéro un")
}
