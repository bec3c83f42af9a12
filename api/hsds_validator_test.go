package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"carnet/api/apitest"
)

// hsdsValidator is a small Open Referral validator: it walks the checks of
// the UK validator's profile (shared/reference/oruk/CHECKS.md) against the
// router, and validates every answer against the HSDS 3.0 API specification
// (its openapi.json response schemas, with the JSON schemas of
// shared/reference/hsds/v3.0/schema) and against the response schemas the
// UK validator used (shared/reference/oruk/validator-v3.0-UK).
//
// The checks, for GET / then each list endpoint and its by-id endpoint:
//   - D1/E1: 2xx without any credential; Access-Control-Allow-Origin: *;
//     JSON; / carries version, profile and openapi_url, and openapi_url
//     serves an OpenAPI document of this API;
//   - E2: each answer against the HSDS schema and the UK schema;
//   - compliance: optional fields omitted rather than null or empty (no
//     null, "", [] or {} anywhere but an empty page's contents);
//   - E3–E6: page 1, the middle page when there are more than 2, and the
//     last page when there are more than 1, with consistent page fields;
//   - E7–E8: up to 10 ids of page 1 (10 at random when there are more)
//     fetched by id and validated.
type hsdsValidator struct {
	t        *testing.T
	e        *apitest.Env
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema
	rng      *rand.Rand
	// Figures for the report: objects validated per schema, checks run.
	validated map[string]int
	checks    map[string]int
	responses int
	objects   int // HSDS objects (with an id) in the answers, nested ones included
}

const (
	hsdsDir = "../../shared/reference/hsds/v3.0"
	orukDir = "../../shared/reference/oruk/validator-v3.0-UK"
	// Where the two OpenAPI documents point their response schemas.
	hsdsRemote = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
	orukRemote = "https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/OpenReferralApi/Schemas/V3.0-UK/"
)

// localSchemas serves the remote schema URLs of the two OpenAPI documents
// from the local copies. The compiled (fully inlined) HSDS schemas over
// 1 MB were not copied: the modular file of the same name is the same
// schema with its $refs unresolved, and $refs resolve here.
type localSchemas struct{}

