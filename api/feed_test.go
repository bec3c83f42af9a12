package api_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

type changePage struct {
	Data []struct {
		Seq       int64          `json:"seq"`
		Entity    string         `json:"entity"`
		ID        string         `json:"id"`
		Op        string         `json:"op"`
		Version   int64          `json:"version"`
		Actor     map[string]any `json:"actor"`
		Service   map[string]any `json:"service"`
		Tombstone map[string]any `json:"tombstone"`
	} `json:"data"`
	Meta struct {
		NextCursor string `json:"next_cursor"`
		HasMore    bool   `json:"has_more"`
	} `json:"meta"`
}

func changes(t testing.TB, e *apitest.Env, after string, limit int) changePage {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: fmt.Sprintf("/api/v1/changes?after=%s&limit=%d", after, limit)})
	if r.Code != 200 {
		t.Fatalf("changes: %d %s", r.Code, r.Body)
	}
	var p changePage
	r.JSON(&p)
	return p
}

func TestChanges(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Médiathèque"))
	s := createService(t, e, validService(str(a["id"]), "Atelier"))
	// A service published, then back to draft: the public feed hides it
	// (a draft never published is not in it at all, see
	// TestFeedHidesNeverPublishedDrafts).
	draft := createService(t, e, validService(str(a["id"]), "Brouillon"))
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + str(draft["id"]), Token: e.Admin, Body: obj{"status": "draft"}, ContentType: "application/merge-patch+json"})
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin, Body: obj{"summary": "Nouveau"}, ContentType: "application/merge-patch+json"})
	gone := createActor(t, e, validActor("Fermé"))
	e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(gone["id"]), Token: e.Admin})

	p := changes(t, e, "0", 2)
	if len(p.Data) != 2 || !p.Meta.HasMore {
		t.Fatalf("first page: %+v", p)
	}
	all := p.Data
	for p.Meta.HasMore {
		p = changes(t, e, p.Meta.NextCursor, 2)
		all = append(all, p.Data...)
	}
	got := map[string]string{}
	for i, c := range all {
		if i > 0 && c.Seq <= all[i-1].Seq {
			t.Errorf("seq not increasing: %+v", all)
		}
		got[c.ID] = c.Op
		switch c.Op {
		case "archive", "hide":
			if c.Tombstone == nil || c.Actor != nil || c.Service != nil {
				t.Errorf("tombstone entry: %+v", c)
			}
		default:
			if (c.Actor == nil) == (c.Service == nil) {
				t.Errorf("entry without its record: %+v", c)
			}
		}
	}
	want := map[string]string{str(a["id"]): "update", str(s["id"]): "create", str(draft["id"]): "hide", str(gone["id"]): "archive"}
	for id, op := range want {
		if got[id] != op {
			t.Errorf("%s: op %q, want %q (all %v)", id, got[id], op, got)
		}
	}
	// A page collapses the changes of one record into its current state.
	whole := changes(t, e, "0", 100)
	if n := len(whole.Data); n != 4 || whole.Data[0].Op != "create" || whole.Meta.HasMore {
		t.Errorf("collapsed page: %+v", whole.Data)
	}
	tail := changes(t, e, whole.Meta.NextCursor, 10)
	if len(tail.Data) != 0 || tail.Meta.NextCursor != whole.Meta.NextCursor {
		t.Errorf("empty tail: %+v", tail)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?after=-1"}); r.Code != 400 {
		t.Errorf("bad cursor: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?since=1"}); r.Code != 400 {
		t.Errorf("unknown parameter: %d", r.Code)
	}
}

