package api_test

import (
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// A structure that hides its phones and e-mails (contact_public false: a
// conseiller's own mobile published by mistake) keeps that choice through
// its partner's next sync or import. The importer set every place of a file
// public (open data already) and a JSON record that left contact_public out
// wrote its default: the producer's next change undid the structure's
// choice. What a record leaves out is kept; what a JSON record sends is
// written, as for a closure.
func TestSyncAndImportKeepHiddenContacts(t *testing.T) {
	e := apitest.New(t)
	hidden := func(id, when string) {
		t.Helper()
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if got["contact_public"] != false {
			t.Errorf("%s: contact_public %v, want false (the structure hid them)", when, got["contact_public"])
		}
		// The phones are served in E.164 (+33492000002), so the leak is
		// looked for by their eight significant digits: « 0492 » never
		// matched a served phone, only, by chance, a timestamp's
		// microseconds (.049255).
		anon := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id})
		if body := anon.Body.String(); strings.Contains(body, "49200000") {
			t.Errorf("%s: an anonymous reader sees the hidden phone: %s", when, body)
		}
		if phones, ok := anon.Map()["phones"].([]any); !ok || len(phones) != 0 {
			t.Errorf("%s: an anonymous reader is served phones %v, want []", when, anon.Map()["phones"])
		}
	}
	hide := func(id string) {
		t.Helper()
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"contact_public": false}}); r.Code != 200 {
			t.Fatalf("hide: %d %s", r.Code, r.Body)
		}
	}

	// JSON sync.
	place := func(phone string, extra obj) obj {
		return merge(merge(partnerActor("c-1", "Médiathèque de Digne"), obj{"phones": []string{phone}}), extra)
	}
	id := syncActors(t, e, "", place("0492000001", obj{"contact_public": true})).Results[0].ID
	hide(id)
	if res := syncActors(t, e, "", place("0492000002", nil)); res.Results[0].Result != "updated" {
		t.Errorf("a new phone: %s, want updated", res.Results[0].Result)
	}
	hidden(id, "after a sync that leaves contact_public out")
	syncActors(t, e, "", place("0492000002", obj{"contact_public": true}))
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map(); got["contact_public"] != true {
		t.Errorf("a record that sends contact_public true: %v", got["contact_public"])
	}
	// The other way: a structure that made its contacts public keeps them
	// public through a record that says nothing of it.
	other := syncActors(t, e, "", merge(partnerActor("c-2", "Tiers-lieu de Sisteron"), obj{"phones": []string{"0492000005"}})).Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + other, Token: e.Admin, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Fatalf("publish: %d %s", r.Code, r.Body)
	}
	syncActors(t, e, "", merge(partnerActor("c-2", "Tiers-lieu de Sisteron"), obj{"phones": []string{"0492000006"}}))
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + other, Token: e.Admin}).Map(); got["contact_public"] != true {
		t.Errorf("a record that leaves contact_public out hid the contacts the structure made public: %v", got["contact_public"])
	}

	// Import of a file of the standard.
	row := func(phone string) []obj {
		return []obj{{"id": "k-1", "nom": "Maison France services de Gap", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives", "telephone": phone}}
	}
	imp := func(rows []obj) {
		t.Helper()
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows}); r.Code != 200 {
			t.Fatalf("import: %d %s", r.Code, r.Body)
		}
	}
	imp(row("0492000003"))
	imported := str(get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)["id"])
	hide(imported)
	imp(row("0492000004"))
	hidden(imported, "after an import of a changed row")
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + imported, Token: e.Admin}).Map(); !strings.Contains(fmt.Sprint(got["phones"]), "492000004") {
		t.Errorf("the import's new phone was not written: %v", got["phones"])
	}
}
