package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestOverlappingHoursMerged: « Mo 09:00-12:00,10:00-13:00 » was stored as
// sent by a create, a PUT, a merge patch, an accepted suggestion and a sync,
// while the file import merged it into « Mo 09:00-13:00 » with a warning:
// the same place read from two paths showed two sets of hours. Every path
// now stores the merged hours (they mean the same); a sync says so in its
// result's warnings, as the import does in its report.
func TestOverlappingHoursMerged(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	const sent, want = "Mo 09:00-12:00,10:00-13:00; Tu 08:30-12:00,08:30-16:00,17:00-18:00", "Mo 09:00-13:00; Tu 08:30-16:00,17:00-18:00"
	id := str(createActor(t, e, validActor("Maison"))["id"])
	patch := "application/merge-patch+json"
	for _, tc := range []struct {
		name string
		req  apitest.Request
	}{
		{"POST an actor", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Autre"), obj{"opening_hours": sent})}},
		{"PUT an actor", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: merge(validActor("Maison"), obj{"opening_hours": sent})}},
		{"PATCH an actor", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"opening_hours": "Mo 10:00-11:00,10:30-12:00"}}},
		{"POST a service", apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"opening_hours": sent})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(tc.req)
			if r.Code != 200 && r.Code != 201 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			w := want
			if tc.req.Method == "PATCH" {
				w = "Mo 10:00-12:00"
			}
			if got := r.Map()["opening_hours"]; got != w {
				t.Errorf("stored %q, want %q", got, w)
			}
		})
	}

	t.Run("an accepted suggestion", func(t *testing.T) {
		author := userToken(t, e, "usager@example.fr")
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"opening_hours": sent}}})
		if r.Code != 201 {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
		sid := str(r.Map()["id"])
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + sid, Token: e.Admin, Body: obj{"status": "accepted"}}); r.Code != 200 {
			t.Fatalf("accept: %d %s", r.Code, r.Body)
		}
		if got := get(t, e, "/api/v1/actors/"+id)["opening_hours"]; got != want {
			t.Errorf("stored %q, want %q", got, want)
		}
	})

	t.Run("a sync stores them merged and warns", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{
			merge(partnerActor("h-1", "Lieu 1"), obj{"opening_hours": sent}),
		}}})
		var res struct {
			Results []struct {
				ID, Result string
				Warnings   []struct{ Field, Reason string }
			}
		}
		r.JSON(&res)
		if r.Code != 200 || res.Results[0].Result != "created" || len(res.Results[0].Warnings) != 1 || res.Results[0].Warnings[0].Field != "opening_hours" || !strings.Contains(res.Results[0].Warnings[0].Reason, want) {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if got := get(t, e, "/api/v1/actors/"+res.Results[0].ID)["opening_hours"]; got != want {
			t.Errorf("stored %q, want %q", got, want)
		}
		// Sent again, the record is unchanged and still told.
		r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{
			merge(partnerActor("h-1", "Lieu 1"), obj{"opening_hours": sent}),
		}}})
		r.JSON(&res)
		if res.Results[0].Result != "unchanged" || len(res.Results[0].Warnings) != 1 {
			t.Errorf("replayed: %s", r.Body)
		}
		r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/services", Token: partner, Body: obj{"services": []obj{
			{"source_id": "s-1", "actor_source_id": "h-1", "name": "Permanence", "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}, "opening_hours": sent},
		}}})
		r.JSON(&res)
		if r.Code != 200 || res.Results[0].Result != "created" || len(res.Results[0].Warnings) != 1 || res.Results[0].Warnings[0].Field != "opening_hours" {
			t.Fatalf("service: %d %s", r.Code, r.Body)
		}
	})
}
