package api_test

import (
	"fmt"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// TestProbe36L2L3MailingRoutesAreLimited: one manager sent 110 invitations
// to outside addresses in a burst, and an account with no role posted 40
// suggestions (each e-mailing the structure's managers): no limit. Both now
// have one per sending account, and invitations one per structure too,
// answered 429 problem+json with Retry-After.
func TestProbe36L2L3MailingRoutesAreLimited(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications(), apitest.WithConfig(func(c *api.Config) {
		c.Mailing = api.RateLimit{Every: time.Hour, Burst: 3}
	}))
	libA := str(createActor(t, e, validActor("Médiathèque A"))["id"])
	libB := str(createActor(t, e, validActor("Médiathèque B"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{libA: models.RoleManager, libB: models.RoleManager}, models.Territory{})
	_, mgr2 := e.Account("mgr2@example.fr", map[string]models.Role{libA: models.RoleManager}, models.Territory{})
	invite := func(tok, actor string, i int) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actor + "/members", Token: tok,
			Body: obj{"email": fmt.Sprintf("guest%d@elsewhere%d.example", i, i), "role": "member"}})
	}
	for i := 0; i < 3; i++ {
		if r := invite(mgr, libA, i); r.Code != 202 {
			t.Fatalf("invitation %d: %d %s", i, r.Code, r.Body)
		}
	}
	r := invite(mgr, libB, 10)
	if r.Code != 429 || r.Header().Get("Retry-After") == "" {
		t.Errorf("the 4th invitation by one account (another structure): %d Retry-After %q, want 429", r.Code, r.Header().Get("Retry-After"))
	}
	if r := invite(mgr2, libA, 20); r.Code != 429 {
		t.Errorf("the 4th invitation to one structure (another manager): %d, want 429", r.Code)
	}

	_, outsider := e.Account("outsider@example.fr", nil, models.Territory{})
	_, other := e.Account("other@example.fr", nil, models.Territory{})
	suggest := func(tok, actor string, i int) int {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actor + "/suggestions", Token: tok,
			Body: obj{"changes": obj{"summary": fmt.Sprintf("Ouvert le samedi %d", i)}}}).Code
	}
	for i := 0; i < 3; i++ {
		if c := suggest(outsider, libA, i); c != 201 {
			t.Fatalf("suggestion %d: %d", i, c)
		}
	}
	if c := suggest(outsider, libB, 10); c != 429 {
		t.Errorf("the 4th suggestion by one account: %d, want 429", c)
	}
	// A suggestion is limited by its author only: a limit per structure let
	// one stranger spend it and refuse everyone else's suggestions about
	// that structure (probe 36's re-test), while invitations, which only the
	// structure's own managers send, keep theirs.
	if c := suggest(other, libA, 20); c != 201 {
		t.Errorf("another account's suggestion about the structure a stranger flooded: %d, want 201", c)
	}
	if c := suggest(other, libB, 30); c != 201 {
		t.Errorf("another account on another structure: %d, want 201", c)
	}
}
