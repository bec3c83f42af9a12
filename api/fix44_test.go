package api_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// A partner's sync record that leaves a key out keeps the value stored, as
// its file import without the column does; sent null, "" or [] it clears
// it. Left out, a coordinator's hours, description and websites were
// erased by the partner's next sync of the place (probe43 09).
func TestSyncOmittedKeyKeepsStoredValue(t *testing.T) {
	e := apitest.New(t)
	place := func(extra obj) obj {
		r := obj{"source_id": "om-1", "name": "Lieu omission", "address": obj{"street": "13 rue Caisserie", "postal_code": "13002", "commune": "Marseille"}}
		for k, v := range extra {
			r[k] = v
		}
		return r
	}
	sync := func(rec obj) obj {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: e.Admin, Body: obj{"actors": []obj{rec}}})
		if r.Code != 200 {
			t.Fatalf("sync: %d %s", r.Code, r.Body)
		}
		return r.Map()["results"].([]any)[0].(obj)
	}
	if res := sync(place(obj{"summary": "résumé"})); res["result"] != "created" {
		t.Fatalf("first sync: %v", res)
	}
	a := "/api/v1/actors/" + str(get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: a, Token: e.Admin, ContentType: "application/merge-patch+json",
		Body: obj{"opening_hours": "Mo 09:00-12:00", "description": "par le coordinateur", "websites": []string{"https://example.fr"}, "address": obj{"complement": "2e étage"}}}); r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	// Without the keys: kept, and said.
	res := sync(place(obj{"summary": "résumé du partenaire"}))
	got := get(t, e, a)
	if got["opening_hours"] != "Mo 09:00-12:00" || got["description"] != "par le coordinateur" || len(got["websites"].([]any)) != 1 ||
		got["address"].(obj)["complement"] != "2e étage" || got["summary"] != "résumé du partenaire" {
		t.Errorf("sync without the keys: %v %v %v %v %v", got["opening_hours"], got["description"], got["websites"], got["address"], got["summary"])
	}
	if res["result"] != "updated" || !slices.Equal(keptWarnings(res), []string{"address.complement", "description", "opening_hours", "websites"}) {
		t.Errorf("sync without the keys: %v, warnings on %v", res["result"], keptWarnings(res))
	}
	// The same record again: unchanged, nothing rewritten.
	if res := sync(place(obj{"summary": "résumé du partenaire"})); res["result"] != "unchanged" {
		t.Errorf("same record again: %v", res)
	}
	// Sent empty: cleared.
	res = sync(place(obj{"summary": "résumé du partenaire", "opening_hours": nil, "description": "", "websites": []string{}, "address": obj{"street": "13 rue Caisserie", "postal_code": "13002", "commune": "Marseille", "complement": nil}}))
	got = get(t, e, a)
	if res["result"] != "updated" || got["opening_hours"] != nil && got["opening_hours"] != "" || got["description"] != nil && got["description"] != "" || got["websites"] != nil && len(got["websites"].([]any)) != 0 {
		t.Errorf("sync sending them empty: %v; %v %v %v", res["result"], got["opening_hours"], got["description"], got["websites"])
	}
}

