package api_test

import (
	"bytes"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/webhook"
)

// The request rules of a public API (README, « API conventions »):
//  1. the body limit applies where a body is read, and only there;
//  2. a write refuses a query parameter its operation does not declare;
//  3. If-Match and If-None-Match as RFC 9110 defines them.

// TestRequestRulesDocumented: the document says 413 on exactly the
// operations that read a body, 400 on every write, and every write of the
// router is an operation of the document (knownQueries takes the declared
// parameters from it: an undocumented write would go unchecked).
func TestRequestRulesDocumented(t *testing.T) {
	doc := apitest.Spec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if reads, documented := op.RequestBody != nil, op.Responses.Status(413) != nil; reads != documented {
				t.Errorf("%s %s: reads a body %v, documents 413 %v", method, path, reads, documented)
			}
			if method != "GET" && op.Responses.Status(400) == nil {
				t.Errorf("%s %s is a write without 400", method, path)
			}
		}
	}
	e := apitest.New(t)
	param := regexp.MustCompile(`[:*]([a-z_]+)`)
	for _, route := range e.Routes() {
		method, path, _ := strings.Cut(route, " ")
		if method == "GET" || method == "HEAD" {
			continue
		}
		path = param.ReplaceAllString(path, "{$1}")
		if item := doc.Paths.Value(path); item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s %s is a write the document does not describe", method, path)
		}
	}
}

// TestRequestRulesBodyLimit: a body over the limit answers 413 where the
// operation reads one (JSON, an import, the Idempotency-Key's hash, a body
// of unknown length); an operation without a body ignores it.
func TestRequestRulesBodyLimit(t *testing.T) {
	e := apitest.New(t, apitest.WithMaxBody(1024))
	big := `{"note":"` + strings.Repeat("x", 2048) + `"}`
	id := func() string { return str(createActor(t, e, validActor("Lieu"))["id"]) }
	archived := id()
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + archived, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	client := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF", "sources": []string{"caf"}, "scopes": []string{"directory:write"}}})
	if client.Code != 201 {
		t.Fatalf("client: %d %s", client.Code, client.Body)
	}
	csv := "id,nom\n" + strings.Repeat("p,"+strings.Repeat("y", 100)+"\n", 20)
	for _, tc := range []struct {
		name         string
		method, path string
		body         string
		ct           string
		header       map[string]string
		want         int
	}{
		{"OK DELETE ignores a body", "DELETE", "/api/v1/actors/" + id(), big, "", nil, 204},
		{"OK restore ignores a body", "POST", "/api/v1/actors/" + archived + "/restore", big, "", nil, 200},
		{"OK secret rotation ignores a body", "POST", "/api/v1/clients/" + str(client.Map()["id"]) + "/secret", big, "", nil, 200},
		{"OK read ignores a body", "GET", "/api/v1/actors/" + id(), big, "", nil, 200},
		{"OK list ignores a body", "GET", "/api/v1/actors", big, "", nil, 200},
		{"ErrTooLarge JSON body", "POST", "/api/v1/actors", big, "", nil, 413},
		{"ErrTooLarge JSON body with Idempotency-Key", "POST", "/api/v1/actors", big, "", map[string]string{"Idempotency-Key": "k-413"}, 413},
		{"ErrTooLarge merge patch", "PATCH", "/api/v1/actors/" + id(), big, "application/merge-patch+json", nil, 413},
		{"ErrTooLarge import", "POST", "/api/v1/sync/caf/import", csv, "text/csv", nil, 413},
		{"ErrTooLarge optional body", "POST", "/api/v1/webhooks/01936f0e-0000-7000-8000-000000000000/replay", big, "", nil, 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: tc.body, ContentType: tc.ct, Header: tc.header})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.want == 413 && !strings.Contains(r.Map()["detail"].(string), "1024 bytes") {
				t.Errorf("detail %v", r.Map()["detail"])
			}
		})
	}
	// A body of unknown length is measured while it is read.
	for _, tc := range []struct {
		method, path string
		want         int
	}{{"POST", "/api/v1/actors", 413}, {"DELETE", "/api/v1/actors/" + id(), 204}} {
		req := httptest.NewRequest(tc.method, tc.path, bytes.NewReader([]byte(big)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+e.Admin)
		rr := httptest.NewRecorder()
		e.Handler.ServeHTTP(rr, req)
		if rr.Code != tc.want || tc.want == 413 && rr.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s %s of unknown length: %d %s, want %d", tc.method, tc.path, rr.Code, rr.Body, tc.want)
		}
	}
}