func (localSchemas) Load(u string) (any, error) {
	var path string
	switch {
	case strings.HasPrefix(u, hsdsRemote):
		rel := strings.TrimPrefix(u, hsdsRemote)
		path = filepath.Join(hsdsDir, "schema", rel)
		if _, err := os.Stat(path); err != nil && strings.HasPrefix(rel, "compiled/") {
			path = filepath.Join(hsdsDir, "schema", strings.TrimPrefix(rel, "compiled/"))
		}
	case strings.HasPrefix(u, orukRemote):
		path = filepath.Join(orukDir, strings.TrimPrefix(u, orukRemote))
	default:
		return nil, fmt.Errorf("no local copy of %s", u)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

func newHSDSValidator(t *testing.T, e *apitest.Env) *hsdsValidator {
	t.Helper()
	for _, dir := range []string{hsdsDir, orukDir} {
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("%s is absent: the HSDS and ORUK references live in ../shared/reference beside the repository", dir)
		}
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020) // HSDS: jsonSchemaDialect 2020-12
	c.AssertFormat()                     // uuid, uri, email, date-time are checked
	c.UseLoader(jsonschema.SchemeURLLoader{"https": localSchemas{}})
	for name, path := range map[string]string{
		"hsds-openapi.json": filepath.Join(hsdsDir, "schema/openapi.json"),
		"oruk-openapi.json": filepath.Join(orukDir, "open_api.json"),
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource("file:///"+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	return &hsdsValidator{t: t, e: e, compiler: c, schemas: map[string]*jsonschema.Schema{},
		rng: rand.New(rand.NewPCG(14, 3)), validated: map[string]int{}, checks: map[string]int{}}
}

// on returns a validator of e for t that shares v's compiled schemas,
// with figures of its own: compiling the schemas is the costly part of a
// small directory's walk.
func (v *hsdsValidator) on(t *testing.T, e *apitest.Env) *hsdsValidator {
	return &hsdsValidator{t: t, e: e, compiler: v.compiler, schemas: v.schemas, rng: v.rng,
		validated: map[string]int{}, checks: map[string]int{}}
}

// schema compiles a schema once: "hsds:/services" is the 200 response of
// GET /services in the HSDS OpenAPI document, "oruk:/services" in the UK
// one, "hsds-file:service.json" and "oruk-file:service.json" a file.
func (v *hsdsValidator) schema(key string) *jsonschema.Schema {
	v.t.Helper()
	if s, ok := v.schemas[key]; ok {
		return s
	}
	kind, name, _ := strings.Cut(key, ":")
	var loc string
	switch kind {
	case "hsds", "oruk":
		ptr := "/paths/" + strings.ReplaceAll(name, "/", "~1") + "/get/responses/200/content/application~1json/schema"
		loc = "file:///" + kind + "-openapi.json#" + ptr
	case "hsds-file":
		loc = hsdsRemote + name
	case "oruk-file":
		loc = orukRemote + name
	default:
		v.t.Fatalf("unknown schema %s", key)
	}
	s, err := v.compiler.Compile(loc)
	if err != nil {
		v.t.Fatalf("compile %s: %v", key, err)
	}
	v.schemas[key] = s
	return s
}

// validate checks x against the schema named key.
func (v *hsdsValidator) validate(where, key string, x any) {
	v.t.Helper()
	v.validated[key]++
	if err := v.schema(key).Validate(x); err != nil {
		v.t.Errorf("%s does not validate against %s: %v", where, key, err)
	}
}

// countObjects counts the HSDS objects (JSON objects with an id) in x.
func countObjects(x any) int {
	n := 0
	switch x := x.(type) {
	case []any:
		for _, y := range x {
			n += countObjects(y)
		}
	case map[string]any:
		if _, ok := x["id"]; ok {
			n++
		}
		for _, y := range x {
			n += countObjects(y)
		}
	}
	return n
}

// get calls path without credentials and runs the checks every answer
// must pass; it returns the decoded body.
func (v *hsdsValidator) get(path string) any {
	v.t.Helper()
	r := v.e.Do(apitest.Request{Method: "GET", Path: path}) // also validated against openapi.yaml
	v.responses++
	v.checks["status 200 without credentials"]++
	if r.Code != 200 {
		v.t.Fatalf("GET %s: %d %s", path, r.Code, r.Body)
	}
	v.checks["Access-Control-Allow-Origin: *"]++
	if got := r.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		v.t.Errorf("GET %s: Access-Control-Allow-Origin %q", path, got)
	}
	v.checks["JSON body"]++
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		v.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.Body.Bytes()))
	if err != nil {
		v.t.Fatalf("GET %s: %v", path, err)
	}
	v.objects += countObjects(body)
	v.checks["optional fields omitted, never null or empty"]++
	for _, p := range emptyValues(body, "") {
		v.t.Errorf("GET %s: %s is null or empty: an optional field without a value must be left out", path, p)
	}
	return body
}

// emptyValues lists the JSON paths holding null, "", [] or {}. An empty
// page's contents is the list itself, not an optional field.
func emptyValues(x any, path string) []string {
	var out []string
	switch x := x.(type) {
	case nil:
		return []string{path}
	case string:
		if x == "" {
			return []string{path}
		}
	case []any:
		if len(x) == 0 && path != ".contents" {
			return []string{path}
		}
		for i, y := range x {
			out = append(out, emptyValues(y, fmt.Sprintf("%s[%d]", path, i))...)
		}
	case map[string]any:
		if len(x) == 0 {
			return []string{path}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, emptyValues(x[k], path+"."+k)...)
		}
	}
	return out
}

