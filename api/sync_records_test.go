package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// syncRecordResult is one record's result with its warnings.
type syncRecordResult struct {
	Index    int    `json:"index"`
	SourceID string `json:"source_id"`
	EntityID string `json:"entity_id"`
	Result   string `json:"result"`
	Errors   []struct{ Field, Reason string }
	Warnings []struct{ Field, Reason string }
}

type syncAnswer struct {
	Counts  map[string]int     `json:"counts"`
	Results []syncRecordResult `json:"results"`
}

// putBatch sends a raw batch body to a sync route as a partner client of
// hub-du-sud and returns the response.
func putBatch(e *apitest.Env, token, kind, body string) *apitest.Response {
	return e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/" + kind, Token: token, Body: body})
}

func okBatch(t *testing.T, r *apitest.Response) syncAnswer {
	t.Helper()
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	var out syncAnswer
	r.JSON(&out)
	return out
}

const okActorJSON = `"address": {"street": "2 rue de la République", "postal_code": "13002", "commune": "Marseille", "insee_code": "13055"}`

// A record whose value has the wrong JSON type (a name sent as a number, an
// address as a string) is one bad record: it is rejected in the results,
// with its index, its source_id and the field by its path in the record,
// and the others are written. Before, the whole batch was refused with 400
// naming « actors.name » (no index; « services.ServiceInput.name » for
// services, a Go type's name), where the README says one bad record never
// blocks the others.
func TestSyncWrongTypeRejectsTheRecord(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub-du-sud"}, []string{models.ScopeSyncWrite})
	for _, c := range []struct{ record, field, reason string }{
		{`{"source_id": "x", "name": 5, ` + okActorJSON + `}`, "name", "must be a string"},
		{`{"source_id": "x", "name": "X", "address": {"street": 12, "postal_code": "13002", "commune": "Marseille"}}`, "address.street", "must be a string"},
		{`{"source_id": "x", "name": "X", "phones": "0491000000", ` + okActorJSON + `}`, "phones", "must be an array"},
		{`{"source_id": "x", "name": "X", "phones": ["0491000000", 491000001], ` + okActorJSON + `}`, "phones[1]", "must be a string"},
		{`{"source_id": "x", "name": "X", "latitude": "43.3", ` + okActorJSON + `}`, "latitude", "must be a number"},
		{`{"source_id": "x", "name": {"fr": "X"}, ` + okActorJSON + `}`, "name", "must be a string"},
	} {
		body := `{"actors": [{"source_id": "a1", "name": "A", ` + okActorJSON + `}, {"source_id": "a2", "name": "B", ` + okActorJSON + `}, ` + c.record + `]}`
		out := okBatch(t, putBatch(e, partner, "actors", body))
		if len(out.Results) != 3 || out.Results[0].Result == models.SyncRejected || out.Results[1].Result == models.SyncRejected {
			t.Fatalf("%s: the good records were not written: %+v", c.record, out)
		}
		bad := out.Results[2]
		if bad.Result != models.SyncRejected || bad.Index != 2 || bad.SourceID != "x" || len(bad.Errors) != 1 ||
			bad.Errors[0].Field != c.field || !strings.HasPrefix(bad.Errors[0].Reason, c.reason) {
			t.Errorf("%s: %+v, want rejected at index 2, source_id x, field %s « %s… »", c.record, bad, c.field, c.reason)
		}
		if out.Counts["rejected"] != 1 {
			t.Errorf("%s: counts %v", c.record, out.Counts)
		}
	}

	// A record that is no object, null included, is rejected as such.
	for _, rec := range []string{`null`, `"a1"`, `5`, `[]`} {
		out := okBatch(t, putBatch(e, partner, "actors", `{"actors": [{"source_id": "a1", "name": "A", `+okActorJSON+`}, `+rec+`]}`))
		bad := out.Results[1]
		if bad.Result != models.SyncRejected || bad.Index != 1 || len(bad.Errors) != 1 || bad.Errors[0].Reason != "a record must be an object" {
			t.Errorf("%s: %+v", rec, bad)
		}
	}

	// A service's field is named by its path in the record, never by a
	// Go type; source_id is read when it can be.
	okBatch(t, putBatch(e, partner, "actors", `{"actors": [{"source_id": "lieu", "name": "Lieu", `+okActorJSON+`}]}`))
	svc := `"actor_source_id": "lieu", "kind": "procedures_done_with", "themes": ["Aide aux démarches administratives"]`
	out := okBatch(t, putBatch(e, partner, "services", `{"services": [{"source_id": "s1", "name": "Aide", `+svc+`}, {"source_id": "s2", "name": 5, `+svc+`}, {"source_id": 7, "name": "Aide", `+svc+`}]}`))
	if out.Results[0].Result != models.SyncCreated {
		t.Errorf("good service: %+v", out.Results[0])
	}
	if bad := out.Results[1]; bad.Result != models.SyncRejected || bad.SourceID != "s2" || len(bad.Errors) != 1 || bad.Errors[0].Field != "name" {
		t.Errorf("service with a number as name: %+v", bad)
	}
	if bad := out.Results[2]; bad.Result != models.SyncRejected || bad.SourceID != "" || len(bad.Errors) != 1 || bad.Errors[0].Field != "source_id" {
		t.Errorf("service with a number as source_id: %+v", bad)
	}

	// What is not a batch is still refused whole: not JSON, a list that is
	// no array, an unknown field (the client's serializer, the same in
	// every record), named with its index.
	for body, field := range map[string]string{
		`{"actors": [{"source_id": "a1", "name": "A"`: "",
		`{"actors": {"source_id": "a1"}}`:             "actors",
		`{"actors": 5}`:                               "actors",
		`[{"source_id": "a1"}]`:                       "",
		`{"actors": [{"source_id": "a1", "name": "A", "bogus": 1, ` + okActorJSON + `}]}`: "actors[0].bogus",
	} {
		r := putBatch(e, partner, "actors", body)
		if r.Code != 400 {
			t.Errorf("%s: %d %s, want 400", body, r.Code, r.Body)
			continue
		}
		if field != "" && !strings.Contains(r.Body.String(), `"field":"`+field+`"`) {
			t.Errorf("%s: %s, want the field %s", body, r.Body, field)
		}
	}
}

