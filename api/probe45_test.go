package api_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
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
