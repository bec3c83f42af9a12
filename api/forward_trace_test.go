package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// trailOf lists the entries of a structure's trail about one referral with
// one action (filtered here, so that an action the trail does not know yet
// is an empty list rather than a 400).
func trailOf(t *testing.T, e *apitest.Env, actorID, managerToken, action, subjectID string) []tracedRead {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actorID + "/trail?limit=200&subject_id=" + subjectID, Token: managerToken})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	var page struct {
		Data []struct {
			Action string `json:"action"`
			tracedRead
		}
	}
	r.JSON(&page)
	var out []tracedRead
	for _, ev := range page.Data {
		if ev.Action == action {
			out = append(out, ev.tracedRead)
		}
	}
	return out
}

var forwardConsent = obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}

// TestForwardByATakenOverAccountIsTraced: an account whose credentials were
// disclosed (its password set with a reset token its structure's manager
// was shown) forwards a referral B received before the disclosure. The new
// referral (B → C) carries the same personal data: its reads by that
// account were not traced, although the original's were, because it was
// created after the disclosure. It now keeps when the forwarding structure
// received that data (the original's sending time): reads of it through
// the account are traced, in B's and in C's trail, exactly as reads of the
// original are — and the forward's own answer, which shows the new
// referral, too. A referral B received after the disclosure, forwarded,
// stays untraced, as the original is. The same time counts for a member
// of B who joined between the original and the forward; C's long-standing
// members, entrusted by the forward, are not traced.
func TestForwardByATakenOverAccountIsTraced(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	svcC := str(createService(t, e, validService(w.c, "Accompagnement fiscal"))["id"])
	managerBUser, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	_, managerC := e.Account("direction.c@example.fr", map[string]models.Role{w.c: models.RoleManager}, models.Territory{})
	before := w.send(t)
	lateUser, late := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	// Taken over by B's long-standing manager, who could read untraced a
	// referral B receives later (an administrator could not: its reads
	// through the account are all traced, TestSec28ManualResetTracesTheIssuersReads).
	member := takeOver(t, e, managerB, w.userB.ID, "mediatrice.b@example.fr")
	after := w.send(t)
	forward := func(id string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: member, Body: obj{"to_service_id": svcC, "consent": forwardConsent}})
		if r.Code != 201 {
			t.Fatalf("forward: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	nextBefore, nextAfter := forward(before), forward(after)

	disclosed := func(ev tracedRead) bool {
		return ev.WhoID == w.userB.ID && ev.Details["reason"] == models.ReadCredentialsDisclosed && ev.Details["issued_by"] == managerBUser.ID
	}
	// The forward's answer showed the new referral's data to the account.
	for _, side := range []struct{ actor, manager string }{{w.b, managerB}, {w.c, managerC}} {
		if got := trailOf(t, e, side.actor, side.manager, "referral.read", nextBefore); len(got) != 1 || !disclosed(got[0]) {
			t.Errorf("the forward's answer in %s's trail: %+v, want one read by the disclosed account", side.actor, got)
		}
		if got := trailOf(t, e, side.actor, side.manager, "referral.read", nextAfter); len(got) != 0 {
			t.Errorf("the forward of a referral received after the disclosure traced in %s's trail: %+v", side.actor, got)
		}
	}

	type row struct {
		name   string
		token  string
		req    func(id string) apitest.Request
		next   string
		traced bool
		reason string
	}
	paths := []struct {
		name string
		req  func(id string) apitest.Request
	}{
		{"GET", func(id string) apitest.Request {
			return apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id}
		}},
		{"messages", func(id string) apitest.Request {
			return apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages"}
		}},
		{"list", func(string) apitest.Request {
			return apitest.Request{Method: "GET", Path: "/api/v1/referrals?limit=200"}
		}},
		{"person_name", func(string) apitest.Request {
			return apitest.Request{Method: "GET", Path: "/api/v1/referrals?limit=1&person_name=" + url.QueryEscape(personLast)}
		}},
	}
	var reads []row
	for _, p := range paths {
		reads = append(reads,
			row{"disclosed account, received before, " + p.name, member, p.req, nextBefore, true, models.ReadCredentialsDisclosed},
			row{"disclosed account, received after, " + p.name, member, p.req, nextAfter, false, ""})
	}
	reads = append(reads,
		row{"member of B who joined after the original", late, paths[0].req, nextBefore, true, models.ReadByMemberJoinedAfter},
		row{"member of B who joined before the original forwarded after", late, paths[0].req, nextAfter, false, ""},
		row{"long-standing member of C", w.memberC, paths[0].req, nextBefore, false, ""},
	)
	for _, rd := range reads {
		t.Run(rd.name, func(t *testing.T) {
			seenB := len(trailOf(t, e, w.b, managerB, "referral.read", rd.next))
			seenC := len(trailOf(t, e, w.c, managerC, "referral.read", rd.next))
			req := rd.req(rd.next)
			req.Token = rd.token
			if r := e.Do(req); r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			gotB := trailOf(t, e, w.b, managerB, "referral.read", rd.next)
			gotC := trailOf(t, e, w.c, managerC, "referral.read", rd.next)
			want := 0
			if rd.traced {
				want = 1
			}
			if len(gotB)-seenB != want || len(gotC)-seenC != want {
				t.Fatalf("%d new reads in B's trail, %d in C's, want %d", len(gotB)-seenB, len(gotC)-seenC, want)
			}
			if !rd.traced {
				return
			}
			ev := gotB[0] // newest first
			if ev.Details["reason"] != rd.reason {
				t.Errorf("traced as %+v, want reason %s", ev, rd.reason)
			}
			if rd.reason == models.ReadCredentialsDisclosed && !disclosed(ev) {
				t.Errorf("traced as %+v", ev)
			}
			if rd.reason == models.ReadByMemberJoinedAfter && ev.WhoID != lateUser.ID {
				t.Errorf("traced as %+v", ev)
			}
		})
	}
}

