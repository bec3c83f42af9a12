package api_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestIdempotencyKeyKeepsOnlySuccesses reproduces the h32 probe's eighth
// finding, first half: a 422 was stored under its Idempotency-Key, so the
// corrected body sent with the same key answered 422 « reused with a
// different body ». A refused request did nothing: only a success is kept,
// and a retry of the success replays it.
func TestIdempotencyKeyKeepsOnlySuccesses(t *testing.T) {
	e := apitest.New(t)
	good := validActor("Lieu corrigé")
	for _, tc := range []struct {
		name, key string
		first     apitest.Request
		want      int
	}{
		{"ErrValidation then corrected", "k-422", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "Lieu corrigé"}}, 422},
		{"ErrMalformed then corrected", "k-400", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: `{"name": `, ContentType: "application/json"}, 400},
		{"ErrUnsupportedMediaType then corrected", "k-415", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: "name=x", ContentType: "text/plain"}, 415},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := map[string]string{"Idempotency-Key": tc.key}
			tc.first.Header = key
			if r := e.Do(tc.first); r.Code != tc.want {
				t.Fatalf("first: %d %s, want %d", r.Code, r.Body, tc.want)
			}
			// The same refused request again runs again (and is refused again).
			if r := e.Do(tc.first); r.Code != tc.want || r.Header().Get("Idempotent-Replayed") != "" {
				t.Errorf("the refusal again: %d %q", r.Code, r.Header().Get("Idempotent-Replayed"))
			}
			body := merge(good, obj{"name": "Lieu " + tc.key})
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body, Header: key})
			if r.Code != http.StatusCreated {
				t.Fatalf("the corrected body with the same key: %d %s", r.Code, r.Body)
			}
			again := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body, Header: key})
			if again.Code != http.StatusCreated || again.Header().Get("Idempotent-Replayed") != "true" || again.Map()["id"] != r.Map()["id"] {
				t.Errorf("the retry of the success: %d %q %s", again.Code, again.Header().Get("Idempotent-Replayed"), again.Body)
			}
		})
	}
}

// TestIdempotencyKeyOnlyWhereHonoured reproduces the h32 probe's eighth
// finding, second half: the key was silently ignored on PUT, PATCH,
// restore and a duplicate's confirmation, where a client retrying believed
// itself safe. Every write of the document either declares the header and
// honours it (an invalid key is refused by the idempotency middleware) or
// refuses it with 400 naming it, before anything runs, as If-Match is
// refused on operations without versions.
func TestIdempotencyKeyOnlyWhereHonoured(t *testing.T) {
	e := apitest.New(t)
	param := regexp.MustCompile(`\{[^}]+\}`)
	var declared, refused int
	for path, item := range e.Doc().Paths.Map() {
		for method, op := range item.Operations() {
			if method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions {
				continue
			}
			takes := false
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.In == "header" && p.Value.Name == "Idempotency-Key" {
					takes = true
				}
			}
			url := param.ReplaceAllString(path, "01938000-0000-7000-8000-000000000000")
			t.Run(method+" "+path, func(t *testing.T) {
				// A key that is no valid key: the operations that take
				// one refuse its form, the others the header itself.
				r := e.Do(apitest.Request{Method: method, Path: url, Token: e.Admin, Body: obj{}, Header: map[string]string{"Idempotency-Key": "not a key"}})
				var p struct {
					Errors []struct{ Field, Reason string }
				}
				r.JSON(&p)
				if r.Code != 400 || len(p.Errors) != 1 || p.Errors[0].Field != "Idempotency-Key" {
					t.Fatalf("%d %s, want 400 naming Idempotency-Key", r.Code, r.Body)
				}
				if got := strings.Contains(p.Errors[0].Reason, "is not supported"); got == takes {
					t.Errorf("declares the header: %v; answer %q", takes, p.Errors[0].Reason)
				}
			})
			if takes {
				declared++
			} else {
				refused++
			}
		}
	}
	if declared < 14 || refused < 20 {
		t.Errorf("%d operations take the key, %d refuse it", declared, refused)
	}
	// PATCH of an actor with a key: refused, nothing written.
	a := createActor(t, e, validActor("Lieu"))
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin, Body: obj{"summary": "changé"},
		ContentType: "application/merge-patch+json", Header: map[string]string{"Idempotency-Key": "k-1"}})
	if r.Code != 400 || !slices.Contains(fields(t, r), "Idempotency-Key") {
		t.Errorf("PATCH with a key: %d %s", r.Code, r.Body)
	}
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin}).Map()["summary"]; got != "" {
		t.Errorf("the refused PATCH wrote: %v", got)
	}
}
