package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// Syncs and imports: a partner's or a file's write keeps what the structure
// wrote in Carnet (hidden phones, closures, networks, offers), every path
// keeps to its source, and dry runs write nothing.

// sec11 (guard): a phone a structure added while its contacts are hidden
// never reaches the export nor the public record when its producer imports
// the place again (the import writes the file's contacts, which are open
// data, and makes them public; it does not publish the hidden ones).
func TestSec11ImportNeverPublishesHiddenPhone(t *testing.T) {
	e := apitest.New(t)
	row := func(name string) []obj {
		return []obj{{"id": "k-1", "nom": name, "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}}
	}
	imp := func(rows []obj) {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
		if r.Code != 200 {
			t.Fatalf("import: %d %s", r.Code, r.Body)
		}
	}
	imp(row("Maison France services de Gap"))
	actor := get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)
	a := "/api/v1/actors/" + str(actor["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: a, Token: e.Admin, Body: obj{"phones": []string{"06 12 34 56 78"}, "contact_public": false}}); r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	imp(row("Maison France Services de Gap"))
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	if strings.Contains(r.Body.String(), "612345678") {
		t.Errorf("the hidden phone is in the export after the import")
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: a}); strings.Contains(r.Body.String(), "612345678") {
		t.Errorf("the hidden phone is public after the import: %s", r.Body)
	}
}

// sec15: a sync batch's record keeps what it omits (its closure, whether
// its contacts are public). A batch written by a PascalCase serializer
// (« Actors », .NET's default) was decoded, but its records were read as
// sending every field, so each sync reopened the places Carnet's users had
// closed and hid the contacts their structures had published
// (contact_public read as its zero value). Names are now exact on every
// body (sec29): such a batch is refused whole (400 naming the list and
// hinting its name), and nothing is written.
func TestSec15SyncListNameInAnyCaseKeepsWhatRecordsOmit(t *testing.T) {
	e := apitest.New(t)
	place := partnerActor("k-1", "Médiathèque de Gap")
	place["contact_public"] = true
	id := syncActors(t, e, "", place).Results[0].ID
	delete(place, "contact_public")
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		Body: obj{"status": "temporarily_closed", "closed_from": "2020-01-01", "closed_until": "2099-01-02", "closure_reason": "Travaux"}}); r.Code != 200 {
		t.Fatalf("closing: %d %s", r.Code, r.Body)
	}
	service := obj{"source_id": "s-1", "actor_source_id": "k-1", "name": "Aide aux démarches", "description": "Sur rendez-vous.",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{service}}})
	if r.Code != 200 {
		t.Fatalf("sync services: %d %s", r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	sid := res.Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + sid, Token: e.Admin, Body: obj{"capacity": 4, "is_full": true}}); r.Code != 200 {
		t.Fatalf("filling: %d %s", r.Code, r.Body)
	}
	place["description"] = "Changed by the partner."
	service["description"] = "Sans rendez-vous."
	for _, list := range []string{"Actors", "ACTORS"} {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{list: []obj{place}}})
		if r.Code != 400 || !slices.Equal(fields(t, r), []string{list}) || !strings.Contains(r.Body.String(), "did you mean actors?") {
			t.Errorf("%s: %d %s, want 400 naming it", list, r.Code, r.Body)
		}
		if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map(); got["description"] == "Changed by the partner." {
			t.Errorf("%s: refused, but written", list)
		}
	}
	for _, list := range []string{"actors"} {
		if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{list: []obj{place}}}); r.Code != 200 {
			t.Fatalf("%s: %d %s", list, r.Code, r.Body)
		}
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if got["description"] != "Changed by the partner." {
			t.Fatalf("%s: the batch was not written: %v", list, got["description"])
		}
		if got["status"] != "temporarily_closed" || got["closure_reason"] != "Travaux" || got["contact_public"] != true {
			t.Errorf("%s: what the record omits was overwritten: status %v, reason %v, contact_public %v", list, got["status"], got["closure_reason"], got["contact_public"])
		}
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"Services": []obj{service}}}); r.Code != 400 {
		t.Errorf("Services: %d %s, want 400", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{service}}}); r.Code != 200 {
		t.Fatalf("services: %d %s", r.Code, r.Body)
	}
	sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
	if sv["description"] != "Sans rendez-vous." {
		t.Fatalf("Services: the batch was not written: %v", sv["description"])
	}
	if sv["is_full"] != true || sv["capacity"] != float64(4) {
		t.Errorf("Services: what the record omits was overwritten: capacity %v, full %v", sv["capacity"], sv["is_full"])
	}
}

