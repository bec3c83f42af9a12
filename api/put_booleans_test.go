package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestPutKeepsStateBooleansItOmits: a PUT is a whole representation, but
// is_full (like accepts_referrals) and an actor's contact_public are the
// structure's state, which a partner's system of an older schema does not
// know: left out, they are kept, as a sync keeps them. A PUT leaving is_full
// out reopened a full service (it came back under exclude_full=true;
// verify36 N4). null on any boolean of the actor or service schemas is
// refused naming it, on PUT as on PATCH and in a sync record: it was read
// as false. The booleans that describe the service as its producer gives
// it (on_site, remote, pass_numerique) keep the PUT rule: omitted is their
// default.
func TestPutKeepsStateBooleansItOmits(t *testing.T) {
	e := apitest.New(t)
	aid := str(createActor(t, e, merge(validActor("Espace numérique"), obj{"contact_public": true, "phones": []string{"04 91 00 00 00"}}))["id"])
	sid := str(createService(t, e, merge(validService(aid, "Atelier"), obj{"is_full": true, "remote": true, "pass_numerique": true}))["id"])
	minimal := obj{"actor_id": aid, "name": "Atelier", "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}

	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/services/" + sid, Token: e.Admin, Body: minimal})
	if m := r.Map(); r.Code != 200 || m["is_full"] != true || m["remote"] != false || m["pass_numerique"] != false || m["on_site"] != true {
		t.Errorf("PUT leaving is_full out: %d is_full %v remote %v pass_numerique %v on_site %v, want true false false true",
			r.Code, m["is_full"], m["remote"], m["pass_numerique"], m["on_site"])
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/services/" + sid, Token: e.Admin, Body: merge(minimal, obj{"is_full": false})}); r.Map()["is_full"] != false {
		t.Errorf("PUT is_full false: %s", r.Body)
	}
	for _, field := range []string{"is_full", "accepts_referrals", "on_site", "remote", "pass_numerique"} {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/services/" + sid, Token: e.Admin, Body: merge(minimal, obj{field: nil})})
		if r.Code != 400 || !hasAll(fields(t, r), field) {
			t.Errorf("PUT service %s null: %d %s", field, r.Code, r.Body)
		}
	}

	actor := validActor("Espace numérique")
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + aid, Token: e.Admin, Body: merge(actor, obj{"phones": []string{"04 91 00 00 00"}})})
	if r.Code != 200 || r.Map()["contact_public"] != true {
		t.Errorf("PUT leaving contact_public out: %d contact_public %v, want kept true", r.Code, r.Map()["contact_public"])
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + aid, Token: e.Admin, Body: merge(actor, obj{"contact_public": nil})}); r.Code != 400 || !hasAll(fields(t, r), "contact_public") {
		t.Errorf("PUT actor contact_public null: %d %s", r.Code, r.Body)
	}

	// A sync record: null on a boolean rejects the record, naming it.
	pa := syncActors(t, e, "", partnerActor("p-1", "Tiers-lieu")).Results[0].ID
	res := syncServices(t, e, "", partnerService("s-1", obj{"actor_id": pa, "is_full": true}))
	res = syncServices(t, e, "", partnerService("s-1", obj{"actor_id": pa, "is_full": nil}))
	if got := res.Results[0]; got.Result != "rejected" || len(got.Errors) == 0 || got.Errors[0].Field != "is_full" {
		t.Errorf("sync is_full null: %+v", got)
	}
	if res := syncActors(t, e, "", merge(partnerActor("p-1", "Tiers-lieu"), obj{"contact_public": nil})); res.Results[0].Result != "rejected" {
		t.Errorf("sync contact_public null: %+v", res.Results[0])
	}
}

// TestCreateRefusesNullBooleans: the same rule on a creation — null on a
// boolean was read as its default (is_full false, accepts_referrals true).
func TestCreateRefusesNullBooleans(t *testing.T) {
	e := apitest.New(t)
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Lieu"), obj{"contact_public": nil})}); r.Code != 400 || !hasAll(fields(t, r), "contact_public") {
		t.Errorf("POST actor contact_public null: %d %s", r.Code, r.Body)
	}
	aid := str(createActor(t, e, validActor("Lieu"))["id"])
	for _, field := range []string{"is_full", "accepts_referrals", "on_site", "remote", "pass_numerique"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(aid, "Atelier"), obj{field: nil})})
		if r.Code != 400 || !hasAll(fields(t, r), field) {
			t.Errorf("POST service %s null: %d %s", field, r.Code, r.Body)
		}
	}
}
