package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/golang-jwt/jwt/v5"

	"carnet/api/apitest"
	"carnet/models"
)

// TestProbeHostileInputs is an adversarial walk of every route of the
// authorization matrix, as an outsider would: every documented query
// parameter with hostile values, every body field with wrong types, out of
// range numbers, control characters and huge values, whole bodies of the
// wrong shape or size or media type, odd paths and methods, forged and
// stale tokens, misused conditional and idempotency headers. What must
// hold for every answer: no 5xx, every error a problem document, every
// answer as openapi.yaml documents it, and a referral's person never shown
// to (nor logged for) anyone outside its two structures.
//
// It sends tens of thousands of requests, so it only runs when asked:
//
//	CARNET_PROBE=1 go test -run TestProbeHostileInputs -v ./api/
func TestProbeHostileInputs(t *testing.T) {
	if os.Getenv("CARNET_PROBE") == "" {
		t.Skip("set CARNET_PROBE=1 to run the adversarial probe")
	}
	var mu sync.Mutex
	var logs bytes.Buffer
	w := newWorld(t, apitest.WithLogger(slog.New(slog.NewJSONHandler(writerFunc(func(b []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(b)
	}), &slog.HandlerOptions{Level: slog.LevelDebug}))))
	p := newProber(t, w)
	p.referrals()
	es := matrix()
	sort.Slice(es, func(i, j int) bool { return es[i].route < es[j].route })
	for _, en := range es {
		p.route(en)
	}
	p.tokens(es)
	mu.Lock()
	logged := logs.String()
	mu.Unlock()
	if strings.Contains(logged, probeFirst) || strings.Contains(logged, probeLast) || strings.Contains(logged, probeSituation) {
		p.find("privacy", "logs", "a referral's person appears in the logs")
	}
	p.report()
}

// Markers of the person of a referral between OTHER and a third structure:
// no role of the world may ever read them.
const (
	probeFirst     = "Zéphyrine"
	probeLast      = "Quatrebarbes"
	probeSituation = "Dossier MDPH urgent"
)

type prober struct {
	t        *testing.T
	w        *world
	env      apitest.Env
	rec      *recTB
	mu       sync.Mutex
	counts   map[string]int
	findings map[string][]string // kind → examples
	ops      map[string]*openapi3.Operation
	privRef  string // a referral between OTHER and a third structure
	bases    map[string]call
}

func newProber(t *testing.T, w *world) *prober {
	p := &prober{t: t, w: w, rec: &recTB{TB: t}, counts: map[string]int{}, findings: map[string][]string{}, bases: map[string]call{}, ops: map[string]*openapi3.Operation{}}
	p.env = *w.e
	p.env.T = p.rec
	doc := apitest.Spec(t)
	for path, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			p.ops[m+" "+path] = op
		}
	}
	return p
}

// recTB records the contract violations apitest reports instead of
// failing at once, so that the probe lists them all.
type recTB struct {
	testing.TB
	errs []string
}

func (r *recTB) Helper() {}
func (r *recTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recTB) Error(args ...any) { r.errs = append(r.errs, fmt.Sprint(args...)) }

func (p *prober) find(kind, where, detail string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := kind + " " + where
	if len(p.findings[key]) < 3 {
		p.findings[key] = append(p.findings[key], detail)
	}
}

// referrals creates a referral the probe's roles must never see.
func (p *prober) referrals() {
	ctx := context.Background()
	pr, err := p.w.e.Store.LoadPrincipal(ctx, p.w.otherMbr.ID)
	if err != nil {
		p.t.Fatal(err)
	}
	r := models.Referral{FromActorID: p.w.other, ToServiceID: p.w.thirdSvc(), Themes: models.StringList{"Aide aux démarches administratives"},
		PersonFirstName: probeFirst, PersonLastName: probeLast, Situation: probeSituation, ContactChannel: models.ContactReferent,
		ConsentOn: "2026-01-02", ReferentCommitment: true}
	if err := p.w.e.Store.CreateReferral(models.WithPrincipal(ctx, pr), &r); err != nil {
		p.t.Fatal(err)
	}
	p.privRef = r.ID
}

