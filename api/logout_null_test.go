package api_test

import (
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestLogoutEverywhereIsABoolean: « everywhere »: null was read as false,
// and the caller who meant to end every session (a lost phone) got 204
// with only this one ended (verify36 N7). null and a value that is no
// boolean are 400 naming the field, and the session is not ended.
func TestLogoutEverywhereIsABoolean(t *testing.T) {
	e := apitest.New(t)
	e.Account("perdu@carnet.test", nil, models.Territory{})
	s := login(t, e, "perdu@carnet.test", "a password for tests")
	for _, v := range []any{nil, "true", 1} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": s.refresh, "everywhere": v}})
		if r.Code != 400 || !hasAll(fields(t, r), "everywhere") {
			t.Errorf("everywhere %v: %d %s", v, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: s.access}); r.Code != 200 {
		t.Errorf("the session was ended by a refused logout: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": s.refresh, "everywhere": true}}); r.Code != 204 {
		t.Errorf("everywhere true: %d %s", r.Code, r.Body)
	}
}