// TestChangesFollowerDuringWrites follows the feed while writers create,
// update and archive actors and services, then compares the follower's copy
// with the server's state: nothing missed, nothing extra.
func TestChangesFollowerDuringWrites(t *testing.T) {
	e := apitest.New(t)
	ctx := context.Background()
	const writers, rounds = 4, 25
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				a := models.Actor{Name: fmt.Sprintf("Lieu %d-%d", w, i), Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
				if err := e.Store.CreateActor(ctx, &a); err != nil {
					t.Error(err)
					return
				}
				sv := models.Service{ActorID: a.ID, Name: "Aide", Kind: "one_off_help", Themes: models.StringList{"Utilisation sécurisée du numérique"}, OnSite: true}
				if err := e.Store.CreateService(ctx, &sv); err != nil {
					t.Error(err)
					return
				}
				switch i % 3 {
				case 1:
					e.Store.UpdateActor(ctx, a.ID, models.Precondition{}, func(x *models.Actor) error { x.Summary = "modifié"; return nil })
					e.Store.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Status = "draft"; return nil })
				case 2:
					e.Store.ArchiveActor(ctx, a.ID, models.Precondition{})
				}
			}
		}()
	}
	copyActors, copyServices := map[string]int64{}, map[string]int64{}
	cursor := "0"
	follow := func() {
		for {
			p := changes(t, e, cursor, 7)
			for _, c := range p.Data {
				m := copyActors
				if c.Entity == "service" {
					m = copyServices
				}
				if c.Tombstone != nil {
					delete(m, c.ID)
				} else {
					m[c.ID] = c.Version
				}
			}
			cursor = p.Meta.NextCursor
			if !p.Meta.HasMore {
				return
			}
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			follow()
		}
	}
	follow()

	server := map[string]int64{}
	for cur := ""; ; {
		p, err := e.Store.ListActors(ctx, models.ActorFilter{ListParams: models.ListParams{Limit: 200, Cursor: cur}})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Items {
			server[a.ID] = a.Version
		}
		if cur = p.NextCursor; cur == "" {
			break
		}
	}
	compare(t, "actors", copyActors, server)
	server = map[string]int64{}
	for cur := ""; ; {
		p, err := e.Store.ListServices(ctx, models.ServiceFilter{ListParams: models.ListParams{Limit: 200, Cursor: cur}})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Items {
			server[s.ID] = s.Version
		}
		if cur = p.NextCursor; cur == "" {
			break
		}
	}
	compare(t, "services", copyServices, server)
	if len(copyActors) == 0 || len(copyServices) == 0 {
		t.Fatal("the follower copied nothing")
	}
}

func compare(t *testing.T, what string, got, want map[string]int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: the follower has %d, the server %d", what, len(got), len(want))
	}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s %s: follower version %d, server %d", what, id, got[id], v)
		}
	}
}

func TestExports(t *testing.T) {
	e := apitest.New(t)
	private := createActor(t, e, merge(validActor("Privé"), obj{"phones": []string{"04 91 00 00 01"}, "emails": []string{"perso@example.fr"}}))
	public := createActor(t, e, merge(validActor("Public"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": true}))
	createService(t, e, validService(str(private["id"]), "Aide"))
	createService(t, e, validService(str(public["id"]), "Atelier"))

	for _, f := range []string{"standard-csv", "standard-json", "geojson", "data-inclusion-structures", "data-inclusion-services"} {
		t.Run("OK "+f, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + f})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			h := r.Header()
			if !strings.HasPrefix(h.Get("Content-Disposition"), `attachment; filename="`) || h.Get("ETag") == "" || h.Get("Last-Modified") == "" {
				t.Errorf("headers %v", h)
			}
			body := r.Body.String()
			if strings.Contains(body, "+33491000001") || strings.Contains(body, "perso@example.fr") {
				t.Errorf("private contact exported")
			}
			if !strings.Contains(body, "+33491000002") && f != "data-inclusion-services" {
				t.Errorf("public contact missing: %s", body)
			}
			if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + f, Header: map[string]string{"If-None-Match": h.Get("ETag")}}); r.Code != 304 {
				t.Errorf("If-None-Match: %d", r.Code)
			}
		})
	}
	t.Run("OK CSV has the 32 columns", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"}).Body.String())).ReadAll()
		if err != nil || len(rows) != 3 || len(rows[0]) != 32 || rows[0][0] != "id" || rows[0][31] != "prise_rdv" {
			t.Fatalf("%v %v", err, rows)
		}
	})
	t.Run("OK follow the feed from an export", func(t *testing.T) {
		cursor := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-json"}).Header().Get("X-Changes-Cursor")
		later := createActor(t, e, validActor("Après l'export"))
		p := changes(t, e, cursor, 10)
		if cursor == "" || len(p.Data) != 1 || p.Data[0].ID != str(later["id"]) {
			t.Errorf("after %q: %+v", cursor, p.Data)
		}
	})
	t.Run("OK ETag changes with the directory", func(t *testing.T) {
		before := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"}).Header().Get("ETag")
		createActor(t, e, validActor("Nouveau"))
		if after := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"}).Header().Get("ETag"); after == before {
			t.Errorf("ETag %s did not change", after)
		}
	})
	t.Run("OK gzip", func(t *testing.T) {
		// Straight to the handler: the compressed body is not what the
		// contract's validator decodes.
		req := httptest.NewRequest("GET", "/api/v1/exports/standard-json", nil)
		req.Header.Set("Accept-Encoding", "br, gzip")
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, req)
		if w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("ETag"), "gzip") {
			t.Fatalf("headers %v", w.Header())
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		if !strings.HasPrefix(string(b), "[") || !strings.Contains(string(b), "Public") {
			t.Errorf("gunzipped: %.200s", b)
		}
	})
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/xlsx"}); r.Code != 404 {
		t.Errorf("unknown format: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports"}); r.Code != 200 || len(r.Map()["data"].([]any)) != 6 {
		t.Errorf("list: %d %s", r.Code, r.Body)
	}
	for _, path := range []string{"/api/v1/exports?format=csv", "/api/v1/exports/geojson?bbox=1"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 400 {
			t.Errorf("%s: %d, want 400", path, r.Code)
		}
	}
}