// TestFailedReferralCallsAreAttemptsNotReads: a call on a referral that
// fails (409, 422, 400…) answered no personal data, yet a caller whose
// reads are traced (here a member who joined after the referral was sent,
// and the platform administrator who added themself to the team) left a
// referral.read in both structures' trails. The choice: such a call is
// traced as referral.access_attempted, with the answer's status — a
// structure's managers still see that someone outside the circle the
// sender entrusted touched the referral, and what came of it, but no read
// that did not happen. A successful call is still a read; an ordinary
// member's failed call leaves nothing, as their reads leave nothing.
func TestFailedReferralCallsAreAttemptsNotReads(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	svcC := str(createService(t, e, validService(w.c, "Accompagnement fiscal"))["id"])
	ownSvc := str(createService(t, e, validService(w.b, "Chez B"))["id"])
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	id := w.send(t)
	refused := w.send(t)
	if r := w.move(w.memberB, refused, "refused", obj{"refusal_reason": "wrong_service"}); r.Code != 200 {
		t.Fatalf("refuse: %d %s", r.Code, r.Body)
	}
	lateUser, late := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + w.b + "/members", Token: e.Admin, Body: obj{"email": apitest.AdminEmail, "role": "member"}})
	if r.Code != 202 {
		t.Fatalf("the administrator joins B: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations/accept", Token: e.Admin, Body: obj{"token": r.Map()["token"]}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	cases := []struct {
		name    string
		ref     string
		req     apitest.Request
		code    int
		read    bool
		attempt bool
	}{
		{"ErrConflict transition the lifecycle forbids", id, apitest.Request{Method: "POST", Path: "/transitions", Body: obj{"status": "completed"}}, 409, false, true},
		{"ErrValidation transition without a reason", id, apitest.Request{Method: "POST", Path: "/transitions", Body: obj{"status": "refused"}}, 422, false, true},
		{"ErrBadRequest transition with an unknown field", id, apitest.Request{Method: "POST", Path: "/transitions", Body: obj{"status": "accepted", "person": obj{}}}, 400, false, true},
		{"ErrValidation empty message", id, apitest.Request{Method: "POST", Path: "/messages", Body: obj{"body": ""}}, 422, false, true},
		{"ErrValidation forward without consent", id, apitest.Request{Method: "POST", Path: "/forward", Body: obj{"to_service_id": svcC}}, 422, false, true},
		{"ErrValidation forward to one's own structure", id, apitest.Request{Method: "POST", Path: "/forward", Body: obj{"to_service_id": ownSvc, "consent": forwardConsent}}, 422, false, true},
		{"ErrConflict forward of a refused referral", refused, apitest.Request{Method: "POST", Path: "/forward", Body: obj{"to_service_id": svcC, "consent": forwardConsent}}, 409, false, true},
		{"ErrPrecondition stale If-Match", id, apitest.Request{Method: "POST", Path: "/transitions", Body: obj{"status": "accepted"}, Header: map[string]string{"If-Match": `"9"`}}, 412, false, true},
		{"ErrBadRequest messages with a bad cursor", id, apitest.Request{Method: "GET", Path: "/messages?cursor=nope"}, 400, false, true},
		{"OK GET is a read", id, apitest.Request{Method: "GET"}, 200, true, false},
		{"OK message is a read", id, apitest.Request{Method: "POST", Path: "/messages", Body: obj{"body": "Nous la rappelons."}}, 201, true, false},
	}
	callers := []struct {
		name   string
		token  string
		userID string
		traced bool
	}{
		{"member who joined after", late, lateUser.ID, true},
		{"administrator", e.Admin, e.AdminUser.ID, true},
		{"long-standing member", w.memberB, w.userB.ID, false},
	}
	for _, who := range callers {
		for _, tc := range cases {
			t.Run(who.name+"/"+tc.name, func(t *testing.T) {
				reads := len(trailOf(t, e, w.b, managerB, "referral.read", tc.ref))
				attempts := len(trailOf(t, e, w.b, managerB, "referral.access_attempted", tc.ref))
				req := tc.req
				req.Path, req.Token = "/api/v1/referrals/"+tc.ref+req.Path, who.token
				if r := e.Do(req); r.Code != tc.code {
					t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.code)
				}
				gotReads := trailOf(t, e, w.b, managerB, "referral.read", tc.ref)
				gotAttempts := trailOf(t, e, w.b, managerB, "referral.access_attempted", tc.ref)
				wantReads, wantAttempts := 0, 0
				if who.traced && tc.read {
					wantReads = 1
				}
				if who.traced && tc.attempt {
					wantAttempts = 1
				}
				if len(gotReads)-reads != wantReads || len(gotAttempts)-attempts != wantAttempts {
					t.Fatalf("%d reads and %d attempts traced, want %d and %d", len(gotReads)-reads, len(gotAttempts)-attempts, wantReads, wantAttempts)
				}
				if wantAttempts == 1 {
					ev := gotAttempts[0]
					if ev.WhoID != who.userID || ev.Details["reason"] == nil || ev.Details["status"] != float64(tc.code) {
						t.Errorf("attempt traced as %+v", ev)
					}
					// The sending structure sees it too.
					if got := trailOf(t, e, w.a, w.managerA, "referral.access_attempted", tc.ref); len(got) == 0 || got[0].WhoID != who.userID {
						t.Errorf("A's trail: %+v", got)
					}
				}
			})
		}
	}
}

