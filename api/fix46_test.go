package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// A partner's sync record of a service that leaves the address key out but
// sends coordinates keeps the stored address and point (the key left out
// keeps the stored value), yet the warning said « dropped, the service is
// at its actor's place », which it was not: the partner, reading the
// report, believed its workshop had moved to its structure's address.
func TestSyncServicePointWithoutAddressKeySaysWhatIsKept(t *testing.T) {
	e := apitest.New(t)
	sync := func(path string, body obj) obj { t.Helper(); return syncFirst(t, e, path, body) }
	sync("/api/v1/sync/hub/actors", obj{"actors": []obj{{"source_id": "pt-place", "name": "Lieu des ateliers",
		"address": obj{"street": "13 rue Caisserie", "postal_code": "13002", "commune": "Marseille"}}}})
	service := func(extra obj) obj { return syncedService("pt-svc", "pt-place", extra) }
	res := sync("/api/v1/sync/hub/services", obj{"services": []obj{service(obj{
		"address": obj{"street": "2 place de Lenche", "postal_code": "13002", "commune": "Marseille"}, "latitude": 43.2983, "longitude": 5.3650})}})
	path := "/api/v1/services/" + str(res["entity_id"])
	stored := get(t, e, path)
	latitudeWarning := func(res obj) string {
		for _, w := range asList(res["warnings"]) {
			if w := w.(obj); w["field"] == "latitude" {
				return str(w["reason"])
			}
		}
		return ""
	}
	cases := []struct {
		name    string
		extra   obj
		kept    bool   // the stored address and point are kept
		says    string // the latitude warning says this
		mustNot string // and not this
	}{
		{"address key left out", obj{"latitude": 43.30, "longitude": 5.37}, true, "a stored service keeps its address and point", "dropped, the service is at its actor's place"},
		{"address sent null", obj{"address": nil, "latitude": 43.30, "longitude": 5.37}, false, "dropped, the service is at its actor's place", "keeps"},
	}
	for _, c := range cases {
		res := sync("/api/v1/sync/hub/services", obj{"services": []obj{service(c.extra)}})
		w := latitudeWarning(res)
		if !strings.Contains(w, c.says) || strings.Contains(w, c.mustNot) {
			t.Errorf("%s: latitude warning %q, want it to say %q and not %q", c.name, w, c.says, c.mustNot)
		}
		got := get(t, e, path)
		if kept := str(got["address"]) == str(stored["address"]) && got["latitude"] == stored["latitude"]; kept != c.kept {
			t.Errorf("%s: address %v point %v, stored %v %v", c.name, got["address"], got["latitude"], stored["address"], stored["latitude"])
		}
	}
	// A new service, no address key, a point: at its actor's place, as
	// the warning says.
	res = sync("/api/v1/sync/hub/services", obj{"services": []obj{{"source_id": "pt-svc-2", "actor_source_id": "pt-place", "name": "Atelier 2",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}, "latitude": 43.30, "longitude": 5.37}}})
	if w := latitudeWarning(res); !strings.Contains(w, "a new one is at its actor's place") {
		t.Errorf("new service: latitude warning %q", w)
	}
	if got := get(t, e, "/api/v1/services/"+str(res["entity_id"])); got["address"] != nil || got["latitude"] != nil {
		t.Errorf("new service: address %v point %v", got["address"], got["latitude"])
	}
}

// An administrator's archive is the platform's moderation (a structure
// that is not one, a place that never existed): the structure's manager
// undid it with POST …/restore (probe 46, L1), and so could a coordinator
// or a partner. Only an administrator restores it now; an archive by
// anyone else is undone, as before, by whoever may edit the record.
func TestAnAdministratorsArchiveIsUndoneByAnAdministrator(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Espace numérique du port"))["id"])
	svc := str(createService(t, e, validService(a, "Accès libre"))["id"])
	_, manager := e.Account("gerant46@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	_, coordinator := e.Account("coord46@example.fr", nil, models.Territory{Departements: []string{"13"}})
	do := func(method, path, token string) int {
		t.Helper()
		return e.Do(apitest.Request{Method: method, Path: path, Token: token}).Code
	}
	actor, service := "/api/v1/actors/"+a, "/api/v1/services/"+svc
	cases := []struct {
		name, archive, archiver, restorer string
		want                              int
	}{
		{"the administrator's archive of a service, by its manager", service, e.Admin, manager, 403},
		{"the administrator's archive of a service, by a coordinator", service, e.Admin, coordinator, 403},
		{"the administrator's archive of a service, by an administrator", service, e.Admin, e.Admin, 200},
		{"the administrator's archive of a place, by its manager", actor, e.Admin, manager, 403},
		{"the administrator's archive of a place, by a coordinator", actor, e.Admin, coordinator, 403},
		{"the administrator's archive of a place, by an administrator", actor, e.Admin, e.Admin, 200},
		{"a coordinator's archive, by the manager", actor, coordinator, manager, 200},
		{"the manager's archive, by the manager", actor, manager, manager, 200},
		{"the manager's archive of a service, by a coordinator", service, manager, coordinator, 200},
	}
	for _, c := range cases {
		if code := do("DELETE", c.archive, c.archiver); code != 204 {
			t.Fatalf("%s: archive %d", c.name, code)
		}
		r := e.Do(apitest.Request{Method: "POST", Path: c.archive + "/restore", Token: c.restorer})
		if r.Code != c.want {
			t.Errorf("%s: %d %s", c.name, r.Code, r.Body)
		}
		if c.want == 403 {
			if !strings.Contains(r.Body.String(), "administrator") {
				t.Errorf("%s: the refusal does not say why: %s", c.name, r.Body)
			}
			if code := do("POST", c.archive+"/restore", e.Admin); code != 200 {
				t.Fatalf("%s: the administrator's restore: %d", c.name, code)
			}
		}
	}
}
