package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/vocab"
)

// TestFeedCursorsRefusedAlike: GET /changes took a cursor beyond the
// feed's head and echoed it as next_cursor, so a follower with a corrupted
// cursor skipped every change until seq reached it, while a webhook replay
// refuses it; a cursor with a leading space was read as the number;
// /referrals/changes refused an unknown cursor without naming it in
// errors[]. Each now answers 400 naming the parameter.
func TestFeedCursorsRefusedAlike(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Lieu"))
	head := changes(t, e, "0", 1000).Meta.NextCursor
	n, _ := strconv.ParseInt(head, 10, 64)
	for _, tc := range []struct {
		path, field string
		code        int
	}{
		{"/api/v1/changes?cursor=" + head, "", 200}, // the head itself: nothing new yet
		{"/api/v1/changes?cursor=999999999999", "cursor", 400},
		{fmt.Sprintf("/api/v1/changes?cursor=%d", n+1), "cursor", 400},
		{fmt.Sprintf("/api/v1/changes?after=%d", n+1), "after", 400},
		{"/api/v1/changes?cursor=%20" + head, "cursor", 400},
		{"/api/v1/changes?cursor=" + head + "%20", "cursor", 400},
		{"/api/v1/referrals/changes?cursor=1", "cursor", 400},
		{"/api/v1/referrals/changes?cursor=%200", "cursor", 400},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: tc.path, Token: e.Admin})
		if r.Code != tc.code {
			t.Errorf("%s: %d %s, want %d", tc.path, r.Code, r.Body, tc.code)
			continue
		}
		if tc.field != "" {
			if f := fields(t, r); len(f) != 1 || f[0] != tc.field {
				t.Errorf("%s: errors name %v, want [%s]: %s", tc.path, f, tc.field, r.Body)
			}
		}
	}
}

// TestWebhookPatchRefusesNull: {"active": null} in a subscription's merge
// patch answered 200 and changed nothing the caller could tell, where the
// other patches (a suggestion's decision) refuse null for a field that
// cannot be removed. url and active cannot: null answers 400 naming them;
// description is text that null clears, and within filters null selects
// every value, as documented.
func TestWebhookPatchRefusesNull(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	id := str(rcv.subscribe(e, e.Admin, obj{"description": "Carte", "filters": obj{"entities": []string{"service"}}})["id"])
	path := "/api/v1/webhooks/" + id
	for _, tc := range []struct {
		body  obj
		code  int
		field string
	}{
		{obj{"active": nil}, 400, "active"},
		{obj{"url": nil}, 400, "url"},
		{obj{"active": nil, "description": "x"}, 400, "active"},
		{obj{"description": nil}, 200, ""},
		{obj{"filters": obj{"entities": nil}}, 200, ""},
	} {
		r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: tc.body, ContentType: "application/merge-patch+json"})
		if r.Code != tc.code {
			t.Errorf("%v: %d %s, want %d", tc.body, r.Code, r.Body, tc.code)
			continue
		}
		if tc.field != "" {
			if f := fields(t, r); len(f) != 1 || f[0] != tc.field {
				t.Errorf("%v: errors name %v, want [%s]", tc.body, f, tc.field)
			}
		}
	}
	r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin})
	if m := r.Map(); m["active"] != true || m["description"] != "" {
		t.Errorf("after the patches: active %v, description %q", m["active"], m["description"])
	}
}

// TestUnknownNestedFieldsNamedByPath: encoding/json names an unknown field
// without its path, so {"filters":{"bogus":1}} was reported as « bogus »
// and {"address":{"bogus":1}} too: the client could not tell where. The
// error now names the whole path, in objects and arrays.
func TestUnknownNestedFieldsNamedByPath(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	hook := str(rcv.subscribe(e, e.Admin, nil)["id"])
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	_, author := e.Account("voisin@example.fr", nil, models.Territory{})
	addr := validActor("Autre")["address"].(obj)
	withBogus := obj{}
	for k, v := range addr {
		withBogus[k] = v
	}
	withBogus["bogus"] = 1
	for _, tc := range []struct {
		method, path string
		body         obj
		field        string
	}{
		{"PATCH", "/api/v1/webhooks/" + hook, obj{"filters": obj{"bogus": 1}}, "filters.bogus"},
		{"POST", "/api/v1/webhooks", obj{"url": rcv.srv.URL + "/x", "filters": obj{"bogus": 1}}, "filters.bogus"},
		{"PATCH", "/api/v1/actors/" + a, obj{"address": obj{"bogus": 1}}, "address.bogus"},
		{"POST", "/api/v1/actors", merge(validActor("Autre"), obj{"address": withBogus}), "address.bogus"},
		{"PATCH", "/api/v1/actors/" + a, obj{"bogus": 1}, "bogus"},
		{"POST", "/api/v1/actors/" + a + "/suggestions", obj{"changes": obj{"address": obj{"bogus": 1}}}, "changes.address.bogus"},
	} {
		req := apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: tc.body}
		if tc.method == "PATCH" {
			req.ContentType = "application/merge-patch+json"
		}
		if strings.HasSuffix(tc.path, "/suggestions") {
			req.Token = author // suggestions are for those who do not edit
		}
		r := e.Do(req)
		if r.Code != 400 {
			t.Errorf("%s %s %v: %d %s, want 400", tc.method, tc.path, tc.body, r.Code, r.Body)
			continue
		}
		if f := fields(t, r); len(f) != 1 || f[0] != tc.field {
			t.Errorf("%s %s %v: errors name %v, want [%s]", tc.method, tc.path, tc.body, f, tc.field)
		}
	}
}

