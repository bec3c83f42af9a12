package api_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/hsds"
)

// Regressions found by the adversarial probe (probe_test.go). Each case is
// a request an outsider can send; none may reach the database in a form it
// refuses (PostgreSQL refuses NUL and invalid UTF-8 in text and answered
// 500), and each must get the documented answer on both engines
// (CARNET_TEST_POSTGRES runs these on PostgreSQL).

// TestHostileTextInQueries: a query value that is not UTF-8 or holds a
// control character names no record; it is refused with 400 naming the
// parameter instead of reaching a filter.
func TestHostileTextInQueries(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, c := range []struct{ path, field string }{
		{"/api/v1/actors?name=%00", "name"},
		{"/api/v1/actors?name=M%C3%A9dia%FF", "name"},
		{"/api/v1/actors?commune=Marseille%07", "commune"},
		{"/api/v1/services?name=%00", "name"},
		{"/api/v1/services?name=%FF%FE", "name"},
		{"/api/v1/users?email=%00", "email"},
		{"/api/v1/users?email=a%C0%AF@example.fr", "email"},
		{"/api/v1/actors?source=caf%00", "source"},
		{"/api/v1/referrals?person_name=%00", "person_name"},
		{"/api/v1/changes?source=%E2%80%AEcaf", "source"},
	} {
		t.Run(c.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: e.Admin})
			if r.Code != 400 || !hasAll(fields(t, r), c.field) {
				t.Errorf("%d %s, want 400 naming %s", r.Code, r.Body, c.field)
			}
		})
	}
}

// TestHostileIDsInPaths: ids that are no UUID (a NUL here) are records
// that do not exist.
func TestHostileIDsInPaths(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"PATCH", "/api/v1/actors/" + a + "/members/%00", obj{"role": "member"}},
		{"DELETE", "/api/v1/actors/" + a + "/members/%00", nil},
		{"PATCH", "/api/v1/actors/" + a + "/members/" + strings.Repeat("x", 36), obj{"role": "member"}},
		{"PATCH", "/api/v1/actors/" + a + "/join-requests/%00", obj{"status": "accepted"}},
		{"PATCH", "/api/v1/actors/" + a + "/join-requests/%FF", obj{"status": "refused", "reason": "Non"}},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: c.method, Path: c.path, Token: e.Admin, Body: c.body})
			if r.Code != 404 {
				t.Errorf("%d %s, want 404", r.Code, r.Body)
			}
		})
	}
}

// TestHostileLogin: an e-mail no account can have is wrong credentials,
// like any other.
func TestHostileLogin(t *testing.T) {
	e := apitest.New(t)
	for _, email := range []string{"\x00", apitest.AdminEmail + "\x00", "a\xffb@example.fr"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": email, "password": apitest.AdminPassword}})
		if r.Code != 401 {
			t.Errorf("%q: %d %s, want 401", email, r.Code, r.Body)
		}
	}
}

// TestHostileSourceKeys: a partner's key that cannot be stored rejects its
// record, never the batch: the other records of the batch or file are
// written.
func TestHostileSourceKeys(t *testing.T) {
	e := apitest.New(t)
	addr := obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: e.Admin, Body: obj{"actors": []obj{
		{"source_id": "a\x00b", "name": "Clé nulle", "address": addr},
		{"source_id": "lieu-1", "name": "Lieu", "address": addr},
	}}})
	if r.Code != 200 {
		t.Fatalf("sync actors: %d %s", r.Code, r.Body)
	}
	res := r.Map()
	if c := res["counts"].(map[string]any); c["created"] != float64(1) || c["rejected"] != float64(1) {
		t.Errorf("sync actors: %v", res)
	}
	svc := func(sourceID, actorSourceID string) obj {
		return obj{"source_id": sourceID, "actor_source_id": actorSourceID, "name": "Aide", "kind": "procedures_done_with",
			"themes": []string{"Aide aux démarches administratives"}}
	}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/services", Token: e.Admin, Body: obj{"services": []obj{
		svc("s\x00", "lieu-1"), svc("s2", "lieu\x00"), svc("s3", "lieu-1"),
	}}})
	if r.Code != 200 {
		t.Fatalf("sync services: %d %s", r.Code, r.Body)
	}
	res = r.Map()
	if c := res["counts"].(map[string]any); c["created"] != float64(1) || c["rejected"] != float64(2) {
		t.Errorf("sync services: %v", res)
	}
	place := func(id, name string) obj {
		return obj{"id": id, "nom": name, "adresse": "1 rue", "code_postal": "13001", "commune": "Marseille",
			"pivot": "00000000000000", "date_maj": "2026-01-02", "services": "Aide aux démarches administratives"}
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/caf-13/import", Token: e.Admin, Body: []obj{place("p\x00", "Nulle"), place("p2", "Lieu 2")}})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	// An import cleans such characters from its cells, with a warning.
	if rep := r.Map(); rep["actors"].(map[string]any)["created"] != float64(2) || !strings.Contains(r.Body.String(), `"field":"id"`) {
		t.Errorf("import: %v", rep)
	}
}

