package api_test

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

// nullableProps lists the properties of the component name that the
// document marks nullable, and those it does not.
func nullableProps(t *testing.T, doc *openapi3.T, name string) (nullable, not []string) {
	t.Helper()
	s := doc.Components.Schemas[name]
	if s == nil || s.Value == nil {
		t.Fatalf("no %s in openapi.yaml", name)
	}
	for _, k := range sortedProps(s.Value) {
		if p := s.Value.Properties[k].Value; p != nil && p.Nullable {
			nullable = append(nullable, k)
		} else {
			not = append(not, k)
		}
	}
	return nullable, not
}

func sortedProps(s *openapi3.Schema) []string {
	keys := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestPatchNullsAreTheServers reproduces M0 of probe 38a: the PATCH
// schemas of actors and services marked contact_public, is_full, on_site,
// remote, pass_numerique, accepts_referrals and actor_id nullable, and the
// server refused null on each (400 « must not be null », 422 for
// actor_id): a client that writes « unset » as null was refused. Every
// field the patch schema marks nullable is cleared by null; null on a
// field it does not is refused naming the field.
func TestPatchNullsAreTheServers(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	actor := createActor(t, e, validActor("Nulls"))
	service := createService(t, e, validService(str(actor["id"]), "Atelier nulls"))
	for _, c := range []struct{ schema, path string }{
		{"ActorPatch", "/api/v1/actors/" + str(actor["id"])},
		{"ServicePatch", "/api/v1/services/" + str(service["id"])},
	} {
		nullable, not := nullableProps(t, doc, c.schema)
		refused := func(field string) (bool, *apitest.Response) {
			r := e.Do(apitest.Request{Method: "PATCH", Path: c.path, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{field: nil}})
			return r.Code >= 400 && slices.Contains(fields(t, r), field), r
		}
		for _, f := range nullable {
			if no, r := refused(f); no {
				t.Errorf("%s.%s is nullable, but PATCH {%q: null} → %d %s", c.schema, f, f, r.Code, r.Body)
			}
		}
		for _, f := range not {
			if f == "name" || f == "address" || f == "kind" || f == "themes" {
				continue // required: refused, and required fields are never nullable
			}
			if no, r := refused(f); !no {
				t.Errorf("%s.%s is not nullable, but PATCH {%q: null} → %d %s", c.schema, f, f, r.Code, r.Body)
			}
		}
	}
}

// TestSyncItemsRequireSourceID reproduces M6 of probe 38a: a sync batch's
// item schema required only name and address (ActorInput's), while the
// server rejects every record without source_id: a spec-valid record was
// always rejected. Each batch item schema requires source_id, and the
// server rejects exactly the records the schema refuses.
func TestSyncItemsRequireSourceID(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	actor := validActor("Lieu synchronisé")
	actor["source_id"] = "lieu-1"
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{"actors": []obj{actor}}})
	if r.Code != 200 {
		t.Fatalf("sync actor: %d %s", r.Code, r.Body)
	}
	service := validService("", "Atelier synchronisé")
	delete(service, "actor_id")
	service["actor_source_id"], service["source_id"] = "lieu-1", "atelier-1"
	for _, c := range []struct {
		schema, list string
		record       obj
	}{{"SyncActorInput", "actors", validActor("Sans clé")}, {"SyncServiceInput", "services", service}} {
		s := doc.Components.Schemas[c.schema]
		if s == nil || !slices.Contains(s.Value.Required, "source_id") {
			t.Fatalf("%s does not require source_id", c.schema)
		}
		without := obj{}
		for k, v := range c.record {
			if k != "source_id" {
				without[k] = v
			}
		}
		with := obj{"source_id": "cle-1"}
		for k, v := range without {
			with[k] = v
		}
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/" + c.list, Token: e.Admin, Body: obj{c.list: []obj{without, with}}})
		var res struct {
			Results []struct {
				Result string
				Errors []struct{ Field string }
			}
		}
		r.JSON(&res)
		if r.Code != 200 || len(res.Results) != 2 {
			t.Fatalf("%s: %d %s", c.list, r.Code, r.Body)
		}
		for i, rec := range []obj{without, with} {
			spec := s.Value.VisitJSON(roundTrip(t, rec)) == nil
			server := res.Results[i].Result != "rejected"
			if spec != server {
				t.Errorf("%s record %d: the schema allows it: %v, the server: %v (%s)", c.list, i, spec, server, r.Body)
			}
		}
	}
}

