package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestSyncSaysFormerINSEECode (issue 11 item 5): a former commune's code
// (69159, Pouilly-le-Monial, merged into Porte des Pierres Dorées, 69114)
// sent by a sync was replaced by the current code without a word, where a
// file import warns « former commune code … read as it »
// (TestFormerINSEECodeSaysItsReading). Every path says it, once.
func TestSyncSaysFormerINSEECode(t *testing.T) {
	e := apitest.New(t)
	actors := []obj{
		{"source_id": "f-1", "name": "Médiathèque I", "address": obj{"street": "1 rue A", "postal_code": "69400", "commune": "Porte des Pierres Dorées", "insee_code": "69159"}},
		{"source_id": "f-2", "name": "Médiathèque J", "address": obj{"street": "2 rue A", "postal_code": "69400", "commune": "Porte des Pierres Dorées", "insee_code": "69114"}},
	}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-test/actors", Token: e.Admin, Body: obj{"actors": actors}})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var res struct {
		Results []struct {
			SourceID string `json:"source_id"`
			Warnings []struct{ Field, Reason string }
		}
	}
	r.JSON(&res)
	for _, o := range res.Results {
		said := 0
		for _, w := range o.Warnings {
			if strings.Contains(w.Reason, "former commune code 69159 (Pouilly-le-Monial) is now 69114") {
				said++
			}
		}
		if want := map[string]int{"f-1": 1, "f-2": 0}[o.SourceID]; said != want {
			t.Errorf("%s: former code said %d times, want %d: %+v", o.SourceID, said, want, o.Warnings)
		}
	}
	// The file import through the API says it once as well.
	csv := "id,nom,commune,code_postal,code_insee,adresse,date_maj,services\n" +
		"i1,Médiathèque K,Porte des Pierres Dorées,69400,69159,3 rue A,2023-05-17,Aide aux démarches administratives\n"
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub-test/import", Token: e.Admin, ContentType: "text/csv", Body: []byte(csv)})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	if n := strings.Count(r.Body.String(), "former commune code 69159"); n != 1 {
		t.Errorf("import says the former code %d times: %s", n, r.Body)
	}
}
