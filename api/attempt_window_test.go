package api_test

import (
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSec33RepeatedAttemptsAreRecordedOnce reproduces probe33's third
// finding: 100 refused GETs of a referral by a third structure's manager
// added 100 rows to both structures' security trails (append-only, kept
// for ever), burying the reads their managers look for. A caller's
// repeats of the same refused call on the same referral now leave one row
// per hour (the first at once); another call, another caller, or the same
// call an hour later are recorded.
func TestSec33RepeatedAttemptsAreRecordedOnce(t *testing.T) {
	var mu sync.Mutex
	offset := time.Duration(0)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return time.Now().Add(offset)
	}
	w := newReferralWorld(t, apitest.WithClock(now))
	e := w.e
	// Tokens are issued again after the clock moves an hour on.
	mgrA, _ := e.Account("direction.a@example.fr", map[string]models.Role{w.a: models.RoleManager}, models.Territory{})
	mgrB, _ := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	cUser, managerC := e.Account("direction.c@example.fr", map[string]models.Role{w.c: models.RoleManager}, models.Territory{})
	id := w.send(t)
	count := func() (int, int) {
		return len(trailOf(t, e, w.a, e.TokenFor(mgrA.ID), "referral.access_attempted", id)), len(trailOf(t, e, w.b, e.TokenFor(mgrB.ID), "referral.access_attempted", id))
	}
	steps := []struct {
		name  string
		token func() string
		req   apitest.Request
		times int
		more  int
	}{
		{"100 GETs by C's manager", func() string { return managerC }, apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id}, 100, 1},
		{"another call", func() string { return managerC }, apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages"}, 5, 1},
		{"another caller", func() string { return w.memberC }, apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id}, 5, 1},
		{"the same GET an hour later", func() string {
			mu.Lock()
			offset += models.AttemptWindow + time.Minute
			mu.Unlock()
			return e.TokenFor(cUser.ID)
		}, apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id}, 5, 1},
	}
	for _, st := range steps {
		a0, b0 := count()
		st.req.Token = st.token()
		for range st.times {
			if r := e.Do(st.req); r.Code != 404 {
				t.Fatalf("%s: %d %s", st.name, r.Code, r.Body)
			}
		}
		if a, b := count(); a-a0 != st.more || b-b0 != st.more {
			t.Errorf("%s: %d rows more in A's trail, %d in B's, want %d", st.name, a-a0, b-b0, st.more)
		}
	}
}

// TestSec33NetworkManagersSeeNoReferralEvents reproduces probe33's fourth
// finding: a network's manager read a member structure's trail, which
// names each traced read of its referrals (the referral, the other
// structure, the reason), although statistics withhold small counts from
// them. The trail is the structure's record of who saw its people's data;
// a network's manager is neither of a referral's structures: they see the
// team's events, not the referrals'.
func TestSec33NetworkManagersSeeNoReferralEvents(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	network := str(createActor(t, e, validActor("Réseau des médiathèques"))["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.b, Token: e.Admin, Body: obj{"parent_id": network}}); r.Code != 200 {
		t.Fatalf("join the network: %d %s", r.Code, r.Body)
	}
	_, netManager := e.Account("tete.reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	id := w.send(t)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: e.Admin}); r.Code != 404 {
		t.Fatalf("an outsider's attempt: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberC}); r.Code != 404 {
		t.Fatalf("an outsider's attempt: %d", r.Code)
	}
	for _, tc := range []struct {
		name      string
		token     string
		referrals bool
	}{
		{"B's manager", managerB, true},
		{"administrator", e.Admin, true},
		{"network's manager", netManager, false},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?limit=200", Token: tc.token})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", tc.name, r.Code, r.Body)
		}
		var page struct {
			Data []struct {
				Action      string `json:"action"`
				SubjectKind string `json:"subject_kind"`
			}
		}
		r.JSON(&page)
		referrals, team := 0, 0
		for _, ev := range page.Data {
			if ev.SubjectKind == models.SubjectReferral {
				referrals++
			} else {
				team++
			}
		}
		if (referrals > 0) != tc.referrals || team == 0 {
			t.Errorf("%s: %d referral events, %d others", tc.name, referrals, team)
		}
	}
}
