package api_test

import (
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// An undated place (synced without the producer's date) says so on its own
// record, with the stale list's field: its checked_on is only the day Carnet
// stored it, which is why it is stale (probe h36 B, finding 8).
func TestActorSaysItsCheckedOnIsUndated(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", partnerActor("u-1", "Sans date"), merge(partnerActor("d-1", "Datée"), obj{"producer_updated_on": "2026-01-02"}))
	undated := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[0].ID}).Map()
	if undated["checked_on_undated"] != true || undated["quality"].(map[string]any)["stale"] != true {
		t.Errorf("undated place: checked_on_undated %v, quality %v", undated["checked_on_undated"], undated["quality"])
	}
	dated := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[1].ID}).Map()
	if dated["checked_on_undated"] != false || dated["checked_on"] != "2026-01-02" {
		t.Errorf("dated place: checked_on_undated %v, checked_on %v", dated["checked_on_undated"], dated["checked_on"])
	}
	// A person's change dates it: no longer undated.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + res.Results[0].ID, Token: e.Admin, Body: obj{"summary": "Vérifié"}}); r.Code != 200 || r.Map()["checked_on_undated"] != false {
		t.Errorf("after a person's change: %d checked_on_undated %v", r.Code, r.Map()["checked_on_undated"])
	}
}

// A service's booleans have no « none »: PATCH null on one is refused
// naming it (omit it to keep the value), and a PUT that leaves
// accepts_referrals out keeps the structure's choice. Neither reopened to
// referrals a service its structure had closed (null and omission read as
// true), for anyone — an administrator on a place without a team, a
// coordinator or a partner on a structure with one (probe h36 B, finding 4).
func TestNullOrOmittedBooleansNeverReopenReferrals(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	_, mgrB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	_, partner := e.Partner("Hub", []string{"hub-36"}, []string{models.ScopeDirectoryWrite})
	pActor := str(e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: merge(validActor("Tiers-lieu"), obj{"source": "hub-36", "source_id": "p1"})}).Map()["id"])
	pSvc := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: partner, Body: merge(validService(pActor, "Atelier"), obj{"accepts_referrals": false, "source": "hub-36", "source_id": "s1"})}).Map()
	e.Account("equipe.p@example.fr", map[string]models.Role{pActor: models.RoleManager}, models.Territory{})
	// A place without a team, as the administrator.
	free := str(createActor(t, e, validActor("Sans équipe"))["id"])
	freeSvc := str(createService(t, e, merge(validService(free, "Aide"), obj{"accepts_referrals": false}))["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + w.s, Token: mgrB, Body: obj{"accepts_referrals": false}}); r.Code != 200 {
		t.Fatalf("manager closes: %d %s", r.Code, r.Body)
	}
	for _, c := range []struct{ who, token, svc string }{
		{"administrator", e.Admin, freeSvc}, {"coordinator", w.coord, w.s}, {"partner", partner, str(pSvc["id"])},
	} {
		path := "/api/v1/services/" + c.svc
		for _, field := range []string{"accepts_referrals", "on_site", "remote", "is_full", "pass_numerique"} {
			r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: c.token, Body: obj{field: nil}})
			if r.Code != 400 || !hasAll(fields(t, r), field) {
				t.Errorf("%s: PATCH %s null: %d %s", c.who, field, r.Code, r.Body)
			}
		}
		cur := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token}).Map()
		put := obj{"actor_id": cur["actor_id"], "name": cur["name"], "kind": cur["kind"], "themes": cur["themes"], "source": cur["source"], "source_id": cur["source_id"]}
		r := e.Do(apitest.Request{Method: "PUT", Path: path, Token: c.token, Body: put})
		if r.Code != 200 || r.Map()["accepts_referrals"] != false || r.Map()["on_site"] != true {
			t.Errorf("%s: PUT leaving accepts_referrals out: %d %s", c.who, r.Code, r.Body)
		}
		if got := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token}).Map()["accepts_referrals"]; got != false {
			t.Errorf("%s: the service is open to referrals again", c.who)
		}
	}
	// Sending true still takes the structure's managers on a team's service.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + w.s, Token: w.coord, Body: obj{"accepts_referrals": true}}); r.Code != 403 {
		t.Errorf("coordinator opens: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + freeSvc, Token: e.Admin, Body: obj{"accepts_referrals": true}}); r.Code != 200 || r.Map()["accepts_referrals"] != true {
		t.Errorf("administrator opens: %d %s", r.Code, r.Body)
	}
	// An actor's contact_public: the same rule.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + free, Token: e.Admin, Body: obj{"contact_public": nil}}); r.Code != 400 || !hasAll(fields(t, r), "contact_public") {
		t.Errorf("PATCH contact_public null: %d %s", r.Code, r.Body)
	}
}

