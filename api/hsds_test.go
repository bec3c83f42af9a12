package api_test

import (
	"strings"
	"testing"

	"carnet/models/hsds"
)

// The endpoints of the HSDS 3.0 API and the schemas of their answers:
// "hsds:" names the HSDS OpenAPI document's 200 response, "oruk:" the UK
// validator's, "-file:" a schema file. For lists, the UK files are applied
// as its test profile (validator-legacy-testprofiles/HSDS-UK-3.0.json)
// does, to the whole page: its OpenAPI document applies service_list.json
// and taxonomy_list.json, which describe a page, to each item (where they
// check nothing: TestHSDSValidatorCatchesFaults showed it), and
// organization_list.json, which describes one organization, to the page.
var (
	hsdsServices = hsdsEndpoint{path: "/services",
		page: []string{"hsds:/services", "oruk-file:service_list.json"},
		byID: []string{"hsds:/services/{id}", "oruk:/services/{id}"}}
	// full=true lists nest everything: each item is a full service.
	hsdsFullServices = hsdsEndpoint{path: "/services",
		page: []string{"hsds:/services", "oruk-file:service_list.json"}, item: []string{"hsds-file:service.json", "oruk-file:service.json"},
		byID: []string{"hsds:/services/{id}", "oruk:/services/{id}"}}
	hsdsOrganizations = hsdsEndpoint{path: "/organizations",
		page: []string{"hsds:/organizations"}, item: []string{"oruk-file:organization_list.json"},
		byID:   []string{"hsds:/organizations/{id}", "oruk:/organizations/{id}"},
		nested: map[string]string{"services": "hsds-file:service.json"}}
	hsdsFullOrganizations = hsdsEndpoint{path: "/organizations",
		page: []string{"hsds:/organizations"}, item: []string{"hsds-file:organization.json", "oruk-file:organization.json"},
		byID:   []string{"hsds:/organizations/{id}", "oruk:/organizations/{id}"},
		nested: map[string]string{"services": "hsds-file:service.json"}}
	// The HSDS document gives GET /service_at_locations/{id} the service
	// schema although it describes a "fully nested service_at_location": the
	// service_at_location schema is used, as the UK validator does.
	hsdsServicesAtLocation = hsdsEndpoint{path: "/service_at_locations",
		page:   []string{"hsds:/service_at_locations", "oruk:/service_at_locations"},
		byID:   []string{"hsds-file:service_at_location.json", "oruk:/service_at_locations/{id}"},
		nested: map[string]string{"service": "hsds-file:service.json"}}
	hsdsFullServicesAtLocation = hsdsEndpoint{path: "/service_at_locations",
		page: []string{"hsds:/service_at_locations", "oruk:/service_at_locations"}, item: []string{"hsds-file:service_at_location.json", "oruk-file:service_at_location.json"},
		byID:   []string{"hsds-file:service_at_location.json", "oruk:/service_at_locations/{id}"},
		nested: map[string]string{"service": "hsds-file:service.json"}}
	hsdsTaxonomies = hsdsEndpoint{path: "/taxonomies",
		page: []string{"hsds:/taxonomies", "oruk-file:taxonomy_list.json"},
		byID: []string{"hsds:/taxonomies/{id}", "oruk:/taxonomies/{id}"}}
	hsdsTaxonomyTerms = hsdsEndpoint{path: "/taxonomy_terms",
		page: []string{"hsds:/taxonomy_terms", "oruk:/taxonomy_terms"},
		byID: []string{"hsds:/taxonomy_terms/{id}", "oruk:/taxonomy_terms/{id}"}}
)

// TestHSDSConformancePACA imports the real PACA file through the importer
// and walks the validator over every endpoint: every answer must validate
// against the HSDS 3.0 schemas and the UK validator's, and pass the UK
// profile's checks.
func TestHSDSConformancePACA(t *testing.T) {
	e := pacaEnv(t)
	v := newHSDSValidator(t, e)
	v.root()
	if n := v.list(hsdsServices, ""); n != 646 {
		t.Errorf("%d services, want the 646 places of the file", n)
	}
	v.list(hsdsFullServices, "full=true&per_page=100")
	if n := v.list(hsdsOrganizations, ""); n != 646 {
		t.Errorf("%d organizations, want 646", n)
	}
	v.list(hsdsFullOrganizations, "full=true&per_page=100")
	v.list(hsdsFullOrganizations, "full_service=true&per_page=200")
	v.list(hsdsServicesAtLocation, "per_page=200")
	v.list(hsdsFullServicesAtLocation, "full=true&per_page=100")
	v.list(hsdsTaxonomies, "per_page=5")
	v.list(hsdsTaxonomyTerms, "")
	// Then every record: each page of the full lists, each id by id.
	for _, sw := range []struct {
		ep    hsdsEndpoint
		query string
		want  int
	}{
		{hsdsFullServices, "full=true&per_page=200", 646},
		{hsdsFullServicesAtLocation, "full=true&per_page=200", 646},
		{hsdsFullOrganizations, "full_service=true&per_page=200", 646},
		{hsdsTaxonomyTerms, "per_page=200", len(hsds.Terms())},
		{hsdsTaxonomies, "", len(hsds.Taxonomies())},
	} {
		if n := v.sweep(sw.ep, sw.query); n != sw.want {
			t.Errorf("%s?%s: %d items, want %d", sw.ep.path, sw.query, n, sw.want)
		}
	}
	v.report()
}

