package api_test

import (
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestForwardBackCountsFromTheFirstSending: a referral forwarded back to a
// structure that already held the person's data (A → B, B forwards back
// to A, A on to B again…) counted, for that structure, from the copy's own
// sending: a member who joined A after A sent the first referral read the
// copies untraced, as if A had only just been entrusted with the data.
// Each structure counts from the first time the chain brought it the data.
func TestForwardBackCountsFromTheFirstSending(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	svcA := str(createService(t, e, validService(w.a, "Chez A"))["id"])
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	first := w.send(t)
	lateAUser, lateA := e.Account("arrivee.a@example.fr", map[string]models.Role{w.a: models.RoleMember}, models.Territory{})
	lateBUser, lateB := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	forward := func(token, id, to string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: token, Body: obj{"to_service_id": to, "consent": forwardConsent}})
		if r.Code != 201 {
			t.Fatalf("forward: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	back := forward(w.memberB, first, svcA) // B → A
	again := forward(w.memberA, back, w.s)  // A → B
	reads := func(actor, manager, ref string) []tracedRead {
		return trailOf(t, e, actor, manager, "referral.read", ref)
	}
	for _, tc := range []struct {
		name, ref, token, userID string
	}{
		{"back to A, read by A's late member", back, lateA, lateAUser.ID},
		{"on to B again, read by A's late member", again, lateA, lateAUser.ID},
		{"on to B again, read by B's late member", again, lateB, lateBUser.ID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(reads(w.a, w.managerA, tc.ref))
			if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + tc.ref, Token: tc.token}); r.Code != 200 {
				t.Fatalf("read: %d %s", r.Code, r.Body)
			}
			got := reads(w.a, w.managerA, tc.ref)
			if len(got)-before != 1 || got[0].WhoID != tc.userID || got[0].Details["reason"] != models.ReadByMemberJoinedAfter {
				t.Fatalf("%d reads traced (%+v), want 1 by the late member", len(got)-before, got)
			}
			if b := reads(w.b, managerB, tc.ref); len(b) == 0 || b[0].WhoID != tc.userID {
				t.Errorf("B's trail: %+v", b)
			}
		})
	}
	// A long-standing member of each structure still reads untraced.
	for _, tok := range []string{w.memberA, w.memberB} {
		before := len(reads(w.a, w.managerA, again))
		e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + again, Token: tok})
		if n := len(reads(w.a, w.managerA, again)); n != before {
			t.Errorf("a long-standing member's read traced")
		}
	}
}
