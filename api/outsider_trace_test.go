package api_test

import (
	"regexp"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestOutsidersCallsOnARealReferralAreTraced: a call on a referral by
// someone outside both of its structures — an administrator who is no
// member, a member removed from the receiving structure, a member of a
// third structure — answered 404 and left no trace, so the structures
// never learnt that someone outside the circle tried to reach the person's
// data. It is traced as referral.access_attempted (status 404) in both
// structures' trails, while the answer stays the one a non-existent id
// gets (the outsider learns nothing), and a non-existent id leaves
// nothing.
func TestOutsidersCallsOnARealReferralAreTraced(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	svcC := str(createService(t, e, validService(w.c, "Accompagnement fiscal"))["id"])
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	id := w.send(t)
	leaverUser, leaver := e.Account("depart.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + w.b + "/members/" + leaverUser.ID, Token: managerB}); r.Code/100 != 2 {
		t.Fatalf("remove the member: %d %s", r.Code, r.Body)
	}
	cUser, memberC := e.Account("autre.c@example.fr", map[string]models.Role{w.c: models.RoleMember}, models.Territory{})
	missing := models.NewID()
	calls := []struct {
		name string
		req  apitest.Request
	}{
		{"GET", apitest.Request{Method: "GET"}},
		{"transition", apitest.Request{Method: "POST", Path: "/transitions", Body: obj{"status": "accepted"}}},
		{"list messages", apitest.Request{Method: "GET", Path: "/messages"}},
		{"post a message", apitest.Request{Method: "POST", Path: "/messages", Body: obj{"body": "Bonjour"}}},
		{"forward", apitest.Request{Method: "POST", Path: "/forward", Body: obj{"to_service_id": svcC, "consent": forwardConsent}}},
	}
	callers := []struct {
		name, token, userID string
	}{
		{"administrator outside both structures", e.Admin, e.AdminUser.ID},
		{"member removed from the receiving structure", leaver, leaverUser.ID},
		{"member of a third structure", memberC, cUser.ID},
	}
	for _, who := range callers {
		for _, call := range calls {
			t.Run(who.name+"/"+call.name, func(t *testing.T) {
				beforeA := len(trailOf(t, e, w.a, w.managerA, "referral.access_attempted", id))
				beforeB := len(trailOf(t, e, w.b, managerB, "referral.access_attempted", id))
				allA := len(trailOf(t, e, w.a, w.managerA, "referral.access_attempted", ""))
				do := func(ref string) *apitest.Response {
					req := call.req
					req.Path, req.Token = "/api/v1/referrals/"+ref+req.Path, who.token
					return e.Do(req)
				}
				real, none := do(id), do(missing)
				if real.Code != 404 || none.Code != 404 {
					t.Fatalf("real %d %s, missing %d %s: want 404 both", real.Code, real.Body, none.Code, none.Body)
				}
				// The same problem but for the id and the request's own id.
				same := func(r *apitest.Response, ref string) string {
					return regexp.MustCompile(`"request_id":"[^"]*"`).ReplaceAllString(strings.ReplaceAll(r.Body.String(), ref, "ID"), "")
				}
				if got, want := same(real, id), same(none, missing); got != want {
					t.Errorf("the answers differ:\n%s\n%s", got, want)
				}
				gotA := trailOf(t, e, w.a, w.managerA, "referral.access_attempted", id)
				gotB := trailOf(t, e, w.b, managerB, "referral.access_attempted", id)
				if len(gotA)-beforeA != 1 || len(gotB)-beforeB != 1 {
					t.Fatalf("%d attempts in A's trail, %d in B's: want 1 each", len(gotA)-beforeA, len(gotB)-beforeB)
				}
				for _, ev := range []tracedRead{gotA[0], gotB[0]} {
					if ev.WhoID != who.userID || ev.Details["status"] != float64(404) || ev.Details["reason"] == nil {
						t.Errorf("traced as %+v", ev)
					}
				}
				// The missing id left nothing: one attempt more in all.
				if n := len(trailOf(t, e, w.a, w.managerA, "referral.access_attempted", "")); n != allA+1 {
					t.Errorf("%d attempts more in A's trail, want 1", n-allA)
				}
			})
		}
	}
}
