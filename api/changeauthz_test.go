package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// changeWorld: network A and network B in the Bouches-du-Rhône, each with
// a manager; a structure X of network A; a coordinator of the département.
type changeWorld struct {
	e                  *apitest.Env
	netA, netB, x      string
	mgrA, mgrB, coord  string
	author             string
	partner, partnerNo string
}

func newChangeWorld(t *testing.T) *changeWorld {
	e := apitest.New(t)
	w := &changeWorld{e: e}
	w.netA = str(createActor(t, e, validActor("Réseau A"))["id"])
	w.netB = str(createActor(t, e, validActor("Réseau B"))["id"])
	w.x = str(createActor(t, e, merge(validActor("Structure X"), obj{"parent_id": w.netA}))["id"])
	_, w.mgrA = e.Account("mgr.a@example.fr", map[string]models.Role{w.netA: models.RoleManager}, models.Territory{})
	_, w.mgrB = e.Account("mgr.b@example.fr", map[string]models.Role{w.netB: models.RoleManager}, models.Territory{})
	_, w.coord = e.Account("coord.13@example.fr", nil, models.Territory{Departements: []string{"13"}})
	_, w.author = e.Account("habitant@example.fr", nil, models.Territory{})
	_, w.partner = e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeDirectoryWrite, models.ScopeSyncWrite})
	return w
}

func (w *changeWorld) suggest(t *testing.T, path string, changes obj) string {
	t.Helper()
	r := w.e.Do(apitest.Request{Method: "POST", Path: path + "/suggestions", Token: w.author, Body: obj{"changes": changes}})
	if r.Code != 201 {
		t.Fatalf("suggest %v: %d %s", changes, r.Code, r.Body)
	}
	return str(r.Map()["id"])
}

func (w *changeWorld) accept(token, id string) *apitest.Response {
	return w.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + id, Token: token, Body: obj{"status": "accepted"}})
}

// TestSuggestionAcceptanceChecksLikeAnEdit reproduces item 4 of issue 12:
// accepting a suggestion skipped the checks of a direct edit, so a
// suggested parent_id into another network, or an address out of a
// coordinator's territory, was applied (200) where the same PATCH answered
// 403; a suggestion could also change source and status.
func TestSuggestionAcceptanceChecksLikeAnEdit(t *testing.T) {
	w := newChangeWorld(t)
	x := "/api/v1/actors/" + w.x
	// The same change, directly and through a suggestion: 403 both ways.
	if r := w.e.Do(apitest.Request{Method: "PATCH", Path: x, Token: w.mgrA, Body: obj{"parent_id": w.netB}}); r.Code != 403 {
		t.Errorf("PATCH into another network: %d", r.Code)
	}
	// (A network is no longer suggested at all: TestSuggestionsGrantNoRights.)
	moveOut := obj{"address": obj{"street": "1 promenade des Anglais", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}}
	if r := w.e.Do(apitest.Request{Method: "PATCH", Path: x, Token: w.coord, Body: moveOut}); r.Code != 403 {
		t.Errorf("PATCH out of the territory: %d", r.Code)
	}
	if r := w.accept(w.coord, w.suggest(t, x, moveOut)); r.Code != 403 {
		t.Errorf("suggested move out of the territory accepted: %d %s", r.Code, r.Body)
	}
	// B's managers do not manage X afterwards.
	if r := w.e.Do(apitest.Request{Method: "GET", Path: x + "/members", Token: w.mgrB}); r.Code != 403 {
		t.Errorf("B's manager manages X: %d", r.Code)
	}
	// Suggestions do not touch source, status or closures.
	for _, changes := range []obj{{"source": "caf-13"}, {"status": "closed"}, {"closed_from": "2030-01-01", "closure_reason": "x"}} {
		r := w.e.Do(apitest.Request{Method: "POST", Path: x + "/suggestions", Token: w.author, Body: obj{"changes": changes}})
		if r.Code != 422 {
			t.Errorf("suggestion %v: %d", changes, r.Code)
		}
	}
	svc := str(createService(t, w.e, validService(w.x, "Atelier"))["id"])
	if r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + svc + "/suggestions", Token: w.author, Body: obj{"changes": obj{"status": "archived"}}}); r.Code != 422 {
		t.Errorf("suggestion archiving a service: %d", r.Code)
	}
	// A suggestion a moderator may apply still works.
	if r := w.accept(w.mgrA, w.suggest(t, x, obj{"summary": "Ordinateurs en libre accès"})); r.Code != 200 {
		t.Errorf("ordinary suggestion: %d %s", r.Code, r.Body)
	}
}