// sec16: a structure closes a service to referrals (accepts_referrals
// false: overloaded, or not a place to send people to), a choice of
// Carnet's that no partner format carries. A sync batch that did not send
// accepts_referrals read it as its default and reopened the service, as
// every import of a standard file did; referrals then reached a service
// whose structure had said it takes none. It is now kept like the other
// fields Carnet's users set (closure, contact_public, capacity, full).
func TestSec16PartnerWritesKeepAServiceClosedToReferrals(t *testing.T) {
	e := apitest.New(t)
	sender := str(createActor(t, e, validActor("CCAS de Gap"))["id"])
	_, member := e.Account("aidant@example.fr", map[string]models.Role{sender: models.RoleMember}, models.Territory{})
	closeIt := func(sid string) { patchAsAdmin(t, e, "/api/v1/services/"+sid, obj{"accepts_referrals": false}) }
	check := func(how, sid string) {
		t.Helper()
		sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
		if sv["accepts_referrals"] != false {
			t.Errorf("%s reopened the service to referrals", how)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: member, Body: referralBody(sender, sid)}); r.Code != 422 {
			t.Errorf("%s: a referral to the closed service: %d %s", how, r.Code, r.Body)
		}
	}

	// A JSON sync batch.
	syncActors(t, e, "", partnerActor("k-1", "Médiathèque de Gap"))
	service := obj{"source_id": "s-1", "actor_source_id": "k-1", "name": "Aide aux démarches", "description": "Sur rendez-vous.",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}
	syncService := func() string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{service}}})
		if r.Code != 200 {
			t.Fatalf("sync services: %d %s", r.Code, r.Body)
		}
		var res syncResult
		r.JSON(&res)
		return res.Results[0].ID
	}
	sid := syncService()
	closeIt(sid)
	service["description"] = "Sans rendez-vous."
	syncService()
	check("a sync batch without accepts_referrals", sid)
	service["accepts_referrals"] = true
	syncService()
	if sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map(); sv["accepts_referrals"] != true {
		t.Errorf("a batch that sends accepts_referrals true does not reopen it: %v", sv["accepts_referrals"])
	}

	// An import of the national standard.
	importHub(t, e, gapPlace(obj{"frais_a_charge": "Payant"}))
	imported := hubServiceID(t, e)
	closeIt(imported)
	importHub(t, e, gapPlace(obj{"frais_a_charge": "Gratuit"}))
	check("an import", imported)
}

// sec16: a place of a partner's source joins a network in Carnet
// (parent_id, set by a coordinator or an administrator): the network's
// managers then edit it and follow its referrals' statistics. The standard's
// files cannot say it (structure_parente is free text, not imported), yet
// every import cleared it, as did a JSON batch that did not send parent_id:
// the place silently left its network and the network's managers lost
// their rights on it. Omitted, it is kept; a batch that sends parent_id,
// null included, still sets it.
func TestSec16PartnerWritesKeepTheNetworkSetInCarnet(t *testing.T) {
	e := apitest.New(t)
	network := str(createActor(t, e, validActor("Réseau des médiathèques"))["id"])
	_, netManager := e.Account("reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
	join := func(id string) { patchAsAdmin(t, e, "/api/v1/actors/"+id, obj{"parent_id": network}) }
	check := func(how, id string) {
		t.Helper()
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if got["parent_id"] != network {
			t.Errorf("%s took the place out of its network: parent_id %v", how, got["parent_id"])
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: netManager, Body: obj{"summary": "Ateliers le mardi."}}); r.Code != 200 {
			t.Errorf("%s: the network's manager may no longer edit the place: %d", how, r.Code)
		}
	}

	// An import of the national standard.
	row := func(desc string) []obj {
		return gapPlace(obj{"presentation_detail": desc, "structure_parente": "Réseau des médiathèques"})
	}
	importHub(t, e, row("Accueil du public."))
	imported := str(get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)["id"])
	join(imported)
	importHub(t, e, row("Accueil du public, sur rendez-vous."))
	check("an import", imported)

	// A JSON sync batch.
	place := partnerActor("k-1", "Médiathèque de Gap")
	synced := syncActors(t, e, "", place).Results[0].ID
	join(synced)
	place["description"] = "Changed by the partner."
	syncActors(t, e, "", place)
	check("a sync batch without parent_id", synced)
	place["parent_id"] = nil
	syncActors(t, e, "", place)
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + synced, Token: e.Admin}).Map(); got["parent_id"] != nil {
		t.Errorf("a batch sending parent_id null keeps the network: %v", got["parent_id"])
	}
}