// TestHSDSValidatorCatchesFaults shows that the validator fails on what it
// must catch: real answers, each broken in one way, are refused by the
// schemas that govern them, and null or empty optional fields are found.
func TestHSDSValidatorCatchesFaults(t *testing.T) {
	e := pacaEnv(t)
	v := newHSDSValidator(t, e)
	list := v.get("/api/hsds/v3/services?per_page=3")
	svcID := list.(map[string]any)["contents"].([]any)[0].(map[string]any)["id"].(string)
	orgID := list.(map[string]any)["contents"].([]any)[0].(map[string]any)["organization_id"].(string)
	term := v.get("/api/hsds/v3/taxonomy_terms?per_page=1").(map[string]any)["contents"].([]any)[0].(map[string]any)["id"].(string)
	cases := []struct {
		name, path string
		schemas    []string
		breakIt    func(m map[string]any)
	}{
		{"service status outside the enum", "/api/hsds/v3/services?per_page=3", []string{"hsds:/services", "oruk-file:service_list.json"},
			func(m map[string]any) { item(m, "contents", 0)["status"] = "open" }},
		{"service without its name", "/api/hsds/v3/services?per_page=3", []string{"hsds:/services", "oruk-file:service_list.json"},
			func(m map[string]any) { delete(item(m, "contents", 0), "name") }},
		{"service id not a UUID", "/api/hsds/v3/services/" + svcID, []string{"hsds:/services/{id}", "oruk:/services/{id}"},
			func(m map[string]any) { m["id"] = "svc-1" }},
		{"address without state_province", "/api/hsds/v3/services/" + svcID, []string{"hsds:/services/{id}", "oruk:/services/{id}"},
			func(m map[string]any) {
				delete(item(item(item(m, "service_at_locations", 0), "location", -1), "addresses", 0), "state_province")
			}},
		{"attribute's term without its name", "/api/hsds/v3/services/" + svcID, []string{"hsds:/services/{id}", "oruk:/services/{id}"},
			func(m map[string]any) { delete(item(item(m, "attributes", 0), "taxonomy_term", -1), "name") }},
		{"schedule freq outside the enum", "/api/hsds/v3/services/" + svcID, []string{"hsds:/services/{id}", "oruk:/services/{id}"},
			func(m map[string]any) {
				m["schedules"] = []any{map[string]any{"id": "6e1d4a2e-8c1b-4f2a-9a3e-1b2c3d4e5f60", "freq": "DAILY"}}
			}},
		{"organization without its description", "/api/hsds/v3/organizations/" + orgID, []string{"hsds:/organizations/{id}", "oruk:/organizations/{id}"},
			func(m map[string]any) { delete(m, "description") }},
		{"taxonomy term without its name", "/api/hsds/v3/taxonomy_terms/" + term, []string{"hsds:/taxonomy_terms/{id}", "oruk:/taxonomy_terms/{id}"},
			func(m map[string]any) { delete(m, "name") }},
		{"service at location's location without its type", "/api/hsds/v3/service_at_locations?per_page=3", []string{"hsds:/service_at_locations", "oruk:/service_at_locations"},
			func(m map[string]any) { delete(item(item(m, "contents", 0), "location", -1), "location_type") }},
		{"organization in a list without its name", "/api/hsds/v3/organizations?per_page=3", []string{"hsds:/organizations"},
			func(m map[string]any) { delete(item(m, "contents", 1), "name") }},
		{"taxonomy in a list without its description", "/api/hsds/v3/taxonomies?per_page=3", []string{"hsds:/taxonomies", "oruk-file:taxonomy_list.json"},
			func(m map[string]any) { delete(item(m, "contents", 2), "description") }},
		{"term in a list with a parent id that is not a UUID", "/api/hsds/v3/taxonomy_terms?per_page=3", []string{"hsds:/taxonomy_terms", "oruk:/taxonomy_terms"},
			func(m map[string]any) { item(m, "contents", 0)["parent_id"] = "themes" }},
		{"openapi_url not a URL", "/api/hsds/v3/", []string{"hsds:/", "oruk:/"},
			func(m map[string]any) { m["openapi_url"] = "openapi json" }},
		{"api details without profile", "/api/hsds/v3/", []string{"oruk:/"},
			func(m map[string]any) { delete(m, "profile") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := v.get(tc.path).(map[string]any)
			for _, s := range tc.schemas {
				if err := v.schema(s).Validate(body); err != nil {
					t.Fatalf("the real answer already fails %s: %v", s, err)
				}
			}
			tc.breakIt(body)
			for _, s := range tc.schemas {
				if err := v.schema(s).Validate(body); err == nil {
					t.Errorf("%s accepts an answer with a %s", s, tc.name)
				}
			}
		})
	}
	t.Run("null and empty values", func(t *testing.T) {
		got := emptyValues(map[string]any{"contents": []any{}, "a": nil, "b": "", "c": []any{}, "d": map[string]any{}, "e": []any{map[string]any{"f": ""}}, "g": "x"}, "")
		want := ".a .b .c .d .e[0].f"
		if strings.Join(got, " ") != want {
			t.Errorf("emptyValues: %v, want %s", got, want)
		}
	})
}

// item returns m[key][i] (i < 0: m[key] itself) as an object.
func item(m map[string]any, key string, i int) map[string]any {
	if i < 0 {
		return m[key].(map[string]any)
	}
	return m[key].([]any)[i].(map[string]any)
}