func TestDuplicates(t *testing.T) {
	e := apitest.New(t)
	place := func(id, name, street string, lat float64) obj {
		return merge(partnerActor(id, name), obj{"address": obj{"street": street, "postal_code": "13001", "commune": "Marseille"}, "latitude": lat, "longitude": 5.3786})
	}
	syncActors(t, e, "", place("h1", "Médiathèque de l'Alcazar", "58 cours Belsunce", 43.2996), place("h2", "CCAS de Marseille", "58 cours Belsunce", 43.2996))
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin,
		Body: obj{"actors": []obj{place("fs1", "Bibliothèque Alcazar", "58 crs Belsunce", 43.29965)}}})
	var res syncResult
	r.JSON(&res)
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	e.DuplicatesDetected()
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?status=suggested"}).Map()
	links := list["data"].([]any)
	if len(links) != 1 {
		t.Fatalf("links: %v", list)
	}
	link := links[0].(map[string]any)
	if link["actor_b"].(map[string]any)["id"] != res.Results[0].ID || link["score"].(float64) < 0.7 {
		t.Errorf("link: %v", link)
	}
	count := func(q string) float64 {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + q}).Map()["meta"].(map[string]any)["total"].(float64)
	}
	if count("") != 3 || count("exclude_duplicates=true") != 2 {
		t.Errorf("exclude_duplicates: %v of %v", count("exclude_duplicates=true"), count(""))
	}
	id := str(link["id"])
	stranger := userToken(t, e, "z@example.fr")
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/confirm", Token: stranger}); r.Code != 403 {
		t.Errorf("stranger confirms: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/confirm"}); r.Code != 401 {
		t.Errorf("anonymous confirms: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/confirm", Token: e.Admin}); r.Code != 200 || r.Map()["status"] != "confirmed" {
		t.Errorf("confirm: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/dismiss", Token: e.Admin}); r.Code != 200 || r.Map()["status"] != "dismissed" {
		t.Errorf("dismiss: %d %s", r.Code, r.Body)
	}
	if count("exclude_duplicates=true") != 3 {
		t.Errorf("a dismissed link still hides an actor")
	}
	// A later sync never links a dismissed pair again.
	e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin,
		Body: obj{"actors": []obj{merge(place("fs1", "Bibliothèque Alcazar", "58 crs Belsunce", 43.29965), obj{"summary": "x"})}}})
	if n := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?status=suggested"}).Map()["meta"].(map[string]any)["total"]; n != float64(0) {
		t.Errorf("relinked: %v", n)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/01939f4e-0000-7000-8000-000000000000/confirm", Token: e.Admin}); r.Code != 404 {
		t.Errorf("unknown link: %d", r.Code)
	}
}
