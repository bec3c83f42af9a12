package api_test

import (
	"carnet/api"
	"carnet/models"
	"fmt"
	"github.com/getkin/kin-openapi/openapi3"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"carnet/api/apitest"
)

// chars is s padded with « é » (2 bytes each) to n characters.
func chars(t *testing.T, s string, n int, tail string) string {
	t.Helper()
	out := s + strings.Repeat("é", n-utf8.RuneCountInString(s)-utf8.RuneCountInString(tail)) + tail
	if utf8.RuneCountInString(out) != n {
		t.Fatalf("setup: %d characters", utf8.RuneCountInString(out))
	}
	return out
}

// TestProbe38aH1LimitsCountCharacters reproduces probe 38a's H1: the
// document's maxLength counts characters (JSON Schema: code points), but
// opening_hours counted bytes (994 accented characters, 1,052 bytes: 422)
// and the web addresses were measured once percent-encoded (each « é »
// 6). At the limit, in characters, every one is accepted; one past, each
// is refused naming it.
func TestProbe38aH1LimitsCountCharacters(t *testing.T) {
	e := apitest.New(t)
	hours := func(n int) string { return chars(t, `Mo 09:00-12:00 "accueil `, n, `"`) }
	url := func(n int) string { return chars(t, "https://example.fr/", n, "") }
	actor := validActor("Horaires accentués")
	actor["opening_hours"] = hours(1000)
	actor["acceslibre_url"] = url(2000)
	actor["booking_url"] = url(2000)
	actor["websites"] = []string{url(2000)}
	a := createActor(t, e, actor)
	if got := str(a["opening_hours"]); utf8.RuneCountInString(got) != 1000 {
		t.Errorf("opening_hours stored with %d characters", utf8.RuneCountInString(got))
	}
	svc := validService(str(a["id"]), "Atelier accentué")
	svc["opening_hours"] = hours(1000)
	svc["booking_url"] = url(2000)
	createService(t, e, svc)

	for _, tc := range []struct {
		path, field string
		value       any
	}{
		{"/api/v1/actors", "opening_hours", hours(1001)},
		{"/api/v1/actors", "acceslibre_url", url(2001)},
		{"/api/v1/actors", "booking_url", url(2001)},
		{"/api/v1/services", "opening_hours", hours(1001)},
		{"/api/v1/services", "booking_url", url(2001)},
	} {
		body := validActor("Trop long")
		if tc.path == "/api/v1/services" {
			body = validService(str(a["id"]), "Trop long")
		}
		body[tc.field] = tc.value
		r := e.Do(apitest.Request{Method: "POST", Path: tc.path, Token: e.Admin, Body: body})
		if r.Code != 422 || !hasAll(fields(t, r), tc.field) {
			t.Errorf("%s %s one character past: %d %s", tc.path, tc.field, r.Code, r.Body)
		}
	}
}

// nullCase is a member of a request body's schema, by its path in the body.
type nullCase struct {
	path     []string
	nullable bool
}

// bodyMembers lists the members of schema, nested objects' members by
// their path (« address.street »).
func bodyMembers(s *openapi3.Schema, prefix []string) []nullCase {
	var out []nullCase
	for _, x := range s.AllOf {
		out = append(out, bodyMembers(x.Value, prefix)...)
	}
	for name, p := range s.Properties {
		v := p.Value
		if v.ReadOnly {
			continue
		}
		path := append(slices.Clone(prefix), name)
		out = append(out, nullCase{path: path, nullable: v.Nullable})
		if v.Type.Is("object") || len(v.AllOf) > 0 {
			out = append(out, bodyMembers(v, path)...)
		}
	}
	return out
}

// withNull is the body {a:{b:null}} for the path [a b].
func withNull(path []string) obj {
	var v any
	for i := len(path) - 1; i >= 0; i-- {
		v = obj{path[i]: v}
	}
	return v.(obj)
}

// TestProbe38aM2NullOnlyWhereNullable reproduces probe 38a's M2: null on a
// member the document does not declare nullable was read as its zero value
// in a POST (phones: [], status: "active", a referral's message: "",
// orientation's needs…), answered 201 or 200. Whatever the member, in
// every whole body (POST, PUT) the document describes, null is now 400
// naming it where the schema does not say nullable, and never refused
// where it does: the table is read from openapi.yaml, so the document and
// the server agree member by member.
func TestProbe38aM2NullOnlyWhereNullable(t *testing.T) {
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	w := newReferralWorld(t, apitest.WithNotifications(), apitest.WithSignUpLimit(many), apitest.WithRateLimits(many, many))
	e, ref := w.e, w.send(t)
	// Who may send each body, and the id in its path.
	as := func(path string) (string, string) {
		switch {
		case strings.HasPrefix(path, "/api/v1/referrals/{id}/messages"):
			return w.memberA, ref
		case strings.HasPrefix(path, "/api/v1/referrals/{id}"):
			return w.memberB, ref
		case strings.HasPrefix(path, "/api/v1/referrals"):
			return w.memberA, ""
		case strings.HasPrefix(path, "/api/v1/actors/{id}/suggestions"):
			return w.memberC, w.a
		case strings.HasSuffix(path, "/suggestions"):
			return w.memberC, w.s
		case strings.HasPrefix(path, "/api/v1/services/{id}"):
			return e.Admin, w.s
		}
		return e.Admin, w.a
	}
	doc := apitest.Spec(t)
	checked, skipped := 0, map[string]int{}
	for path, item := range doc.Paths.Map() {
		for method, op := range map[string]*openapi3.Operation{"POST": item.Post, "PUT": item.Put} {
			if op == nil || op.RequestBody == nil || op.RequestBody.Value.Content.Get("application/json") == nil {
				continue
			}
			schema := op.RequestBody.Value.Content.Get("application/json").Schema.Value
			tok, id := as(path)
			url := strings.ReplaceAll(path, "{id}", id)
			for _, m := range bodyMembers(schema, nil) {
				name := strings.Join(m.path, ".")
				r := e.Do(apitest.Request{Method: method, Path: url, Token: tok, Body: withNull(m.path)})
				named := r.Code == 400 && hasAll(fields(t, r), name)
				refused := named && strings.Contains(r.Body.String(), "must not be null")
				switch {
				case !m.nullable && r.Code/100 == 4 && r.Code != 400 && r.Code != 422:
					// Refused before the body was read (404, 403, 409…):
					// nothing learnt.
					skipped[method+" "+path]++
				case !m.nullable && !named:
					t.Errorf("%s %s {%s: null}, not nullable: %d %s", method, path, name, r.Code, r.Body)
				case m.nullable && refused:
					t.Errorf("%s %s {%s: null}, nullable in the document, refused: %s", method, path, name, r.Body)
				default:
					checked++
				}
			}
		}
	}
	if len(skipped) > 0 || checked < 200 {
		t.Errorf("%d members checked; bodies not read (refused before): %v", checked, skipped)
	}
}