// TestRequestRulesUnknownQuery: a write with a query parameter its
// operation does not declare answers 400 naming it and writes nothing,
// before authentication; reads keep their behaviour, but for a query string
// that cannot be read whole.
func TestRequestRulesUnknownQuery(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Lieu"))
	path := "/api/v1/actors/" + str(a["id"])
	sync := obj{"actors": []obj{partnerActor("p1", "Point CAF")}}
	place := []obj{{"id": "p1", "nom": "Lieu", "adresse": "1 rue", "code_postal": "13001", "commune": "Marseille",
		"pivot": "00000000000000", "date_maj": "2026-01-02", "services": "Aide aux démarches administratives"}}
	for _, tc := range []struct {
		name         string
		method, path string
		token        string
		body         any
		ct           string
		want         int
		field        string // the parameter the problem names
	}{
		{"ErrUnknown dry run misspelt (sync)", "PUT", "/api/v1/sync/hub/actors?dry_rn=true", e.Admin, sync, "", 400, "dry_rn"},
		{"ErrUnknown dry run misspelt (import)", "POST", "/api/v1/sync/hub/import?dry_rn=true", e.Admin, place, "", 400, "dry_rn"},
		{"ErrUnknown force on DELETE", "DELETE", path + "?force=1", e.Admin, nil, "", 400, "force"},
		{"ErrUnknown before authentication", "DELETE", path + "?force=1", "", nil, "", 400, "force"},
		{"ErrUnknown on an operation without parameters", "PATCH", path + "?dry_run=true", e.Admin, obj{"summary": "x"}, "application/merge-patch+json", 400, "dry_run"},
		{"ErrUnknown a name without value", "POST", "/api/v1/actors?force", e.Admin, validActor("Autre"), "", 400, "force"},
		{"ErrUnknown beside a known one", "PUT", "/api/v1/sync/hub/actors?dry_run=true&mode=snapshot&forse=1", e.Admin, sync, "", 400, "forse"},
		{"ErrMalformed escape", "PUT", "/api/v1/sync/hub/actors?dry_run=%zz", e.Admin, sync, "", 400, "dry_run"},
		{"ErrMalformed semicolon", "PUT", "/api/v1/sync/hub/actors?dry_run=true;mode=snapshot", e.Admin, sync, "", 400, "dry_run"},
		{"ErrUnauthorized without unknown parameter", "DELETE", path, "", nil, "", 401, ""},
		{"ErrUnknown on a list (as before)", "GET", "/api/v1/actors?nam=Lieu", "", nil, "", 400, "nam"},
		{"OK read of one record ignores it (as before)", "GET", path + "?force=1", "", nil, "", 200, ""},
		// A read that takes parameters refuses a query string it cannot
		// read whole: url.Values dropped the pair, and the search answered
		// every département as if it had filtered by 13 and 84.
		// A flag named without a value was read as absent: the partner's
		// check (?dry_run) wrote for real.
		{"ErrBareFlag dry_run without a value", "PUT", "/api/v1/sync/hub/actors?dry_run", e.Admin, sync, "", 400, "dry_run"},
		{"ErrBareFlag dry_run empty", "PUT", "/api/v1/sync/hub/actors?dry_run=", e.Admin, sync, "", 400, "dry_run"},
		{"ErrBareFlag on a list", "GET", "/api/v1/actors?include_archived", "", nil, "", 400, "include_archived"},
		{"ErrMalformed semicolon on a search", "GET", "/api/v1/search/services?q=impots&departement=13;84", "", nil, "", 400, "departement"},
		{"ErrMalformed escape on a list", "GET", "/api/v1/actors?departement=13%zz", "", nil, "", 400, "departement"},
		{"ErrMalformed semicolon on an export", "GET", "/api/v1/exports/standard-csv?departement=13;84", "", nil, "", 400, "departement"},
		{"OK read of one record ignores a malformed one too", "GET", path + "?a=1;b", "", nil, "", 200, ""},
		{"OK declared parameter", "PUT", "/api/v1/sync/hub/actors?dry_run=true", e.Admin, sync, "", 200, ""},
		{"OK deprecated alias is declared", "POST", "/api/v1/sync/hub/import?snapshot=false&dry_run=true", e.Admin, place, "", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: tc.token, Body: tc.body, ContentType: tc.ct})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.field != "" && !slices.Contains(fields(t, r), tc.field) {
				t.Errorf("the problem names %v, want %s: %s", fields(t, r), tc.field, r.Body)
			}
		})
	}
	// Nothing was written: the actor is there, unchanged; the source empty.
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}); r.Code != 200 || versionTag(r) != `"1"` {
		t.Errorf("the actor after refused writes: %d %s", r.Code, r.Header().Get("ETag"))
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub"}); r.Code != 200 || r.Map()["meta"].(map[string]any)["total"] != float64(0) {
		t.Errorf("the source after refused and dry runs: %d %s", r.Code, r.Body)
	}
	// The problem lists what the operation takes.
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors?dry_rn=true", Token: e.Admin, Body: sync})
	if !strings.Contains(r.Body.String(), "known: allow_mass_archive, dry_run, mode") {
		t.Errorf("the problem does not list the known parameters: %s", r.Body)
	}
}

