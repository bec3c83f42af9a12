package api_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"carnet/api/apitest"
	"carnet/models"
)

// The contract must tell typed clients the truth (issue 14). These tests
// hold the published document to what generated clients rely on, and the
// server to the limits the document declares.

func TestContractDocument(t *testing.T) {
	doc := apitest.Spec(t)
	camel := regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		if strings.HasSuffix(path, "/") {
			t.Errorf("%s: paths never end with a slash", path)
		}
		for method, op := range item.Operations() {
			where := method + " " + path
			switch prev, dup := ids[op.OperationID]; {
			case !camel.MatchString(op.OperationID):
				t.Errorf("%s: operationId %q is not camelCase", where, op.OperationID)
			case dup:
				t.Errorf("%s: operationId %q is also %s's", where, op.OperationID, prev)
			}
			ids[op.OperationID] = where
			if op.Security == nil {
				t.Errorf("%s: no security requirement (public operations say security: [] or list {})", where)
			}
			if rb := op.RequestBody; rb != nil {
				for ct, mt := range rb.Value.Content {
					if jsonMedia(ct) && mt.Example == nil {
						t.Errorf("%s: the %s request body has no example", where, ct)
					}
					if ct == "application/merge-patch+json" {
						if req := requiredFields(mt.Schema, nil); len(req) > 0 {
							t.Errorf("%s: a merge patch requires %v: a client sending only what changes would be refused", where, req)
						}
					}
				}
			}
			for code, r := range op.Responses.Map() {
				for ct, mt := range r.Value.Content {
					switch {
					case code >= "400" && ct != "application/problem+json":
						t.Errorf("%s %s: an error answered as %s (errors are problem documents)", where, code, ct)
					case code < "300" && jsonMedia(ct) && mt.Example == nil:
						t.Errorf("%s %s: the %s answer has no example", where, code, ct)
					case code < "300" && mt.Schema != nil && mt.Schema.Value.Type.Is("string") && mt.Schema.Value.Format == "binary":
						t.Errorf("%s %s: %s is declared as a binary string", where, code, ct)
					}
				}
			}
		}
	}
	if len(doc.Servers) == 0 {
		t.Error("no servers")
	}
	pc := doc.Components.SecuritySchemes["PartnerClient"]
	if pc == nil || pc.Value.Flows == nil || pc.Value.Flows.ClientCredentials == nil || pc.Value.Flows.ClientCredentials.TokenURL != "/api/v1/auth/token" {
		t.Error("the client credentials flow of /api/v1/auth/token is not declared")
	}
	if b := doc.Components.SecuritySchemes["BearerAuth"]; b == nil || b.Value.Type != "http" || b.Value.Scheme != "bearer" {
		t.Error("BearerAuth is not an HTTP bearer scheme")
	}
}

func jsonMedia(ct string) bool { return ct == "application/json" || strings.HasSuffix(ct, "+json") }

// requiredFields lists the required fields of a schema and of the objects
// it nests (a merge patch merges them field by field).
func requiredFields(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) []string {
	if seen == nil {
		seen = map[*openapi3.Schema]bool{}
	}
	s := ref.Value
	if s == nil || seen[s] {
		return nil
	}
	seen[s] = true
	out := slices.Clone(s.Required)
	for name, p := range s.Properties {
		for _, r := range requiredFields(p, seen) {
			out = append(out, name+"."+r)
		}
	}
	for _, x := range s.AllOf {
		out = append(out, requiredFields(x, seen)...)
	}
	return out
}