// A link a person recorded (POST /api/v1/duplicates) is rescored when
// either record changes, as detection's decided links are: confirmed, it
// stops hiding a record that moved 400 km away (probe43 02; fix43c did it
// for detected links only).
func TestRecordedDuplicateStopsHidingWhenARecordMoves(t *testing.T) {
	e := apitest.New(t)
	public := obj{"contact_public": true}
	place := func(id, name string) obj {
		return merge(merge(partnerActor(id, name), obj{"address": obj{"street": "58 cours Belsunce", "postal_code": "13001", "commune": "Marseille"}, "latitude": 43.2996, "longitude": 5.3786}), public)
	}
	older := syncActors(t, e, "", place("h1", "Médiathèque de l'Alcazar")).Results[0].ID
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin, Body: obj{"actors": []obj{place("fs1", "Association Contact Club")}}})
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	newer := res.Results[0].ID
	// Recorded by hand where detection, which ran first, saw no pair
	// (two names sharing nothing, no shared contact): recorded « before
	// detection ran » raced with the follower, which linked the pair
	// first under load and the POST answered 409.
	e.DuplicatesDetected()
	rec := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates", Token: e.Admin, Body: obj{"actor_a": older, "actor_b": newer}})
	if rec.Code != 201 {
		t.Fatalf("record: %d %s", rec.Code, rec.Body)
	}
	link := str(rec.Map()["id"])
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/confirm", Token: e.Admin, Body: obj{"keep": older}}); r.Code != 200 {
		t.Fatalf("confirm: %d %s", r.Code, r.Body)
	}
	detectedAndIndexed(t, e)
	if b := get(t, e, "/api/v1/actors/"+newer); b["duplicate_of"] != older {
		t.Fatalf("confirmed: duplicate_of %v, want %s", b["duplicate_of"], older)
	}
	moved := merge(place("fs1", "Association Contact Club"), obj{"address": obj{"street": "3 place du Marché", "postal_code": "16000", "commune": "Angoulême"}, "latitude": 45.6484, "longitude": 0.1562})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin, Body: obj{"actors": []obj{moved}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	detectedAndIndexed(t, e)
	if b := get(t, e, "/api/v1/actors/"+newer); b["duplicate_of"] != nil {
		t.Errorf("moved: duplicate_of %v, want null", b["duplicate_of"])
	}
	var l obj
	for _, d := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?everywhere=true&status=confirmed", Token: e.Admin}).Map()["data"].([]any) {
		if d.(obj)["id"] == link {
			l = d.(obj)
		}
	}
	if l == nil {
		t.Fatalf("moved: the administrator no longer sees the link")
	}
	if l["status"] != "confirmed" || l["score"].(float64) >= 0.6 {
		t.Errorf("moved: the administrator reads %v score %v, want confirmed with today's score", l["status"], l["score"])
	}
	for _, d := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?everywhere=true"}).Map()["data"].([]any) {
		if d.(obj)["id"] == link {
			t.Errorf("moved: anonymous callers still see the link")
		}
	}
}

// A write's answer is the record GET reads, its confirmed duplicate links
// and ETag included: PATCH, PUT and restore answered without duplicate_of
// and stands_for, and with another ETag for the same version (probe43 03).
func TestActorWriteAnswersAreWhatGetReads(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := confirmedPair(t, e)
	decide(t, e, link, "confirm")
	same := func(what string, r *apitest.Response, id string) {
		t.Helper()
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", what, r.Code, r.Body)
		}
		g := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin})
		w, gm := r.Map(), g.Map()
		if str(w["duplicate_of"]) != str(gm["duplicate_of"]) || str(w["stands_for"]) != str(gm["stands_for"]) || w["version"] != gm["version"] {
			t.Errorf("%s answers duplicate_of %v stands_for %v (version %v); GET reads %v %v (version %v)", what, w["duplicate_of"], w["stands_for"], w["version"], gm["duplicate_of"], gm["stands_for"], gm["version"])
		}
		if r.Header().Get("ETag") != g.Header().Get("ETag") {
			t.Errorf("%s answers ETag %s, GET %s", what, r.Header().Get("ETag"), g.Header().Get("ETag"))
		}
	}
	for _, id := range []string{newer, older} {
		same("PATCH", e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{"summary": "x" + id[:4]}}), id)
	}
	if g := get(t, e, "/api/v1/actors/"+newer); g["duplicate_of"] != older {
		t.Fatalf("the test shows nothing: duplicate_of %v", g["duplicate_of"])
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + newer, Token: e.Admin}); r.Code != 204 && r.Code != 200 {
		t.Fatalf("DELETE: %d %s", r.Code, r.Body)
	}
	same("restore", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + newer + "/restore", Token: e.Admin}), newer)
}