// send sends one request and checks what must hold of every answer.
func (p *prober) send(cat, route string, req apitest.Request) *apitest.Response {
	p.counts[cat]++
	p.rec.errs = nil
	r := p.env.Do(req)
	where := route
	desc := fmt.Sprintf("%s %s %s", req.Method, clipProbe(req.Path, 160), clipProbe(fmt.Sprint(bodyText(req.Body)), 120))
	if r.Code >= 500 && !(route == "GET /readyz" && r.Code == 503) {
		p.find("5xx", where, fmt.Sprintf("%s → %d %s", desc, r.Code, clipProbe(r.Body.String(), 300)))
	}
	if r.Code >= 400 && req.Method != "HEAD" && r.Header().Get("Content-Type") != "application/problem+json" {
		p.find("not-problem", where, fmt.Sprintf("%s → %d %q", desc, r.Code, r.Header().Get("Content-Type")))
	}
	for _, e := range p.rec.errs {
		p.find("contract", where, clipProbe(e, 600))
	}
	if b := r.Body.String(); strings.Contains(b, probeFirst) || strings.Contains(b, probeLast) || strings.Contains(b, probeSituation) {
		p.find("privacy", where, desc)
	}
	return r
}

func bodyText(b any) any {
	switch v := b.(type) {
	case []byte:
		return string(v)
	case nil:
		return ""
	}
	return b
}

func clipProbe(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// roleFor picks a role for which the route succeeds on the own target, so
// that mutations reach past authorization.
func roleFor(en entry) string {
	for i, st := range en.own {
		if st >= 200 && st < 300 && roles[i] != "anonymous" {
			return roles[i]
		}
	}
	for i, st := range en.own {
		if st >= 200 && st < 300 {
			return roles[i]
		}
	}
	return "admin"
}

var ginParam = regexp.MustCompile(`:([a-z_]+)`)

func specKey(route string) string {
	m, path, _ := strings.Cut(route, " ")
	return m + " " + ginParam.ReplaceAllString(path, "{$1}")
}

// hostile query values (already escaped).
var queryValues = []string{
	"", "-1", "0", "-0", "1e309", "NaN", "Infinity", "99999999999999999999", "9223372036854775808", "2.5",
	"%00", "%FF%FE", "%E2%80%AE", strings.Repeat("a", 5000), "true", "%5B%5D", "%7B%7D", ",", "a,,b", "%20",
	"%27%22%3C%3E", "..%2F..%2Fetc%2Fpasswd", "01a2b3c4-0000-7000-8000-000000000000", "2026-02-30", "2026-01-01T25:00:00Z",
	"91.5,200", "-91,-181", "43.3,", "1,2,3",
}

// forgedCursors are well-formed page cursors (models/page.go) no page
// wrote: a NUL in the name reached PostgreSQL, which refused the query
// (500, sec14).
var forgedCursors = func() []string {
	var out []string
	for _, c := range []string{`{"s":"id","i":"01a236c1-6935-71cd-ae97-554194ab5d41","n":"a\u0000b"}`, `{"s":"name","i":"01a236c1-6935-71cd-ae97-554194ab5d41","n":"a\u0000b"}`} {
		out = append(out, base64.RawURLEncoding.EncodeToString([]byte(c)))
	}
	return out
}()

func (p *prober) route(en entry) {
	if strings.HasPrefix(en.route, "GET /docs") || en.route == "GET /metrics" || en.route == "GET /" {
		return
	}
	role := roleFor(en)
	base := en.build(p.w, role, true)
	p.bases[en.route] = base
	tok := p.w.tokens[role]
	p.send("baseline", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: base.notInSpec})
	op := p.ops[specKey(en.route)]
	p.queries(en, base, tok, op)
	if base.body != nil {
		p.bodies(en, base, tok)
	}
	p.wholeBodies(en, base, tok)
	p.paths(en, base, tok)
	p.methods(en, base, tok)
	p.headers(en, base, tok)
}

// withQuery sets name=raw (raw already escaped) on path, keeping its other
// parameters.
func withQuery(path, name, raw string) string {
	u, q, _ := strings.Cut(path, "?")
	var kept []string
	for _, kv := range strings.Split(q, "&") {
		if kv == "" {
			continue
		}
		if k, _, _ := strings.Cut(kv, "="); k == name {
			continue
		}
		kept = append(kept, kv)
	}
	kept = append(kept, name+"="+raw)
	return u + "?" + strings.Join(kept, "&")
}

