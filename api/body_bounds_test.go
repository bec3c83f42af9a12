package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"carnet/api/apitest"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// deepBody is a JSON object nested n levels: {"a":{"a":…1…}}.
func deepBody(n int) string {
	return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)
}

// bodyWorld is an actor, a service of it and a webhook subscription.
type bodyWorld struct {
	e                *apitest.Env
	actor, actor2    string
	service, webhook string
}

func newBodyWorld(t *testing.T) bodyWorld {
	e := apitest.New(t)
	w := bodyWorld{e: e}
	w.actor = str(createActor(t, e, validActor("Lieu A"))["id"])
	w.actor2 = str(createActor(t, e, validActor("Lieu B"))["id"])
	w.service = str(createService(t, e, validService(w.actor, "Atelier"))["id"])
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": "https://hooks.partenaire.example/carnet"}})
	if r.Code != 201 {
		t.Fatalf("webhook: %d %s", r.Code, r.Body)
	}
	w.webhook = str(r.Map()["id"])
	return w
}

// TestSec29DeepBodiesRefusedBeforeAnyWork: a PATCH of an actor, a service
// or a webhook nested 10,000 levels (110 kB) answered 400 only after 12 to
// 18 s, the merge patch copying the document at each level, inside the
// write transaction (another actor's PATCH waited for it). Every body is
// now checked in one pass before anything is done with it: past 8 levels
// it is refused, on every path that reads a body, and nothing changes.
func TestSec29DeepBodiesRefusedBeforeAnyWork(t *testing.T) {
	w := newBodyWorld(t)
	e := w.e
	const merge = "application/merge-patch+json"
	for _, tc := range []struct{ method, path, ct string }{
		{"PATCH", "/api/v1/actors/" + w.actor, merge},
		{"PATCH", "/api/v1/actors/" + w.actor, "application/json"},
		{"PUT", "/api/v1/actors/" + w.actor, ""},
		{"POST", "/api/v1/actors", ""},
		{"PATCH", "/api/v1/services/" + w.service, merge},
		{"PUT", "/api/v1/services/" + w.service, ""},
		{"PATCH", "/api/v1/webhooks/" + w.webhook, merge},
		{"POST", "/api/v1/webhooks", ""},
		{"PATCH", "/api/v1/me", merge},
		{"POST", "/api/v1/orientation/suggestions", ""},
		{"PUT", "/api/v1/sync/hub/actors", ""},
		{"PUT", "/api/v1/sync/hub/services", ""},
		{"POST", "/api/v1/clients", ""},
		{"POST", "/api/v1/actors/" + w.actor + "/suggestions", ""},
	} {
		for _, depth := range []int{10_000, 9} {
			before := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.actor, Token: e.Admin}).Map()["version"]
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, ContentType: tc.ct, Body: deepBody(depth)})
			if r.Code != 400 || !strings.Contains(r.Body.String(), "deeper than 8 levels") {
				t.Errorf("%s %s nested %d: %d %.300s, want 400 naming the depth", tc.method, tc.path, depth, r.Code, r.Body)
			}
			if after := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.actor, Token: e.Admin}).Map()["version"]; after != before {
				t.Errorf("%s %s: refused, but the actor changed", tc.method, tc.path)
			}
		}
	}
	// Eight levels are read as any body is: here an unknown member.
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.actor, Token: e.Admin, ContentType: merge, Body: deepBody(8)})
	if r.Code != 400 || strings.Contains(r.Body.String(), "deeper") {
		t.Errorf("8 levels: %d %s", r.Code, r.Body)
	}
}

// blockedBody is a request body sent in two parts: the second only once
// release is called, as a slow client sends it.
type blockedBody struct {
	pw      *io.PipeWriter
	done    chan struct{}
	code    int
	release func()
}

// sendBlocked starts req with body's first half and returns once the
// handler has read it (a pipe's Write returns when it is read).
func sendBlocked(t *testing.T, e *apitest.Env, method, path, ct, body string) *blockedBody {
	t.Helper()
	pr, pw := io.Pipe()
	b := &blockedBody{pw: pw, done: make(chan struct{})}
	req := httptest.NewRequest(method, path, pr)
	req.ContentLength = -1
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.Admin)
	go func() {
		defer close(b.done)
		rec := httptest.NewRecorder()
		e.Handler.ServeHTTP(rec, req)
		b.code = rec.Code
	}()
	half := len(body) / 2
	if _, err := pw.Write([]byte(body[:half])); err != nil {
		t.Fatal(err)
	}
	b.release = func() {
		_, _ = pw.Write([]byte(body[half:]))
		_ = pw.Close()
		<-b.done
	}
	return b
}