// TestRequestRulesPreconditionWithoutVersions: a write whose resource has
// no versions (no ETag) refuses If-Match and If-None-Match with 400 naming
// the header, before authentication, and writes nothing: the condition
// could not be checked, and a client believing its update guarded against
// lost updates would overwrite another's change unknowingly (it was
// ignored). Writes with versions keep checking them.
func TestRequestRulesPreconditionWithoutVersions(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Lieu"))
	patchMe := func(tok string, h map[string]string, title string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Header: h,
			Body: obj{"job_title": title}, ContentType: "application/merge-patch+json"})
	}
	for _, tc := range []struct {
		name   string
		token  string
		header map[string]string
		want   int
		field  string
	}{
		{"ErrIfMatch on a resource without versions", e.Admin, map[string]string{"If-Match": `"1"`}, 400, "If-Match"},
		{"ErrIfMatch star", e.Admin, map[string]string{"If-Match": "*"}, 400, "If-Match"},
		{"ErrIfNoneMatch", e.Admin, map[string]string{"If-None-Match": `"7"`}, 400, "If-None-Match"},
		{"ErrIfMatch before authentication", "", map[string]string{"If-Match": `"1"`}, 400, "If-Match"},
		{"ErrUnauthorized without a precondition", "", nil, 401, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := patchMe(tc.token, tc.header, "Refusé")
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.field != "" && !slices.Contains(fields(t, r), tc.field) {
				t.Errorf("the problem names %v, want %s: %s", fields(t, r), tc.field, r.Body)
			}
		})
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: e.Admin}); r.Code != 200 || strings.Contains(r.Body.String(), "Refusé") {
		t.Errorf("a refused write changed the account: %d %s", r.Code, r.Body)
	}
	if r := patchMe(e.Admin, nil, "Accepté"); r.Code != 200 {
		t.Errorf("without a precondition: %d %s", r.Code, r.Body)
	}
	// A write with versions still takes them.
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin,
		Header: map[string]string{"If-Match": `"1"`}, Body: obj{"summary": "x"}, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Errorf("If-Match on an actor: %d %s", r.Code, r.Body)
	}
}

