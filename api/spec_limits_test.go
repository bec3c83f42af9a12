package api_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"carnet/api/apitest"
	"carnet/handlers"
	"carnet/models/hsds"
)

// queryParam returns the query parameter name of the operation method path
// in the document, failing the test when there is none.
func queryParam(t *testing.T, doc *openapi3.T, method, path, name string) *openapi3.Parameter {
	t.Helper()
	item := doc.Paths.Find(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Fatalf("%s %s is not in openapi.yaml", method, path)
	}
	p := item.GetOperation(method).Parameters.GetByInAndName("query", name)
	if p == nil || p.Schema == nil || p.Schema.Value == nil {
		t.Fatalf("%s %s has no query parameter %s", method, path, name)
	}
	return p
}

// TestDocumentDeclaresTheServersLimits reproduces a black-box probe: the
// server refused values that openapi.yaml allowed, so a typed client built
// from it learnt of the limits only by its requests failing. Each limit the
// server enforces on these parameters and fields is now in the document, and
// each check beside it shows the server enforcing that very limit.
func TestDocumentDeclaresTheServersLimits(t *testing.T) {
	e := apitest.New(t)
	doc := apitest.Spec(t)
	refused := func(t *testing.T, path, param string) bool {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin})
		return r.Code == 400 && slices.Contains(fields(t, r), param)
	}

	t.Run("HSDS page has a maximum", func(t *testing.T) {
		n := 0
		for path, item := range doc.Paths.Map() {
			if !strings.HasPrefix(path, "/api/hsds/v3/") || item.Get == nil {
				continue
			}
			p := item.Get.Parameters.GetByInAndName("query", "page")
			if p == nil {
				continue
			}
			n++
			if s := p.Schema.Value; s.Max == nil || *s.Max != hsds.MaxPage {
				t.Errorf("%s: page has maximum %v, want %d", path, s.Max, hsds.MaxPage)
			}
			if strings.Contains(path, "{") {
				continue
			}
			if refused(t, fmt.Sprintf("%s?page=%d", path, hsds.MaxPage), "page") || !refused(t, fmt.Sprintf("%s?page=%d", path, hsds.MaxPage+1), "page") {
				t.Errorf("%s: the server does not take pages up to %d exactly", path, hsds.MaxPage)
			}
		}
		if n < 5 {
			t.Errorf("%d HSDS lists have a page parameter, want 5", n)
		}
	})

	for _, c := range []struct{ path, param string }{
		{"/api/v1/search/services", "q"},
		{"/api/v1/search/actors", "q"},
		{"/api/v1/communes", "q"},
		{"/api/v1/actors", "name"},
		{"/api/v1/services", "name"},
		{"/api/v1/referrals", "person_name"},
		{"/api/v1/users", "email"},
		{"/api/hsds/v3/services", "search"},
		{"/api/hsds/v3/organizations", "search"},
		{"/api/hsds/v3/taxonomies", "search"},
		{"/api/hsds/v3/taxonomy_terms", "search"},
	} {
		t.Run("maxLength of "+c.param+" on "+c.path, func(t *testing.T) {
			if s := queryParam(t, doc, "GET", c.path, c.param).Schema.Value; s.MaxLength == nil || *s.MaxLength != 500 {
				t.Errorf("maxLength %v, want 500", s.MaxLength)
			}
			// 500 characters pass (« é » is two bytes: 1000 bytes), 501 do not.
			if refused(t, c.path+"?"+c.param+"="+url.QueryEscape(strings.Repeat("é", 500)), c.param) {
				t.Error("500 characters refused")
			}
			if !refused(t, c.path+"?"+c.param+"="+strings.Repeat("a", 501), c.param) {
				t.Error("501 characters accepted")
			}
		})
	}

	t.Run("OrientationPlace coordinates have bounds", func(t *testing.T) {
		place := doc.Components.Schemas["OrientationPlace"].Value
		for name, limit := range map[string]float64{"latitude": 90, "longitude": 180} {
			s := place.Properties[name].Value
			if s.Min == nil || s.Max == nil || *s.Min != -limit || *s.Max != limit {
				t.Errorf("%s: minimum %v maximum %v, want ±%v", name, s.Min, s.Max, limit)
			}
		}
	})

	for _, c := range []struct {
		path string
		want []string
	}{
		{"/api/v1/search/services", handlers.ServiceFacets()},
		{"/api/v1/search/actors", handlers.ActorFacets()},
	} {
		t.Run("facets of "+c.path+" are the server's", func(t *testing.T) {
			p := queryParam(t, doc, "GET", c.path, "facets")
			s := p.Schema.Value
			var got []string
			if s.Items != nil {
				for _, v := range s.Items.Value.Enum {
					got = append(got, str(v))
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("documented facets %v, the server takes %v", got, c.want)
			}
			for _, f := range c.want {
				if !strings.Contains(p.Description, f) {
					t.Errorf("the description does not name %s: %s", f, p.Description)
				}
			}
			if refused(t, c.path+"?facets="+strings.Join(c.want, ","), "facets") || !refused(t, c.path+"?facets=commune", "facets") {
				t.Error("the server does not take exactly the documented facets")
			}
		})
	}

	t.Run("WebhookInput says what is optional", func(t *testing.T) {
		in := doc.Components.Schemas["WebhookInput"].Value
		if slices.Contains(in.Required, "description") {
			t.Errorf("description is required in the document: %v", in.Required)
		}
		filters := in.Properties["filters"].Value
		for _, s := range append([]*openapi3.SchemaRef{{Value: filters}}, filters.AllOf...) {
			if s.Value != nil && len(s.Value.Required) > 0 {
				t.Errorf("filters require %v", s.Value.Required)
			}
		}
		hook := "https://hooks.partenaire.example/carnet"
		for _, body := range []obj{{"url": hook}, {"url": hook, "filters": obj{"ops": []string{"create"}}}, {"url": hook, "filters": obj{}}} {
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: body}); r.Code != 201 {
				t.Errorf("%v: %d %s", body, r.Code, r.Body)
			}
		}
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": hook, "description": nil}})
		if r.Code != 400 || !slices.Contains(fields(t, r), "description") { // null where the schema says no: 400, as everywhere
			t.Errorf("description null: %d %s", r.Code, r.Body)
		}
	})
}
