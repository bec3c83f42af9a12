package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// A client that names the media types it wants, and only those, is refused
// with 406 when the operation answers none of them, told what it answers
// and where the type it asked for is answered; browsers' and libraries'
// headers, with their */*, are answered as before. Before, an actor list
// asked for text/csv answered JSON under 200.
func TestAcceptNegotiated(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct {
		method, path, accept string
		status               int
		contentType          string // of a success
		hint                 string // in the 406's reason
	}{
		{"GET", "/api/v1/actors", "text/csv", 406, "", "text/csv is answered by GET /api/v1/exports/{format}"},
		{"GET", "/api/v1/actors", "application/geo+json", 406, "", "GET /api/v1/stats/territory/geojson"},
		{"GET", "/api/v1/services?limit=1", "application/xml", 406, "", "answers: application/json"},
		{"GET", "/api/v1/actors", "application/json;q=0", 406, "", "answers: application/json"},
		{"GET", "/api/v1/actors", "text/csv, application/xml;q=0.5", 406, "", "text/csv is answered by"},
		{"POST", "/api/v1/auth/login", "text/csv", 406, "", "answers: application/json"},
		{"GET", "/api/v1/actors", "", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "*/*", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "application/json, text/plain, */*", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "application/*", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "APPLICATION/JSON; charset=utf-8", 200, "application/json", ""},
		{"GET", "/api/v1/actors", "json", 200, "application/json", ""}, // no media range: read as absent
		{"GET", "/api/v1/actors", "application/json;q=abc", 200, "application/json", ""},
		// Operations answering JSON and CSV follow the qualities, not the order.
		{"GET", "/api/v1/stats/territory?departement=13", "text/csv;q=0.5, application/json", 200, "application/json", ""},
		{"GET", "/api/v1/stats/territory?departement=13", "application/json;q=0.5, text/csv", 200, "text/csv", ""},
		{"GET", "/api/v1/stats/territory?departement=13", "text/*", 200, "text/csv", ""},
		{"GET", "/api/v1/stats/territory?departement=13", "text/plain", 406, "", "answers: application/json, text/csv"},
		{"GET", "/api/v1/exports/standard-csv", "text/csv", 200, "text/csv", ""},
		// Nothing to negotiate: no such route, or a success without a body.
		{"GET", "/api/v1/nowhere", "text/csv", 404, "", ""},
		{"DELETE", "/api/v1/webhooks/0195f1d2-0000-7000-8000-000000000000", "text/csv", 401, "", ""}, // refused for its missing token, not its Accept
	} {
		req := apitest.Request{Method: tc.method, Path: tc.path, Header: map[string]string{"Accept": tc.accept}}
		if tc.method == "POST" { // the login
			req.Body = map[string]string{"email": "a@example.org", "password": "not the password"}
		}
		r := e.Do(req)
		if r.Code != tc.status {
			t.Errorf("%s %s Accept %q: %d, want %d: %s", tc.method, tc.path, tc.accept, r.Code, tc.status, r.Body)
			continue
		}
		if tc.contentType != "" && !strings.HasPrefix(r.Header().Get("Content-Type"), tc.contentType) {
			t.Errorf("%s %s Accept %q: Content-Type %q, want %s", tc.method, tc.path, tc.accept, r.Header().Get("Content-Type"), tc.contentType)
		}
		if tc.status != 406 {
			continue
		}
		m := r.Map()
		errs, _ := m["errors"].([]any)
		if len(errs) != 1 {
			t.Errorf("%s %s Accept %q: errors %v", tc.method, tc.path, tc.accept, m["errors"])
			continue
		}
		fe, _ := errs[0].(map[string]any)
		if reason, _ := fe["reason"].(string); fe["field"] != "Accept" || !strings.Contains(reason, tc.hint) {
			t.Errorf("%s %s Accept %q: %v, want a reason containing %q", tc.method, tc.path, tc.accept, fe, tc.hint)
		}
		if m["type"] != "urn:carnet:problem:not_acceptable" {
			t.Errorf("%s %s Accept %q: type %v", tc.method, tc.path, tc.accept, m["type"])
		}
	}
}