// TestRequestRulesIfMatch: RFC 9110's If-Match and If-None-Match on
// conditional writes, in order on one actor (its version in comments).
func TestRequestRulesIfMatch(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(webhook.Config{Guard: webhook.Guard{AllowPrivate: true}}))
	a := createActor(t, e, validActor("Lieu"))
	path := "/api/v1/actors/" + str(a["id"])
	steps := []struct {
		name   string
		header map[string]string
		want   int
		field  string
	}{
		{"OK one of a list", map[string]string{"If-Match": `"1", "2"`}, 200, ""},                          // → 2
		{"ErrPrecondition none of a list", map[string]string{"If-Match": `"1", "3"`}, 412, ""},            // 2
		{"OK * while it exists", map[string]string{"If-Match": `*`}, 200, ""},                             // → 3
		{"ErrPrecondition weak tag never matches", map[string]string{"If-Match": `W/"3"`}, 412, ""},       // 3
		{"OK strong tag beside a weak one", map[string]string{"If-Match": `W/"3", "3"`}, 200, ""},         // → 4
		{"OK empty list elements", map[string]string{"If-Match": `, "4" ,,`}, 200, ""},                    // → 5
		{"ErrPrecondition a tag the API never sent", map[string]string{"If-Match": `"abc"`}, 412, ""},     // 5
		{"ErrPrecondition not canonical", map[string]string{"If-Match": `"05"`}, 412, ""},                 // 5
		{"ErrBadRequest unquoted", map[string]string{"If-Match": `5`}, 400, "If-Match"},                   // 5
		{"ErrBadRequest empty", map[string]string{"If-Match": ``}, 400, "If-Match"},                       // 5
		{"ErrBadRequest * in a list", map[string]string{"If-Match": `*, "5"`}, 400, "If-Match"},           // 5
		{"ErrBadRequest lowercase weak", map[string]string{"If-Match": `w/"5"`}, 400, "If-Match"},         // 5
		{"ErrPrecondition If-None-Match * (it exists)", map[string]string{"If-None-Match": `*`}, 412, ""}, // 5
		{"ErrPrecondition If-None-Match names it", map[string]string{"If-None-Match": `"4", "5"`}, 412, ""},
		{"ErrPrecondition If-None-Match compares weakly", map[string]string{"If-None-Match": `W/"5"`}, 412, ""},
		{"ErrBadRequest If-None-Match malformed", map[string]string{"If-None-Match": `"5`}, 400, "If-None-Match"},
		{"OK If-None-Match an older version", map[string]string{"If-None-Match": `"4"`}, 200, ""}, // → 6
		{"ErrPrecondition both, one fails", map[string]string{"If-Match": `"6"`, "If-None-Match": `"6"`}, 412, ""},
		{"OK both hold", map[string]string{"If-Match": `"6"`, "If-None-Match": `"5"`}, 200, ""},                                      // → 7
		{"OK If-None-Match of the next version: a write answers 200, never 304", map[string]string{"If-None-Match": `"8"`}, 200, ""}, // → 8
	}
	version := 1
	for i, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"summary": "Étape " + str(i)},
				ContentType: "application/merge-patch+json", Header: tc.header})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.want == 200 {
				version++
			}
			if tc.field != "" && !slices.Contains(fields(t, r), tc.field) {
				t.Errorf("the problem names %v, want %s", fields(t, r), tc.field)
			}
		})
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}); versionTag(r) != `"`+str(version)+`"` {
		t.Errorf("ETag %s after the steps, want version %d", r.Header().Get("ETag"), version)
	}

	// Several If-Match field lines are one list.
	req := httptest.NewRequest("PATCH", path, strings.NewReader(`{"summary":"lignes"}`))
	req.Header.Set("Content-Type", "application/merge-patch+json")
	req.Header.Set("Authorization", "Bearer "+e.Admin)
	req.Header.Add("If-Match", `"1"`)
	req.Header.Add("If-Match", `"`+str(version)+`"`)
	rr := httptest.NewRecorder()
	e.Handler.ServeHTTP(rr, req)
	if rr.Code != 200 {
		t.Errorf("two If-Match lines: %d %s", rr.Code, rr.Body)
	}

	// The other conditional writes read the same headers: a service (whose
	// ETag carries its actor's version), deletion, restore, a webhook.
	sv := createService(t, e, validService(str(a["id"]), "Atelier"))
	spath := "/api/v1/services/" + str(sv["id"])
	hook := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": "http://127.0.0.1:9/carnet"}})
	if hook.Code != 201 {
		t.Fatalf("webhook: %d %s", hook.Code, hook.Body)
	}
	hpath := "/api/v1/webhooks/" + str(hook.Map()["id"])
	other := "/api/v1/actors/01936f0e-0000-7000-8000-000000000000"
	for _, tc := range []struct {
		name         string
		method, path string
		body         any
		header       map[string]string
		want         int
	}{
		{"ErrNotFound before any precondition", "DELETE", other, nil, map[string]string{"If-None-Match": `*`}, 404},
		{"ErrPrecondition service, stale in a list", "PATCH", spath, obj{"name": "Atelier 2"}, map[string]string{"If-Match": `"2.1", "3"`}, 412},
		{"OK service, its own version with the actor's", "PATCH", spath, obj{"name": "Atelier 2"}, map[string]string{"If-Match": `"9", "1.9"`}, 200},
		{"ErrBadRequest service DELETE", "DELETE", spath, nil, map[string]string{"If-Match": `2`}, 400},
		{"ErrPrecondition service DELETE", "DELETE", spath, nil, map[string]string{"If-None-Match": `*`}, 412},
		{"OK service DELETE", "DELETE", spath, nil, map[string]string{"If-Match": `*`}, 204},
		{"ErrBadRequest restore", "POST", spath + "/restore", nil, map[string]string{"If-Match": `"3" "4"`}, 400},
		{"ErrPrecondition restore", "POST", spath + "/restore", nil, map[string]string{"If-Match": `W/"3"`}, 412},
		{"OK restore", "POST", spath + "/restore", nil, map[string]string{"If-Match": `"1", "3"`}, 200},
		{"ErrPrecondition webhook", "PATCH", hpath, obj{"description": "x"}, map[string]string{"If-Match": `"2", "3"`}, 412},
		{"ErrBadRequest webhook", "PATCH", hpath, obj{"description": "x"}, map[string]string{"If-None-Match": `nope`}, 400},
		{"OK webhook", "PATCH", hpath, obj{"description": "x"}, map[string]string{"If-Match": `"2", "1"`, "If-None-Match": `W/"2"`}, 200},
		{"OK actor DELETE", "DELETE", path, nil, map[string]string{"If-Match": `*`}, 204},
		{"ErrGone before any precondition", "PATCH", path, obj{"summary": "x"}, map[string]string{"If-Match": `*`}, 410},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := ""
			if tc.method == "PATCH" {
				ct = "application/merge-patch+json"
			}
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: tc.body, ContentType: ct, Header: tc.header})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
		})
	}
}