func (p *prober) queries(en entry, base call, tok string, op *openapi3.Operation) {
	var names []string
	if op != nil {
		for _, pr := range op.Parameters {
			if pr.Value != nil && pr.Value.In == "query" {
				names = append(names, pr.Value.Name)
			}
		}
	}
	names = append(names, "zz_unknown")
	list := false
	for _, n := range names {
		list = list || n == "limit" || n == "per_page" || n == "cursor"
	}
	ids := []string{p.w.other, p.w.otherSvc, p.privRef, p.w.otherMbr.ID}
	for _, name := range names {
		vals := append([]string{}, queryValues...)
		if strings.HasSuffix(name, "_id") || name == "actor" || name == "service" || name == "entity_id" {
			vals = append(vals, ids...)
		}
		if name == "cursor" {
			vals = append(vals, forgedCursors...)
		}
		for _, v := range vals {
			path := withQuery(base.path, name, v)
			r := p.send("query", en.route, apitest.Request{Method: base.method, Path: path, Body: base.body, Token: tok, NotInSpec: base.notInSpec})
			if r.Code < 300 && mustRefuse(list, name, v) {
				p.find("query-accepted", en.route+" "+name, fmt.Sprintf("%s=%s → %d", name, clipProbe(v, 40), r.Code))
			}
		}
		// Repeated parameter.
		path := withQuery(base.path, name, "a") + "&" + name + "=b"
		p.send("query-repeat", en.route, apitest.Request{Method: base.method, Path: path, Body: base.body, Token: tok, NotInSpec: base.notInSpec})
	}
	// The referral ids of another structure as every id-like parameter,
	// as every role.
	for _, role := range roles {
		for _, name := range names {
			if !strings.HasSuffix(name, "_id") {
				continue
			}
			path := withQuery(base.path, name, p.privRef)
			p.send("query-foreign-id", en.route, apitest.Request{Method: base.method, Path: path, Body: base.body, Token: p.w.tokens[role], NotInSpec: base.notInSpec})
		}
	}
}

// mustRefuse says which query values a list must refuse (400): unknown
// parameters (README: « unknown parameters refused rather than ignored »),
// page sizes that are not an integer in range, cursors it did not write,
// and text no record can hold. A blank value is an absent one.
func mustRefuse(list bool, name, v string) bool {
	switch {
	case !list:
		return false
	case name == "zz_unknown":
		return true
	case v == "" || v == "%20":
		return false
	case strings.Contains(v, "%00"), strings.Contains(v, "%FF"), strings.Contains(v, "%E2%80%AE"):
		return true
	case name == "limit" || name == "per_page":
		return true // no hostile value is a valid page size
	case name == "page":
		return v != "0" && v != "-0" // HSDS reads page 0 as the first
	case name == "cursor" || name == "after":
		return v != "0" && v != "-0"
	}
	return false
}

// refusedChars are characters of fieldValues every text field refuses
// (models.checkText), as a JSON body escapes them and raw: an answer that
// carries one back after a success stored it.
var refusedChars = []struct{ escaped, raw string }{
	{`\u0000`, "\x00"}, {`\u0007`, "\a"}, {`\u202e`, "\u202e"}, {`\u200f`, "\u200f"}, {`\u200b`, "\u200b"}, {`\u2028`, "\u2028"},
}

// hostile JSON values for a body field.
var fieldValues = func() []string {
	many := make([]string, 100000)
	for i := range many {
		many[i] = "1"
	}
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	return []string{
		`null`, `""`, `"\u0000"`, `"a\u202eb"`, `"a\u0007b"`, `"a\u200fb"`, `"a\u200bb"`, `"a\u2028b"`, `"\ud800"`, "\"\xff\xfe\"", `"` + strings.Repeat("é", 200000) + `"`,
		`1e309`, `-0`, `9223372036854775808`, `-9223372036854775809`, `1.5`, `-1`, `0`, `true`, `[]`, `{}`, `[null]`, `[""]`, `[{}]`,
		`"1"`, `"true"`, `[` + strings.Join(many, ",") + `]`, deep, `{"zz_unknown":1}`, `"2026-02-30"`, `"0001-01-01"`, `"9999-12-31T23:59:59Z"`,
		`"javascript:alert(1)"`, `"http://169.254.169.254/"`, `"=cmd|' /C calc'!A0"`,
	}
}()

// fieldPaths lists the paths of the body's fields, into objects and the
// first element of arrays, three levels deep.
func fieldPaths(v any, prefix []any, depth int, out *[][]any) {
	if depth > 3 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			path := append(append([]any{}, prefix...), k)
			*out = append(*out, path)
			fieldPaths(x[k], path, depth+1, out)
		}
	case []any:
		if len(x) > 0 {
			path := append(append([]any{}, prefix...), 0)
			*out = append(*out, path)
			fieldPaths(x[0], path, depth+1, out)
		}
	}
}

