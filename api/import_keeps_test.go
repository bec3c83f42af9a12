package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// A partner's next import keeps what its file cannot say and the
// structure set in Carnet: a temporary closure, a service taken offline, a
// service's capacity and « full » flag. The standard has no such columns:
// the import reopened a place its manager had closed for the holidays and
// republished the service (reported as « updated », nothing else said).
func TestImportKeepsWhatItsFileCannotSay(t *testing.T) {
	e := apitest.New(t)
	row := func(phone string) []obj {
		return []obj{{"id": "k-1", "nom": "Maison France services de Gap", "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives", "telephone": phone}}
	}
	imp := func(rows []obj) obj {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
		if r.Code != 200 {
			t.Fatalf("import: %d %s", r.Code, r.Body)
		}
		return r.Map()
	}
	imp(row("0492000000"))
	actor := get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)
	a := "/api/v1/actors/" + str(actor["id"])
	svc := get(t, e, "/api/v1/services?actor_id="+str(actor["id"]))["data"].([]any)[0].(obj)
	s := "/api/v1/services/" + str(svc["id"])
	for _, p := range []struct {
		path string
		body obj
	}{
		{a, obj{"status": "temporarily_closed", "closed_from": "2020-01-01", "closed_until": "2099-01-02", "closure_reason": "Travaux"}},
		{s, obj{"capacity": 4, "is_full": true, "status": "draft"}},
	} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: p.path, Token: e.Admin, Body: p.body}); r.Code != 200 {
			t.Fatalf("PATCH %s: %d %s", p.path, r.Code, r.Body)
		}
	}
	check := func(when string) {
		t.Helper()
		got := get(t, e, a)
		if got["status"] != "temporarily_closed" || got["closure_reason"] != "Travaux" || got["closed_until"] != "2099-01-02" {
			t.Errorf("%s: the closure is gone: %v %v %v", when, got["status"], got["closure_reason"], got["closed_until"])
		}
		sv := e.Do(apitest.Request{Method: "GET", Path: s, Token: e.Admin}).Map()
		if sv["is_full"] != true || sv["capacity"] != float64(4) || sv["status"] != "draft" {
			t.Errorf("%s: the service's capacity or draft is gone: %v %v %v", when, sv["capacity"], sv["is_full"], sv["status"])
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: s}); r.Code != 404 {
			t.Errorf("%s: the draft service is public again: %d", when, r.Code)
		}
	}
	// The same file again: nothing changed, nothing is reported changed.
	rep := imp(row("0492000000"))
	if actors := rep["actors"].(obj); actors["unchanged"] != float64(1) {
		t.Errorf("same file: actors %v, want 1 unchanged", actors)
	}
	check("same file")
	// A changed row: its change is written, the closure stays.
	imp(row("0492111111"))
	check("changed row")
	if got := get(t, e, a); len(got["phones"].([]any)) != 1 || got["phones"].([]any)[0] != "+33492111111" {
		t.Errorf("changed row: phones %v", got["phones"])
	}
}
