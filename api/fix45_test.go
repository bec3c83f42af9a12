package api_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// A partner's sync record of a service that leaves a key out keeps the
// value stored, as a record of a place does (TestSyncOmittedKeyKeepsStoredValue);
// sent null, "", false or [] it clears it. Left out, a structure's hours,
// languages, fees details and own address of its workshop were erased by
// the partner's next sync of the service.
func TestSyncServiceOmittedKeyKeepsStoredValue(t *testing.T) {
	e := apitest.New(t)
	do := func(path string, body obj) obj { t.Helper(); return syncFirst(t, e, path, body) }
	do("/api/v1/sync/hub/actors", obj{"actors": []obj{{"source_id": "om-place", "name": "Lieu des ateliers",
		"address": obj{"street": "13 rue Caisserie", "postal_code": "13002", "commune": "Marseille"}}}})
	service := func(extra obj) obj { return syncedService("om-svc", "om-place", extra) }
	sync := func(rec obj) obj { t.Helper(); return do("/api/v1/sync/hub/services", obj{"services": []obj{rec}}) }
	full := obj{"description": "Un conseiller vous aide", "fees_details": "Adhésion 10 €", "opening_hours": "We 14:00-17:00",
		"languages": []string{"fr", "en"}, "booking_url": "https://rdv.example.fr", "publics": []string{"Seniors"},
		"specific_support": []string{"Surdité"}, "fees": []string{"Gratuit"}, "access_modes": []string{"Se présenter"},
		"accompaniment_modes": []string{"Accompagnement individuel"}, "pass_numerique": true, "on_site": false, "remote": true,
		"address": obj{"street": "2 place de Lenche", "postal_code": "13002", "commune": "Marseille"}, "latitude": 43.2983, "longitude": 5.3650}
	res := sync(service(full))
	if res["result"] != "created" {
		t.Fatalf("first sync: %v", res)
	}
	path := "/api/v1/services/" + str(res["entity_id"])
	stored := get(t, e, path)
	keys := []string{"access_modes", "accompaniment_modes", "address", "booking_url", "description", "fees", "fees_details",
		"languages", "latitude", "on_site", "opening_hours", "pass_numerique", "publics", "specific_support"}
	// Without the keys: every value kept, and said.
	res = sync(service(obj{"name": "Atelier démarches"}))
	got := get(t, e, path)
	for _, k := range append(slices.Clone(keys), "remote", "longitude") {
		if str(got[k]) != str(stored[k]) {
			t.Errorf("sync without %s: %v, stored %v", k, got[k], stored[k])
		}
	}
	// The coordinates go with the address: its warning says both.
	said := slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "latitude" })
	if got["name"] != "Atelier démarches" || res["result"] != "updated" || !slices.Equal(keptWarnings(res), said) {
		t.Errorf("sync without the keys: %v %v, warnings on %v", got["name"], res["result"], keptWarnings(res))
	}
	// The same record again: unchanged, nothing rewritten.
	if res := sync(service(obj{"name": "Atelier démarches"})); res["result"] != "unchanged" || got["version"] != get(t, e, path)["version"] {
		t.Errorf("same record again: %v", res)
	}
	// The address sent again, its coordinates left out: kept, the
	// address being the stored one.
	if res := sync(service(obj{"name": "Atelier démarches", "address": full["address"]})); res["result"] != "unchanged" || get(t, e, path)["latitude"] == nil {
		t.Errorf("the stored address again without coordinates: %v", res)
	}
	// Sent empty: cleared.
	res = sync(service(obj{"name": "Atelier démarches", "description": "", "fees_details": nil, "opening_hours": "", "languages": []string{},
		"booking_url": nil, "publics": []string{}, "specific_support": nil, "fees": []string{}, "access_modes": []string{},
		"accompaniment_modes": []string{}, "pass_numerique": false, "on_site": true, "address": nil}))
	got = get(t, e, path)
	if res["result"] != "updated" || len(keptWarnings(res)) != 0 {
		t.Errorf("sync sending them empty: %v, warnings on %v", res["result"], keptWarnings(res))
	}
	for _, k := range keys {
		switch v := got[k].(type) {
		case nil:
		case string:
			if v != "" {
				t.Errorf("%s sent empty: %q", k, v)
			}
		case []any:
			if len(v) != 0 {
				t.Errorf("%s sent empty: %v", k, v)
			}
		case bool:
			if v != (k == "on_site") {
				t.Errorf("%s sent: %v", k, v)
			}
		default:
			t.Errorf("%s sent empty: %v", k, v)
		}
	}
	if got["remote"] != false {
		t.Errorf("on_site sent alone: remote %v", got["remote"])
	}
	// A service the sync creates has what it leaves out empty (on_site
	// true: neither on_site nor remote sent).
	res = sync(obj{"source_id": "om-svc-2", "actor_source_id": "om-place", "name": "Atelier 2", "kind": "procedures_done_with",
		"themes": []string{"Aide aux démarches administratives"}})
	got = get(t, e, "/api/v1/services/"+str(res["entity_id"]))
	if res["result"] != "created" || got["description"] != "" || got["address"] != nil || got["on_site"] != true || len(keptWarnings(res)) != 0 {
		t.Errorf("created without the keys: %v %q %v %v", res["result"], got["description"], got["address"], got["on_site"])
	}
}

// The trail's subject_kind filter takes the kinds its entries have: a
// team reading what outsiders changed of its record or services
// (actor.changed_by_outsider, subject actor or service) was answered 400,
// the filter knowing only account, client, referral, invitation and
// webhook.
func TestTrailFiltersOutsidersChangesBySubject(t *testing.T) {
	e := apitest.New(t)
	id := str(createActor(t, e, validActor("Structure avec équipe"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	_, co := e.Account("co@example.fr", nil, models.Territory{Departements: []string{"13"}})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: co, ContentType: "application/merge-patch+json", Body: obj{"summary": "par la coordination"}}); r.Code != 200 {
		t.Fatalf("coordinator's PATCH: %d %s", r.Code, r.Body)
	}
	for kind, want := range map[string]int{"actor": 1, "service": 0} {
		for _, path := range []string{"/api/v1/actors/" + id + "/trail", "/api/v1/trail?actor_id=" + id} {
			token := mgr
			if strings.HasPrefix(path, "/api/v1/trail") {
				token = e.Admin
			}
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			r := e.Do(apitest.Request{Method: "GET", Path: path + sep + "subject_kind=" + kind, Token: token})
			if r.Code != 200 {
				t.Errorf("%s subject_kind=%s: %d %s", path, kind, r.Code, r.Body)
				continue
			}
			n := 0
			for _, ev := range r.Map()["data"].([]any) {
				if ev.(obj)["action"] == "actor.changed_by_outsider" && ev.(obj)["subject_id"] == id {
					n++
				}
			}
			if n != want {
				t.Errorf("%s subject_kind=%s: %d outsiders' changes, want %d", path, kind, n, want)
			}
		}
	}
}

// keptWarnings names the fields a sync result's warnings say were kept,
// sorted.
func keptWarnings(res obj) []string {
	var out []string
	for _, w := range res["warnings"].([]any) {
		if strings.Contains(str(w.(obj)["reason"]), "value stored was kept") {
			out = append(out, str(w.(obj)["field"]))
		}
	}
	slices.Sort(out)
	return out
}