func setProbePath(v any, path []any, val json.RawMessage) any {
	if len(path) == 0 {
		return val
	}
	switch x := v.(type) {
	case map[string]any:
		y := make(map[string]any, len(x))
		for k, e := range x {
			y[k] = e
		}
		k := path[0].(string)
		y[k] = setProbePath(x[k], path[1:], val)
		return y
	case []any:
		y := append([]any{}, x...)
		if len(y) == 0 {
			y = []any{nil}
		}
		y[0] = setProbePath(y[0], path[1:], val)
		return y
	case nil:
		if _, isKey := path[0].(string); isKey {
			return setProbePath(map[string]any{}, path, val)
		}
		return setProbePath([]any{nil}, path, val)
	}
	return v
}

// schemaPaths lists the paths of the fields a request body's schema
// describes, into objects and array items, three levels deep: fields the
// route's example body leaves out are probed too.
func schemaPaths(s *openapi3.Schema, prefix []any, depth int, out *[][]any) {
	if s == nil || depth > 3 {
		return
	}
	for _, x := range append(append(append([]*openapi3.SchemaRef{}, s.AllOf...), s.OneOf...), s.AnyOf...) {
		schemaPaths(x.Value, prefix, depth, out)
	}
	keys := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := append(append([]any{}, prefix...), k)
		*out = append(*out, path)
		schemaPaths(s.Properties[k].Value, path, depth+1, out)
	}
	if s.Items != nil && s.Items.Value != nil && len(s.Items.Value.Properties) > 0 {
		path := append(append([]any{}, prefix...), 0)
		schemaPaths(s.Items.Value, path, depth+1, out)
	}
}

func pathName(path []any) string {
	var b strings.Builder
	for _, s := range path {
		switch k := s.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		}
	}
	return b.String()
}

func (p *prober) bodies(en entry, base call, tok string) {
	if strings.HasPrefix(en.route, "DELETE /api/v1/me") {
		return // a right password would delete the role's account
	}
	raw, ok := base.body.([]byte)
	if !ok {
		if s, isStr := base.body.(string); isStr {
			raw = []byte(s)
		} else {
			var err error
			if raw, err = json.Marshal(base.body); err != nil {
				p.t.Fatal(err)
			}
		}
	}
	var doc any
	if json.Unmarshal(raw, &doc) != nil {
		return // CSV bodies
	}
	var paths [][]any
	fieldPaths(doc, nil, 0, &paths)
	if op := p.ops[specKey(en.route)]; op != nil && op.RequestBody != nil && op.RequestBody.Value != nil {
		seen := map[string]bool{}
		for _, pa := range paths {
			seen[fmt.Sprint(pa)] = true
		}
		for _, mt := range op.RequestBody.Value.Content {
			if mt.Schema == nil {
				continue
			}
			var more [][]any
			schemaPaths(mt.Schema.Value, nil, 0, &more)
			for _, pa := range more {
				if !seen[fmt.Sprint(pa)] {
					seen[fmt.Sprint(pa)] = true
					paths = append(paths, pa)
				}
			}
		}
	}
	p.foreignBodyIDs(en, base, doc, paths)
	paths = append(paths, []any{"zz_unknown"})
	for _, path := range paths {
		for _, v := range fieldValues {
			b, err := json.Marshal(setProbePath(doc, path, json.RawMessage(v)))
			if err != nil {
				// json.Marshal refuses some raw values (depth): write by hand.
				b = []byte(strings.Replace(string(raw), "{", `{"`+fmt.Sprint(path[len(path)-1])+`":`+v+",", 1))
			}
			r := p.send("body-field", en.route, apitest.Request{Method: base.method, Path: base.path, Body: b, Token: tok, NotInSpec: base.notInSpec})
			if r.Code < 300 && !strings.Contains(r.Body.String(), `"result":"rejected"`) {
				// A JSON escape, not a message quoting the value (%q writes
				// \u200f as text, which JSON writes \\u200f).
				body := strings.ReplaceAll(r.Body.String(), `\\`, "")
				for _, c := range refusedChars {
					if strings.Contains(v, c.escaped) && (strings.Contains(body, c.escaped) || strings.Contains(body, c.raw)) {
						p.find("control-char-stored", en.route, fmt.Sprintf("%s = %s → %d", pathName(path), v, r.Code))
					}
				}
			}
			// An import reports unknown columns as ignored (README), and
			// ignores a JSON object in a column with a warning.
			if strings.HasPrefix(v, `{"zz`) && r.Code < 300 && en.route != "POST /api/v1/sync/:source/import" {
				p.find("unknown-field-accepted", en.route, fmt.Sprintf("%s = %s → %d", pathName(path), v, r.Code))
			}
		}
	}
}

