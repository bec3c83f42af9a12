package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestPostalCodeNotFrench: an actor written with the postal code « 99999 »
// and the commune « Paris » was stored (201), its commune unread and kept
// without an INSEE code, so that no territory, filter or diagnostic found
// it. A code outside every département's numbers is refused with 422 naming
// address.postal_code on every write of the address — create, replace,
// merge patch, suggestion; a sync batch rejects the record — while CEDEX
// codes, which no commune lists, are accepted as before.
func TestPostalCodeNotFrench(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	author := userToken(t, e, "usager@example.fr")
	addr := func(pc, name string) obj { return obj{"street": "1 rue de Rivoli", "postal_code": pc, "commune": name} }
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	patch := "application/merge-patch+json"
	for _, tc := range []struct {
		name   string
		req    apitest.Request
		status int
		field  string
		insee  string
	}{
		{"ErrValidation POST 99999 Paris", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "A", "address": addr("99999", "Paris")}}, 422, "address.postal_code", ""},
		{"ErrValidation POST 99999 Paris with its INSEE code", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "A", "address": merge(addr("99999", "Paris"), obj{"insee_code": "75056"})}}, 422, "address.postal_code", ""},
		{"ErrValidation POST 96100 Cahors", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "A", "address": addr("96100", "Cahors")}}, 422, "address.postal_code", ""},
		{"ErrValidation PUT 99999 Paris", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"name": "Maison de Marseille", "address": addr("99999", "Paris")}}, 422, "address.postal_code", ""},
		{"ErrValidation PATCH 99999 Paris", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": addr("99999", "Paris")}}, 422, "address.postal_code", ""},
		{"ErrValidation PATCH the postal code alone", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"postal_code": "99999"}}}, 422, "address.postal_code", ""},
		{"ErrValidation suggestion 99999 Paris", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"address": addr("99999", "Paris")}}}, 422, "changes.address.postal_code", ""},
		{"ErrValidation POST a service at 99999", apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"address": addr("99999", "Paris")})}, 422, "address.postal_code", ""},
		// « 00000 » has the shape of a code and no département: named once
		// (the shape check and the commune check both refused it).
		{"ErrValidation POST 00000 Marseille", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "A", "address": addr("00000", "Marseille")}}, 422, "address.postal_code", ""},
		{"ErrValidation PATCH 00123 alone", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"postal_code": "00123"}}}, 422, "address.postal_code", ""},
		{"ErrValidation suggestion 00000", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"address": addr("00000", "Paris")}}}, 422, "changes.address.postal_code", ""},
		// CEDEX codes: in their département's numbers, listed by no commune.
		{"OK POST Paris Cedex 07", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "B", "address": addr("75700", "Paris")}}, 201, "", "75056"},
		{"OK POST Marseille Cedex 20", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": "C", "address": addr("13344", "Marseille")}}, 201, "", "13055"},
		{"OK PATCH Cahors Cedex", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": addr("46010", "Cahors")}}, 200, "", "46042"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(tc.req)
			if r.Code != tc.status {
				t.Fatalf("%d, want %d: %s", r.Code, tc.status, r.Body)
			}
			if tc.status == 422 {
				if f := fields(t, r); len(f) != 1 || f[0] != tc.field || !strings.Contains(r.Body.String(), "not a French postal code") {
					t.Errorf("fields %v, want [%s] saying « not a French postal code »: %s", f, tc.field, r.Body)
				}
				return
			}
			if got := r.Map()["address"].(obj)["insee_code"]; got != tc.insee {
				t.Errorf("INSEE code %v, want %s", got, tc.insee)
			}
		})
	}
	if a := get(t, e, "/api/v1/actors/"+id); a["address"].(obj)["postal_code"] != "46010" {
		t.Errorf("a refused write changed the address: %v", a["address"])
	}

	t.Run("a sync batch rejects the record", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{
			merge(partnerActor("p-1", "Lieu 1"), obj{"address": addr("99999", "Paris")}),
			merge(partnerActor("p-2", "Lieu 2"), obj{"address": addr("75700", "Paris")}),
		}}})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		var res syncResult
		r.JSON(&res)
		if got := res.Results[0]; got.Result != "rejected" || len(got.Errors) != 1 || got.Errors[0].Field != "address.postal_code" || !strings.Contains(got.Errors[0].Reason, "not a French postal code") {
			t.Errorf("99999: %+v", got)
		}
		if got := res.Results[1]; got.Result != "created" {
			t.Errorf("75700: %+v", got)
		}
		r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/services", Token: partner, Body: obj{"services": []obj{
			{"source_id": "s-1", "actor_source_id": "p-2", "name": "Permanence", "kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}, "address": addr("99999", "Paris")},
		}}})
		r.JSON(&res)
		if r.Code != 200 || res.Results[0].Result != "rejected" || res.Results[0].Errors[0].Field != "address.postal_code" {
			t.Errorf("service at 99999: %d %s", r.Code, r.Body)
		}
	})

	t.Run("the import keeps the row and says why", func(t *testing.T) {
		csv := "id,nom,adresse,code_postal,commune,services,date_maj\nlieu-9,Lieu 9,2 rue de Rivoli,99999,Paris,Aide aux démarches administratives,2024-01-01\n"
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: partner, ContentType: "text/csv", Body: csv})
		if r.Code != 200 || !strings.Contains(r.Body.String(), "not a French postal code") || r.Map()["rejected"] != 0.0 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
}
