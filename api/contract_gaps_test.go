package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
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