// TestSec28ListsBeyondMaxItemsRefused: the document declares every list of
// an actor, a service and a referral with maxItems 20, but the server
// removed duplicates first and counted after, so a referral's themes of
// 10,000 copies of one theme were accepted (201) and stored as one. More
// items than declared are now refused with 422 naming the list, whatever
// they repeat, on every list and on creation and patch alike.
func TestSec28ListsBeyondMaxItemsRefused(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	many := func(v string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	first := func(name string) string { return vocab.MustGet(name).Terms[0].Value }
	actorLists := map[string]string{"typologies": first(vocab.NameTypologies), "mobility": first(vocab.NameMobility),
		"national_programmes": first(vocab.NameNationalProgrammes), "training_labels": first(vocab.NameTrainingLabels),
		"emails": "accueil@example.fr", "websites": "https://example.fr", "phones": "04 91 00 00 00"}
	serviceLists := map[string]string{"themes": first(vocab.NameThemes), "publics": first(vocab.NamePublics),
		"specific_support": first(vocab.NameSpecificSupport), "fees": first(vocab.NameFees), "access_modes": first(vocab.NameAccessModes),
		"accompaniment_modes": first(vocab.NameAccompanimentModes), "languages": first(vocab.NameLanguages)}
	type call struct {
		name  string
		req   apitest.Request
		field string
	}
	calls := []call{{"referral themes ×10,000", apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA,
		Body: merge(referralBody(w.a, w.s), obj{"themes": many("aide-aux-demarches-administratives", 10_000)})}, "themes"}}
	for field, v := range actorLists {
		calls = append(calls,
			call{"actor " + field, apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Lieu"), obj{field: many(v, 21)})}, field},
			call{"actor patch " + field, apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.a, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{field: many(v, 21)}}, field})
	}
	for field, v := range serviceLists {
		calls = append(calls,
			call{"service " + field, apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(w.b, "Atelier"), obj{field: many(v, 21)})}, field},
			call{"service patch " + field, apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + w.s, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{field: many(v, 21)}}, field})
	}
	for _, c := range calls {
		r := e.Do(c.req)
		if r.Code != 422 {
			t.Errorf("%s: %d %.300s, want 422", c.name, r.Code, r.Body)
			continue
		}
		if f := fields(t, r); len(f) != 1 || f[0] != c.field {
			t.Errorf("%s: errors name %v, want [%s]", c.name, f, c.field)
		}
	}
	// Twenty copies are within the declared bound: stored once.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA,
		Body: merge(referralBody(w.a, w.s), obj{"themes": many("aide-aux-demarches-administratives", 20)})})
	if r.Code != 201 || len(r.Map()["themes"].([]any)) != 1 {
		t.Errorf("20 copies: %d %.300s", r.Code, r.Body)
	}
}

// TestSec28NullPersonAndConsentNamed: {"person":null,"consent":null} on a
// referral answered 422 naming consent.given only: the handler returned at
// the consent, before the person was looked at. The problem now names
// every offending field at once, a null object by its own name: null,
// which neither may be, is refused (400) before the values are judged
// (probe 38a, M2), every null named; the values (422) all named too.
func TestSec28NullPersonAndConsentNamed(t *testing.T) {
	w := newReferralWorld(t)
	for _, tc := range []struct {
		body obj
		code int
		want []string
	}{
		{obj{"person": nil, "consent": nil}, 400, []string{"person", "consent"}},
		{obj{"person": nil, "consent": obj{"given": false, "given_on": "2026-11-20", "referent_commitment": true}}, 400, []string{"person"}},
		{obj{"person": obj{}, "consent": nil}, 400, []string{"consent"}},
		{obj{"person": nil, "consent": nil, "themes": []string{}}, 400, []string{"person", "consent"}},
		{obj{"person": obj{}, "consent": obj{"given": false, "given_on": "2026-11-20", "referent_commitment": true}, "themes": []string{}},
			422, []string{"person.first_name", "person.last_name", "person.contact_channel", "consent.given", "themes"}},
	} {
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: merge(referralBody(w.a, w.s), tc.body)})
		if r.Code != tc.code {
			t.Errorf("%v: %d %s, want %d", tc.body, r.Code, r.Body, tc.code)
			continue
		}
		if f := fields(t, r); len(f) != len(tc.want) || !hasAll(f, tc.want...) {
			t.Errorf("%v: errors name %v, want %v", tc.body, f, tc.want)
		}
	}
}