// TestProbe38aM1CoordinatorIsMerged reproduces probe 38a's M1: PATCH
// /users/{id} (a merge patch, RFC 7396) replaced the coordinator's whole
// territory: {"coordinator":{"communes":["13001"]}} emptied its
// départements. Nested objects are merged, as an actor's address and a
// webhook's filters are: a list left out is kept, a list sent replaces
// it, null (RFC 7396: remove) or [] empties it.
func TestProbe38aM1CoordinatorIsMerged(t *testing.T) {
	e := apitest.New(t)
	u, _ := e.Account("coordination.zzq@example.fr", nil, models.Territory{Departements: []string{"13"}, Communes: []string{"13055"}})
	patch := func(body obj, ct string) obj {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: body, ContentType: ct})
		if r.Code != 200 {
			t.Fatalf("patch %v: %d %s", body, r.Code, r.Body)
		}
		return r.Map()["coordinator"].(map[string]any)
	}
	for _, ct := range []string{"application/merge-patch+json", "application/json"} {
		got := patch(obj{"coordinator": obj{"departements": []string{"13"}, "communes": []string{"13055"}}}, ct)
		got = patch(obj{"coordinator": obj{"communes": []string{"insee:13001"}}}, ct)
		if fmt.Sprint(got["departements"]) != "[13]" || fmt.Sprint(got["communes"]) != "[13001]" {
			t.Errorf("%s: communes changed: %v, want départements kept", ct, got)
		}
		got = patch(obj{"coordinator": obj{"communes": nil}}, ct)
		if fmt.Sprint(got["departements"]) != "[13]" || fmt.Sprint(got["communes"]) != "[]" {
			t.Errorf("%s: communes removed (null): %v", ct, got)
		}
		got = patch(obj{"coordinator": obj{"departements": []string{}}}, ct)
		if fmt.Sprint(got["departements"]) != "[]" {
			t.Errorf("%s: départements emptied ([]): %v", ct, got)
		}
		got = patch(obj{"display_name": "Coordination"}, ct)
		if fmt.Sprint(got["departements"]) != "[]" || fmt.Sprint(got["communes"]) != "[]" {
			t.Errorf("%s: no coordinator sent: %v", ct, got)
		}
	}
}

// TestProbe38aL2UnsetDatesAreNull reproduces probe 38a's L2: an actor with
// no closure answered "closed_from": "", "closed_until": "" where the
// document declares dates; unset, they are null (nullable), as
// producer_updated_on already was, and set, the day.
func TestProbe38aL2UnsetDatesAreNull(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Ouverte"))
	for _, f := range []string{"closed_from", "closed_until"} {
		if v, ok := a[f]; !ok || v != nil {
			t.Errorf("%s of an actor without closure: %#v (present %v), want null", f, v, ok)
		}
	}
	body := validActor("Fermée l'été")
	body["status"], body["closed_from"], body["closed_until"] = "temporarily_closed", "2026-07-14", "2026-08-31"
	a = createActor(t, e, body)
	if a["closed_from"] != "2026-07-14" || a["closed_until"] != "2026-08-31" {
		t.Errorf("closure dates: %v %v", a["closed_from"], a["closed_until"])
	}
}

// TestProbe38aL3ConsentMustBeTrue reproduces probe 38a's L3: consent.given
// and consent.referent_commitment were declared booleans, false refused
// (422): the document now says enum [true], and the server agrees.
func TestProbe38aL3ConsentMustBeTrue(t *testing.T) {
	w := newReferralWorld(t)
	consent := apitest.Spec(t).Components.Schemas["ConsentInput"].Value
	for _, f := range []string{"given", "referent_commitment"} {
		if enum := consent.Properties[f].Value.Enum; fmt.Sprint(enum) != "[true]" {
			t.Errorf("document: consent.%s enum %v, want [true]", f, enum)
		}
		c := obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}
		c[f] = false
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: merge(referralBody(w.a, w.s), obj{"consent": c})})
		if r.Code != 422 || !hasAll(fields(t, r), "consent."+f) {
			t.Errorf("consent.%s false: %d %s", f, r.Code, r.Body)
		}
	}
}
