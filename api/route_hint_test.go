package api_test

import (
	"slices"
	"sort"

	"carnet/handlers"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// A request that matches no route says what the client most likely meant:
// integrators guess paths (a trailing slash, the version left out or
// another one, a singular, the search at /api/v1/search) before they read
// the document.
func TestNoRouteHints(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ method, path, hint string }{
		{"GET", "/api/v1/actors/", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api//v1//actors", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api/v1/search?q=caf", "Routes under it: GET /api/v1/search/actors, GET /api/v1/search/services"},
		{"GET", "/v1/actors", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api/v2/services", "Did you mean GET /api/v1/services?"},
		{"GET", "/actors?departement=13", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api/v1/actor", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api/v1/Actors", "Did you mean GET /api/v1/actors?"},
		{"GET", "/api/v1/sevices/0195f1d2-0000-7000-8000-000000000000", "Did you mean GET /api/v1/services/0195f1d2-0000-7000-8000-000000000000?"},
		{"GET", "/api/v1/search/service", "Did you mean GET /api/v1/search/services?"},
		{"POST", "/api/v1/referral", "Did you mean POST /api/v1/referrals?"},
		{"DELETE", "/api/v1/vocabularies/themes/", "Did you mean /api/v1/vocabularies/themes (it allows GET)?"},
		{"GET", "/api/v1/actors/x/history/", "Did you mean GET /api/v1/actors/x/history?"},
	} {
		r := e.Do(apitest.Request{Method: tc.method, Path: tc.path})
		if r.Code != 404 {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, r.Code, r.Body)
			continue
		}
		if d, _ := r.Map()["detail"].(string); !strings.HasPrefix(d, "No route matches") || !strings.Contains(d, tc.hint) {
			t.Errorf("%s %s: %q, want %q", tc.method, tc.path, d, tc.hint)
		}
	}
	// Nothing close: no guess.
	for _, path := range []string{"/api/v1/zzzz/qqqq", "/wp-login.php", "/" + strings.Repeat("a/", 40)} {
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if d, _ := r.Map()["detail"].(string); r.Code != 404 || strings.Contains(d, "Did you mean") || strings.Contains(d, "Routes under") {
			t.Errorf("%s: %d %q", path, r.Code, d)
		}
	}
}

// A client who brings search parameters to a list (near, q, themes, or
// another API's lat) is told the search that takes them; the lists of
// search parameters the handlers hold are the document's.
func TestListsPointToTheirSearch(t *testing.T) {
	e := apitest.New(t)
	doc := e.Doc()
	declared := func(path string) map[string]bool {
		out := map[string]bool{}
		for _, p := range doc.Paths.Value(path).Get.Parameters {
			if p.Value.In == "query" {
				out[p.Value.Name] = true
			}
		}
		return out
	}
	for _, tc := range []struct {
		list, search string
		held         []string
	}{
		{"/api/v1/actors", "/api/v1/search/actors", handlers.ActorSearchParameters()},
		{"/api/v1/services", "/api/v1/search/services", handlers.ServiceSearchParameters()},
	} {
		list, search := declared(tc.list), declared(tc.search)
		var want []string
		for p := range search {
			if !list[p] {
				want = append(want, p)
			}
		}
		sort.Strings(want)
		if !slices.Equal(want, tc.held) {
			t.Errorf("%s: the handlers hold %v, the document says %v", tc.search, tc.held, want)
		}
	}
	for _, tc := range []struct{ path, field, hint string }{
		{"/api/v1/actors?near=43.29,5.37&radius_km=2", "near", "near is a parameter of GET /api/v1/search/actors"},
		{"/api/v1/actors?near=43.29,5.37&radius_km=2", "radius_km", "radius_km is a parameter of GET /api/v1/search/actors"},
		{"/api/v1/actors?lat=43.29", "lat", "near is a parameter of GET /api/v1/search/actors"},
		{"/api/v1/actors?q=mediatheque", "q", "q is a parameter of GET /api/v1/search/actors"},
		{"/api/v1/actors?themes=x", "themes", "themes is a parameter of GET /api/v1/search/actors"},
		{"/api/v1/services?open_on=saturday", "open_on", "open_on is a parameter of GET /api/v1/search/services"},
		{"/api/v1/services?typologies=BIB", "typologies", "typologies is a parameter of GET /api/v1/search/services"},
		{"/api/v1/actors?offset=20", "offset", "did you mean cursor"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: tc.path})
		if r.Code != 400 {
			t.Errorf("%s: %d %s", tc.path, r.Code, r.Body)
			continue
		}
		var reason string
		for _, f := range r.Map()["errors"].([]any) {
			if m := f.(map[string]any); m["field"] == tc.field {
				reason = m["reason"].(string)
			}
		}
		if !strings.Contains(reason, tc.hint) {
			t.Errorf("%s: %s: %q, want %q", tc.path, tc.field, reason, tc.hint)
		}
	}
}
