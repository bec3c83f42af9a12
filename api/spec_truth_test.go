package api_test

import (
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"carnet/api/apitest"
)

// paramAllows says whether the document's schema of the query parameter p
// allows the text value, read as a typed client reads it (a number for a
// number parameter).
func paramAllows(p *openapi3.Parameter, value string) bool {
	s := p.Schema.Value
	var v any = value
	if s.Type.Is("number") || s.Type.Is("integer") {
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return false
		}
		v = f
	}
	return s.VisitJSON(v) == nil
}

// TestDistanceBoundsAreTheServers reproduces H2 of probe 38a: radius_km
// and gap_km said « minimum: 0 » while the server refuses 0 (« from 0
// (excluded) »). Each value at and around the bounds gets the same verdict
// from the document's schema and from the server.
func TestDistanceBoundsAreTheServers(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	cases := []struct{ path, param, base string }{
		{"/api/v1/search/actors", "radius_km", "near=43.3,5.38"},
		{"/api/v1/search/services", "radius_km", "near=43.3,5.38"},
		{"/api/v1/stats/territory", "radius_km", "near=43.3,5.38"},
		{"/api/v1/stats/territory/geojson", "radius_km", "near=43.3,5.38"},
		{"/api/v1/stats/territory", "gap_km", "departement=13"},
		{"/api/v1/stats/territory/geojson", "gap_km", "departement=13"},
	}
	for _, c := range cases {
		p := queryParam(t, doc, "GET", c.path, c.param)
		if !p.Schema.Value.ExclusiveMin.IsTrue() {
			t.Errorf("%s %s: the minimum is not exclusive", c.path, c.param)
		}
		for _, v := range []string{"-1", "0", "0.001", "10", "100", "100.001"} {
			r := e.Do(apitest.Request{Method: "GET", Path: c.path + "?" + c.base + "&" + c.param + "=" + url.QueryEscape(v), Token: e.Admin})
			server := !(r.Code == 400 && slices.Contains(fields(t, r), c.param))
			if spec := paramAllows(p, v); spec != server {
				t.Errorf("%s %s=%s: the document allows it: %v, the server: %v (%d %s)", c.path, c.param, v, spec, server, r.Code, r.Body)
			}
		}
	}
}
