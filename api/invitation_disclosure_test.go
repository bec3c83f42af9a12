package api_test

import (
	"testing"

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