// sec16: an import turns each row of the standard into a place and its
// offer; the standard has no column for the offer's own description, fees
// details, languages, hours, location or booking link, which the structure
// writes in Carnet. The next import of the same file, unchanged, wrote the
// offer again as the file says it and erased them (« updated »). What the
// format cannot say is now kept, as the closure and contact_public were;
// JSON batches, which carry these fields, still write them as sent.
func TestSec16ImportKeepsTheOfferWrittenInCarnet(t *testing.T) {
	e := apitest.New(t)
	importHub(t, e, gapPlace(nil))
	sid := hubServiceID(t, e)
	edits := obj{"description": "Sur rendez-vous le mardi, avec une interprète.", "languages": []string{"ar"}, "fees_details": "Adhésion annuelle de 10 €",
		"opening_hours": "Tu 14:00-17:00", "booking_url": "https://rdv.example.fr/gap"}
	patchAsAdmin(t, e, "/api/v1/services/"+sid, edits)
	rep := importHub(t, e, gapPlace(nil))
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
	for field, want := range edits {
		if fmt.Sprint(got[field]) != fmt.Sprint(want) {
			t.Errorf("the same file imported again erased the service's %s: %v", field, got[field])
		}
	}
	if n := rep["services"].(map[string]any)["unchanged"]; n != float64(1) {
		t.Errorf("the same file imported again: services %v, want 1 unchanged", rep["services"])
	}
}

// gapPlace is a row of the national standard for the imports of these
// tests, with extra cells.
func gapPlace(extra obj) []obj {
	return []obj{merge(obj{"id": "g-1", "nom": "Maison France services de Gap", "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
		"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}, extra)}
}

// importHub imports rows into the source hub as the administrator and
// returns the report.
func importHub(t *testing.T, e *apitest.Env, rows []obj) map[string]any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	return r.Map()
}

// patchAsAdmin PATCHes path as the administrator, failing the test unless 200.
func patchAsAdmin(t *testing.T, e *apitest.Env, path string, body obj) {
	t.Helper()
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body}); r.Code != 200 {
		t.Fatalf("PATCH %s: %d %s", path, r.Code, r.Body)
	}
}

// hubServiceID is the one service the source hub holds.
func hubServiceID(t *testing.T, e *apitest.Env) string {
	t.Helper()
	var list struct {
		Data []struct{ ID string } `json:"data"`
	}
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?source=hub", Token: e.Admin}).JSON(&list)
	if len(list.Data) != 1 {
		t.Fatalf("imported services: %d", len(list.Data))
	}
	return list.Data[0].ID
}

