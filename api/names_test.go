package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
)

// TestNamesHoldALetterOrDigit reproduces a probe's finding: a place named
// « - » was stored by the API (201), and its own CSV export, imported back,
// read the name as empty (producers write « - » for no value) and lost the
// row. A place's or a service's name must hold a letter or a digit, on
// every write that sets it.
func TestNamesHoldALetterOrDigit(t *testing.T) {
	e := apitest.New(t)
	id := str(createActor(t, e, validActor("Maison de quartier"))["id"])
	for _, tc := range []struct {
		name   string
		req    apitest.Request
		status int
		field  string
	}{
		{"ErrValidation actor « - »", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor("-")}, 422, "name"},
		{"ErrValidation actor « … »", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(" … ")}, 422, "name"},
		{"ErrValidation actor patched to « -- »", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{"name": "--"}}, 422, "name"},
		{"ErrValidation service « ? »", apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(id, "?")}, 422, "name"},
		{"ErrValidation suggestion « _ »", apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: e.Admin, Body: obj{"changes": obj{"name": "_"}}}, 422, "changes.name"},
		{"OK a digit", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor("3")}, 201, ""},
		{"OK a name in another script", apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor("مكتبة")}, 201, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(tc.req)
			if r.Code != tc.status {
				t.Fatalf("%d, want %d: %s", r.Code, tc.status, r.Body)
			}
			if tc.field != "" && !slices.Contains(fields(t, r), tc.field) {
				t.Errorf("%s does not name %s", r.Body, tc.field)
			}
		})
	}
}
