package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// identityFree are the GET routes whose answer is the same for every
// caller, signed in or not: they keep their public caching headers.
var identityFree = map[string]bool{
	"GET /openapi.yaml": true, "GET /openapi.json": true, "GET /docs/*file": true,
	"GET /healthz": true, "GET /readyz": true,
	"GET /api/v1/vocabularies": true, "GET /api/v1/vocabularies/:name": true,
	"GET /api/v1/exports/:format": true,
}

// TestProbe36L4SignedInAnswersAreNotStored: authenticated reads (the
// referral statistics in JSON and CSV, an actor with its private contacts,
// draft services) carried no Cache-Control: a shared cache or the browser's
// disk could keep them. Every answer to a signed-in GET of the route
// matrix now says private, no-store, except routes whose answer does not
// depend on the caller.
func TestProbe36L4SignedInAnswersAreNotStored(t *testing.T) {
	w := newWorld(t)
	for _, e := range matrix() {
		if !strings.HasPrefix(e.route, "GET ") || identityFree[e.route] ||
			strings.HasPrefix(e.route, "GET /api/hsds/") { // HSDS reads no token: the public view for all

			continue
		}
		for _, role := range []string{"admin", "manager"} {
			c := e.build(w, role, true)
			for _, accept := range []string{"", "text/csv"} {
				r := w.e.Do(apitest.Request{Method: c.method, Path: c.path, Token: w.tokens[role], NotInSpec: c.notInSpec, Header: map[string]string{"Accept": accept}})
				if r.Code >= 300 {
					continue
				}
				if cc := r.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") || !strings.Contains(cc, "private") {
					t.Errorf("%s as %s (Accept %q): %d with Cache-Control %q, want private, no-store", c.path, role, accept, r.Code, cc)
				}
			}
		}
	}
}
