package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/dbtest"
)

// TestPartnerClientCannotWriteCarnet: a partner client registered with the
// source carnet (in any case, spaced, or in letters that look alike) was
// accepted, though no record may take that source
// (TestSourceCannotBeCarnet). Refused with 422 naming the field, as a
// producer « Carnet » is; a client granted it before the rule keeps it
// through another change (its name), but cannot be granted it again.
func TestPartnerClientCannotWriteCarnet(t *testing.T) {
	e := apitest.New(t)
	create := func(name string, sources ...string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/clients", Token: e.Admin, Body: obj{"name": name, "sources": sources, "scopes": []string{"directory:write"}}})
	}
	for i, src := range []string{"carnet", " CARNET ", "Carnet", "саrnеt", "car.net", "camet"} {
		r := create("Client "+strings.Repeat("x", i+1), "autre-"+strings.Repeat("x", i+1), src)
		if r.Code != 422 || !strings.Contains(r.Body.String(), `"sources[1]"`) {
			t.Errorf("source %q: %d %s", src, r.Code, r.Body)
		}
	}
	r := create("Client ancien", "ancien")
	if r.Code != 201 {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	id := r.Map()["id"].(string)
	if _, err := dbtest.Raw(t, e.DBPath).Exec(`UPDATE partner_clients SET sources = '["carnet"]' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + id, Token: e.Admin, Body: obj{"name": "Client ancien renommé"}}); r.Code != 200 {
		t.Errorf("rename a client holding carnet: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + id, Token: e.Admin, Body: obj{"sources": []string{"ancien", "Carnet"}}}); r.Code != 200 {
		t.Errorf("keep carnet among its sources: %d %s", r.Code, r.Body)
	}
}