// TestContractLimits sends, for each field of the main request bodies that
// declares a limit, a value just past it, and expects the server to refuse
// that field; for each string field that declares none, a long text, and
// expects no length error: the document's limits are the server's.
func TestContractLimits(t *testing.T) {
	e := apitest.New(t)
	actor := str(createActor(t, e, validActor("Médiathèque"))["id"])
	doc := apitest.Spec(t)
	bodySchema := func(path string) *openapi3.Schema {
		return doc.Paths.Value(path).Post.RequestBody.Value.Content["application/json"].Schema.Value
	}
	cases := []struct {
		path   string
		schema *openapi3.Schema
		valid  func() obj
	}{
		{"/api/v1/actors", bodySchema("/api/v1/actors"), func() obj { return validActor("Lieu") }},
		{"/api/v1/services", bodySchema("/api/v1/services"), func() obj { return validService(actor, "Atelier") }},
	}
	listValue := map[string]func(i int) string{
		"phones":   func(i int) string { return fmt.Sprintf("04 91 00 %02d %02d", i/100, i%100) },
		"emails":   func(i int) string { return fmt.Sprintf("lieu%d@example.fr", i) },
		"websites": func(i int) string { return fmt.Sprintf("https://lieu%d.example.fr", i) },
	}
	lengthErr := regexp.MustCompile(`at most \d+ characters`)
	checked := 0
	for _, c := range cases {
		fields := flatten("", c.schema)
		for _, name := range sortedNames(fields) {
			p := fields[name]
			body := c.valid()
			var want bool
			switch {
			case p.Type.Is("string") && p.MaxLength != nil:
				setPath(body, name, strings.Repeat("é", int(*p.MaxLength)+1))
				if name == "closure_reason" { // kept only with a closure
					body["status"], body["closed_from"] = "temporarily_closed", "2026-07-14"
				}
				want = true
			case p.Type.Is("string") && len(p.Enum) == 0 && p.Format == "" && p.MinLength == 0:
				setPath(body, name, strings.Repeat("a", 10001))
			case (p.Type.Is("number") || p.Type.Is("integer")) && p.Max != nil:
				setPath(body, name, *p.Max+1)
				if name == "latitude" || name == "longitude" {
					body["latitude"], body["longitude"] = 43.3, 5.37
					setPath(body, name, *p.Max+1)
				}
				want = true
			case p.Type.Is("array") && p.MaxItems != nil && listValue[name] != nil:
				var vals []string
				for i := range int(*p.MaxItems) + 1 {
					vals = append(vals, listValue[name](i))
				}
				setPath(body, name, vals)
				want = true
			default:
				continue
			}
			checked++
			r := e.Do(apitest.Request{Method: "POST", Path: c.path, Token: e.Admin, Body: body})
			refused := r.Code == 422 && slices.Contains(fields422(t, r), name)
			switch {
			case want && !refused && c.path == "/api/v1/actors" && name == "address.commune" && r.Code == 201:
				// A name of no commune beside a postal code of one commune
				// is stored as that commune (AddressInput.commune): the
				// place's address is then Marseille's, never the long text.
			case want && !refused:
				t.Errorf("POST %s: %s past its declared limit: %d %.300s", c.path, name, r.Code, r.Body)
			case !want && r.Code == 422 && lengthErr.MatchString(r.Body.String()) && slices.Contains(fields422(t, r), name):
				t.Errorf("POST %s: %s has a length limit the document does not declare: %.300s", c.path, name, r.Body)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d fields checked", checked)
	}
}

// flatten lists the properties of s and of its nested objects by dotted name.
func flatten(prefix string, s *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	for name, p := range s.Properties {
		v := p.Value
		if len(v.AllOf) == 1 {
			v = v.AllOf[0].Value
		}
		if v.Type.Is("object") {
			for k, x := range flatten(prefix+name+".", v) {
				out[k] = x
			}
			continue
		}
		out[prefix+name] = v
	}
	return out
}

func sortedNames(m map[string]*openapi3.Schema) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func setPath(body obj, path string, v any) {
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		body[head] = v
		return
	}
	sub, ok := body[head].(obj)
	if !ok {
		sub = obj{"postal_code": "13002", "commune": "Marseille"}
		body[head] = sub
	}
	setPath(sub, rest, v)
}

func fields422(t *testing.T, r *apitest.Response) []string {
	if r.Code != 422 {
		return nil
	}
	return fields(t, r)
}

// TestContractMergePatch: a typed client sends only the fields that change,
// null clears what can be cleared and is refused for the rest.
func TestContractMergePatch(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Médiathèque"), obj{"summary": "Un résumé", "phones": []string{"04 91 00 00 00"}}))
	id := str(a["id"])
	patch := func(body any, ct string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: body, ContentType: ct})
	}
	for _, ct := range []string{"application/merge-patch+json", "application/json"} {
		r := patch(obj{"opening_hours": "Mo-Fr 09:00-12:00"}, ct)
		if r.Code != 200 || r.Map()["opening_hours"] != "Mo-Fr 09:00-12:00" || r.Map()["name"] != "Médiathèque" {
			t.Errorf("%s with one field: %d %s", ct, r.Code, r.Body)
		}
	}
	if r := patch(obj{"address": obj{"complement": "2e étage"}}, "application/merge-patch+json"); r.Code != 200 ||
		r.Map()["address"].(map[string]any)["complement"] != "2e étage" || r.Map()["address"].(map[string]any)["street"] != "2 rue de la République" {
		t.Errorf("a nested field alone: %d %s", r.Code, r.Body)
	}
	if r := patch(`{"summary": null, "phones": null}`, "application/merge-patch+json"); r.Code != 200 || r.Map()["summary"] != "" || len(r.Map()["phones"].([]any)) != 0 {
		t.Errorf("null clears optional fields: %d %s", r.Code, r.Body)
	}
	if r := patch(`{"name": null}`, "application/merge-patch+json"); r.Code != 422 || !hasAll(fields(t, r), "name") {
		t.Errorf("null on a required field: %d %s", r.Code, r.Body)
	}

	// Patches of pointer fields (/me, /users/{id}, /clients/{id}).
	user, tok := e.Account("camille@example.fr", nil, models.Territory{})
	me := func(body string) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: tok, Body: body, ContentType: "application/merge-patch+json"})
	}
	if r := me(`{"job_title": "Conseillère numérique", "display_name": "Camille"}`); r.Code != 200 || r.Map()["job_title"] != "Conseillère numérique" {
		t.Fatalf("set: %d %s", r.Code, r.Body)
	}
	if r := me(`{"job_title": null}`); r.Code != 200 || r.Map()["job_title"] != "" || r.Map()["display_name"] != "Camille" {
		t.Errorf("null clears job_title and keeps the rest: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + user.ID, Token: e.Admin, Body: `{"disabled": null, "platform_admin": null}`, ContentType: "application/merge-patch+json"})
	if r.Code != 400 || !hasAll(fields(t, r), "disabled", "platform_admin") {
		t.Errorf("null on fields that cannot be removed: %d %s", r.Code, r.Body)
	}
}

// TestContractSecurity checks each operation's security requirement against
// what the server does with a token: security: [] reads none (a bad token
// changes nothing), {} beside a scheme takes one when sent (a bad token is
// refused, none is fine), a scheme alone requires one.
func TestContractSecurity(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	params := regexp.MustCompile(`\{[^}]+\}`)
	checked := 0
	for path, item := range doc.Paths.Map() {
		concrete := params.ReplaceAllString(path, "019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d")
		if strings.Contains(path, "{format}") || strings.Contains(path, "{name}") || strings.Contains(path, "{source}") {
			concrete = params.ReplaceAllString(path, "x")
		}
		for method, op := range item.Operations() {
			optional, required := false, false
			for _, req := range *op.Security {
				if len(req) == 0 {
					optional = true
				} else {
					required = true
				}
			}
			call := func(token string) int {
				req := apitest.Request{Method: method, Path: concrete, Header: map[string]string{}}
				if token != "" {
					req.Header["Authorization"] = "Bearer " + token
				}
				if method != "GET" && method != "DELETE" {
					req.Body = "{}"
				}
				return e.Do(req).Code
			}
			none, bad := call(""), call("not-a-token")
			checked++
			switch {
			case !optional && !required && bad != none:
				t.Errorf("%s %s: security: [], yet a bad token changes the answer (%d → %d)", method, path, none, bad)
			case optional && (none == 401 || bad != 401):
				t.Errorf("%s %s: an optional token: without %d, with a bad one %d (want not 401, then 401)", method, path, none, bad)
			case !optional && required && (none != 401 || bad != 401):
				t.Errorf("%s %s: a required token: without %d, with a bad one %d (want 401)", method, path, none, bad)
			}
		}
	}
	if checked < 90 {
		t.Errorf("only %d operations checked", checked)
	}
}

// TestContractOneEnvelope checks the document for the README's « one
// envelope »: every GET answering a data array either pages with cursor
// and limit and answers meta{limit, next_cursor, has_more} and
// links{self, next} (with meta.total unless it is a feed), or is one of the
// complete sets that are not paged. No operation pages with another
// parameter except a deprecated former name. A list added without the
// envelope fails here.
func TestContractOneEnvelope(t *testing.T) {
	doc := apitest.Spec(t)
	complete := map[string]bool{"/api/v1/vocabularies": true, "/api/v1/exports": true}
	feeds := map[string]bool{"/api/v1/changes": true, "/api/v1/referrals/changes": true}
	paged := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			params := map[string]*openapi3.Parameter{}
			for _, p := range op.Parameters {
				params[p.Value.Name] = p.Value
			}
			for _, name := range []string{"after", "page", "offset", "per_page", "page_size", "next_cursor"} {
				if p := params[name]; p != nil && !p.Deprecated && !strings.HasPrefix(path, "/api/hsds/") {
					t.Errorf("%s %s pages with %s (the one paging parameter is cursor)", method, path, name)
				}
			}
			if method != "GET" || op.Responses.Status(200) == nil || strings.HasPrefix(path, "/api/hsds/") {
				continue
			}
			mt := op.Responses.Status(200).Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil {
				continue
			}
			data := property(mt.Schema, "data")
			if data == nil || !data.Value.Type.Is("array") {
				continue
			}
			if complete[path] {
				if property(mt.Schema, "meta") != nil || params["cursor"] != nil {
					t.Errorf("%s: a complete set is not paged", path)
				}
				continue
			}
			paged++
			if params["cursor"] == nil || params["limit"] == nil || params["limit"].Schema.Value.Max == nil {
				t.Errorf("%s: a list pages with cursor and a bounded limit", path)
			}
			want := []string{"limit", "next_cursor", "has_more"}
			if !feeds[path] {
				want = append(want, "total")
			}
			meta := property(mt.Schema, "meta")
			for _, f := range want {
				if meta == nil || property(meta, f) == nil {
					t.Errorf("%s: meta has no %s", path, f)
				}
			}
			links := property(mt.Schema, "links")
			for _, f := range []string{"self", "next"} {
				if links == nil || property(links, f) == nil {
					t.Errorf("%s: links has no %s", path, f)
				}
			}
		}
	}
	if paged < 15 {
		t.Errorf("only %d paged lists found: the test no longer reads the document", paged)
	}
}

// property is a schema's property, looking through allOf.
func property(s *openapi3.SchemaRef, name string) *openapi3.SchemaRef {
	if s == nil || s.Value == nil {
		return nil
	}
	if p := s.Value.Properties[name]; p != nil {
		return p
	}
	for _, x := range s.Value.AllOf {
		if p := property(x, name); p != nil {
			return p
		}
	}
	return nil
}

// TestContractImportExample imports the CSV example the document gives for
// the import route: a reader copying it gets one place read without an
// issue.
func TestContractImportExample(t *testing.T) {
	doc := apitest.Spec(t)
	mt := doc.Paths.Value("/api/v1/sync/{source}/import").Post.RequestBody.Value.Content.Get("text/csv")
	csv, _ := mt.Example.(string)
	if csv == "" {
		t.Fatal("the import's CSV body has no example")
	}
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import", Token: e.Admin, Body: csv, ContentType: "text/csv"})
	var rep struct {
		Rows, Rejected int
		Issues         []any
	}
	r.JSON(&rep)
	if r.Code != 200 || rep.Rows != 1 || rep.Rejected != 0 || len(rep.Issues) != 0 {
		t.Errorf("the example: %d %s", r.Code, r.Body)
	}
}