// A sync record that leaves out producer and producer_updated_on (a
// partner's serializer that omits empty fields) keeps the stored
// provenance, as it keeps the other fields it omits: it replaced the
// producer by the partner's name and dropped the producer's date, so the
// place was no longer fresh, silently. A record that sends them writes
// them; a partner's REST PUT that leaves them out keeps them too (probe h36
// B, finding 3).
func TestOmittedProvenanceIsKept(t *testing.T) {
	e := apitest.New(t)
	place := func(phone string, extra obj) obj {
		return merge(merge(partnerActor("p-1", "Médiathèque"), obj{"phones": []string{phone}}), extra)
	}
	dated := obj{"producer": "dora", "producer_updated_on": "2026-01-02"}
	id := syncActors(t, e, "", place("0491000000", dated)).Results[0].ID
	provenance := func(when string) {
		t.Helper()
		a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if a["producer"] != "dora" || a["producer_updated_on"] != "2026-01-02" || a["checked_on"] != "2026-01-02" || a["checked_on_undated"] != false {
			t.Errorf("%s: producer %v, date %v, checked_on %v (undated %v)", when, a["producer"], a["producer_updated_on"], a["checked_on"], a["checked_on_undated"])
		}
	}
	if res := syncActors(t, e, "", place("0491000000", nil)); res.Results[0].Result != "unchanged" {
		t.Errorf("same record without its provenance: %s, want unchanged", res.Results[0].Result)
	}
	provenance("unchanged record")
	if res := syncActors(t, e, "", place("0491111111", nil)); res.Results[0].Result != "updated" {
		t.Errorf("changed record without its provenance: %s", res.Results[0].Result)
	}
	provenance("changed record")
	// One of the two left out: the other is written.
	syncActors(t, e, "", place("0491111111", obj{"producer_updated_on": "2026-02-03"}))
	if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map(); a["producer"] != "dora" || a["producer_updated_on"] != "2026-02-03" {
		t.Errorf("date sent, producer left out: %v %v", a["producer"], a["producer_updated_on"])
	}
	syncActors(t, e, "", place("0491111111", dated))
	// A partner's REST PUT leaving them out.
	_, partner := e.Partner("Hub", []string{"hub-du-sud"}, []string{models.ScopeDirectoryWrite})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: partner, Body: merge(place("0491222222", nil), obj{"source": "hub-du-sud"})}); r.Code != 200 {
		t.Fatalf("partner's PUT: %d %s", r.Code, r.Body)
	}
	provenance("partner's PUT")
}

// A place a snapshot archived, sent again in a later actors batch, comes
// back with the services archived with it, as POST …/restore brings them
// back; a service archived on its own before stays archived. It came back
// without its offer until the partner sent its services again (probe h36 B,
// finding 5).
func TestSyncRestoresAPlaceWithItsServices(t *testing.T) {
	e := apitest.New(t)
	p1, p2 := partnerActor("p-1", "Médiathèque"), partnerActor("p-2", "Centre social")
	ids := syncActors(t, e, "", p1, p2)
	svc := syncServices(t, e, "", partnerService("s-1", obj{"actor_source_id": "p-1"}), partnerService("s-2", obj{"actor_source_id": "p-2"}),
		partnerService("s-2b", obj{"actor_source_id": "p-2"}))
	alone := "/api/v1/services/" + svc.Results[2].ID
	if r := e.Do(apitest.Request{Method: "DELETE", Path: alone, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive s-2b: %d %s", r.Code, r.Body)
	}
	if res := syncActors(t, e, "?mode=snapshot&allow_mass_archive=true", p1); res.Counts["archived"] == 0 {
		t.Fatalf("snapshot: %+v", res.Counts)
	}
	res := syncActors(t, e, "", p1, p2)
	if res.Results[1].Result != "restored" {
		t.Fatalf("p-2: %+v", res.Results[1])
	}
	var back []string
	for _, o := range res.Results {
		if o.Index == -1 && o.Result == "restored" {
			back = append(back, o.SourceID)
		}
	}
	if len(back) != 1 || back[0] != "s-2" || res.Counts["restored"] != 2 {
		t.Errorf("services reported restored with p-2: %v, counts %v", back, res.Counts)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + svc.Results[1].ID}); r.Code != 200 || r.Map()["status"] != "published" {
		t.Errorf("s-2, archived with p-2: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: alone}); r.Code != 410 {
		t.Errorf("s-2b, archived on its own: %d", r.Code)
	}
	a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + ids.Results[1].ID}).Map()
	for _, m := range a["quality"].(map[string]any)["missing"].([]any) {
		if m.(map[string]any)["criterion"] == "offer" {
			t.Errorf("p-2's score does not count its restored service: %v", a["quality"])
		}
	}
	// Sent again with its services, nothing is restored twice.
	if res := syncServices(t, e, "", partnerService("s-2", obj{"actor_source_id": "p-2"})); res.Results[0].Result != "unchanged" {
		t.Errorf("s-2 sent again: %s", res.Results[0].Result)
	}
}