// TestProducerDateNeverInTheFuture: producer_updated_on is the producer's
// own date of the record. An import refused a date_maj in the future
// (dropped with a warning), while a direct create, PUT or PATCH stored it
// and a sync batch and an accepted suggestion stored it too: a partner or a
// structure's manager could give a place a date of 2099 in its provenance
// (the API, the quality export) that no import would keep. Every path now
// refuses a date after tomorrow in UTC (no place's own day is later: one
// rule for the reader and the store); a record keeps a date it already has
// when another field changes.
func TestProducerDateNeverInTheFuture(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	future := "2099-01-01"
	withDate := func(b obj, d string) obj { return merge(b, obj{"producer_updated_on": d}) }
	own := func(id string) obj { return merge(validActor("Lieu "+id), obj{"source": "hub", "source_id": id}) }
	existing := createActor(t, e, own("lieu-0"))["id"].(string)
	manager, managerToken := e.Account("gestion@example.fr", nil, models.Territory{})
	people := createActor(t, e, validActor("Lieu des gens"))["id"].(string)
	if _, err := e.Store.AddMember(context.Background(), people, manager.ID, models.RoleManager); err != nil {
		t.Fatal(err)
	}
	author := userToken(t, e, "usager@example.fr")

	for _, c := range []struct {
		name string
		req  apitest.Request
		want int
	}{
		{"ErrValidation POST by the partner", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: withDate(own("lieu-1"), future)}, 422},
		{"ErrValidation PUT by the partner", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + existing, Token: partner, Body: withDate(own("lieu-0"), future)}, 422},
		{"ErrValidation PATCH by the partner", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + existing, Token: partner, Body: obj{"producer_updated_on": future}, ContentType: "application/merge-patch+json"}, 422},
		{"ErrValidation PATCH by a manager", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + people, Token: managerToken, Body: obj{"producer_updated_on": future}, ContentType: "application/merge-patch+json"}, 422},
		{"OK PATCH with a past date", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + people, Token: managerToken, Body: obj{"producer_updated_on": "2024-05-06"}, ContentType: "application/merge-patch+json"}, 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.Do(c.req)
			if r.Code != c.want {
				t.Fatalf("%d, want %d: %s", r.Code, c.want, r.Body)
			}
			if c.want == 422 && !hasAll(fields(t, r), "producer_updated_on") {
				t.Errorf("errors name %v", fields(t, r))
			}
		})
	}

	t.Run("a sync batch rejects the record", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
			Body: obj{"actors": []obj{withDate(partnerActor("lieu-2", "Lieu 2"), future), withDate(partnerActor("lieu-3", "Lieu 3"), "2025-02-03")}}})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		var res syncResult
		r.JSON(&res)
		if res.Results[0].Result != "rejected" || len(res.Results[0].Errors) != 1 || res.Results[0].Errors[0].Field != "producer_updated_on" ||
			res.Results[1].Result != "created" {
			t.Errorf("%+v", res.Results)
		}
	})

	t.Run("a suggestion is refused when it is made", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + people + "/suggestions", Token: author, Body: obj{"changes": obj{"producer_updated_on": future}}})
		if r.Code != 422 || !hasAll(fields(t, r), "changes.producer_updated_on") {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
		if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + people, Token: e.Admin}).Map(); a["producer_updated_on"] != "2024-05-06" {
			t.Errorf("stored %v", a["producer_updated_on"])
		}
	})

	t.Run("the import keeps refusing it", func(t *testing.T) {
		csv := "id,nom,adresse,code_postal,commune,services,date_maj\nlieu-4,Lieu 4,2 rue de la République,13002,Marseille,Aide aux démarches administratives," + future + "\n"
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: partner, ContentType: "text/csv", Body: csv})
		if r.Code != 200 || !strings.Contains(r.Body.String(), "in the future") {
			t.Errorf("%d %s", r.Code, r.Body)
		}
	})
}

