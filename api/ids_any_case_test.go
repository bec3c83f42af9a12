package api_test

import (
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestIDsInAnyCase: a UUID is the same id in capitals (RFC 9562 §4: read
// case-insensitively, written in lower case). Bodies accepted it so; a path
// answered 404 and a query filter 400 « must be a UUID » — the probe of
// 2026-12-07's info finding. Every path now reads an id as the body does,
// and the answer gives it in lower case.
func TestIDsInAnyCase(t *testing.T) {
	w := newReferralWorld(t)
	created := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)})
	if created.Code != http.StatusCreated {
		t.Fatalf("referral: %d %s", created.Code, created.Body)
	}
	ref := str(created.Map()["id"])
	up := strings.ToUpper
	cases := []struct {
		name   string
		path   string
		token  string
		want   int
		wantID string
	}{
		{"OK actor in capitals", "/api/v1/actors/" + up(w.a), "", 200, w.a},
		{"OK service in capitals", "/api/v1/services/" + up(w.s), "", 200, w.s},
		{"OK actor history in capitals", "/api/v1/actors/" + up(w.a) + "/history", w.managerA, 200, ""},
		{"OK referral in capitals, its sender", "/api/v1/referrals/" + up(ref), w.memberA, 200, ref},
		{"OK referral in capitals, its receiver", "/api/v1/referrals/" + up(ref), w.memberB, 200, ref},
		{"ErrNotFound referral in capitals, an outsider", "/api/v1/referrals/" + up(ref), w.memberC, 404, ""},
		{"OK members in capitals", "/api/v1/actors/" + up(w.a) + "/members", w.managerA, 200, ""},
		{"OK referrals filtered by actor in capitals", "/api/v1/referrals?actor_id=" + up(w.a), w.memberA, 200, ""},
		{"OK duplicates filtered by actor in capitals", "/api/v1/duplicates?actor_id=" + up(w.a), w.coord, 200, ""},
		{"OK children filtered by parent in capitals", "/api/v1/actors?parent_id=" + up(w.a), "", 200, ""},
		{"ErrValidation a filter of no id", "/api/v1/referrals?actor_id=abc", w.memberA, 400, ""},
		{"ErrNotFound a path of no id", "/api/v1/actors/abc", "", 404, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := w.e.Do(apitest.Request{Method: "GET", Path: tc.path, Token: tc.token})
			if r.Code != tc.want {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if tc.wantID != "" {
				if got := str(r.Map()["id"]); got != tc.wantID {
					t.Errorf("id %q, want %q", got, tc.wantID)
				}
			}
		})
	}
	// A write through a path in capitals reaches the same record.
	r := w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + up(w.a), Token: w.managerA,
		Body: obj{"summary": "Accueil numérique"}})
	if r.Code != http.StatusOK || str(r.Map()["id"]) != w.a {
		t.Fatalf("PATCH in capitals: %d %s", r.Code, r.Body)
	}
}
