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
	"carnet/models/opendata"
)

// TestImportCommandKeepsANewerEditInCarnet (probe 40b M3, the path the
// probe took): `carnet import` of the unchanged file dated 2023-02-22
// cleared the hours a manager set since, « updated 1 », 0 warnings. The
// hours stay, and the report names the field.
func TestImportCommandKeepsANewerEditInCarnet(t *testing.T) {
	e := apitest.New(t)
	file := filepath.Join(t.TempDir(), "lieux.csv")
	csv := "id,nom,adresse,code_postal,commune,services,date_maj,source,horaires\n" +
		"cn-1,Médiathèque chateaubernard,2 rue de la République,13002,Marseille,Aide aux démarches administratives,2023-02-22,conseiller-numerique,\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func() *opendata.Report {
		var out bytes.Buffer
		var rep *opendata.Report
		err := opendata.RunImport(context.Background(), []string{file, "--source", "charente", "--db", e.DBPath, "--report-json"},
			func(string) string { return "" }, &out, io.Discard, func(r *opendata.Report) any { rep = r; return r })
		if err != nil || rep == nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return rep
	}
	run()
	id := str(get(t, e, "/api/v1/actors?source=charente")["data"].([]any)[0].(obj)["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	rep := run()
	if got := get(t, e, "/api/v1/actors/"+id)["opening_hours"]; got != "Tu-Sa 10:00-18:00" {
		t.Errorf("the manager's hours after the import: %v", got)
	}
	said := false
	for _, is := range rep.Issues {
		said = said || is.Field == "horaires" && strings.Contains(is.Reason, "Carnet's value")
	}
	if rep.Actors["updated"] != 0 || rep.Warnings == 0 || !said {
		t.Errorf("report: actors %v, warnings %d, issues %+v", rep.Actors, rep.Warnings, rep.Issues)
	}
}