// TestEveryPathKeepsToItsSource is the attack pass on partners' sources: a
// partner of src-a tries to reach the place b1 of src-b (and its offer)
// through every path — the sync routes of B, a batch of A naming B as
// source, as network, as the actor of a service by id or by B's key, files
// in the standard and in producers' formats whose id column names b1, the
// REST routes, a suggestion — and a client without the scopes tries its
// own source. Each is refused or stays in src-a; b1 is untouched.
func TestEveryPathKeepsToItsSource(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("A", []string{"src-a"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	_, readOnly := e.Partner("A lecture", []string{"src-a"}, []string{})
	_, webhooksOnly := e.Partner("A webhooks", []string{"src-a"}, []string{models.ScopeWebhooksManage})
	b := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/src-b/import", Token: e.Admin, ContentType: "text/csv",
		Body: "id,nom,adresse,code_postal,commune,services,date_maj\nb1,Lieu B,2 rue de la République,13002,Marseille,Aide aux démarches administratives,2026-01-02\n"})
	if b.Code != 200 {
		t.Fatalf("%d %s", b.Code, b.Body)
	}
	bList := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=src-b", Token: e.Admin}).Map()["data"].([]any)
	bActor := bList[0].(map[string]any)
	bID := bActor["id"].(string)
	own := createActor(t, e, merge(validActor("Lieu A"), obj{"source": "src-a", "source_id": "a1"}))["id"].(string)
	svc := func(extra obj) obj {
		return merge(obj{"source_id": "s1", "name": "Aide", "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}, extra)
	}
	patch := "application/merge-patch+json"
	cases := []struct {
		name string
		req  apitest.Request
		want int
		// For 200s: the batch's first record is rejected on this field,
		// or the report says the place was written in src-a ("created":
		// created, or updated when an earlier case created it).
		outcome string
	}{
		{"ErrForbidden sync of B's actors", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-b/actors", Token: partner, Body: obj{"actors": []obj{partnerActor("b1", "Pris")}}}, 403, ""},
		{"ErrForbidden sync of B's services", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-b/services", Token: partner, Body: obj{"services": []obj{svc(obj{"actor_source_id": "b1"})}}}, 403, ""},
		{"ErrForbidden import into B", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-b/import?dry_run=true", Token: partner, ContentType: "text/csv", Body: "id,nom,adresse,code_postal,commune\nb1,Pris,1 rue,13001,Marseille\n"}, 403, ""},
		{"ErrForbidden sync without sync:write", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/actors", Token: readOnly, Body: obj{"actors": []obj{partnerActor("a2", "Lieu")}}}, 403, ""},
		{"ErrForbidden import with webhooks:manage only", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import", Token: webhooksOnly, ContentType: "text/csv", Body: "id,nom,adresse,code_postal,commune\na2,Lieu,1 rue,13001,Marseille\n"}, 403, ""},
		{"ErrForbidden PATCH of its own without directory:write", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + own, Token: readOnly, Body: obj{"name": "x"}, ContentType: patch}, 403, ""},
		{"OK a batch naming B as source", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/actors", Token: partner, Body: obj{"actors": []obj{merge(partnerActor("b1", "Pris"), obj{"source": "src-b"})}}}, 200, "source"},
		{"OK a batch attaching to B's place", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/actors", Token: partner, Body: obj{"actors": []obj{merge(partnerActor("a3", "Lieu"), obj{"parent_id": bID})}}}, 200, "parent_id"},
		{"OK a service under B's place by id", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/services", Token: partner, Body: obj{"services": []obj{svc(obj{"actor_id": bID})}}}, 200, "actor_id"},
		{"OK a service under B's key", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/services", Token: partner, Body: obj{"services": []obj{svc(obj{"actor_source_id": "b1"})}}}, 200, "actor_source_id"},
		{"OK a file of the standard whose id is B's", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import", Token: partner, ContentType: "text/csv",
			Body: "id,nom,adresse,code_postal,commune,services,source\nb1,Pris,2 rue de la République,13002,Marseille,Aide aux démarches administratives,src-b\n"}, 200, "created"},
		{"OK a France Services file whose id_fs is B's", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import", Token: partner, ContentType: "text/csv",
			Body: "id_fs,lib_fs,adresse,code_postal,lib_com\nb1,France services prise,5 rue des Papetiers,13002,Marseille\n"}, 200, "created"},
		{"OK an Aidants Connect file whose Data pass ID is B's", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import", Token: partner, ContentType: "application/json",
			Body: `[{"Data pass ID":"b1#offer","Name":"Aidants pris","Adresse":"2 rue de la République","Code postal":13002,"Nombre de mandats":"1","commune":"Marseille"}]`}, 200, "created"},
		{"ErrForbidden PATCH of B's place", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + bID, Token: partner, Body: obj{"name": "Pris"}, ContentType: patch}, 403, ""},
		{"ErrForbidden PUT of B's place into A", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + bID, Token: partner, Body: merge(validActor("Pris"), obj{"source": "src-a", "source_id": "b1"})}, 403, ""},
		{"ErrForbidden POST into B", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: merge(validActor("Pris"), obj{"source": "src-b", "source_id": "b9"})}, 403, ""},
		{"ErrForbidden PATCH moving its own place into B", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + own, Token: partner, Body: obj{"source": "src-b"}, ContentType: patch}, 403, ""},
		{"ErrForbidden a service of A under B's place", apitest.Request{Method: "POST", Path: "/api/v1/services", Token: partner, Body: merge(validService(bID, "Aide"), obj{"source": "src-a", "source_id": "s2"})}, 403, ""},
		{"ErrForbidden a suggestion by a partner", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + bID + "/suggestions", Token: partner, Body: obj{"changes": obj{"name": "Pris"}}}, 403, ""},
		{"ErrForbidden restoring B's place", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + bID + "/restore", Token: partner}, 403, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.Do(c.req)
			if r.Code != c.want {
				t.Fatalf("%d, want %d: %s", r.Code, c.want, r.Body)
			}
			switch {
			case c.outcome == "created":
				var rep struct {
					Source string
					Actors map[string]int
				}
				r.JSON(&rep)
				if rep.Source != "src-a" || rep.Actors["created"]+rep.Actors["updated"] != 1 {
					t.Errorf("report %s", r.Body)
				}
			case c.outcome != "":
				var res syncResult
				r.JSON(&res)
				if len(res.Results) != 1 || res.Results[0].Result != "rejected" || len(res.Results[0].Errors) == 0 || res.Results[0].Errors[0].Field != c.outcome {
					t.Errorf("results %+v", res.Results)
				}
			}
		})
	}
	after := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + bID, Token: e.Admin}).Map()
	if after["name"] != "Lieu B" || after["version"] != bActor["version"] || after["source"] != "src-b" || after["archived_at"] != nil {
		t.Errorf("B's place changed: %v", after)
	}
	services := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?source=src-b", Token: e.Admin}).Map()["data"].([]any)
	if len(services) != 1 || services[0].(map[string]any)["version"] != float64(1) {
		t.Errorf("B's offer: %v", services)
	}
}

