package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestHistoryOfASyncedRecordNeverChanges: a creation by a sync batch (or an
// import) no longer stores the created record in its audit event; the
// history rebuilds it from the record's row and the later events. Stored in
// full, an event never changed once written: each answer of the history is
// the previous one with the new events on top. Held here for a place and a
// service created by a partner's sync, then edited (fields set and
// blanked), synced again, archived and restored, the whole history read
// after each step.
func TestHistoryOfASyncedRecordNeverChanges(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	place := merge(partnerActor("lieu-1", "Médiathèque"), obj{"summary": "Ateliers <numériques> & « aide »", "phones": []string{"04 91 00 00 00"},
		"websites": []string{"https://exemple.fr"}, "opening_hours": "Mo-Fr 09:00-12:00", "typologies": []string{"BIB"}})
	do := func(method, path string, body any) *apitest.Response {
		t.Helper()
		r := e.Do(apitest.Request{Method: method, Path: path, Token: partner, Body: body, ContentType: map[bool]string{true: "application/merge-patch+json"}[method == "PATCH"]})
		if r.Code >= 300 {
			t.Fatalf("%s %s: %d %s", method, path, r.Code, r.Body)
		}
		return r
	}
	var created syncResult
	do("PUT", "/api/v1/sync/hub/actors", obj{"actors": []obj{place}}).JSON(&created)
	actor := created.Results[0].ID
	do("PUT", "/api/v1/sync/hub/services", obj{"services": []obj{partnerService("s-1", obj{"actor_source_id": "lieu-1", "fees": []string{"Payant"}, "opening_hours": "Sa 10:00-12:00"})}}).JSON(&created)
	service := created.Results[0].ID
	history := func(entity, id string) []any {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/" + entity + "/" + id + "/history?limit=200", Token: e.Admin})
		if r.Code != 200 {
			t.Fatalf("history: %d %s", r.Code, r.Body)
		}
		return r.Map()["data"].([]any)
	}
	answers := map[string][]any{"actors": history("actors", actor), "services": history("services", service)}
	// The place's creation, then its scoring with its offer (an update).
	if len(answers["actors"]) != 2 || !strings.Contains(mustJSON(t, answers["actors"][1]), `"field":"summary","new":"Ateliers \u003cnumériques\u003e \u0026 « aide »"`) {
		t.Fatalf("the creation's history: %s", mustJSON(t, answers["actors"]))
	}
	steps := []struct {
		name string
		run  func()
	}{
		{"edited", func() {
			do("PATCH", "/api/v1/actors/"+actor, obj{"summary": "Réécrit", "phones": nil, "websites": []string{}, "emails": []string{"contact@exemple.fr"}})
			do("PATCH", "/api/v1/services/"+service, obj{"fees": nil, "description": "Décrite"})
		}},
		{"synced again", func() {
			do("PUT", "/api/v1/sync/hub/actors", obj{"actors": []obj{merge(place, obj{"name": "Médiathèque Alcazar", "opening_hours": nil})}})
		}},
		{"archived", func() {
			do("DELETE", "/api/v1/services/"+service, nil)
			do("DELETE", "/api/v1/actors/"+actor, nil)
		}},
		{"restored", func() {
			do("POST", "/api/v1/actors/"+actor+"/restore", nil)
			do("POST", "/api/v1/services/"+service+"/restore", nil)
		}},
	}
	for _, step := range steps {
		step.run()
		for entity, id := range map[string]string{"actors": actor, "services": service} {
			now, before := history(entity, id), answers[entity]
			if len(now) < len(before) || mustJSON(t, now[len(now)-len(before):]) != mustJSON(t, before) {
				t.Fatalf("%s, the %s's history changed what it said:\n%s\nwas\n%s", step.name, entity, mustJSON(t, now), mustJSON(t, before))
			}
			answers[entity] = now
		}
	}
	if len(answers["actors"]) < 5 || len(answers["services"]) < 4 {
		t.Fatalf("the steps were not all recorded: %s\n%s", mustJSON(t, answers["actors"]), mustJSON(t, answers["services"]))
	}
}
