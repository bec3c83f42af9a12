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