// foreignBodyIDs names another structure's records in every id field of
// the body, as each role of OWN: a write that succeeds is a finding to
// read (referring a person to another structure's service is legitimate,
// attaching a service to another structure's actor is not).
func (p *prober) foreignBodyIDs(en entry, base call, doc any, paths [][]any) {
	if base.method == "GET" {
		return
	}
	for _, path := range paths {
		name, _ := path[len(path)-1].(string)
		if !strings.HasSuffix(name, "_id") && name != "parent_id" {
			continue
		}
		for _, other := range []string{p.w.other, p.w.otherSvc, p.privRef, p.w.otherMbr.ID} {
			b, err := json.Marshal(setProbePath(doc, path, json.RawMessage(`"`+other+`"`)))
			if err != nil {
				p.t.Fatal(err)
			}
			for _, role := range roles {
				if role == "admin" || role == "anonymous" || role == "disabled" {
					continue
				}
				r := p.send("body-foreign-id", en.route, apitest.Request{Method: base.method, Path: base.path, Body: b, Token: p.w.tokens[role], NotInSpec: base.notInSpec})
				if r.Code < 300 && !strings.Contains(r.Body.String(), `"result":"rejected"`) && !legitForeign[en.route+" "+name] {
					p.find("foreign-body-write", en.route, fmt.Sprintf("%s = %s as %s → %d", pathName(path), other, role, r.Code))
				}
			}
		}
	}
}

// legitForeign are id fields that may name another structure's record:
// a partner's own key (any text), the service a person is referred to, the
// structure one asks to join.
var legitForeign = map[string]bool{
	"POST /api/v1/actors source_id": true, "PATCH /api/v1/actors/:id source_id": true, "PUT /api/v1/actors/:id source_id": true,
	"POST /api/v1/services source_id": true, "PATCH /api/v1/services/:id source_id": true, "PUT /api/v1/services/:id source_id": true,
	"PUT /api/v1/sync/:source/actors source_id": true, "PUT /api/v1/sync/:source/services source_id": true,
	"POST /api/v1/referrals to_service_id": true, "POST /api/v1/referrals/:id/forward to_service_id": true, "POST /api/v1/signup actor_id": true,
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

func (p *prober) wholeBodies(en entry, base call, tok string) {
	big := bytes.Repeat([]byte(" "), 2<<20)
	big[0] = '{'
	big[len(big)-1] = '}'
	bodies := []string{
		`null`, `[]`, `"x"`, `1`, `{}`, `{"a":`, `{} {}`, `{}garbage`, "{\"name\":\"\xff\"}", "\xef\xbb\xbf{}", strings.Repeat("[", 100000),
		`{"a":1,"a":2}`, `{"__proto__":{}}`, "\x00", string(big),
	}
	// The body limit applies where a body is read: over it, an operation
	// with a body answers 413, one without ignores the body.
	op := p.ops[specKey(en.route)]
	reads := op != nil && op.RequestBody != nil
	for _, b := range bodies {
		r := p.send("whole-body", en.route, apitest.Request{Method: base.method, Path: base.path, Body: []byte(b), Token: tok, NotInSpec: base.notInSpec})
		if len(b) <= 1<<20 {
			continue
		}
		if reads && r.Code != 413 && r.Code != 404 && r.Code != 405 {
			p.find("big-body-not-413", en.route, fmt.Sprintf("%d bytes → %d", len(b), r.Code))
		}
		if !reads && r.Code == 413 {
			p.find("413-without-body", en.route, fmt.Sprintf("%d bytes → %d", len(b), r.Code))
		}
	}
	// Unknown length (chunked): the limit is found while reading.
	if reads {
		req := httptest.NewRequest(base.method, base.path, bytes.NewReader(big))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		rr := httptest.NewRecorder()
		p.w.e.Handler.ServeHTTP(rr, req)
		p.counts["chunked-big"]++
		if rr.Code >= 500 || rr.Code < 300 || rr.Header().Get("Content-Type") != "application/problem+json" {
			p.find("chunked-big", en.route, fmt.Sprintf("→ %d %s", rr.Code, clipProbe(rr.Body.String(), 200)))
		}
	}
	// Media types.
	var raw []byte
	switch b := base.body.(type) {
	case nil:
		raw = []byte(`{}`)
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		raw, _ = json.Marshal(b)
	}
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
		"application/json;;", "APPLICATION/JSON", "application/merge-patch+json", "application/xml", "*/*", "application/json, text/plain", "\x00"} {
		p.send("content-type", en.route, apitest.Request{Method: base.method, Path: base.path, Body: raw, ContentType: ct, Token: tok, NotInSpec: base.notInSpec})
	}
	// The body's member names in another case and each member twice:
	// encoding/json matches names without regard to case and keeps the
	// last of two, and every reader of a body must find what it found.
	for _, b := range keyVariants(raw) {
		p.send("key-case", en.route, apitest.Request{Method: base.method, Path: base.path, Body: b, Token: tok, NotInSpec: base.notInSpec})
	}
	// A gzip bomb: 10 MiB of zeros in 10 KiB.
	bomb := gzipped(bytes.Repeat([]byte{'0'}, 10<<20))
	p.send("gzip", en.route, apitest.Request{Method: base.method, Path: base.path, Body: bomb, Token: tok, NotInSpec: base.notInSpec,
		Header: map[string]string{"Content-Encoding": "gzip"}})
	p.send("gzip", en.route, apitest.Request{Method: base.method, Path: base.path, Body: gzipped(raw), Token: tok, NotInSpec: base.notInSpec,
		Header: map[string]string{"Content-Encoding": "gzip"}})
}

