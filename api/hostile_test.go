package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// Regressions found by the adversarial probe (probe_test.go). Each case is
// a request an outsider can send; none may reach the database in a form it
// refuses (PostgreSQL refuses NUL and invalid UTF-8 in text and answered
// 500), and each must get the documented answer on both engines
// (CARNET_TEST_POSTGRES runs these on PostgreSQL).

// TestHostileTextInQueries: a query value that is not UTF-8 or holds a
// control character names no record; it is refused with 400 naming the
// parameter instead of reaching a filter.
func TestHostileTextInQueries(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, c := range []struct{ path, field string }{
		{"/api/v1/actors?name=%00", "name"},
		{"/api/v1/actors?name=M%C3%A9dia%FF", "name"},
		{"/api/v1/actors?commune=Marseille%07", "commune"},
		{"/api/v1/services?name=%00", "name"},
		{"/api/v1/services?name=%FF%FE", "name"},
		{"/api/v1/users?email=%00", "email"},
		{"/api/v1/users?email=a%C0%AF@example.fr", "email"},
		{"/api/v1/actors?source=caf%00", "source"},
		{"/api/v1/referrals?person_name=%00", "person_name"},
		{"/api/v1/changes?source=%E2%80%AEcaf", "source"},
	} {
		t.Run(c.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: e.Admin})
			if r.Code != 400 || !hasAll(fields(t, r), c.field) {
				t.Errorf("%d %s, want 400 naming %s", r.Code, r.Body, c.field)
			}
		})
	}
}

// TestHostileIDsInPaths: ids that are no UUID (a NUL here) are records
// that do not exist.
func TestHostileIDsInPaths(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"PATCH", "/api/v1/actors/" + a + "/members/%00", obj{"role": "member"}},
		{"DELETE", "/api/v1/actors/" + a + "/members/%00", nil},
		{"PATCH", "/api/v1/actors/" + a + "/members/" + strings.Repeat("x", 36), obj{"role": "member"}},
		{"PATCH", "/api/v1/actors/" + a + "/join-requests/%00", obj{"status": "accepted"}},
		{"PATCH", "/api/v1/actors/" + a + "/join-requests/%FF", obj{"status": "refused", "reason": "Non"}},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: c.method, Path: c.path, Token: e.Admin, Body: c.body})
			if r.Code != 404 {
				t.Errorf("%d %s, want 404", r.Code, r.Body)
			}
		})
	}
}
