package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/opendata"
)

// TestOperatorsImportIsInTheStructuresTrail (probe 45 H1): `carnet import`
// run by the operator changed the hours of a structure with a team and its
// trail said nothing, where the same file sent by a partner's import route
// writes actor.changed_by_outsider. The operator is outside the team too.
func TestOperatorsImportIsInTheStructuresTrail(t *testing.T) {
	e := apitest.New(t)
	body := validActor("Centre avec équipe")
	body["source"], body["source_id"] = "cli45", "c1"
	a := createActor(t, e, body)
	id := str(a["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	file := filepath.Join(t.TempDir(), "lieux.csv")
	csv := "id,nom,adresse,code_postal,commune,date_maj,horaires\n" +
		"c1,Centre avec équipe,2 rue de la République,13002,Marseille,2026-12-01,Mo 09:00-17:00\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var rep *opendata.Report
	err := opendata.RunImport(context.Background(), []string{file, "--source", "cli45", "--db", e.DBPath, "--report-json"},
		func(string) string { return "" }, &out, io.Discard, func(r *opendata.Report) any { rep = r; return r })
	if err != nil || rep == nil || rep.Actors["updated"] != 1 {
		t.Fatalf("import: %v %+v\n%s", err, rep, out.String())
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id + "/trail?action=actor.changed_by_outsider", Token: mgr})
	if r.Code != 200 {
		t.Fatalf("trail: %d %s", r.Code, r.Body)
	}
	data := r.Map()["data"].([]any)
	if len(data) != 1 {
		t.Fatalf("the operator's import in the trail: %d entries, want 1: %s", len(data), r.Body)
	}
	d := data[0].(obj)["details"].(obj)
	if d["op"] != "update" || d["entity"] != "actor" {
		t.Errorf("details: %v", d)
	}
}

// TestServiceWriteAnswersAreWhatGetReads (probe 45 M3): a service's POST
// answered the ETag "1.1.…" and the GET right after "1.2.…" (its place's
// version moved with the write after the answer was built), so a caching
// client sending If-None-Match with the POST's tag never got 304; restore
// the same. Every write answers what GET reads, body and tag.
func TestServiceWriteAnswersAreWhatGetReads(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Lieu des services"))
	same := func(what string, r *apitest.Response, want int) string {
		t.Helper()
		if r.Code != want {
			t.Fatalf("%s: %d %s", what, r.Code, r.Body)
		}
		id := str(r.Map()["id"])
		g := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: e.Admin})
		if r.Header().Get("ETag") != g.Header().Get("ETag") || r.Body.String() != g.Body.String() {
			t.Errorf("%s answers ETag %s, GET %s\n%s\n%s", what, r.Header().Get("ETag"), g.Header().Get("ETag"), r.Body, g.Body)
		}
		return id
	}
	post := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(str(a["id"]), "Aide aux démarches")})
	id := same("POST", post, 201)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: e.Admin, Header: map[string]string{"If-None-Match": post.Header().Get("ETag")}}); r.Code != 304 {
		t.Errorf("If-None-Match with the POST's ETag: %d, want 304", r.Code)
	}
	same("PATCH", e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + id, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{"description": "Sur rendez-vous"}}), 200)
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + id, Token: e.Admin}); r.Code != 204 && r.Code != 200 {
		t.Fatalf("DELETE: %d %s", r.Code, r.Body)
	}
	same("restore", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + id + "/restore", Token: e.Admin}), 200)
	replayed := obj{}
	for k, v := range validService(str(a["id"]), "Atelier") {
		replayed[k] = v
	}
	key := map[string]string{"Idempotency-Key": "svc-45"}
	first := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: replayed, Header: key})
	same("POST with a key", first, 201)
	same("its replay", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: replayed, Header: key}), 201)
}

// TestNumberOutOfRangeSaysSo (probe 45 L8): latitude 1e400 was refused
// with « must be a number, not number 1e400 ».
func TestNumberOutOfRangeSaysSo(t *testing.T) {
	e := apitest.New(t)
	body := validActor("Lieu trop loin")
	body["latitude"], body["longitude"] = json.Number("1e400"), 5
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "is a number out of range: 1e400") {
		t.Errorf("latitude 1e400: %d %s", r.Code, r.Body)
	}
	a := createActor(t, e, validActor("Lieu"))
	svc := validService(str(a["id"]), "Atelier")
	svc["capacity"] = json.Number("3.5")
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: svc})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "must be an integer within range, not 3.5") {
		t.Errorf("capacity 3.5: %d %s", r.Code, r.Body)
	}
}
