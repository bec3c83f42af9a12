package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestCarnetHeldBeforeTheRule: Carnet's name is reserved as producer and
// source (TestProducerCannotClaimCarnet), but records written before the
// rule (a partner's sync, an import) hold it. Each of their writes then
// failed with 422 on a field its author did not send (a manager's PATCH
// of the phone). The rule refuses setting the name (a creation, or the
// field changed), never another edit of a record that holds it: PATCH,
// PUT, an accepted suggestion, a restore, a partner's re-sync.
func TestCarnetHeldBeforeTheRule(t *testing.T) {
	e := apitest.New(t)
	raw := dbtest.Raw(t, e.DBPath)
	id := createActor(t, e, validActor("Lieu ancien"))["id"].(string)
	svc := createService(t, e, validService(id, "Aide ancienne"))["id"].(string)
	if _, err := raw.Exec(`UPDATE actors SET producer = 'Carnet', source = 'carnet', source_id = 'old-1' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE services SET source = 'carnet', source_id = 'old-1-s' WHERE id = ?`, svc); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/actors/" + id
	ok := func(what string, r *apitest.Response, code int) bool {
		t.Helper()
		if r.Code != code {
			t.Errorf("%s: %d %s", what, r.Code, r.Body)
		}
		return r.Code == code
	}
	_, mgr := e.Account("gerante@example.org", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	ok("PATCH phones", e.Do(apitest.Request{Method: "PATCH", Path: path, Token: mgr, Body: obj{"phones": []string{"04 91 00 00 00"}}}), 200)
	ok("PATCH service", e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + svc, Token: e.Admin, Body: obj{"description": "Sur rendez-vous"}}), 200)
	full := merge(validActor("Lieu ancien"), obj{"producer": "Carnet", "source": "carnet", "source_id": "old-1", "summary": "Ouvert le samedi"})
	ok("PUT as read", e.Do(apitest.Request{Method: "PUT", Path: path, Token: e.Admin, Body: full}), 200)

	// Setting it anew (another spelling is another value) is refused.
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"producer": "CARNET"}})
	if r.Code != 422 || !strings.Contains(r.Body.String(), `"producer"`) {
		t.Errorf("PATCH producer CARNET: %d %s", r.Code, r.Body)
	}

	_, outsider := e.Account("voisine@example.org", nil, models.Territory{})
	sug := e.Do(apitest.Request{Method: "POST", Path: path + "/suggestions", Token: outsider, Body: obj{"changes": obj{"summary": "Fermé en août"}}})
	if ok("suggest", sug, 201) {
		ok("accept", e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + sug.Map()["id"].(string), Token: e.Admin, Body: obj{"status": "accepted"}}), 200)
	}

	ok("archive", e.Do(apitest.Request{Method: "DELETE", Path: path, Token: e.Admin}), 204)
	ok("restore", e.Do(apitest.Request{Method: "POST", Path: path + "/restore", Token: e.Admin}), 200)

	// A partner's record holding producer Carnet: its re-sync naming it
	// again updates it (the value is kept, not set); a new record naming
	// it is still rejected.
	out := syncActors(t, e, "", partnerActor("agg-1", "Lieu agrégé"))
	if _, err := raw.Exec(`UPDATE actors SET producer = 'Carnet' WHERE id = ?`, out.Results[0].ID); err != nil {
		t.Fatal(err)
	}
	out = syncActors(t, e, "", merge(partnerActor("agg-1", "Lieu agrégé renommé"), obj{"producer": "Carnet"}),
		merge(partnerActor("agg-2", "Lieu neuf"), obj{"producer": "Carnet"}))
	if out.Results[0].Result != "updated" || out.Results[1].Result != "rejected" {
		t.Errorf("re-sync holding producer Carnet: %+v", out.Results)
	}

	// A source carnet is refused as the request's (422 naming source),
	// by sync and by import alike, records held or not: the request
	// names Carnet as its source, and the partner's records are moved to
	// another source name, not written under Carnet's.
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/carnet/actors", Token: e.Admin, Body: obj{"actors": []obj{partnerActor("old-1", "Lieu ancien")}}})
	if r.Code != 422 || !strings.Contains(r.Body.String(), `"source"`) {
		t.Errorf("sync carnet: %d %s", r.Code, r.Body)
	}
	csv := "id,nom,adresse,code_postal,commune,latitude,longitude,services\n" +
		"imp-1,Lieu importé,5 rue Colbert,13001,Marseille,43.298,5.378,Aide aux démarches administratives\n"
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/carnet/import", Token: e.Admin, Body: csv, ContentType: "text/csv"})
	if r.Code != 422 || !strings.Contains(r.Body.String(), `"source"`) {
		t.Errorf("import to carnet: %d %s", r.Code, r.Body)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM actors WHERE source = 'carnet' AND source_id = 'imp-1'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("import to source carnet created %d records (%v)", n, err)
	}
}