// TestSec29BodyReadOutsideTheWriteTransaction: PUT and PATCH of an actor
// or a service read their body inside the store's write transaction, so a
// client slow to send it (or a body slow to judge) held every other write:
// a PATCH of another actor waited. The body is now read and checked
// first; another write goes through while one body is still arriving.
func TestSec29BodyReadOutsideTheWriteTransaction(t *testing.T) {
	w := newBodyWorld(t)
	e := w.e
	for _, tc := range []struct{ method, path, ct, body string }{
		{"PATCH", "/api/v1/actors/" + w.actor, "application/merge-patch+json", `{"summary":"Un résumé envoyé lentement"}`},
		{"PUT", "/api/v1/actors/" + w.actor, "application/json", mustJSON(t, validActor("Lieu A renommé"))},
		{"PATCH", "/api/v1/services/" + w.service, "application/merge-patch+json", `{"description":"Envoyé lentement"}`},
		{"PUT", "/api/v1/services/" + w.service, "application/json", mustJSON(t, validService(w.actor, "Atelier renommé"))},
	} {
		slow := sendBlocked(t, e, tc.method, tc.path, tc.ct, tc.body)
		other := make(chan *apitest.Response, 1)
		go func() {
			other <- e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.actor2, Token: e.Admin,
				ContentType: "application/merge-patch+json", Body: fmt.Sprintf(`{"summary":"Pendant %s %s"}`, tc.method, tc.path)})
		}()
		var r *apitest.Response
		select {
		case r = <-other:
		case <-time.After(time.Minute): // a safety net, not a measure: the write waits for the slow body
			slow.release()
			r = <-other
			t.Errorf("%s %s: another actor's PATCH waited for this request's body (then %d)", tc.method, tc.path, r.Code)
			continue
		}
		select {
		case <-slow.done:
			t.Errorf("%s %s: answered %d before its body was sent", tc.method, tc.path, slow.code)
		default:
		}
		if r.Code != 200 {
			t.Errorf("%s %s: another actor's PATCH answered %d %s while its body arrived", tc.method, tc.path, r.Code, r.Body)
		}
		slow.release()
		if slow.code != http.StatusOK {
			t.Errorf("%s %s: %d once its body was sent", tc.method, tc.path, slow.code)
		}
	}
}

