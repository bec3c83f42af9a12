package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// obj is a JSON object literal.
type obj = map[string]any

// validActor returns a minimal valid actor body; name distinguishes actors.
func validActor(name string) obj {
	return obj{
		"name":    name,
		"address": obj{"street": "2 rue de la République", "postal_code": "13002", "commune": "Marseille", "insee_code": "13055"},
	}
}

// validService returns a minimal valid service body for actorID.
func validService(actorID, name string) obj {
	return obj{
		"actor_id": actorID,
		"name":     name,
		"kind":     "procedures_done_with",
		"themes":   []string{"Aide aux démarches administratives"},
	}
}

// createActor creates an actor as the administrator and returns its JSON.
func createActor(t *testing.T, e *apitest.Env, body obj) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body})
	if r.Code != http.StatusCreated {
		t.Fatalf("create actor: %d %s", r.Code, r.Body)
	}
	return r.Map()
}

func createService(t *testing.T, e *apitest.Env, body obj) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: body})
	if r.Code != http.StatusCreated {
		t.Fatalf("create service: %d %s", r.Code, r.Body)
	}
	return r.Map()
}

// fields returns the field names listed in a problem's errors.
func fields(t *testing.T, r *apitest.Response) []string {
	t.Helper()
	var p struct {
		Errors []struct{ Field string } `json:"errors"`
	}
	r.JSON(&p)
	out := make([]string, len(p.Errors))
	for i, e := range p.Errors {
		out[i] = e.Field
	}
	return out
}

func hasAll(got []string, want ...string) bool {
	set := map[string]bool{}
	for _, g := range got {
		set[g] = true
	}
	for _, w := range want {
		if !set[w] {
			return false
		}
	}
	return true
}

func str(v any) string { return fmt.Sprint(v) }

func newAdmin(email string) models.NewUser {
	return models.NewUser{Email: email, Password: "another passphrase for the tests", PlatformAdmin: true}
}

// versionTag is a response's ETag without the digest of its body that ends
// it: the part that names the version (and the view) for If-Match.
func versionTag(r *apitest.Response) string {
	q := strings.Trim(r.Header().Get("ETag"), `"`)
	if i := strings.LastIndexByte(q, '.'); i > 0 {
		q = q[:i]
	}
	return `"` + q + `"`
}

// listedServices returns the ids GET /api/v1/services?query lists to tok.
func listedServices(t *testing.T, e *apitest.Env, tok, query string) map[string]bool {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?" + query, Token: tok})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	var l struct{ Data []struct{ ID string } }
	r.JSON(&l)
	out := map[string]bool{}
	for _, s := range l.Data {
		out[s.ID] = true
	}
	return out
}

// syncFirst sends one sync batch as the administrator and returns the
// report's first record, failing the test unless the batch answers 200.
func syncFirst(t *testing.T, e *apitest.Env, path string, body obj) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: path, Token: e.Admin, Body: body})
	if r.Code != 200 {
		t.Fatalf("PUT %s: %d %s", path, r.Code, r.Body)
	}
	return r.Map()["results"].([]any)[0].(obj)
}

// syncedService is a partner's sync record of a service of help with
// procedures, keyed sourceID, at the place actorSourceID, with extra's keys.
func syncedService(sourceID, actorSourceID string, extra obj) obj {
	return merge(obj{"source_id": sourceID, "actor_source_id": actorSourceID, "name": "Atelier", "kind": "procedures_done_with",
		"themes": []string{"Aide aux démarches administratives"}}, extra)
}