// keyVariants are a JSON body with every member's name in upper case, in
// title case, and with every member sent twice.
func keyVariants(raw []byte) [][]byte {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out [][]byte
	for _, name := range []func(string) string{strings.ToUpper, func(k string) string { return strings.ToUpper(k[:1]) + k[1:] }, nil} {
		var b bytes.Buffer
		writeKeys(&b, v, name)
		out = append(out, b.Bytes())
	}
	return out
}

// writeKeys writes v as JSON, each object member's name through name, or
// each member twice when name is nil.
func writeKeys(b *bytes.Buffer, v any, name func(string) string) {
	switch v := v.(type) {
	case map[string]any:
		b.WriteByte('{')
		first := true
		for k, x := range v {
			keys := []string{k, k}
			if name != nil && k != "" {
				keys = []string{name(k)}
			}
			for _, key := range keys {
				if !first {
					b.WriteByte(',')
				}
				first = false
				kb, _ := json.Marshal(key)
				b.Write(kb)
				b.WriteByte(':')
				writeKeys(b, x, name)
			}
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeKeys(b, x, name)
		}
		b.WriteByte(']')
	default:
		vb, _ := json.Marshal(v)
		b.Write(vb)
	}
}

var uuidRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func (p *prober) paths(en entry, base call, tok string) {
	u, q, hasQ := strings.Cut(base.path, "?")
	suffix := ""
	if hasQ {
		suffix = "?" + q
	}
	variants := []string{u + "/", u + "//", strings.Replace(u, "/api/v1/", "/api/v1//", 1), strings.ToUpper(u), u + "%20", u + ";x", u + "/."}
	var foreign []string
	for _, id := range uuidRe.FindAllString(u, -1) {
		for _, bad := range []string{"x", "..", "%2e%2e", "..%2F..%2Fetc", "%00", strings.Repeat("a", 5000), strings.ToUpper(id), id + "%20",
			models.NewID(), "00000000-0000-0000-0000-000000000000", "%27%20OR%201%3D1%20--"} {
			variants = append(variants, strings.Replace(u, id, bad, 1))
		}
		for _, other := range []string{p.w.other, p.w.otherSvc, p.privRef, p.w.otherMbr.ID} {
			foreign = append(foreign, strings.Replace(u, id, other, 1))
		}
	}
	for _, v := range variants {
		p.send("path", en.route, apitest.Request{Method: base.method, Path: v + suffix, Body: base.body, Token: tok, NotInSpec: base.notInSpec})
	}
	// Another structure's records in the path, as each role of OWN (an
	// administrator may legitimately act on them).
	for _, v := range foreign {
		for _, role := range roles {
			if role == "admin" {
				continue
			}
			r := p.send("path-foreign-id", en.route, apitest.Request{Method: base.method, Path: v + suffix, Body: base.body, Token: p.w.tokens[role], NotInSpec: base.notInSpec})
			if r.Code < 300 && base.method != "GET" && !strings.HasPrefix(en.route, "POST /api/v1/actors/:id/suggestions") &&
				!strings.HasPrefix(en.route, "POST /api/v1/services/:id/suggestions") && !strings.HasPrefix(en.route, "POST /api/v1/actors/:id/join-requests") {
				p.find("foreign-write", en.route, fmt.Sprintf("%s %s as %s → %d", base.method, v, role, r.Code))
			}
		}
	}
}