// TestHostileReferralMessage: a message is text like any other field: no
// control character (NUL broke PostgreSQL; others were stored and shown to
// the other structure), no text-direction override.
func TestHostileReferralMessage(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	for _, body := range []string{"a\x00b", "Rappel\x07", "Mardi \u202e01 h 01", "\x1b[31mrouge"} {
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": body}})
		if r.Code != 422 || !hasAll(fields(t, r), "body") {
			t.Errorf("%q: %d %s, want 422 naming body", body, r.Code, r.Body)
		}
	}
	// Line breaks and tabs are a message's own.
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": "Bonjour,\n\tmardi 10 h ?"}})
	if r.Code != 201 {
		t.Errorf("a message with line breaks: %d %s", r.Code, r.Body)
	}
}

// TestEmptyListsAreArrays: a list that matches nothing is an empty array,
// as the document says, never null (a typed client fails on null).
func TestEmptyListsAreArrays(t *testing.T) {
	e := apitest.New(t)
	term, _ := hsds.TermOf("themes", "Aide aux démarches administratives")
	for _, path := range []string{
		"/api/hsds/v3/taxonomies?search=zzzz",
		"/api/hsds/v3/taxonomy_terms?search=zzzz",
		"/api/hsds/v3/taxonomy_terms?parent_id=" + term.ID,
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if c, ok := r.Map()["contents"].([]any); r.Code != 200 || !ok || len(c) != 0 {
			t.Errorf("%s: %d %s, want an empty contents array", path, r.Code, r.Body)
		}
	}
}

// TestTrailOfAClientWithoutScopes: a client registered without scopes (a
// partner that only reads: "scopes": [], which must be said; an absent
// list is refused, TestRequiredMembersAreRequired) is traced with an
// empty list of scopes, as its record shows it, not null.
func TestTrailOfAClientWithoutScopes(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "Carte de la métropole", "sources": []string{"metropole"}, "scopes": []string{}}})
	if r.Code != 201 {
		t.Fatalf("create client: %d %s", r.Code, r.Body)
	}
	id := str(r.Map()["id"])
	r = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + id, Token: e.Admin, Body: obj{"scopes": []string{}, "name": "Carte"}})
	if r.Code != 200 {
		t.Fatalf("update client: %d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?subject_kind=client", Token: e.Admin})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	for _, x := range r.Map()["data"].([]any) {
		ev := x.(map[string]any)
		if ev["action"] == "client.created" {
			if s, ok := ev["details"].(map[string]any)["scopes"].([]any); !ok || len(s) != 0 {
				t.Errorf("client.created details: %v", ev["details"])
			}
		}
	}
}

// TestBodyLimitDocumented: every route that reads a body answers 413 over
// the limit (handlers.ReadBody), so the document says so for each; routes
// without a body are in TestRequestRulesBodyLimit.
func TestBodyLimitDocumented(t *testing.T) {
	doc := apitest.Spec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody != nil && op.Responses.Status(413) == nil {
				t.Errorf("%s %s reads a body but does not document 413", method, path)
			}
		}
	}
	e := apitest.New(t, apitest.WithMaxBody(1024))
	big := obj{"email": "invite@example.fr", "message": strings.Repeat("x", 2048)}
	for _, c := range []struct{ method, path string }{
		{"POST", "/api/v1/invitations"}, {"PATCH", "/api/v1/me"}, {"POST", "/api/v1/webhooks"}, {"POST", "/api/v1/auth/login"},
	} {
		if r := e.Do(apitest.Request{Method: c.method, Path: c.path, Token: e.Admin, Body: big}); r.Code != 413 {
			t.Errorf("%s %s: %d %s, want 413", c.method, c.path, r.Code, r.Body)
		}
	}
}