// roundTrip gives v as encoding/json reads it back (map[string]any, float64),
// the form VisitJSON takes.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCommuneMayBeLeftOut reproduces M3 of probe 38a: the request
// schemas required address.commune (minLength 1), while the server fills
// it from the postal code when it is left out or empty. The request
// schemas make it optional; the response's Address still requires it,
// always filled.
func TestCommuneMayBeLeftOut(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	body := obj{"name": "Sans commune", "address": obj{"street": "6 rue Sainte", "postal_code": "13007"}}
	for _, name := range []string{"ActorAddressInput", "AddressInput"} {
		s := doc.Components.Schemas[name].Value
		if err := s.VisitJSON(roundTrip(t, body["address"])); err != nil {
			t.Errorf("%s refuses an address without commune: %v", name, err)
		}
		if err := s.VisitJSON(roundTrip(t, obj{"street": "6 rue Sainte", "postal_code": "13007", "commune": ""})); err != nil {
			t.Errorf("%s refuses an empty commune: %v", name, err)
		}
	}
	if !slices.Contains(doc.Components.Schemas["Address"].Value.Required, "commune") {
		t.Errorf("the response's Address no longer requires commune")
	}
	a := createActor(t, e, body)
	if got := a["address"].(map[string]any)["commune"]; got != "Marseille" {
		t.Errorf("commune filled as %v, want Marseille", got)
	}
}

// TestParameterRulesNameTheParameter reproduces M4 of probe 38a: rules
// OpenAPI cannot express (a bound that depends on another parameter, a
// parameter that needs another) were only in prose. HSDS services'
// per_page documents its common maximum (200), the server's 400 names
// per_page and the larger bound minimal=true allows, and each dependency's
// 400 names the parameter the description pins it on.
func TestParameterRulesNameTheParameter(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	p := queryParam(t, doc, "GET", "/api/hsds/v3/services", "per_page")
	for _, v := range []string{"1", "200", "201", "5000"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?per_page=" + v})
		server := r.Code == 200
		if paramAllows(p, v) != server {
			t.Errorf("per_page=%s: the document allows it: %v, the server: %v (%d)", v, !server, server, r.Code)
		}
		if !server && (!slices.Contains(fields(t, r), "per_page") || !strings.Contains(r.Body.String(), "5000 with minimal=true")) {
			t.Errorf("per_page=%s: the 400 does not name per_page and minimal=true's bound: %s", v, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?minimal=true&per_page=5000"}); r.Code != 200 {
		t.Errorf("minimal=true&per_page=5000: %d %s", r.Code, r.Body)
	}
	for _, c := range []struct{ path, field string }{
		{"/api/v1/stats/territory", "departement"},
		{"/api/v1/stats/territory?departement=13&commune=13055", "departement"},
		{"/api/v1/stats/territory/geojson", "departement"},
		{"/api/v1/stats/territory?departement=13&radius_km=5", "radius_km"},
		{"/api/v1/search/services?radius_km=5", "radius_km"},
		{"/api/v1/search/actors?radius_km=5", "radius_km"},
		{"/api/v1/search/services?sort=distance", "sort"},
		{"/api/v1/search/actors?sort=distance", "sort"},
		{"/api/hsds/v3/service_at_locations?proximity=500", "proximity"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: e.Admin})
		if r.Code != 400 || !slices.Contains(fields(t, r), c.field) {
			t.Errorf("%s: %d, fields %v; want 400 naming %s", c.path, r.Code, fields(t, r), c.field)
		}
	}
}

// TestPatternsAreTheServers reproduces M4 of probe 38a: address.insee_code
// and source declared only a length, and values of that length were
// refused with 422. Each now declares the server's pattern: every value
// below gets the same verdict from the pattern and from POST
// /api/v1/actors (the other fields consistent with it).
func TestPatternsAreTheServers(t *testing.T) {
	e := apitest.New(t)
	props := apitest.Spec(t).Components.Schemas["ActorInput"].Value.Properties
	address := props["address"].Value.Properties
	place := map[string]obj{
		"13": {"street": "2 rue de la République", "postal_code": "13002", "commune": "Marseille"},
		"2A": {"street": "1 cours Napoléon", "postal_code": "20000", "commune": "Ajaccio"},
		"97": {"street": "1 rue de Paris", "postal_code": "97400", "commune": "Saint-Denis"},
	}
	n := 0
	check := func(field string, schema *openapi3.Schema, value string, body obj) {
		t.Helper()
		n++
		body["name"] = "Motif " + strconv.Itoa(n)
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body})
		server := !(r.Code >= 400 && slices.Contains(fields(t, r), field))
		if spec := schema.VisitJSON(value) == nil; spec != server {
			t.Errorf("%s %q: the document allows it: %v, the server: %v (%d %.300s)", field, value, spec, server, r.Code, r.Body)
		}
	}
	for _, c := range []struct{ code, place string }{
		{"13055", "13"}, {"2A004", "2A"}, {"2a004", "2A"}, {"97411", "97"},
		{"20004", "2A"}, {"2C004", "2A"}, {"1305A", "13"}, {"AB123", "13"}, {"2A04", "2A"}, {"130555", "13"}, {"13 55", "13"},
	} {
		a := obj{}
		for k, v := range place[c.place] {
			a[k] = v
		}
		a["insee_code"] = c.code
		check("address.insee_code", address["insee_code"].Value, c.code, obj{"address": a})
	}
	for _, v := range []string{"hub-du-sud", "Hub.Sud_2", "0abc", strings.Repeat("a", 64), "-abc", ".abc", "hub du sud", "hub/sud", "médiation", strings.Repeat("a", 65)} {
		body := validActor("")
		body["source"] = v
		check("source", props["source"].Value, v, body)
	}
}
