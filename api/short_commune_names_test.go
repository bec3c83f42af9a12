package api_test

import (
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestShortCommuneNamesReadAlike: « Evry, 91000 » and « La Seyne, 83500 »
// (a short name of the postal code's only commune that is also the name of
// a commune elsewhere: Évry in the Yonne, Seyne in the
// Alpes-de-Haute-Provence) were corrected by the import and a sync, with a
// warning, and refused by API writes with 422 on address.commune. They are
// read alike on every path now: the import and a sync still warn, API
// writes (create, replace, merge patch, suggestion) store the commune's
// official name and INSEE code, which the answer, the stored record,
// shows. The placeholder postal code of a city with arrondissements
// (13000) and « St » spellings were already accepted alike; a commune of
// another département beside the postal code stays a conflict, refused.
func TestShortCommuneNamesReadAlike(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	_, hub := e.Partner("Hub import", []string{"hub"}, []string{models.ScopeSyncWrite})
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	author := userToken(t, e, "usager-court@example.fr")
	patch := "application/merge-patch+json"
	var rows []obj
	cases := []struct {
		pc, commune string
		insee, name string // "" insee: refused
	}{
		{"91000", "Evry", "91228", "Évry-Courcouronnes"},
		{"83500", "La Seyne", "83126", "La Seyne-sur-Mer"},
		{"13000", "Marseille", "13055", "Marseille"},
		{"42000", "St-Etienne", "42218", "Saint-Étienne"},
		{"06000", "Marseille", "", ""},
	}
	for i, tc := range cases {
		addr := obj{"street": "2 rue de la République", "postal_code": tc.pc, "commune": tc.commune}
		rows = append(rows, importRow(fmt.Sprint("r", i), tc.pc, tc.commune, obj{"adresse": "2 rue de la République"}))
		check := func(t *testing.T, r *apitest.Response, field string) {
			t.Helper()
			if tc.insee == "" {
				if r.Code != 422 || !hasAll(fields(t, r), field) {
					t.Errorf("%d %s, want 422 naming %s", r.Code, r.Body, field)
				}
				return
			}
			if r.Code != 200 && r.Code != 201 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if got := r.Map()["address"].(obj); got["insee_code"] != tc.insee || got["commune"] != tc.name || got["postal_code"] != tc.pc {
				t.Errorf("answered %v, want %s %s", got, tc.insee, tc.name)
			}
		}
		t.Run(fmt.Sprintf("%s %s", tc.pc, tc.commune), func(t *testing.T) {
			check(t, e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": fmt.Sprint("Lieu ", i), "address": addr}}), "address.commune")
			check(t, e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"name": "Maison de Marseille", "address": addr}}), "address.commune")
			check(t, e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"postal_code": tc.pc, "commune": tc.commune}}}), "address.commune")
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"address": addr}}})
			if tc.insee == "" && (r.Code != 422 || !hasAll(fields(t, r), "changes.address.commune")) || tc.insee != "" && r.Code != 201 {
				t.Errorf("suggestion: %d %s", r.Code, r.Body)
			}
			res := syncOne(t, e, partner, obj{"source_id": fmt.Sprint("s-", i), "name": fmt.Sprint("Lieu s-", i), "address": addr})
			if tc.insee == "" {
				return
			}
			if res["result"] != "created" {
				t.Errorf("sync: %v", res)
			}
			if got := get(t, e, "/api/v1/actors/"+str(res["entity_id"]))["address"].(obj); got["insee_code"] != tc.insee {
				t.Errorf("sync stored %v", got)
			}
		})
	}
	report, stored := importRows(t, e, hub, rows)
	for i, tc := range cases {
		a := stored[fmt.Sprint("r", i)]
		if tc.insee == "" || a == nil {
			continue
		}
		if got := a["address"].(obj); got["insee_code"] != tc.insee || got["commune"] != tc.name {
			t.Errorf("import %s %s: stored %v", tc.pc, tc.commune, got)
		}
	}
	if !strings.Contains(report, "also names Évry") {
		t.Errorf("the import does not warn about « Evry »: %s", report)
	}
}