// Every change to a structure with a team by someone outside it leaves an
// entry its managers read in its trail: a coordinator archived a team's
// structure (and could restore it, edit it, archive its services) and its
// trail said nothing (probe43 05). Its own managers' changes are in its
// history, not its trail.
func TestOutsidersChangesAreInTheStructuresTrail(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Structure avec équipe"))
	id := str(a["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	_, co := e.Account("co@example.fr", nil, models.Territory{Departements: []string{"13"}})
	outsiders := func() []string {
		t.Helper()
		var out []string
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id + "/trail?action=actor.changed_by_outsider", Token: mgr})
		if r.Code != 200 {
			t.Fatalf("trail: %d %s", r.Code, r.Body)
		}
		for _, ev := range r.Map()["data"].([]any) {
			d := ev.(obj)["details"].(obj)
			out = append(out, str(d["entity"])+" "+str(d["op"]))
		}
		slices.Sort(out)
		return out
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: mgr, ContentType: "application/merge-patch+json", Body: obj{"summary": "par l'équipe"}}); r.Code != 200 {
		t.Fatalf("manager's PATCH: %d %s", r.Code, r.Body)
	}
	if got := outsiders(); len(got) != 0 {
		t.Errorf("the team's own change is traced as an outsider's: %v", got)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: co, ContentType: "application/merge-patch+json", Body: obj{"summary": "par la coordination"}}); r.Code != 200 {
		t.Fatalf("coordinator's PATCH: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + id, Token: co}); r.Code != 204 {
		t.Fatalf("coordinator's DELETE: %d %s", r.Code, r.Body)
	}
	if got := outsiders(); !slices.Equal(got, []string{"actor archive", "actor update"}) {
		t.Errorf("the structure's trail of outsiders' changes: %v, want the update and the archiving", got)
	}
}

// A referral to a service archived or taken offline: a new one is refused
// naming why, an open one may still be followed up, and both sides read
// the service's status on it (probe43 07: accepted and messaged without a
// word, the sender's to_service saying nothing).
func TestReferralToAnArchivedService(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	if r := w.e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + w.s, Token: w.e.Admin}); r.Code != 204 {
		t.Fatalf("archive the service: %d %s", r.Code, r.Body)
	}
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)})
	if r.Code != 422 || !strings.Contains(r.Body.String(), "archived") {
		t.Errorf("a new referral to the archived service: %d %s, want 422 saying it was archived", r.Code, r.Body)
	}
	if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
		t.Errorf("accepting the open referral: %d %s", r.Code, r.Body)
	}
	for _, tok := range []string{w.memberA, w.memberB} {
		got := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: tok}).Map()["to_service"].(obj)
		if got["status"] != "archived" || got["archived_at"] == nil {
			t.Errorf("to_service reads %v, want status archived with archived_at", got)
		}
	}
}

// A sender who left the structure is named on its referrals, without the
// function and contacts they set since: the other structure reaches the
// sending structure through its own contact points (probe43 06).
func TestReferralSenderWhoLeftShowsNoContact(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	before := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()["sender"].(obj)
	if before["phone"] == "" || before["left"] != false {
		t.Fatalf("the sender's card before: %v", before)
	}
	if r := w.e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + w.a + "/members/" + w.userA.ID, Token: w.managerA}); r.Code != 204 {
		t.Fatalf("remove the sender: %d %s", r.Code, r.Body)
	}
	after := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()["sender"].(obj)
	if after["left"] != true || after["phone"] != "" || after["email"] != "" || after["job_title"] != "" || after["display_name"] != "Camille Martin" {
		t.Errorf("the card of a sender who left: %v, want the name only, left true", after)
	}
}

// Small ones of probe 43: a message is counted as it is stored (composed,
// NFC), a statistics window that ends before it starts is refused naming
// both bounds, and a target too long answers 414 URI Too Long (RFC 9110),
// not 431, which says the header fields are too large.
func TestProbe43Smalls(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	body := strings.Repeat("e\u0301", 1999) // 1,999 « é » once composed
	if r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberA, Body: obj{"body": body}}); r.Code != 201 {
		t.Errorf("a message of 1,999 decomposed « é »: %d %s", r.Code, r.Body)
	}
	for _, path := range []string{"/api/v1/stats/referrals?created_since=2026-12-01T00:00:00Z&created_before=2026-11-01T00:00:00Z",
		"/api/v1/referrals?created_since=2026-12-01T00:00:00Z&created_before=2026-11-01T00:00:00Z"} {
		r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.e.Admin})
		if path[8] == 'r' {
			r = w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.memberA})
		}
		if got := fields(t, r); r.Code != 400 || !hasAll(got, "created_since", "created_before") {
			t.Errorf("%s: %d %v, want 400 naming both bounds", path, r.Code, got)
		}
	}
	r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?q=" + strings.Repeat("a", api.MaxHeaderBytes)})
	if r.Code != 414 {
		t.Errorf("a target over the head's limit: %d, want 414", r.Code)
	}
	r = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors", Header: map[string]string{"X-Big": strings.Repeat("a", api.MaxHeaderBytes)}})
	if r.Code != 431 {
		t.Errorf("a header over the head's limit: %d, want 431", r.Code)
	}
}
