package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSuggestionsGrantNoRights reproduces the h32 probe's first finding: a
// manager of LIB suggested on another structure CS {"parent_id": LIB}; an
// administrator accepted it seeing only an id, and LIB's managers could
// then edit CS (PATCH 200, 403 before). Attaching a place to a network (or
// taking it out) changes who may edit it, and contact_public publishes the
// structure's private phones and e-mails: neither goes through a
// suggestion. They are refused like status (422 naming changes.<field>),
// and a pending suggestion stored before the rule is not applied (409).
func TestSuggestionsGrantNoRights(t *testing.T) {
	e := apitest.New(t)
	lib := str(createActor(t, e, validActor("Médiathèque LIB"))["id"])
	net := str(createActor(t, e, validActor("Réseau"))["id"])
	cs := str(createActor(t, e, merge(validActor("Centre social CS"), obj{"phones": []string{"+33491000001"}}))["id"])
	inNet := str(createActor(t, e, merge(validActor("Antenne du réseau"), obj{"parent_id": net}))["id"])
	mgrUser, mgr := e.Account("mgr.lib@example.fr", map[string]models.Role{lib: models.RoleManager}, models.Territory{})
	_, csMgr := e.Account("mgr.cs@example.fr", map[string]models.Role{cs: models.RoleManager}, models.Territory{})
	_, anyone := e.Account("habitant@example.fr", nil, models.Territory{})

	for _, tc := range []struct {
		name, author, actor string
		changes             obj
		field               string
	}{
		{"a manager attaches another place to their network", mgr, cs, obj{"parent_id": lib}, "changes.parent_id"},
		{"anyone takes a place out of its network", anyone, inNet, obj{"parent_id": nil}, "changes.parent_id"},
		{"anyone publishes a structure's private contacts", anyone, cs, obj{"contact_public": true}, "changes.contact_public"},
		{"anyone hides a structure's contacts", anyone, cs, obj{"contact_public": false}, "changes.contact_public"},
		{"with an ordinary change beside it", anyone, cs, obj{"summary": "Ateliers", "parent_id": lib}, "changes.parent_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + tc.actor + "/suggestions", Token: tc.author, Body: obj{"changes": tc.changes}})
			if r.Code != 422 || !slices.Equal(fields(t, r), []string{tc.field}) {
				t.Errorf("%d %s, want 422 naming %s", r.Code, r.Body, tc.field)
			}
		})
	}

	// A suggestion stored before the rule is not applied when accepted.
	for _, changes := range []string{`{"parent_id":"` + lib + `"}`, `{"contact_public":true}`} {
		sg := &models.Suggestion{Entity: models.EntityActor, EntityID: cs, ActorID: cs, AuthorID: mgrUser.ID, Changes: changes, BaseVersion: 1, BaseValues: `{}`}
		if err := e.Store.CreateSuggestion(t.Context(), sg); err != nil {
			t.Fatal(err)
		}
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + sg.ID, Token: e.Admin, Body: obj{"status": "accepted"}})
		if r.Code != 409 || len(fields(t, r)) != 1 {
			t.Errorf("accepting a stored %s: %d %s, want 409 naming the field", changes, r.Code, r.Body)
		}
	}
	// LIB's manager still may not edit CS; CS's own manager still decides
	// about its contacts, directly.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + cs, Token: mgr, Body: obj{"summary": "x"}, ContentType: "application/merge-patch+json"}); r.Code != 403 {
		t.Errorf("LIB's manager edits CS: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + cs, Token: csMgr, Body: obj{"contact_public": true}, ContentType: "application/merge-patch+json"}); r.Code != 200 {
		t.Errorf("CS's manager publishes its contacts: %d %s", r.Code, r.Body)
	}
	// Facts about the place are still suggested and accepted.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + cs + "/suggestions", Token: anyone, Body: obj{"changes": obj{"summary": "Ateliers numériques"}}})
	if r.Code != 201 {
		t.Fatalf("ordinary suggestion: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + str(r.Map()["id"]), Token: csMgr, Body: obj{"status": "accepted"}}); r.Code != 200 {
		t.Errorf("accepting it: %d %s", r.Code, r.Body)
	}
}

// TestServiceSuggestionsCommitNoStructure: accepts_referrals decides
// whether a structure receives referrals, that is personal data of the
// people sent to it. A suggestion accepted by a coordinator or an
// administrator turned it on in the structure's stead (the h32 notes left
// it suggestible as an availability fact); it is now refused like
// contact_public. Capacity and being full are still reported by anyone.
func TestServiceSuggestionsCommitNoStructure(t *testing.T) {
	e := apitest.New(t)
	cs := str(createActor(t, e, validActor("Centre social CS"))["id"])
	svc := str(createService(t, e, validService(cs, "Aide aux démarches"))["id"])
	_, anyone := e.Account("habitant@example.fr", nil, models.Territory{})
	for _, tc := range []struct {
		name    string
		changes obj
		code    int
		field   string
	}{
		{"anyone opens a service to referrals", obj{"accepts_referrals": true}, 422, "changes.accepts_referrals"},
		{"anyone closes it to referrals", obj{"accepts_referrals": false}, 422, "changes.accepts_referrals"},
		{"beside an ordinary change", obj{"description": "Sur rendez-vous", "accepts_referrals": true}, 422, "changes.accepts_referrals"},
		{"anyone reports it full", obj{"is_full": true}, 201, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + svc + "/suggestions", Token: anyone, Body: obj{"changes": tc.changes}})
			if r.Code != tc.code {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.code)
			}
			if tc.field != "" && !slices.Equal(fields(t, r), []string{tc.field}) {
				t.Errorf("%s, want only %s named", r.Body, tc.field)
			}
		})
	}
}
