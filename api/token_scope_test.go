package api_test

import (
	"net/url"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
)

// TestClientTokenScope: a partner client may ask for a token narrowed to
// some of its scopes (RFC 6749 §3.3, `scope`, space-separated) and the
// answer says which scopes the token carries (§5.1); a scope the client
// was not granted, or no scope of this API, is refused naming the field
// (§5.2's invalid_scope). The token's scopes hold on every request beside
// the client's current ones, so that a narrowed token cannot do what it
// was not asked for (probe49: `scope` was dropped without a word and every
// token carried all the client's scopes).
func TestClientTokenScope(t *testing.T) {
	// Eight token requests of one client: more than its limit allows.
	plenty := api.RateLimit{Every: time.Millisecond, Burst: 100}
	e := apitest.New(t, apitest.WithRateLimits(plenty, plenty))
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin,
		Body: obj{"name": "CAF 13", "sources": []string{"caf-13"}, "scopes": []string{"webhooks:manage", "directory:write"}}})
	if r.Code != 201 {
		t.Fatalf("register client: %d %s", r.Code, r.Body)
	}
	client := r.Map()
	id, secret := str(client["id"]), str(client["client_secret"])
	asForm := func(scope string, given bool) *apitest.Response {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
		if given {
			form.Set("scope", scope)
		}
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), ContentType: "application/x-www-form-urlencoded"})
	}
	asJSON := func(scope string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token",
			Body: obj{"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "scope": scope}})
	}
	cases := []struct {
		name      string
		do        func() *apitest.Response
		want      int
		scope     string // the answer's, when 200
		canCreate bool   // may POST an actor of its source (directory:write)
	}{
		{"OK no scope asked: every scope granted", func() *apitest.Response { return asForm("", false) }, 200, "directory:write webhooks:manage", true},
		{"OK empty scope: every scope granted", func() *apitest.Response { return asForm("  ", true) }, 200, "directory:write webhooks:manage", true},
		{"OK narrowed by the form", func() *apitest.Response { return asForm("webhooks:manage", true) }, 200, "webhooks:manage", false},
		{"OK narrowed by JSON, twice and spaced", func() *apitest.Response { return asJSON(" directory:write  directory:write ") }, 200, "directory:write", true},
		{"ErrBadRequest a scope not granted", func() *apitest.Response { return asForm("sync:write", true) }, 400, "", false},
		{"ErrBadRequest no scope of this API", func() *apitest.Response { return asJSON("directory:write admin") }, 400, "", false},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.do()
			if r.Code != tc.want {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if r.Code != 200 {
				if !hasAll(fields(t, r), "scope") {
					t.Errorf("the scope is not named: %s", r.Body)
				}
				return
			}
			if got := str(r.Map()["scope"]); got != tc.scope {
				t.Errorf("scope %q, want %q", got, tc.scope)
			}
			tok := str(r.Map()["access_token"])
			created := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tok,
				Body: merge(validActor("Point CAF"), obj{"source": "caf-13", "source_id": "p" + string(rune('a'+i))})})
			if (created.Code == 201) != tc.canCreate || created.Code != 201 && created.Code != 403 {
				t.Errorf("create with the token: %d %s", created.Code, created.Body)
			}
		})
	}
	// A person's refresh has no scopes to narrow.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/token", Body: obj{"grant_type": "refresh_token", "refresh_token": "x", "scope": "directory:write"}}); r.Code != 400 || !hasAll(fields(t, r), "scope") {
		t.Errorf("refresh with a scope: %d %s", r.Code, r.Body)
	}
}