// TestForwardNamesEveryOffendingField: a forward with mistakes in several
// groups — the body's consent, the model's checks (consent date,
// commitment, message) and the target service, which needs the database —
// answered only the first group's. Every offending field is named at once,
// as a new referral's are.
func TestForwardNamesEveryOffendingField(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	ownSvc := str(createService(t, e, validService(w.b, "Chez B"))["id"])
	svcC := str(createService(t, e, validService(w.c, "Accompagnement fiscal"))["id"])
	id := w.send(t)
	longMsg := strings.Repeat("a", 2001)
	cases := []struct {
		name string
		body obj
		want []string
	}{
		{"ErrValidation no consent, unknown service", obj{"to_service_id": models.NewID()}, []string{"consent", "to_service_id"}},
		{"ErrValidation consent not given, own structure", obj{"to_service_id": ownSvc, "consent": obj{"given": false, "given_on": "2026-11-20", "referent_commitment": true}},
			[]string{"consent.given", "to_service_id"}},
		{"ErrValidation consent not given, malformed service, no commitment, long message", obj{"to_service_id": "nope", "message": longMsg, "consent": obj{"given": false}},
			[]string{"consent.given", "consent.given_on", "consent.referent_commitment", "to_service_id", "message"}},
		{"ErrValidation no date, no commitment, unknown service", obj{"to_service_id": models.NewID(), "consent": obj{"given": true}},
			[]string{"consent.given_on", "consent.referent_commitment", "to_service_id"}},
		{"ErrValidation no consent, long message, good service", obj{"to_service_id": svcC, "message": longMsg}, []string{"consent", "message"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: tc.body})
			got := fields(t, r)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if r.Code != 422 || !slices.Equal(got, want) {
				t.Errorf("%d fields %v, want 422 %v: %s", r.Code, got, want, r.Body)
			}
			if d := str(r.Map()["detail"]); d != "The forward is invalid." {
				t.Errorf("detail %q, want the forward's", d)
			}
		})
	}
	// The target service alone wrong: the forward's refusal too.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: obj{"to_service_id": models.NewID(), "consent": forwardConsent}})
	if d := str(r.Map()["detail"]); r.Code != 422 || d != "The forward is invalid." {
		t.Errorf("unknown service alone: %d %q, want 422 « The forward is invalid. »", r.Code, d)
	}
	// Still untouched: a valid forward goes through.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: obj{"to_service_id": svcC, "consent": forwardConsent}}); r.Code != 201 {
		t.Errorf("forward: %d %s", r.Code, r.Body)
	}
}

