package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/dbtest"
)

// TestPartnerClientNamesReadAlike reproduces session 37's leftover: a name
// wholly in Cyrillic or Greek letters that read as Latin ones (« АСЕ 13 »
// beside « ACE 13 ») and a name punctuated otherwise (« C.A.F. 13 » beside
// « CAF 13 ») were accepted as other clients, which neither an
// administrator nor a reader of the trail can tell apart. Names are
// compared by their Unicode confusable skeleton (UTS #39) with spaces and
// punctuation dropped: 409 naming the client already there. Names that
// only share letters that do not look alike stay distinct.
func TestPartnerClientNamesReadAlike(t *testing.T) {
	e := probe37aEnv(t)
	create := func(name string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": name, "sources": []string{"autre"}, "scopes": []string{}}})
	}
	for _, name := range []string{"ACE 13", "CAF 13", "ETA Nord", "Popo"} {
		if r := create(name); r.Code != 201 {
			t.Fatalf("%q: %d %s", name, r.Code, r.Body)
		}
	}
	for _, c := range [][2]string{
		{"АСЕ 13", "ACE 13"},     // Cyrillic capitals
		{"асе 13", "ACE 13"},     // Cyrillic small letters
		{"ACE l3", "ACE 13"},     // a small L for the one
		{"ΕΤΑ ΝΟRD", "ETA Nord"}, // Greek capitals, then Latin: refused as mixed (422)
		{"C.A.F. 13", "CAF 13"},
		{"C A F 13", "CAF 13"},
		{"CAF13", "CAF 13"},
		{"С.А.F 13", "CAF 13"}, // Cyrillic С and А, then Latin F: refused as mixed (422)
		{"РОРО", "Popo"},
	} {
		name, first := c[0], c[1]
		r := create(name)
		if name == "С.А.F 13" || name == "ΕΤΑ ΝΟRD" {
			if r.Code != 422 {
				t.Errorf("%q: %d %s", name, r.Code, r.Body)
			}
			continue
		}
		if r.Code != 409 || !hasAll(fields(t, r), "name") || !strings.Contains(r.Body.String(), "« "+first+" »") {
			t.Errorf("%q beside %q: %d %s", name, first, r.Code, r.Body)
		}
	}
	for _, name := range []string{"CIAS 13", "CLAS 13", "ACE 14", "CAF 13 lecture", "Mairie", "Rnairie"} {
		if r := create(name); r.Code != 201 {
			t.Errorf("%q is another name: %d %s", name, r.Code, r.Body)
		}
	}
}

// TestPartnerClientsReadingAlikeBeforeAreKept: clients registered before
// the rule whose names now read alike are kept as they are (a migration
// cannot refuse rows already there): each stays editable, its name kept or
// retyped alike, and a third one is refused.
func TestPartnerClientsReadingAlikeBeforeAreKept(t *testing.T) {
	e := probe37aEnv(t)
	var ids []string
	for _, name := range []string{"CAF 13", "Autre"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": name, "sources": []string{"autre"}, "scopes": []string{}}})
		if r.Code != 201 {
			t.Fatalf("%q: %d %s", name, r.Code, r.Body)
		}
		ids = append(ids, r.Map()["id"].(string))
	}
	// Registered before the rule: written straight into the table.
	if _, err := dbtest.Raw(t, e.DBPath).Exec(`UPDATE partner_clients SET name = ? WHERE id = ?`, "C.A.F. 13", ids[1]); err != nil {
		t.Fatal(err)
	}
	patch := func(id string, body obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + id, Token: e.Admin, Body: body})
	}
	if r := patch(ids[1], obj{"scopes": []string{"webhooks:manage"}}); r.Code != 200 {
		t.Errorf("an old client edited: %d %s", r.Code, r.Body)
	}
	if r := patch(ids[1], obj{"name": "C.A.F 13"}); r.Code != 200 {
		t.Errorf("an old client's name retyped alike: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": "CAF-13", "sources": []string{"autre"}, "scopes": []string{}}}); r.Code != 409 {
		t.Errorf("a third one: %d %s", r.Code, r.Body)
	}
}