// TestSec29ListsBoundedAndCountedWhileRead: lists had no maxItems where
// the document declares none (orientation constraints, clients' scopes and
// sources, webhooks' filters), and a list's every item was decoded and
// judged: 200,000 languages answered 422 with 200,000 errors (28.5 MB),
// 100,000 sources were stored. Every list of a body is bounded, and
// refused at its item past the bound, naming the list once.
func TestSec29ListsBoundedAndCountedWhileRead(t *testing.T) {
	w := newBodyWorld(t)
	e := w.e
	many := func(v string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = v
			if strings.Contains(v, "%") {
				out[i] = fmt.Sprintf(v, i)
			}
		}
		return out
	}
	client := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF", "sources": []string{"caf-13"}, "scopes": []string{"sync:write"}}})
	if client.Code != 201 {
		t.Fatalf("client: %d %s", client.Code, client.Body)
	}
	clientID := str(client.Map()["id"])
	for _, tc := range []struct {
		name, method, path string
		body               any
		field              string
	}{
		{"orientation languages", "POST", "/api/v1/orientation/suggestions", obj{"constraints": obj{"languages": many("a", 200_000)}}, "constraints.languages"},
		{"orientation languages 21", "POST", "/api/v1/orientation/suggestions", obj{"constraints": obj{"languages": many("fr", 21)}}, "constraints.languages"},
		{"orientation specific_support", "POST", "/api/v1/orientation/suggestions", obj{"constraints": obj{"specific_support": many("s%d", 21)}}, "constraints.specific_support"},
		{"orientation when", "POST", "/api/v1/orientation/suggestions", obj{"constraints": obj{"when": many("monday", 11)}}, "constraints.when"},
		{"orientation needs", "POST", "/api/v1/orientation/suggestions", obj{"needs": many("n%d", 21)}, "needs"},
		{"client sources", "POST", "/api/v1/clients", obj{"name": "X", "sources": many("s", 100_000), "scopes": []string{"sync:write"}}, "sources"},
		{"client scopes", "POST", "/api/v1/clients", obj{"name": "X", "sources": []string{"x"}, "scopes": many("a", 200_000)}, "scopes"},
		{"client patch scopes", "PATCH", "/api/v1/clients/" + clientID, obj{"scopes": many("sync:write", 11)}, "scopes"},
		{"client patch sources", "PATCH", "/api/v1/clients/" + clientID, obj{"sources": many("s-%d", 201)}, "sources"},
		{"webhook communes", "POST", "/api/v1/webhooks", obj{"url": "https://hooks.partenaire.example/u", "filters": obj{"communes": many("13%03d", 501)}}, "filters.communes"},
		{"webhook patch sources", "PATCH", "/api/v1/webhooks/" + w.webhook, obj{"filters": obj{"sources": many("s-%d", 201)}}, "filters.sources"},
		{"webhook patch ops", "PATCH", "/api/v1/webhooks/" + w.webhook, obj{"filters": obj{"ops": many("create", 11)}}, "filters.ops"},
	} {
		r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: tc.body})
		if r.Code != 422 {
			t.Errorf("%s: %d %.300s, want 422", tc.name, r.Code, r.Body)
			continue
		}
		if f := fields(t, r); len(f) != 1 || f[0] != tc.field {
			t.Errorf("%s: errors name %v, want [%s]", tc.name, f, tc.field)
		}
		// An orientation stores nothing: its refusal does not say that
		// nothing was stored, as a write's does.
		d := str(r.Map()["detail"])
		if read := strings.HasPrefix(tc.path, "/api/v1/orientation/"); read == strings.Contains(d, "nothing was stored") {
			t.Errorf("%s: detail %q", tc.name, d)
		}
	}
	// A sync batch over its bound is refused at its 1,001st record, with
	// the batch's own message.
	batch := make([]obj, 200_000)
	for i := range batch {
		batch[i] = obj{}
	}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/services", Token: e.Admin, Body: obj{"services": batch}})
	if r.Code != 422 || !strings.Contains(r.Body.String(), "at most 1000 services") {
		t.Errorf("sync of 200,000 services: %d %.300s", r.Code, r.Body)
	}
	// A record's list over its bound is that record's refusal, as before.
	place := partnerActor("k-1", "Médiathèque")
	place["phones"] = many("04 91 00 00 %02d", 21)
	if res := syncActors(t, e, "", place); len(res.Results) != 1 || res.Results[0].Result != "rejected" {
		t.Errorf("a record with 21 phones: %+v", res.Results)
	}
}

// TestSec29ProblemListsAtMost50Errors: a problem names its first 50 field
// errors, then one entry counting the others.
func TestSec29ProblemListsAtMost50Errors(t *testing.T) {
	e := apitest.New(t)
	langs := make([]string, 20)
	for i := range langs {
		langs[i] = fmt.Sprintf("zz%d", i)
	}
	needs := make([]string, 20)
	for i := range needs {
		needs[i] = fmt.Sprintf("besoin inconnu %d", i)
	}
	supports := make([]string, 20)
	for i := range supports {
		supports[i] = fmt.Sprintf("soutien inconnu %d", i)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions",
		Body: obj{"needs": needs, "constraints": obj{"languages": langs, "specific_support": supports}}})
	if r.Code != 422 {
		t.Fatalf("%d %.300s", r.Code, r.Body)
	}
	errs := r.Map()["errors"].([]any)
	if len(errs) != 51 {
		t.Fatalf("%d errors listed, want 50 and one counting the rest", len(errs))
	}
	last := errs[50].(map[string]any)
	if last["field"] != "" || !strings.Contains(str(last["reason"]), "and 10 more errors") {
		t.Errorf("the last entry is %v", last)
	}
}

