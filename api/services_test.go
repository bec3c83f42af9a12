package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

func TestServicesLifecycle(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Maison France Services"), obj{"typologies": []string{"MSAP"}}))
	aid := str(a["id"])

	cases := []struct {
		name   string
		token  string
		body   any
		want   int
		fields []string
	}{
		{"OK", e.Admin, merge(validService(aid, "Démarches CAF"), obj{"publics": []string{"seniors"}, "fees": []string{"gratuit"},
			"access_modes": []string{"Ce lieu n’accueille pas de public"}, "languages": []string{"fr", "ar"}, "capacity": 8,
			"address": obj{"street": "Place du marché", "postal_code": "04000", "commune": "Digne-les-Bains"}}), 201, nil},
		{"ErrValidation", e.Admin, obj{"actor_id": "nope", "name": "", "kind": "massage", "themes": []string{}, "on_site": false, "capacity": 0,
			"address": obj{"postal_code": "x"}}, 422, []string{"actor_id", "name", "kind", "themes", "on_site", "capacity", "address.postal_code", "address.commune"}},
		{"ErrValidation unknown actor", e.Admin, validService("01939f4e-0000-7000-8000-000000000000", "x"), 422, []string{"actor_id"}},
		{"ErrValidation cannot create archived", e.Admin, merge(validService(aid, "x"), obj{"status": "archived"}), 422, []string{"status"}},
		{"ErrUnauthorized", "", validService(aid, "x"), 401, nil},
		{"ErrBadRequest", e.Admin, merge(validService(aid, "x"), obj{"capacity": "eight"}), 400, []string{"capacity"}},
	}
	var created obj
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: tc.token, Body: tc.body})
			if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if r.Code == 201 {
				created = r.Map()
				if created["on_site"] != true || created["status"] != "published" || str(created["publics"]) != "[Seniors]" ||
					str(created["access_modes"]) != "[Ce lieu n'accueille pas de public]" || created["actor"].(map[string]any)["name"] != "Maison France Services" {
					t.Errorf("created: %v", created)
				}
				// The service's version 1, its place's public version 2:
				// adding an offer is a new version of the place (its
				// quality), and the answer is what GET reads (probe 45).
				if versionTag(r) != `"1.2"` {
					t.Errorf("ETag %q", r.Header().Get("ETag"))
				}
			}
		})
	}
	path := "/api/v1/services/" + str(created["id"])

	// PATCH with merge patch; the actor cannot change.
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"is_full": true, "address": nil, "remote": true}, ContentType: "application/merge-patch+json", Header: map[string]string{"If-Match": `"1.1"`}})
	if got := r.Map(); r.Code != 200 || got["is_full"] != true || got["address"] != nil || got["remote"] != true || got["on_site"] != true {
		t.Fatalf("PATCH: %d %v", r.Code, got)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"actor_id": createActor(t, e, validActor("Other"))["id"]}}); r.Code != 422 || !hasAll(fields(t, r), "actor_id") {
		t.Errorf("move: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: path, Token: e.Admin, Body: validService(aid, "Démarches"), Header: map[string]string{"If-Match": `"1"`}}); r.Code != 412 {
		t.Errorf("stale PUT: %d", r.Code)
	}
	// A change to the actor changes the service's ETag but not its version.
	e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + aid, Token: e.Admin, Body: obj{"name": "MFS Digne"}})
	r = e.Do(apitest.Request{Method: "GET", Path: path})
	// The actor's version moved with the rename and with each rescoring
	// by its service's writes (probe 40a H2).
	av := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + aid}).Map()["version"]
	if versionTag(r) != fmt.Sprintf(`"2.%v"`, av) || r.Map()["actor"].(map[string]any)["name"] != "MFS Digne" {
		t.Errorf("after actor rename: ETag %s %s", r.Header().Get("ETag"), r.Body)
	}
	// PUT replaces; status archived archives; is_full left out is kept,
	// as a sync keeps it (TestPutKeepsStateBooleansItOmits).
	r = e.Do(apitest.Request{Method: "PUT", Path: path, Token: e.Admin, Body: merge(validService(aid, "Démarches"), obj{"status": "archived"}), Header: map[string]string{"If-Match": `"2.2"`}})
	if got := r.Map(); r.Code != 200 || got["archived_at"] == nil || got["is_full"] != true {
		t.Errorf("PUT archived: %d %v", r.Code, got)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 410 {
		t.Errorf("GET archived: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path, Token: e.Admin}); r.Code != 410 {
		t.Errorf("DELETE archived: %d", r.Code)
	}
}

func TestServiceDraftsAreHidden(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Tiers-lieu"))
	draft := createService(t, e, merge(validService(str(a["id"]), "Atelier en préparation"), obj{"status": "draft"}))
	createService(t, e, validService(str(a["id"]), "Atelier publié"))
	path := "/api/v1/services/" + str(draft["id"])

	if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 404 {
		t.Errorf("anonymous draft: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}); r.Code != 200 {
		t.Errorf("admin draft: %d", r.Code)
	}
	count := func(token, query string) float64 {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services" + query, Token: token})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		return r.Map()["meta"].(map[string]any)["total"].(float64)
	}
	if n := count("", ""); n != 1 {
		t.Errorf("anonymous sees %v services", n)
	}
	if n := count("", "?status=draft"); n != 0 {
		t.Errorf("anonymous sees %v drafts", n)
	}
	if n := count(e.Admin, ""); n != 2 {
		t.Errorf("admin sees %v services", n)
	}
	if n := count(e.Admin, "?status=draft"); n != 1 {
		t.Errorf("admin sees %v drafts", n)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services", Token: "garbage"}); r.Code != 401 {
		t.Errorf("an invalid token on a public read must be refused, got %d", r.Code)
	}
}

func TestListServicesFilters(t *testing.T) {
	e := apitest.New(t)
	marseille := createActor(t, e, validActor("Marseille"))
	nice := createActor(t, e, merge(validActor("Nice"), obj{"address": obj{"street": "1 rue", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}}))
	createService(t, e, merge(validService(str(marseille["id"]), "Démarches"), obj{"fees": []string{"Gratuit"}, "pass_numerique": true, "languages": []string{"fr", "ar"}}))
	createService(t, e, merge(validService(str(marseille["id"]), "Atelier"), obj{"kind": "collective_workshop", "themes": []string{"Loisirs et créations numériques"}, "fees": []string{"Payant"}, "is_full": true}))
	createService(t, e, merge(validService(str(nice["id"]), "Visio"), obj{"on_site": false, "remote": true, "accompaniment_modes": []string{"À distance"}}))
	createService(t, e, merge(validService(str(nice["id"]), "Bus"), obj{"kind": "equipment_access", "themes": []string{"Accès internet et matériel informatique"},
		"address": obj{"street": "Place", "postal_code": "04000", "commune": "Digne-les-Bains", "insee_code": "04070"}}))

	cases := []struct {
		query string
		want  []string
	}{
		{"themes=aide-aux-demarches-administratives", []string{"Démarches", "Visio"}},
		{"themes=Loisirs+et+cr%C3%A9ations+num%C3%A9riques,Acc%C3%A8s+internet+et+mat%C3%A9riel+informatique", []string{"Atelier", "Bus"}},
		{"kind=collective_workshop", []string{"Atelier"}},
		{"fees=gratuit", []string{"Démarches"}},
		{"pass_numerique=true", []string{"Démarches"}},
		{"is_full=false&actor_id=" + str(marseille["id"]), []string{"Démarches"}},
		{"remote=true", []string{"Visio"}},
		{"on_site=false", []string{"Visio"}},
		{"languages=ar", []string{"Démarches"}},
		{"accompaniment_modes=a-distance", []string{"Visio"}},
		{"postal_code=06000", []string{"Visio"}},
		{"postal_code=04000", []string{"Bus"}},
		{"commune=Digne-les-Bains", []string{"Bus"}},
		// The Bus is given at its own address, in 04, by a Nice structure:
		// every place filter reads that address (TestServicePlaceFiltersReadOneAddress).
		{"departement=06", []string{"Visio"}},
		{"departement=04", []string{"Bus"}},
		{"departement=13&themes=aide-aux-demarches-administratives", []string{"Démarches"}},
		{"name=bus", []string{"Bus"}},
		{"sort=name", []string{"Atelier", "Bus", "Démarches", "Visio"}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?" + tc.query})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			var page struct {
				Data []struct{ Name string }
				Meta struct{ Total int }
			}
			r.JSON(&page)
			var got []string
			for _, s := range page.Data {
				got = append(got, s.Name)
			}
			if !slices.Equal(got, tc.want) || page.Meta.Total != len(tc.want) {
				t.Errorf("got %v (total %d), want %v", got, page.Meta.Total, tc.want)
			}
		})
	}
	for _, q := range []string{"themes=cuisine", "kind=x", "remote=maybe", "actor_id=1", "languages=xx", "themes=" + strings.Repeat("a", 600)} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?" + q}); r.Code != 400 {
			t.Errorf("%q: %d", q, r.Code)
		}
	}
}