// Every body's wrong type is named by its JSON path, indexes included, and
// never by a Go type.
func TestWrongTypesNamedByPath(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct{ path, body, field string }{
		{"/api/v1/actors", `{"name": "A", "phones": ["0491000000", 5], ` + okActorJSON + `}`, "phones[1]"},
		{"/api/v1/actors", `{"name": "A", "address": {"street": 5}}`, "address.street"},
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: c.path, Token: e.Admin, Body: c.body})
		if r.Code != 400 || !strings.Contains(r.Body.String(), `"field":"`+c.field+`"`) {
			t.Errorf("%s %s: %d %s, want 400 naming %s", c.path, c.body, r.Code, r.Body, c.field)
		}
	}
}

// A partner's key is read in Unicode NFC without white space at its ends,
// on every path that takes one: the same id written with a composed « é »
// or with « e » and a combining accent, or with a no-break space a
// spreadsheet left at its end, names one record. Before, each spelling
// was another key: two actors were created, even within one batch.
func TestSyncSourceIDsNormalised(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub-du-sud"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	const nfc, nfd = "caf-\u00e9-1", "caf-e\u0301-1"
	actor := func(id string) string {
		return `{"source_id": "` + id + `", "name": "CAF", ` + okActorJSON + `}`
	}
	out := okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor(nfc)+`, `+actor(nfd)+`]}`))
	if out.Results[0].Result != models.SyncCreated || out.Results[1].Result != models.SyncRejected ||
		len(out.Results[1].Errors) != 1 || out.Results[1].Errors[0].Reason != "appears twice in the batch" {
		t.Fatalf("NFC and NFD in one batch: %+v", out.Results)
	}
	id := out.Results[0].EntityID
	warned := func(r syncRecordResult) bool {
		for _, w := range r.Warnings {
			if w.Field == "source_id" {
				return true
			}
		}
		return false
	}
	if warned(out.Results[0]) {
		t.Errorf("an id sent as stored is not warned of: %+v", out.Results[0])
	}
	out = okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor(nfd)+`]}`))
	if r := out.Results[0]; r.Result != models.SyncUnchanged || r.EntityID != id || r.SourceID != nfc || !warned(r) {
		t.Errorf("NFD after NFC: %+v, want unchanged %s as %q with a warning on source_id", r, id, nfc)
	}

	// Unicode white space at the ends, not only ASCII spaces.
	out = okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor("\u00a0lieu-9\u3000")+`, `+actor(" lieu-10\u202f")+`]}`))
	for i, want := range []string{"lieu-9", "lieu-10"} {
		if r := out.Results[i]; r.Result != models.SyncCreated || r.SourceID != want || !warned(r) {
			t.Errorf("spaces at the ends: %+v, want created as %q with a warning", r, want)
		}
	}
	if r := okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor("lieu-9")+`]}`)).Results[0]; r.Result != models.SyncUnchanged || warned(r) {
		t.Errorf("lieu-9 again: %+v", r)
	}
	// Invisible characters, as an import's cells lose them (the fourth
	// probe: an import stored « imp-zw » from « imp-zw » + U+200B, sync
	// refused the same key, and a snapshot archived the stored record).
	if r := okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor("lieu-9\u200b")+`, `+actor("\ufefflieu-11\u2060")+`]}`)).Results; r[0].Result != models.SyncUnchanged ||
		r[0].SourceID != "lieu-9" || !warned(r[0]) || r[1].Result != models.SyncCreated || r[1].SourceID != "lieu-11" {
		t.Errorf("invisible characters: %+v", r)
	}

	// Services: their own key and the key naming their actor.
	svc := func(id, actorID string) string {
		return `{"source_id": "` + id + `", "actor_source_id": "` + actorID + `", "name": "Aide", "kind": "procedures_done_with", "themes": ["Aide aux démarches administratives"]}`
	}
	out = okBatch(t, putBatch(e, partner, "services", `{"services": [`+svc("svc-\u00e9", nfd)+`]}`))
	if r := out.Results[0]; r.Result != models.SyncCreated {
		t.Fatalf("service under the NFD actor id: %+v", r)
	}
	sid := out.Results[0].EntityID
	out = okBatch(t, putBatch(e, partner, "services", `{"services": [`+svc("svc-e\u0301\u00a0", nfc)+`]}`))
	if r := out.Results[0]; r.Result != models.SyncUnchanged || r.EntityID != sid || r.SourceID != "svc-\u00e9" || !warned(r) {
		t.Errorf("service NFD: %+v", r)
	}

	// The REST API for partners and imports read keys the same way.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner,
		Body: `{"source": "hub-du-sud", "source_id": "rest-e\u0301 ", "name": "REST", ` + okActorJSON + `}`})
	if r.Code != 201 {
		t.Fatalf("REST create: %d %s", r.Code, r.Body)
	}
	if got := r.Map()["source_id"]; got != "rest-\u00e9" {
		t.Errorf("REST create stored %q", got)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub-du-sud/import", Token: partner,
		Body: []obj{{"id": "imp-e\u0301\u00a0", "nom": "Maison France services de Gap", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "services": "Aide aux démarches administratives"}}})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	if !strings.Contains(r.Body.String(), "imp-\u00e9") {
		t.Errorf("the import does not say how it read the id: %s", r.Body)
	}
	out = okBatch(t, putBatch(e, partner, "actors", `{"actors": [`+actor("rest-\u00e9")+`, `+actor("imp-\u00e9")+`]}`))
	for _, r := range out.Results {
		if r.Result == models.SyncCreated || r.Result == models.SyncRejected {
			t.Errorf("%q was written by REST or an import as another key: %+v", r.SourceID, r)
		}
	}
}
