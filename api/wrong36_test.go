package api_test

import (
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSearchRemoteContradiction: remote=false keeps services not given
// remotely, include_remote=true adds those given only remotely: together
// they asked for rows the filter then removed, and the answer silently
// dropped the second. Refused (422) naming both, as orientation refuses
// remote_only with accept_remote false.
func TestSearchRemoteContradiction(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&remote=false&include_remote=true"})
	if r.Code != 422 {
		t.Fatalf("remote=false&include_remote=true: %d, want 422: %s", r.Code, r.Body)
	}
	if got := fields(t, r); !hasAll(got, "remote", "include_remote") {
		t.Errorf("fields %v, want remote and include_remote", got)
	}
	for _, ok := range []string{"remote=true&include_remote=true", "remote=false&include_remote=false", "remote=false", "include_remote=true"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&" + ok}); r.Code != 200 {
			t.Errorf("%s: %d, want 200: %s", ok, r.Code, r.Body)
		}
	}
}

// TestDisabledMembersAreNoTeam: a structure whose only members are
// disabled accounts counted as having a team: a referral to it was taken
// (201) although nobody could log in to read it, and a coordinator could
// not curate its contacts. Only active accounts make a team, on every path
// of the rule (referral, forward, commitments).
func TestDisabledMembersAreNoTeam(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	d := str(createActor(t, e, validActor("Équipe partie"))["id"])
	svcD := str(createService(t, e, validService(d, "Permanence"))["id"])
	u, _ := e.Account("parti.d@example.fr", map[string]models.Role{d: models.RoleManager}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": true}}); r.Code != 200 {
		t.Fatalf("disable: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)})
	if r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("referral to a structure whose only member is disabled: %d %s", r.Code, r.Body)
	}
	id := w.send(t)
	fwd := obj{"to_service_id": svcD, "consent": forwardConsent}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: fwd}); r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("forward to it: %d %s", r.Code, r.Body)
	}
	// Nobody decides for it: the coordinator curates it as the directory's.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + d, Token: w.coord, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Errorf("coordinator on a structure whose team is disabled: %d %s", r.Code, r.Body)
	}
	// Enabled again, it has a team again.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": false}}); r.Code != 200 {
		t.Fatalf("enable: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)}); r.Code != 201 {
		t.Errorf("referral once its member is active: %d %s", r.Code, r.Body)
	}
}