// root checks GET / (with and without the trailing slash) and the OpenAPI
// document it names.
func (v *hsdsValidator) root() {
	for _, p := range []string{"/api/hsds/v3", "/api/hsds/v3/"} {
		body := v.get(p)
		v.validate("GET "+p, "hsds:/", body)
		v.validate("GET "+p, "oruk:/", body) // requires version, profile, openapi_url
		m := body.(map[string]any)
		v.checks["/ has version 3.0"]++
		if m["version"] != "3.0" {
			v.t.Errorf("GET %s: version %v", p, m["version"])
		}
		u, err := url.Parse(fmt.Sprint(m["openapi_url"]))
		if err != nil || !u.IsAbs() {
			v.t.Fatalf("openapi_url %v is not an absolute URL", m["openapi_url"])
		}
		v.checks["openapi_url serves this API's OpenAPI document"]++
		r := v.e.Do(apitest.Request{Method: "GET", Path: u.Path, NotInSpec: true})
		var doc struct {
			OpenAPI string
			Servers []struct{ URL string }
			Paths   map[string]any
		}
		if r.Code != 200 || json.Unmarshal(r.Body.Bytes(), &doc) != nil {
			v.t.Fatalf("GET %s: %d %s", u.Path, r.Code, r.Body)
		}
		for _, want := range []string{"/", "/services", "/services/{id}", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms/{id}"} {
			if _, ok := doc.Paths[want]; !ok {
				v.t.Errorf("the HSDS OpenAPI document has no path %s: %v", want, doc.Paths)
			}
		}
		if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/hsds/v3" {
			v.t.Errorf("the HSDS OpenAPI document's servers: %v", doc.Servers)
		}
	}
}

// hsdsEndpoint is a list endpoint, its by-id endpoint, and the schemas of
// their answers.
type hsdsEndpoint struct {
	path string // "/services"
	// Schemas of a page (whole body) and of each item.
	page, item []string
	// Schemas of the by-id answer; nested lists validated on their own
	// (path in the body → schema).
	byID   []string
	nested map[string]string
}

// list walks an endpoint: pages 1, middle and last with the page checks,
// then up to 10 ids by id. query is added to every page request.
func (v *hsdsValidator) list(ep hsdsEndpoint, query string) (items int) {
	base := "/api/hsds/v3" + ep.path + "?" + query
	first := v.page(ep, base, 1, 0)
	pages := num(first["total_pages"])
	perPage := len(first["contents"].([]any))
	if pages > 2 {
		v.page(ep, base, pages/2, perPage)
	}
	if pages > 1 {
		v.page(ep, base, pages, perPage)
	}
	// Ids from the first page, at most 10, at random when there are more.
	v.checks["ids available for the by-id endpoint"]++
	// An empty list (a directory whose places offer nothing: they are
	// organizations without services) has no ids to fetch, which the UK
	// validator reports as a warning (NO_IDS_AVAILABLE), not a failure.
	ids := v.sample(contentIDs(first))
	if len(ids) == 0 && num(first["total_items"]) > 0 {
		v.t.Errorf("%s: no ids on page 1", ep.path)
	}
	v.byIDs(ep, ids)
	return num(first["total_items"])
}