// rowCounts counts the rows of every table of the database.
func rowCounts(t *testing.T, e *apitest.Env) map[string]int {
	t.Helper()
	db := dbtest.Raw(t, e.DBPath)
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if models.IsPostgresURL(e.DBPath) {
		q = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// TestDryRunsWriteNothing: a dry run of every bulk path — a snapshot batch
// that creates, updates and archives, a batch of services, a snapshot
// import, a file in a producer's format with a derived commune, a file whose
// rows all fail — with a webhook subscribed to the source's changes, leaves
// every table as it was: no record, audit event, change-log entry, outbox
// delivery, duplicate link or trail event.
func TestDryRunsWriteNothing(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("A", []string{"src-a"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite, models.ScopeWebhooksManage})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: partner, Body: obj{"url": "https://hooks.example.org/carnet"}}); r.Code != 201 {
		t.Fatalf("webhook: %d %s", r.Code, r.Body)
	}
	seed := "id,nom,adresse,code_postal,commune,services,date_maj\n" +
		"a1,Lieu A1,2 rue de la République,13002,Marseille,Aide aux démarches administratives,2026-01-02\n" +
		"a2,Lieu A2,3 rue de la République,13002,Marseille,Aide aux démarches administratives,2026-01-02\n"
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import", Token: partner, ContentType: "text/csv", Body: seed}); r.Code != 200 {
		t.Fatalf("seed: %d %s", r.Code, r.Body)
	}
	e.DuplicatesDetected()
	before := rowCounts(t, e)
	for _, c := range []struct {
		name string
		req  apitest.Request
	}{
		{"OK a snapshot batch", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/actors?dry_run=true&mode=snapshot&allow_mass_archive=true", Token: partner,
			Body: obj{"actors": []obj{partnerActor("a9", "Lieu A9"), merge(partnerActor("a1", "Lieu A1 renommé"), obj{"address": obj{"street": "2 rue de la République", "postal_code": "13002", "commune": "Marseille"}})}}}},
		{"OK a batch of services", apitest.Request{Method: "PUT", Path: "/api/v1/sync/src-a/services?dry_run=true", Token: partner,
			Body: obj{"services": []obj{{"source_id": "s9", "actor_source_id": "a1", "name": "Aide", "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}}}}},
		{"OK a snapshot import", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import?dry_run=true&mode=snapshot&allow_mass_archive=true", Token: partner, ContentType: "text/csv",
			Body: "id,nom,adresse,code_postal,commune,services\na3,Lieu A3,1 rue,13001,Marseille,Aide aux démarches administratives\na1,Lieu A1 bis,2 rue de la République,13002,Marseille,Aide aux démarches administratives\n"}},
		{"OK a producer's format", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import?dry_run=true", Token: partner, ContentType: "text/csv",
			Body: "Dernière MAJ;Lieu;Type Structure;Commune;Adresse postale;Coord. X;Coord. Y;services\n07/12/2021;Abracodabra;Association;Bordeaux;8 rue de la Boétie - 33000 Bordeaux;44.8395;-0.5802;Accès libre\n"}},
		{"OK a file whose rows all fail", apitest.Request{Method: "POST", Path: "/api/v1/sync/src-a/import?dry_run=true", Token: partner, ContentType: "text/csv",
			Body: "id,nom,adresse,code_postal,commune\n,Sans id,1 rue,13001,Marseille\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.Do(c.req)
			if r.Code != 200 || r.Map()["dry_run"] != true {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			e.DuplicatesDetected()
			for table, n := range rowCounts(t, e) {
				if before[table] != n {
					t.Errorf("table %s: %d rows, %d before", table, n, before[table])
				}
			}
		})
	}
}

// TestSyncServiceNamingTwoActors: a service record naming its actor both by
// actor_source_id and by actor_id, two different actors, was filed under
// the first and the other silently ignored.
func TestSyncServiceNamingTwoActors(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", partnerActor("k-1", "Médiathèque de Gap"), partnerActor("k-2", "Mairie de Gap"))
	first, second := res.Results[0].ID, res.Results[1].ID
	out := syncServices(t, e, "",
		partnerService("s-1", obj{"actor_source_id": "k-1", "actor_id": second}),
		partnerService("s-2", obj{"actor_source_id": "k-1", "actor_id": first}),
		partnerService("s-3", obj{"actor_id": second}))
	if got := out.Results[0]; got.Result != "rejected" || len(got.Errors) == 0 || got.Errors[0].Field != "actor_id" {
		t.Errorf("two actors named: %+v, want rejected on actor_id", got)
	}
	for _, got := range out.Results[1:] {
		if got.Result != "created" {
			t.Errorf("%s: %+v, want created", got.SourceID, got)
		}
	}
}

// TestSyncBatchWithoutList: a batch whose list is absent or null was read
// as empty: 200, and with mode=snapshot&allow_mass_archive=true every place
// of the source archived.
func TestSyncBatchWithoutList(t *testing.T) {
	e := apitest.New(t)
	syncActors(t, e, "", partnerActor("k-1", "Médiathèque de Gap"))
	for _, tc := range []struct {
		path, body string
		want       int
	}{
		{"actors", `{}`, 400},
		{"actors", `{"actors":null}`, 400},
		{"services", `{"services":null}`, 400},
		{"services", `{"Services":null}`, 400},
		{"services", `{"services":[]}`, 200},
	} {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/" + tc.path + "?mode=snapshot&allow_mass_archive=true", Token: e.Admin, Body: tc.body})
		if r.Code != tc.want {
			t.Errorf("%s %s: %d %s, want %d", tc.path, tc.body, r.Code, r.Body, tc.want)
		}
	}
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub-du-sud"}).Map()["meta"].(map[string]any)["total"]; got != float64(1) {
		t.Errorf("%v live places of the source, want 1", got)
	}
}

// TestSnapshotKeepsARejectedService: a snapshot's service record rejected
// for the actor it names (two different actors, or an actor the source
// does not have) is in the batch: its stored service was archived as if
// the partner had withdrawn it.
func TestSnapshotKeepsARejectedService(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", partnerActor("k-1", "Médiathèque de Gap"), partnerActor("k-2", "Mairie de Gap"))
	other := res.Results[1].ID
	service := func(id string, fields obj) obj {
		return partnerService(id, merge(obj{"actor_source_id": "k-1"}, fields))
	}
	put := func(services ...obj) syncResult { t.Helper(); return syncServices(t, e, "?mode=snapshot", services...) }
	first := put(service("s-1", nil), service("s-2", nil), service("s-3", nil), service("s-4", nil), service("s-5", nil))
	ids := map[string]string{}
	for _, r := range first.Results {
		ids[r.SourceID] = r.ID
	}
	put(service("s-1", obj{"actor_id": other}), service("s-2", obj{"actor_source_id": "nobody"}), service("s-3", nil), service("s-4", nil), service("s-5", nil))
	for _, id := range []string{"s-1", "s-2"} {
		if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + ids[id], Token: e.Admin}).Map()["status"]; got != "published" {
			t.Errorf("%s, rejected in the snapshot: status %v, want it kept published", id, got)
		}
	}
}