func (p *prober) methods(en entry, base call, tok string) {
	for _, m := range []string{"HEAD", "OPTIONS", "TRACE", "PROPFIND", "GET", "POST", "PUT", "PATCH", "DELETE"} {
		if m == base.method {
			continue
		}
		// Only reads carry the token: another method on a fixture's path
		// must not change it (DELETE of a GET's record).
		mt := ""
		if m == "HEAD" || m == "OPTIONS" || m == "GET" && base.method != "GET" {
			mt = tok
		}
		p.send("method", en.route, apitest.Request{Method: m, Path: base.path, Token: mt, NotInSpec: base.notInSpec || m == "HEAD"})
	}
	// CORS preflight.
	p.send("method", en.route, apitest.Request{Method: "OPTIONS", Path: base.path, NotInSpec: true,
		Header: map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": base.method}})
}

func (p *prober) headers(en entry, base call, tok string) {
	cond := []string{"*", `W/"1"`, `"abc"`, `"99999999999999999999"`, `"-1"`, "garbage", `"1", "2"`, `""`, "\x00", strings.Repeat(`"1",`, 2000)}
	for _, v := range cond {
		for _, h := range []string{"If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"} {
			p.send("conditional", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: base.notInSpec, Header: map[string]string{h: v}})
		}
	}
	for _, v := range []string{"", " ", strings.Repeat("k", 10000), "clé-é", "\x7f", "a\tb", models.NewID()} {
		p.send("idempotency", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: base.notInSpec, Header: map[string]string{"Idempotency-Key": v}})
	}
	for _, v := range []string{"text/csv", "application/xml", "text/csv;q=0, application/json", "garbage", "application/problem+json", "application/geo+json"} {
		p.send("accept", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: base.notInSpec, Header: map[string]string{"Accept": v}})
	}
	for _, v := range []string{"gzip", "br, gzip;q=0", "identity;q=0"} {
		// The validator does not decode gzip: only statuses are checked.
		p.send("accept", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: true, Header: map[string]string{"Accept-Encoding": v}})
	}
	for _, h := range []map[string]string{{"X-Forwarded-For": "1.2.3.4, ::1, garbage"}, {"X-Request-ID": "../../x"}, {"Range": "bytes=0-1"},
		{"X-HTTP-Method-Override": "DELETE"}, {"Content-Length": "-1"}, {"Transfer-Encoding": "chunked"}} {
		p.send("misc-header", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: tok, NotInSpec: base.notInSpec, Header: h})
	}
}