// contentIDs lists the ids of a page's items.
func contentIDs(page map[string]any) []string {
	var ids []string
	for _, it := range page["contents"].([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	return ids
}

// sample keeps at most 10 ids, 10 at random when there are more (E8).
func (v *hsdsValidator) sample(ids []string) []string {
	if len(ids) > 10 {
		ids = slices.Clone(ids)
		v.rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		ids = ids[:10]
	}
	return ids
}

// byIDs fetches each id through the by-id endpoint and validates it.
func (v *hsdsValidator) byIDs(ep hsdsEndpoint, ids []string) {
	v.t.Helper()
	for _, id := range ids {
		p := "/api/hsds/v3" + ep.path + "/" + id
		body := v.get(p)
		v.checks["by-id answer has the listed id"]++
		if body.(map[string]any)["id"] != id {
			v.t.Errorf("GET %s answers id %v", p, body.(map[string]any)["id"])
		}
		for _, s := range ep.byID {
			v.validate("GET "+p, s, body)
		}
		v.nested("GET "+p, body, ep.nested)
	}
}

// sweep goes beyond the UK validator: every page of the list and every
// item by id, so that every record of the directory is validated. It
// returns how many items the list holds.
func (v *hsdsValidator) sweep(ep hsdsEndpoint, query string) int {
	v.t.Helper()
	ids := v.pages(ep, query)
	v.byIDs(ep, ids)
	return len(ids)
}

// pages walks every page of the list and returns the ids of its items.
func (v *hsdsValidator) pages(ep hsdsEndpoint, query string) []string {
	v.t.Helper()
	base := "/api/hsds/v3" + ep.path + "?" + query
	var ids []string
	perPage := 0
	for n := 1; ; n++ {
		m := v.page(ep, base, n, perPage)
		if n == 1 {
			perPage = len(m["contents"].([]any))
		}
		ids = append(ids, contentIDs(m)...)
		if m["last_page"] == true {
			return ids
		}
	}
}

// page fetches one page and checks it; wantSize > 0 is the page size of
// the first page (every page but the last is full).
func (v *hsdsValidator) page(ep hsdsEndpoint, base string, n, wantSize int) map[string]any {
	v.t.Helper()
	path := fmt.Sprintf("%s&page=%d", base, n)
	body := v.get(path)
	for _, s := range ep.page {
		v.validate("GET "+path, s, body)
	}
	m := body.(map[string]any)
	contents, _ := m["contents"].([]any)
	for i, it := range contents {
		where := fmt.Sprintf("GET %s contents[%d]", path, i)
		for _, s := range ep.item {
			v.validate(where, s, it)
		}
		v.nested(where, it, ep.nested)
	}
	v.checks["page fields present and consistent"]++
	for _, k := range []string{"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"} {
		if _, ok := m[k]; !ok {
			v.t.Fatalf("GET %s: no %s", path, k)
		}
	}
	total, pages := num(m["total_items"]), num(m["total_pages"])
	size := num(m["size"])
	perPage := wantSize
	if perPage == 0 {
		perPage = len(contents)
	}
	if num(m["page_number"]) != n || size != len(contents) ||
		m["first_page"] != (n == 1) || m["last_page"] != (n >= pages) || m["empty"] != (size == 0) ||
		(perPage > 0 && pages != int(math.Ceil(float64(total)/float64(perPage)))) ||
		(n < pages && wantSize > 0 && size != wantSize) {
		v.t.Errorf("GET %s: inconsistent page fields: %v", path, without(m, "contents"))
	}
	return m
}

// nested validates nested objects on their own: HSDS's organization schema
// has no services property, and a service at location's service is a
// service.
func (v *hsdsValidator) nested(where string, body any, nested map[string]string) {
	for key, schema := range nested {
		switch x := body.(map[string]any)[key].(type) {
		case []any:
			for i, y := range x {
				v.validate(fmt.Sprintf("%s .%s[%d]", where, key, i), schema, y)
			}
		case map[string]any:
			v.validate(fmt.Sprintf("%s .%s", where, key), schema, x)
		}
	}
}

// num reads a JSON number decoded by jsonschema.UnmarshalJSON.
func num(x any) int {
	n, err := x.(json.Number).Int64()
	if err != nil {
		panic(err)
	}
	return int(n)
}

func without(m map[string]any, key string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// report logs the figures.
func (v *hsdsValidator) report() {
	var keys []string
	total := 0
	for k, n := range v.validated {
		keys = append(keys, k)
		total += n
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%d answers holding %d HSDS objects (nested ones included); %d schema validations:\n", v.responses, v.objects, total)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-40s %6d\n", k, v.validated[k])
	}
	keys = keys[:0]
	for k := range v.checks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("checks:\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-50s %6d\n", k, v.checks[k])
	}
	v.t.Log(b.String())
}
