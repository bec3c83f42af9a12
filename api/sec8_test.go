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
	"carnet/models/dbtest"
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
// and a sync batch and an accepted suggestion stored it too: a partner or a
// structure's manager could give a place a date of 2099 in its provenance
// (the API, the quality export) that no import would keep. Every path now refuses a date after
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