// tokens sends each route's request with stale, forged and malformed
// credentials: every one must be refused with 401 where a token is read.
func (p *prober) tokens(es []entry) {
	ctx := context.Background()
	sign := func(method jwt.SigningMethod, key any, mut func(jwt.MapClaims)) string {
		c := jwt.MapClaims{"iss": "carnet-test", "aud": []string{"carnet-test-api"}, "sub": p.w.e.AdminUser.ID, "kind": "user",
			"iat": time.Now().Unix(), "nbf": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix(), "sid": "x"}
		if mut != nil {
			mut(c)
		}
		tk := jwt.NewWithClaims(method, c)
		tk.Header["kid"] = probeKid(p.w.e.Admin)
		s, err := tk.SignedString(key)
		if err != nil {
			p.t.Fatal(err)
		}
		return s
	}
	key := []byte(strings.Repeat("k", 48))
	// A real session, then logged out.
	sess, err := p.w.e.Store.OpenSession(ctx, p.w.e.AdminUser.ID, time.Hour)
	if err != nil {
		p.t.Fatal(err)
	}
	valid := func(mut func(jwt.MapClaims)) string {
		return sign(jwt.SigningMethodHS256, key, func(c jwt.MapClaims) {
			c["sid"] = sess.ID
			if mut != nil {
				mut(c)
			}
		})
	}
	// A deleted account's token.
	gone, goneTok := p.w.e.Account(p.w.email("gone"), nil, models.Territory{})
	if err := p.w.e.Store.DeleteAccount(ctx, gone.ID, "a password for tests"); err != nil {
		p.t.Fatal(err)
	}
	bad := map[string]string{
		"expired":      valid(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }),
		"no-exp":       valid(func(c jwt.MapClaims) { delete(c, "exp") }),
		"future-nbf":   valid(func(c jwt.MapClaims) { c["nbf"] = time.Now().Add(time.Hour).Unix() }),
		"wrong-aud":    valid(func(c jwt.MapClaims) { c["aud"] = "other" }),
		"wrong-iss":    valid(func(c jwt.MapClaims) { c["iss"] = "other" }),
		"wrong-key":    sign(jwt.SigningMethodHS256, []byte(strings.Repeat("z", 48)), func(c jwt.MapClaims) { c["sid"] = sess.ID }),
		"hs512":        sign(jwt.SigningMethodHS512, key, func(c jwt.MapClaims) { c["sid"] = sess.ID }),
		"alg-none":     sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, func(c jwt.MapClaims) { c["sid"] = sess.ID }),
		"no-session":   valid(func(c jwt.MapClaims) { delete(c, "sid") }),
		"other-sid":    valid(func(c jwt.MapClaims) { c["sid"] = models.NewID() }),
		"bad-sub":      valid(func(c jwt.MapClaims) { c["sub"] = "' OR 1=1 --" }),
		"nul-sub":      valid(func(c jwt.MapClaims) { c["sub"] = "a\x00b" }),
		"client-kind":  valid(func(c jwt.MapClaims) { c["kind"] = "client"; c["gen"] = 1 }),
		"client-gen-0": valid(func(c jwt.MapClaims) { c["kind"] = "client" }),
		"deleted":      goneTok,
		"garbage":      "a.b.c",
		"huge":         strings.Repeat("a", 40000),
		"spaces":       "  ",
	}
	if err := p.w.e.Store.RevokeSession(ctx, p.w.e.AdminUser.ID, sess.ID); err != nil {
		p.t.Fatal(err)
	}
	bad["logged-out"] = valid(nil)
	noToken := map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /api/v1/vocabularies": true, "GET /api/v1/vocabularies/:name": true,
		"POST /api/v1/auth/login": true, "POST /api/v1/auth/token": true, "POST /api/v1/auth/logout": true, "POST /api/v1/auth/password-reset": true,
		"POST /api/v1/invitations/accept": true, "POST /api/v1/signup": true, "POST /api/v1/signup/verify": true}
	names := make([]string, 0, len(bad))
	for n := range bad {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, en := range es {
		if strings.HasPrefix(en.route, "GET /docs") || en.route == "GET /metrics" || en.route == "GET /" || strings.Contains(en.route, "/api/hsds/") ||
			strings.HasPrefix(en.route, "GET /openapi") {
			continue
		}
		base := p.bases[en.route]
		for _, n := range names {
			r := p.send("token", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, Token: bad[n], NotInSpec: base.notInSpec})
			if !noToken[en.route] && r.Code != 401 {
				p.find("token-accepted", en.route, fmt.Sprintf("%s token → %d", n, r.Code))
			}
		}
		for _, h := range []string{"Bearer", "Bearer ", "Basic YTpi", "bearer " + p.w.e.Admin, "Bearer  " + p.w.e.Admin, "Bearer " + p.w.e.Admin + " x", "Token " + p.w.e.Admin} {
			p.send("token", en.route, apitest.Request{Method: base.method, Path: base.path, Body: base.body, NotInSpec: base.notInSpec, Header: map[string]string{"Authorization": h}})
		}
	}
}

// probeKid is the key id of apitest's signing key, read from a token it
// issued (api.keyID is unexported).
func probeKid(issued string) string {
	tok, _, err := jwt.NewParser().ParseUnverified(issued, jwt.MapClaims{})
	if err != nil {
		return ""
	}
	k, _ := tok.Header["kid"].(string)
	return k
}

func (p *prober) report() {
	cats := make([]string, 0, len(p.counts))
	total := 0
	for c, n := range p.counts {
		cats = append(cats, c)
		total += n
	}
	sort.Strings(cats)
	for _, c := range cats {
		p.t.Logf("probe %-18s %6d requests", c, p.counts[c])
	}
	p.t.Logf("probe total %d requests", total)
	keys := make([]string, 0, len(p.findings))
	for k := range p.findings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "design-") {
			p.t.Logf("DESIGN %s\n    %s", k, strings.Join(p.findings[k], "\n    "))
			continue
		}
		p.t.Errorf("FINDING %s\n    %s", k, strings.Join(p.findings[k], "\n    "))
	}
}