// TestPeopleDoNotWritePartnersSources reproduces item 5 of issue 12: a
// manager or a coordinator created or changed records with a partner's
// source (201/200), which the partner's next sync took over or its snapshot
// archived; POST /actors did not check parent_id, so a partner or another
// département's coordinator attached actors to any network (201).
func TestPeopleDoNotWritePartnersSources(t *testing.T) {
	w := newChangeWorld(t)
	e := w.e
	_, coord06 := e.Account("coord.06@example.fr", nil, models.Territory{Departements: []string{"06"}})
	for who, tok := range map[string]string{"manager": w.mgrA, "coordinator": w.coord} {
		body := merge(validActor("Antenne "+who), obj{"parent_id": w.netA, "source": "partner-y", "source_id": "p-" + who})
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tok, Body: body}); r.Code != 403 {
			t.Errorf("%s creates in a partner's source: %d %s", who, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.x, Token: tok, Body: obj{"source": "partner-y", "source_id": "x"}}); r.Code != 403 {
			t.Errorf("%s moves a record into a partner's source: %d", who, r.Code)
		}
		svc := merge(validService(w.x, "Service "+who), obj{"source": "partner-y", "source_id": "s-" + who})
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: tok, Body: svc}); r.Code != 403 {
			t.Errorf("%s creates a service in a partner's source: %d", who, r.Code)
		}
	}
	// Without a source, the same people create and edit.
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: w.mgrA, Body: merge(validActor("Antenne"), obj{"parent_id": w.netA})}); r.Code != 201 {
		t.Errorf("manager creates in its network: %d %s", r.Code, r.Body)
	}
	// parent_id on creation is checked like on PATCH and sync.
	nice := obj{"street": "1 rue", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}
	cases := map[string]struct {
		token string
		body  obj
	}{
		"partner":                           {w.partner, obj{"name": "Point CAF", "source": "caf-13", "source_id": "pc", "parent_id": w.netA, "address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}}},
		"another département's coordinator": {coord06, obj{"name": "Antenne niçoise", "parent_id": w.netA, "address": nice}},
	}
	for name, c := range cases {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: c.token, Body: c.body}); r.Code != 403 {
			t.Errorf("%s attaches a new actor to another's network: %d %s", name, r.Code, r.Body)
		}
	}
	// A partner's sync refuses the same record, with the field.
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: w.partner, Body: obj{"actors": []obj{{"name": "Point", "source_id": "pc",
		"parent_id": w.netA, "address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}}}}})
	if r.Code != 200 || r.Map()["counts"].(map[string]any)["rejected"] != float64(1) {
		t.Errorf("sync into another's network: %d %s", r.Code, r.Body)
	}
}

// TestStaleSuggestions reproduces item 6 of issue 12: a suggestion made on
// an old version silently overwrote newer edits. It now records the values
// it was based on; accepting it after one of its fields changed answers
// 409, while edits of other fields are kept (a three-way merge).
func TestStaleSuggestions(t *testing.T) {
	w := newChangeWorld(t)
	x := "/api/v1/actors/" + w.x
	stale := w.suggest(t, x, obj{"summary": "Résumé proposé"})
	other := w.suggest(t, x, obj{"opening_hours": "Mo-Fr 09:00-17:00"})
	if r := w.e.Do(apitest.Request{Method: "PATCH", Path: x, Token: w.mgrA, Body: obj{"summary": "Résumé du gestionnaire"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := w.accept(w.mgrA, stale); r.Code != 409 || !hasAll(fields(t, r), "changes.summary") {
		t.Errorf("stale suggestion accepted: %d %s", r.Code, r.Body)
	}
	if r := w.accept(w.mgrA, other); r.Code != 200 {
		t.Errorf("suggestion on another field: %d %s", r.Code, r.Body)
	}
	got := w.e.Do(apitest.Request{Method: "GET", Path: x}).Map()
	if got["summary"] != "Résumé du gestionnaire" || got["opening_hours"] != "Mo-Fr 09:00-17:00" {
		t.Errorf("merged record: %v %v", got["summary"], got["opening_hours"])
	}
}

// TestPeopleKeepAPartnersProvenance: a coordinator of the territory could
// rewrite the producer and the producer's date of a partner's record (200),
// so that the export named another producer and freshness another day than
// the partner's (issue 11, item 5). Like source and source_id, they are the
// partner's (or an administrator's) to change; people editing the record
// leave them as they are, and set them on records no partner syncs.
func TestPeopleKeepAPartnersProvenance(t *testing.T) {
	w := newChangeWorld(t)
	e := w.e
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: w.partner, Body: obj{"actors": []obj{
		merge(partnerActor("pc-1", "Point CAF"), obj{"producer": "dora", "producer_updated_on": "2023-05-11"})}}})
	var res syncResult
	if r.JSON(&res); r.Code != 200 || len(res.Results) != 1 || res.Results[0].ID == "" {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	id := res.Results[0].ID
	path := "/api/v1/actors/" + id
	for _, c := range []struct {
		name, field string
		body        obj
	}{
		{"producer", "producer", obj{"producer": "coordination-13"}},
		{"date", "producer_updated_on", obj{"producer_updated_on": "2026-01-02"}},
		{"date cleared", "producer_updated_on", obj{"producer_updated_on": nil}},
		{"producer cleared", "producer", obj{"producer": ""}},
	} {
		r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: w.coord, Body: c.body})
		if r.Code != 403 || !strings.Contains(r.Body.String(), `"`+c.field+`"`) {
			t.Errorf("%s: coordinator PATCH %v: %d %s", c.name, c.body, r.Code, r.Body)
		}
		// Provenance is not anyone's to suggest (the fourth probe: such
		// a suggestion waited as pending, to fail when accepted).
		if r := e.Do(apitest.Request{Method: "POST", Path: path + "/suggestions", Token: w.author, Body: obj{"changes": c.body}}); r.Code != 422 {
			t.Errorf("%s: suggestion: %d %s", c.name, r.Code, r.Body)
		}
	}
	// Other fields are still the coordinator's to correct; provenance stays.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: w.coord, Body: obj{"summary": "Accueil sur rendez-vous"}}); r.Code != 200 {
		t.Fatalf("coordinator edits the summary: %d %s", r.Code, r.Body)
	}
	a := e.Do(apitest.Request{Method: "GET", Path: path, Token: w.coord}).Map()
	if a["producer"] != "dora" || a["producer_updated_on"] != "2023-05-11" {
		t.Errorf("provenance after an edit: %v %v", a["producer"], a["producer_updated_on"])
	}
	// A replacement that leaves them out keeps them (the fourth probe: a
	// client unaware of them got 403 on every PUT of a partner's record);
	// one that sends another value is refused.
	if r := e.Do(apitest.Request{Method: "PUT", Path: path, Token: w.coord, Body: validActor("Point CAF")}); r.Code != 200 ||
		r.Map()["producer"] != "dora" || r.Map()["producer_updated_on"] != "2023-05-11" || r.Map()["source_id"] != "pc-1" {
		t.Errorf("PUT leaving provenance out: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: path, Token: w.coord, Body: merge(validActor("Point CAF"), obj{"producer": "autre"})}); r.Code != 403 {
		t.Errorf("PUT with another producer: %d %s", r.Code, r.Body)
	}
	// The partner and administrators still change it.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"producer": "caf-13"}}); r.Code != 200 {
		t.Errorf("administrator: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: w.partner, Body: obj{"producer_updated_on": "2024-02-03"}}); r.Code != 200 {
		t.Errorf("partner: %d %s", r.Code, r.Body)
	}
	// A record no partner syncs: its managers say who produced it.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.x, Token: w.mgrA, Body: obj{"producer": "réseau A", "producer_updated_on": "2026-01-02"}}); r.Code != 200 {
		t.Errorf("manager of a record without source: %d %s", r.Code, r.Body)
	}
}
