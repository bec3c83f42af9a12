package api_test

import (
	"fmt"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestStreetArrondissementWithPlaceholder: « 13e arrondissement » in the
// street line of a Marseille address whose postal code is the city's
// placeholder (13000) is the 13th arrondissement, on every path (API
// write, sync, import), where the place was filed under the city and no
// arrondissement's filter found it. A real arrondissement's postal code
// still decides.
func TestStreetArrondissementWithPlaceholder(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	cases := []struct{ street, pc, commune, insee string }{
		{"10 bd Jourdan 13e arrondissement", "13000", "Marseille", "13213"},
		{"Place Bellecour, 2eme arr.", "69000", "Lyon", "69382"},
		{"3 rue X (1er arrdt)", "75000", "Paris", "75101"},
		{"10 bd Jourdan 13e arrondissement", "13001", "Marseille", "13201"},
		{"10 bd du 13e arrondissement", "13000", "Marseille", "13213"},
	}
	var rows []obj
	for i, tc := range cases {
		addr := obj{"street": tc.street, "postal_code": tc.pc, "commune": tc.commune}
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": fmt.Sprint("Lieu ", i), "address": addr}})
		if r.Code != 201 || r.Map()["address"].(obj)["insee_code"] != tc.insee {
			t.Errorf("%v: %d %s, want %s", addr, r.Code, r.Body, tc.insee)
		}
		res := syncOne(t, e, partner, obj{"source_id": fmt.Sprint("s-", i), "name": fmt.Sprint("Lieu s-", i), "address": addr})
		if got := get(t, e, "/api/v1/actors/"+str(res["entity_id"]))["address"].(obj); got["insee_code"] != tc.insee {
			t.Errorf("sync %v: stored %v", addr, got)
		}
		rows = append(rows, importRow(fmt.Sprint("r", i), tc.pc, tc.commune, obj{"adresse": tc.street}))
	}
	_, hub := e.Partner("Hub import", []string{"hub"}, []string{models.ScopeSyncWrite})
	_, stored := importRows(t, e, hub, rows)
	for i, tc := range cases {
		if got := stored[fmt.Sprint("r", i)]["address"].(obj); got["insee_code"] != tc.insee {
			t.Errorf("import %q %s: stored %v", tc.street, tc.pc, got)
		}
	}
	if got := len(get(t, e, "/api/v1/actors?commune=13213")["data"].([]any)); got != 6 {
		t.Errorf("commune=13213: %d places, want 6", got)
	}
}