// TestSec29MemberNamesExactAndOnce: names were matched without regard to
// case ({"URL": …} registered a webhook), and a member sent twice whose
// second value is null passed (PATCH /me {"job_title":"a","job_title":
// null}): its null was made "" before the duplicates were looked for.
// Names are exact on every body, and a name sent twice is refused
// whatever its values.
func TestSec29MemberNamesExactAndOnce(t *testing.T) {
	w := newBodyWorld(t)
	e := w.e
	const merge = "application/merge-patch+json"
	for _, tc := range []struct {
		name, method, path, ct, body, field string
	}{
		{"webhook URL", "POST", "/api/v1/webhooks", "", `{"URL":"https://hooks.partenaire.example/u"}`, "URL"},
		{"webhook patch Active", "PATCH", "/api/v1/webhooks/" + w.webhook, merge, `{"Active":false}`, "Active"},
		{"actor Name", "POST", "/api/v1/actors", "", strings.Replace(mustJSON(t, validActor("Lieu")), `"name"`, `"Name"`, 1), "Name"},
		{"actor patch Summary", "PATCH", "/api/v1/actors/" + w.actor, merge, `{"Summary":"x"}`, "Summary"},
		{"actor patch address.Street", "PATCH", "/api/v1/actors/" + w.actor, merge, `{"address":{"Street":"1 rue A"}}`, "address.Street"},
		{"sync list Actors", "PUT", "/api/v1/sync/hub/actors", "", `{"Actors":[]}`, "Actors"},
		{"me Job_title", "PATCH", "/api/v1/me", merge, `{"Job_title":"a"}`, "Job_title"},
		{"me null duplicate", "PATCH", "/api/v1/me", merge, `{"job_title":"a","job_title":null}`, "job_title"},
		{"me null first", "PATCH", "/api/v1/me", merge, `{"job_title":null,"job_title":"a"}`, "job_title"},
		{"actor patch null duplicate", "PATCH", "/api/v1/actors/" + w.actor, merge, `{"summary":"a","summary":null}`, "summary"},
		{"webhook patch null duplicate", "PATCH", "/api/v1/webhooks/" + w.webhook, merge, `{"description":"a","description":null}`, "description"},
		{"client patch duplicate", "PATCH", "/api/v1/clients/x", merge, `{"name":"a","name":null}`, "name"},
	} {
		r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, ContentType: tc.ct, Body: tc.body})
		if r.Code != 400 {
			t.Errorf("%s: %d %.300s, want 400", tc.name, r.Code, r.Body)
			continue
		}
		if f := fields(t, r); len(f) != 1 || f[0] != tc.field {
			t.Errorf("%s: errors name %v, want [%s]", tc.name, f, tc.field)
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: `{"URL":"https://hooks.partenaire.example/u"}`})
	if !strings.Contains(r.Body.String(), "did you mean url?") {
		t.Errorf("URL: no hint: %s", r.Body)
	}
}

// TestSec29EveryRequestListDeclaresMaxItems: every array a request body
// may hold, at any depth, declares its maxItems in the document (which the
// server enforces while reading: TestSec29ListsBoundedAndCountedWhileRead).
func TestSec29EveryRequestListDeclaresMaxItems(t *testing.T) {
	doc := apitest.Spec(t)
	var missing []string
	var walk func(s *openapi3.SchemaRef, path string, seen map[*openapi3.Schema]bool)
	walk = func(s *openapi3.SchemaRef, path string, seen map[*openapi3.Schema]bool) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		seen[s.Value] = true
		defer delete(seen, s.Value)
		v := s.Value
		for _, sub := range append(append(append(openapi3.SchemaRefs{}, v.AllOf...), v.OneOf...), v.AnyOf...) {
			walk(sub, path, seen)
		}
		if v.Type.Is("array") {
			if v.MaxItems == nil {
				missing = append(missing, path)
			}
			walk(v.Items, path+"[]", seen)
		}
		for name, p := range v.Properties {
			walk(p, path+"."+name, seen)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			for ct, mt := range op.RequestBody.Value.Content {
				if strings.Contains(ct, "json") {
					walk(mt.Schema, method+" "+path+" ", map[*openapi3.Schema]bool{})
				}
			}
		}
	}
	slices.Sort(missing)
	for _, m := range slices.Compact(missing) {
		t.Errorf("%s: a list without maxItems", m)
	}
}