// TestCompressedBodiesRefused: request bodies are read as sent; one in a
// content coding (a partner gzipping its batch) is refused with 415 saying
// so (RFC 9110 §15.5.16), not read as broken JSON or CSV.
func TestCompressedBodiesRefused(t *testing.T) {
	e := apitest.New(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"name":"Lieu","address":{"street":"1 rue","postal_code":"13001","commune":"Marseille"}}`))
	_ = zw.Close()
	for _, c := range []struct{ method, path, ct string }{
		{"POST", "/api/v1/actors", "application/json"},
		{"POST", "/api/v1/sync/caf-13/import", "application/json"},
		{"PUT", "/api/v1/sync/caf-13/actors", "application/json"},
		{"POST", "/api/v1/auth/token", "application/x-www-form-urlencoded"},
	} {
		r := e.Do(apitest.Request{Method: c.method, Path: c.path, Token: e.Admin, Body: gz.Bytes(), ContentType: c.ct, Header: map[string]string{"Content-Encoding": "gzip"}})
		if r.Code != 415 || r.Header().Get("Accept-Encoding") != "identity" {
			t.Errorf("%s %s: %d %v %s, want 415 with Accept-Encoding: identity", c.method, c.path, r.Code, r.Header(), r.Body)
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor("Lieu"), Header: map[string]string{"Content-Encoding": "identity"}})
	if r.Code != 201 {
		t.Errorf("identity coding: %d %s", r.Code, r.Body)
	}
}

// TestReferralCursorCheckedForEveryone: a cursor the list did not write is
// refused even when the caller belongs to no structure (the list is then
// empty, but a client must learn that its cursor is broken).
func TestReferralCursorCheckedForEveryone(t *testing.T) {
	e := apitest.New(t)
	_, alone := e.Account("seul@example.fr", nil, models.Territory{})
	for _, tok := range []string{e.Admin, alone} {
		for _, cur := range []string{"-1", "x", "eyJzIjoiaWQifQ"} {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?cursor=" + cur, Token: tok})
			if r.Code != 400 || !hasAll(fields(t, r), "cursor") {
				t.Errorf("cursor=%s: %d %s, want 400 naming cursor", cur, r.Code, r.Body)
			}
		}
	}
}

// TestSuggestionClearingAField: a suggestion is a merge patch, where null
// clears a field; the suggestion shows its changes as sent (the document's
// free-form changes accept null, as OpenAPI 3.0.3 says of untyped schemas).
func TestSuggestionClearingAField(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, merge(validActor("Médiathèque"), obj{"summary": "Ancien résumé"}))["id"])
	_, tok := e.Account("visiteur@example.fr", nil, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/suggestions", Token: tok, Body: obj{"changes": obj{"summary": nil}}})
	if r.Code != 201 {
		t.Fatalf("suggest: %d %s", r.Code, r.Body)
	}
	id := str(r.Map()["id"])
	if ch := r.Map()["changes"].(map[string]any); len(ch) != 1 || ch["summary"] != nil {
		t.Errorf("changes: %v", ch)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/suggestions/" + id, Token: e.Admin}); r.Code != 200 {
		t.Errorf("get: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + id, Token: e.Admin, Body: obj{"status": "accepted"}}); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a}).Map()["summary"]; got != "" {
		t.Errorf("summary after the accepted suggestion: %q", got)
	}
}

// TestImportObjectCells: no column of the standard holds a JSON object;
// one is ignored with a warning (the row is then judged without it), never
// stored as its JSON text (a street « {"voie":…} » on every map).
func TestImportObjectCells(t *testing.T) {
	e := apitest.New(t)
	place := func(id string, extra obj) obj {
		p := obj{"id": id, "nom": "Lieu " + id, "adresse": "1 rue", "code_postal": "13001", "commune": "Marseille",
			"date_maj": "2026-01-02", "services": "Aide aux démarches administratives"}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/caf-13/import", Token: e.Admin, Body: []obj{
		place("p1", obj{"adresse": obj{"numero": "1", "voie": "rue de la Paix"}}),
		place("p2", obj{"horaires": obj{"lundi": "9h-12h"}, "telephone": []any{"04 91 00 00 00", obj{"x": 1}}}),
	}})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	rep := r.Map()
	if rep["rejected"] != float64(0) || rep["actors"].(map[string]any)["created"] != float64(2) {
		t.Errorf("import: %v", rep)
	}
	warned := map[string]bool{}
	for _, x := range rep["issues"].([]any) {
		is := x.(map[string]any)
		if strings.Contains(str(is["reason"]), "JSON object") {
			warned[str(is["row"])+" "+str(is["field"])] = true
		}
	}
	// An address written as an object is read (session 44:
	// TestNestedAddressAndPositionAreRead), its number before its street.
	if !strings.Contains(fmt.Sprint(get(t, e, "/api/v1/actors?source=caf-13")["data"]), "1 rue de la Paix") {
		t.Errorf("p1's address not read as « 1 rue de la Paix »")
	}
	for _, want := range []string{"2 horaires", "2 telephone"} {
		if !warned[want] {
			t.Errorf("no issue for the object in row/column %s: %v", want, rep["issues"])
		}
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=caf-13"}).Map()["data"].([]any)
	for _, x := range list {
		a := x.(map[string]any)
		if b, _ := json.Marshal(a); strings.Contains(string(b), `{\"`) {
			t.Errorf("an object stored as text: %s", b)
		}
	}
}
