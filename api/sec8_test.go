package api_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/opendata"
)

// TestHistoryTellsTheTrueChannel: every path to a change of a partner's
// place — a direct PATCH, a JSON sync batch, a file imported through the
// API, an accepted suggestion and the operator's `carnet import` — leaves
// in the record's history the channel it came through and who made it.
// The command's import was recorded as "sync" (a partner's bulk sync),
// the channel of the routes, although the history documents "cli" for an
// operator's command: a reader of the history could not tell the
// operator's file from a partner's batch.
func TestHistoryTellsTheTrueChannel(t *testing.T) {
	e := apitest.New(t)
	client, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	place := func(id, name string) string {
		return "id,nom,adresse,code_postal,commune,services,date_maj\n" + id + "," + name +
			",2 rue de la République,13002,Marseille,Aide aux démarches administratives,2026-01-02\n"
	}
	// The place every path changes, created by the partner's sync.
	first := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
		Body: obj{"actors": []obj{partnerActor("lieu-1", "Médiathèque")}}})
	if first.Code != 200 {
		t.Fatalf("sync: %d %s", first.Code, first.Body)
	}
	var created syncResult
	first.JSON(&created)
	id := created.Results[0].ID
	manager, managerToken := e.Account("gestion@example.fr", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	author := userToken(t, e, "usager@example.fr")

	var suggestion string
	cases := []struct {
		name          string
		change        func(t *testing.T)
		channel, kind string
		who           string
	}{
		{"a PATCH by the partner", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: partner, Body: obj{"summary": "Par l'API"}, ContentType: "application/merge-patch+json"})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "api", models.WhoClient, client.ID},
		{"a sync batch", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{partnerActor("lieu-1", "Médiathèque (sync)")}}})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "sync", models.WhoClient, client.ID},
		{"a file imported through the API", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: partner, ContentType: "text/csv", Body: place("lieu-1", "Médiathèque (fichier)")})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "sync", models.WhoClient, client.ID},
		{"an accepted suggestion", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"summary": "Suggéré"}}})
			if r.Code != 201 {
				t.Fatalf("suggest: %d %s", r.Code, r.Body)
			}
			suggestion = r.Map()["id"].(string)
			if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + suggestion, Token: managerToken, Body: obj{"status": "accepted"}}); r.Code != 200 {
				t.Fatalf("accept: %d %s", r.Code, r.Body)
			}
		}, "suggestion", models.WhoUser, manager.ID},
		{"the import command", func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "lieux.csv")
			if err := os.WriteFile(file, []byte(place("lieu-1", "Médiathèque (commande)")), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err := opendata.RunImport(context.Background(), []string{file, "--source", "hub", "--db", e.DBPath},
				func(string) string { return "" }, &out, io.Discard, func(r *opendata.Report) any { return r })
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
		}, "cli", models.WhoSystem, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.change(t)
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id + "/history?limit=1", Token: e.Admin})
			if r.Code != 200 {
				t.Fatalf("history: %d %s", r.Code, r.Body)
			}
			var h struct {
				Data []struct {
					Action, Channel string
					Who             struct{ Kind, ID string }
					SuggestionID    string `json:"suggestion_id"`
				}
			}
			r.JSON(&h)
			if len(h.Data) != 1 {
				t.Fatalf("history: %s", r.Body)
			}
			got := h.Data[0]
			if got.Action != "update" || got.Channel != c.channel || got.Who.Kind != c.kind || got.Who.ID != c.who {
				t.Errorf("latest event %+v, want an update through %s by %s %q", got, c.channel, c.kind, c.who)
			}
			if want := suggestion; c.channel != "suggestion" && got.SuggestionID != "" || c.channel == "suggestion" && got.SuggestionID != want {
				t.Errorf("suggestion_id %q", got.SuggestionID)
			}
		})
	}
}

// TestProducerDateNeverInTheFuture: producer_updated_on is the producer's
// own date of the record. An import refused a date_maj in the future
// (dropped with a warning), while a direct create, PUT or PATCH stored it
// and a sync batch stored it too: a partner or a structure's manager could
// give a place a date of 2099 in its provenance (the API, the quality
// export) that no import would keep. Every path now refuses a date after
// the place's day; a record keeps a date it already has when another field
// changes.
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

	t.Run("an accepted suggestion answers 409", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + people + "/suggestions", Token: author, Body: obj{"changes": obj{"producer_updated_on": future}}})
		if r.Code != 201 {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
		id := r.Map()["id"].(string)
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + id, Token: managerToken, Body: obj{"status": "accepted"}}); r.Code == 200 {
			t.Errorf("accepted: %s", r.Body)
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
