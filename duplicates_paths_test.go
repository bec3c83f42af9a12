package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"carnet/api/apitest"
)

// TestDuplicatesFollowEveryPath: a running service's duplicate detection
// follows the change log, whichever path wrote the place — a partner's sync
// batch, `carnet import` run by another process on the service's database,
// a direct API write — and its suggestion appears within seconds without
// anyone waking it. Decisions taken on the suggestions (confirm, dismiss)
// survive when both places are written again and compared anew.
func TestDuplicatesFollowEveryPath(t *testing.T) {
	e := apitest.New(t)
	type place struct{ id, name, street string }
	hub := []place{
		{"h1", "Médiathèque de l'Alcazar", "58 cours Belsunce"},
		{"h2", "Espace numérique de la Joliette", "12 rue de la République"},
		{"h3", "Maison de quartier de Noailles", "9 rue d'Aubagne"},
	}
	body := func(p place, name string, lat float64) map[string]any {
		return map[string]any{"source_id": p.id, "name": name, "latitude": lat, "longitude": 5.3786,
			"address": map[string]any{"street": p.street, "postal_code": "13001", "commune": "Marseille"}}
	}
	sync := func(source string, actors ...map[string]any) []string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + source + "/actors", Token: e.Admin, Body: map[string]any{"actors": actors}})
		var res struct{ Results []struct{ ID, Result string } }
		r.JSON(&res)
		if r.Code != 200 || len(res.Results) != len(actors) {
			t.Fatalf("sync %s: %d %s", source, r.Code, r.Body)
		}
		ids := make([]string, len(res.Results))
		for i, x := range res.Results {
			ids[i] = x.ID
		}
		return ids
	}
	hubIDs := sync("hub", body(hub[0], hub[0].name, 43.2996), body(hub[1], hub[1].name, 43.3051), body(hub[2], hub[2].name, 43.2960))
	e.DuplicatesDetected()
	// link waits, reading the API as a client would, until a suggestion
	// (or a decided link) pairs the hub's place with another; it never
	// wakes the follower itself.
	type link struct {
		ID     string
		Status string
		A, B   string
	}
	list := func() []link {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?limit=100"})
		if r.Code != 200 {
			t.Fatalf("duplicates: %d %s", r.Code, r.Body)
		}
		var page struct {
			Data []struct {
				ID     string
				Status string
				A      struct{ ID string } `json:"actor_a"`
				B      struct{ ID string } `json:"actor_b"`
			}
		}
		r.JSON(&page)
		out := make([]link, len(page.Data))
		for i, d := range page.Data {
			out[i] = link{d.ID, d.Status, d.A.ID, d.B.ID}
		}
		return out
	}
	linksOf := func(id string) []link {
		var out []link
		for _, l := range list() {
			if l.A == id || l.B == id {
				out = append(out, l)
			}
		}
		return out
	}
	waitLink := func(path, id string) link {
		t.Helper()
		start := time.Now()
		for time.Since(start) < 20*time.Second {
			if l := linksOf(id); len(l) > 0 {
				if len(l) != 1 {
					t.Fatalf("%s: %d links for one place: %+v", path, len(l), l)
				}
				t.Logf("%s: suggestion after %v", path, time.Since(start).Round(time.Millisecond))
				return l[0]
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: no suggestion for %s after %v", path, id, time.Since(start))
		return link{}
	}

	// 1. A partner's sync batch.
	bySync := waitLink("sync", sync("france-services", body(place{"fs1", "", "58 crs Belsunce"}, "Bibliothèque Alcazar", 43.29965))[0])

	// 2. carnet import, another process writing to the service's database.
	file := filepath.Join(t.TempDir(), "cnfs.csv")
	csv := func(name string) {
		t.Helper()
		row := "id;nom;adresse;code_postal;commune;latitude;longitude;services\n" +
			fmt.Sprintf("cn1;%s;12 rue de la République;13001;Marseille;43.30512;5.3786;Aide aux démarches administratives\n", name)
		if err := os.WriteFile(file, []byte(row), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := run(context.Background(), []string{"import", file, "--source", "cnfs", "--db", e.DBPath}, env(nil), nil, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	csv("Espace numérique Joliette")
	byImport := waitLink("import", hubIDs[1])

	// 3. A direct API write.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: map[string]any{
		"name": "Maison de quartier Noailles", "latitude": 43.29602, "longitude": 5.3786,
		"address": map[string]any{"street": "9 rue d'Aubagne", "postal_code": "13001", "commune": "Marseille"}}})
	if r.Code != 201 {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	var created struct{ ID string }
	r.JSON(&created)
	byAPI := waitLink("api", created.ID)

	// Decisions, then every place written again: the follower compares
	// them anew and keeps what people decided.
	for id, verb := range map[string]string{bySync.ID: "confirm", byImport.ID: "dismiss"} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/" + verb, Token: e.Admin}); r.Code != 200 {
			t.Fatalf("%s: %d %s", verb, r.Code, r.Body)
		}
	}
	sync("hub", body(hub[0], hub[0].name+" (BMVR)", 43.2996), body(hub[1], hub[1].name+" (ERIC)", 43.3051), body(hub[2], hub[2].name, 43.2960))
	sync("france-services", body(place{"fs1", "", "58 crs Belsunce"}, "Bibliothèque de l'Alcazar", 43.29965))
	csv("Espace numérique de la Joliette")
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + created.ID, Token: e.Admin, ContentType: "application/merge-patch+json",
		Body: map[string]any{"name": "Maison de quartier de Noailles"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	e.DuplicatesDetected()
	want := map[string]string{bySync.ID: "confirmed", byImport.ID: "dismissed", byAPI.ID: "suggested"}
	for _, id := range hubIDs {
		got := linksOf(id)
		if len(got) != 1 {
			t.Errorf("%s: %d links after re-detection, want 1: %+v", id, len(got), got)
			continue
		}
		if w, ok := want[got[0].ID]; !ok || got[0].Status != w {
			t.Errorf("%s: link %+v after re-detection, want one of %v", id, got[0], want)
		}
	}
}