// TestRequestRulesParameterHints: clients bring the parameter names of
// other APIs (lat/lon, page/offset, code_insee, open_now) or misspell
// ours (theme, typologie); the 400 names what to write instead, beside
// the list of known parameters.
func TestRequestRulesParameterHints(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct {
		path, field, hint string
	}{
		{"/api/v1/search/actors?lat=43.29&lon=5.37", "lat", "near=LAT,LON"},
		{"/api/v1/search/actors?latitude=43.29", "latitude", "near=LAT,LON"},
		{"/api/v1/search/services?lng=5.37", "lng", "near=LAT,LON"},
		{"/api/v1/search/actors?near=43.29,5.37&radius=2", "radius", "radius_km"},
		{"/api/v1/search/actors?page=2", "page", "cursor"},
		{"/api/v1/actors?offset=20", "offset", "cursor"},
		{"/api/v1/actors?per_page=20", "per_page", "limit"},
		{"/api/v1/search/actors?code_insee=13055", "code_insee", "commune"},
		{"/api/v1/search/actors?open_now=true", "open_now", "open_at"},
		{"/api/v1/search/services?theme=x", "theme", "themes"},
		{"/api/v1/search/actors?typologie=BIB", "typologie", "typologies"},
		{"/api/v1/search/actors?query=caf", "query", "q"},
		{"/api/v1/search/actors?departemnt=13", "departemnt", "departement"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: tc.path})
			if r.Code != 400 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			var reason string
			for _, f := range r.Map()["errors"].([]any) {
				if m := f.(map[string]any); m["field"] == tc.field {
					reason = m["reason"].(string)
				}
			}
			if !strings.Contains(reason, "did you mean") || !strings.Contains(reason, tc.hint) || !strings.Contains(reason, "known: ") {
				t.Errorf("%s: %q, want a hint naming %s", tc.field, reason, tc.hint)
			}
		})
	}
	// No hint where nothing is close: the list alone.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?zzz=1"})
	if r.Code != 400 || strings.Contains(r.Body.String(), "did you mean") {
		t.Errorf("zzz: %d %s", r.Code, r.Body)
	}
}
