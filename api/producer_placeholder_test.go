package api_test

import (
	"context"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestProducerDatePlaceholderRefused: a producer's date before 2000 is a
// tool's zero date (1969-12-31, 1970-01-01, 1900-01-01, 0001-01-01), not a
// day anyone checked the place. An import reads such a date_maj as no date
// with a warning (the place is undated, never fresh), while a direct
// create, PUT or PATCH and a sync batch stored it as the producer's date:
// the same place was undated through one path and « checked in 1970 »
// through another. The API paths now refuse it as they refuse a date in the
// future (422 naming producer_updated_on; a rejected record in a batch), so
// that a partner learns its tool sends a placeholder; the import is
// unchanged. A record keeps a date it already has when other fields change.
func TestProducerDatePlaceholderRefused(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	withDate := func(b obj, d string) obj { return merge(b, obj{"producer_updated_on": d}) }
	own := func(id string) obj { return merge(validActor("Lieu "+id), obj{"source": "hub", "source_id": id}) }
	existing := createActor(t, e, withDate(own("lieu-0"), "2024-01-02"))["id"].(string)
	manager, managerToken := e.Account("gestion@example.fr", nil, models.Territory{})
	people := createActor(t, e, validActor("Lieu des gens"))["id"].(string)
	if _, err := e.Store.AddMember(context.Background(), people, manager.ID, models.RoleManager); err != nil {
		t.Fatal(err)
	}
	author := userToken(t, e, "usager@example.fr")
	patch := "application/merge-patch+json"
	placeholderReason := func(t *testing.T, r *apitest.Response, field string) {
		t.Helper()
		var p struct {
			Errors []struct{ Field, Reason string } `json:"errors"`
		}
		r.JSON(&p)
		for _, fe := range p.Errors {
			if fe.Field == field && strings.Contains(fe.Reason, "placeholder") && strings.Contains(fe.Reason, "2000") {
				return
			}
		}
		t.Errorf("no placeholder reason on %s: %s", field, r.Body)
	}

	for _, d := range []string{"1969-12-31", "1970-01-01", "1900-01-01", "0001-01-01", "1999-12-31"} {
		for _, c := range []struct {
			name string
			req  apitest.Request
		}{
			{"POST by the partner", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: withDate(own("new-"+d), d)}},
			{"POST by an administrator", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: withDate(validActor("Lieu admin"), d)}},
			{"PUT by the partner", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + existing, Token: partner, Body: withDate(own("lieu-0"), d)}},
			{"PATCH by the partner", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + existing, Token: partner, Body: obj{"producer_updated_on": d}, ContentType: patch}},
			{"PATCH by a manager", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + people, Token: managerToken, Body: obj{"producer_updated_on": d}, ContentType: patch}},
		} {
			t.Run("ErrValidation "+c.name+" "+d, func(t *testing.T) {
				r := e.Do(c.req)
				if r.Code != 422 {
					t.Fatalf("%d, want 422: %s", r.Code, r.Body)
				}
				placeholderReason(t, r, "producer_updated_on")
			})
		}
	}
	t.Run("OK the floor itself", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + people, Token: managerToken, Body: obj{"producer_updated_on": "2000-01-01"}, ContentType: patch})
		if r.Code != 200 || r.Map()["producer_updated_on"] != "2000-01-01" {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + existing, Token: e.Admin}).Map(); a["producer_updated_on"] != "2024-01-02" {
		t.Errorf("the refused writes changed the stored date: %v", a["producer_updated_on"])
	}

	t.Run("a sync batch rejects the record, creating or updating", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
			Body: obj{"actors": []obj{withDate(partnerActor("lieu-2", "Lieu 2"), "1969-12-31"), withDate(partnerActor("lieu-0", "Lieu lieu-0"), "0001-01-01"),
				withDate(partnerActor("lieu-3", "Lieu 3"), "2025-02-03")}}})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		var res syncResult
		r.JSON(&res)
		for _, i := range []int{0, 1} {
			got := res.Results[i]
			if got.Result != "rejected" || len(got.Errors) != 1 || got.Errors[0].Field != "producer_updated_on" || !strings.Contains(got.Errors[0].Reason, "placeholder") {
				t.Errorf("record %d: %+v", i, got)
			}
		}
		if res.Results[2].Result != "created" {
			t.Errorf("%+v", res.Results[2])
		}
	})

	t.Run("a suggestion is refused when it is made", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + people + "/suggestions", Token: author, Body: obj{"changes": obj{"producer_updated_on": "1970-01-01"}}})
		if r.Code != 422 || !hasAll(fields(t, r), "changes.producer_updated_on") {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
	})

	t.Run("the import still reads it as no date", func(t *testing.T) {
		csv := "id,nom,adresse,code_postal,commune,services,date_maj\nlieu-4,Lieu 4,2 rue de la République,13002,Marseille,Aide aux démarches administratives,1969-12-31\n"
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: partner, ContentType: "text/csv", Body: csv})
		if r.Code != 200 || !strings.Contains(r.Body.String(), "placeholder") {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub", Token: e.Admin}).Map()["data"].([]any)
		for _, it := range list {
			if a := it.(map[string]any); a["source_id"] == "lieu-4" {
				if a["producer_updated_on"] != nil {
					t.Errorf("stored %v", a["producer_updated_on"])
				}
				return
			}
		}
		t.Errorf("lieu-4 not imported")
	})
}