// TestReferralNamesEveryOffendingField: a new referral whose body is
// invalid and whose target service is wrong named the body's fields only;
// the client fixed them and learnt then that the service was wrong. Both
// groups are named at once, as a forward's are.
func TestReferralNamesEveryOffendingField(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	ownSvc := str(createService(t, e, validService(w.a, "Chez A"))["id"])
	with := func(changes obj) obj {
		b := referralBody(w.a, w.s)
		for k, v := range changes {
			b[k] = v
		}
		return b
	}
	cases := []struct {
		name  string
		token string
		body  obj
		want  []string
	}{
		{"ErrValidation no consent, unknown service", w.memberA, with(obj{"consent": obj{"given": false, "given_on": "2026-11-20", "referent_commitment": true}, "to_service_id": models.NewID()}), []string{"consent.given", "to_service_id"}},
		{"ErrValidation no themes, own structure's service", w.memberA, with(obj{"themes": []string{}, "to_service_id": ownSvc}), []string{"themes", "to_service_id"}},
		{"ErrValidation long message, referent channel without contact", w.bareA, with(obj{"message": strings.Repeat("a", 2001), "person": obj{"first_name": personFirst, "last_name": personLast, "contact_channel": "referent"}}), []string{"message", "person.contact_channel"}},
		{"ErrValidation no themes, good service", w.memberA, with(obj{"themes": []string{}}), []string{"themes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: tc.token, Body: tc.body})
			got := fields(t, r)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if r.Code != 422 || !slices.Equal(got, want) {
				t.Errorf("%d fields %v, want 422 %v: %s", r.Code, got, want, r.Body)
			}
		})
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)}); r.Code != 201 {
		t.Errorf("a valid referral: %d %s", r.Code, r.Body)
	}
}
