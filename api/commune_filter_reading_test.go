package api_test

import (
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestCommuneFilterReadsWhatPeopleType: the commune filter reads a value as
// the import reads an address (probe 37b H3, H4, L1–L3): a Paris postal
// code is the arrondissement, not the pre-1968 Seine code of a suburb
// (75001 answered Alfortville's places); the common names the import reads
// (« La Seyne », « Sarlat », « Hellemmes ») are their communes, where they
// answered 0 places or 400 « not a commune »; a name that fits several
// (« Evry »: Évry-Courcouronnes, which the import reads for « Evry,
// 91000 », and Évry in the Yonne) answers 400 naming them, the most
// populated first; a département given or written after the name settles
// it.
func TestCommuneFilterReadsWhatPeopleType(t *testing.T) {
	e := apitest.New(t)
	for _, a := range []struct{ name, pc, commune string }{
		{"Paris 1er", "75001", "Paris"},
		{"Paris 15e", "75015", "Paris"},
		{"Alfortville", "94140", "Alfortville"},
		{"Bry", "94360", "Bry-sur-Marne"},
		{"La Seyne", "83500", "La Seyne-sur-Mer"},
		{"Evry 91", "91000", "Évry-Courcouronnes"},
		{"Evry 89", "89140", "Évry"},
		{"Saint-Denis 974", "97400", "Saint-Denis"},
		{"Saint-Denis 93", "93200", "Saint-Denis"},
		{"Sarlat", "24200", "Sarlat-la-Canéda"},
		{"Hellemmes", "59260", "Hellemmes"},
		{"Aix", "13100", "Aix-en-Provence"},
		{"Levens", "06670", "Levens"},
	} {
		act := createActor(t, e, obj{"name": a.name, "address": obj{"street": "1 rue", "postal_code": a.pc, "commune": a.commune}})
		createService(t, e, merge(validService(act["id"].(string), "Aide "+a.name), obj{"on_site": true}))
	}
	names := func(path string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", path, r.Code, r.Body)
		}
		var out []string
		for _, x := range r.Map()["data"].([]any) {
			o := x.(obj)
			if a, ok := o["actor"].(obj); ok {
				o = a
			}
			out = append(out, o["name"].(string))
		}
		return strings.Join(out, "|")
	}
	for _, tc := range []struct{ value, want string }{
		{"75001", "Paris 1er"},
		{"75015", "Paris 15e"},
		{"13001", "Aix"}, // Aix's INSEE code, and Marseille 1er's postal code (no place here): both read
		{"La Seyne", "La Seyne"},
		{"Sarlat", "Sarlat"},
		{"Hellemmes", "Hellemmes"},
		{"Courcouronnes", "Evry 91"},
		{"Saint-Denis (974)", "Saint-Denis 974"},
		{"Saint-Denis, 974", "Saint-Denis 974"},
		{"Saint-Denis 97400", "Saint-Denis 974"},
		{"Evry 91000", "Evry 91"},
	} {
		q := url.QueryEscape(tc.value)
		for _, path := range []string{"/api/v1/actors?sort=name&commune=" + q, "/api/v1/search/actors?commune=" + q, "/api/v1/search/services?commune=" + q} {
			if got := names(path); got != tc.want {
				t.Errorf("%s: %q, want %q", path, got, tc.want)
			}
		}
	}
	// A postal code of several communes is all of them, as postal_code=.
	if got := names("/api/v1/actors?sort=name&commune=06670"); got != "Levens" {
		t.Errorf("commune=06670: %q", got)
	}
	if got := names("/api/v1/actors?commune=Saint-Denis&departement=974"); got != "Saint-Denis 974" {
		t.Errorf("Saint-Denis in 974: %q", got)
	}
	if got := names("/api/v1/search/actors?commune=Evry&departement=91"); got != "Evry 91" {
		t.Errorf("Evry in 91: %q", got)
	}
	// Several communes: 400 naming them, the most populated first.
	for _, path := range []string{"/api/v1/actors?commune=Evry", "/api/v1/search/actors?commune=Evry"} {
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		body := r.Body.String()
		if r.Code != 400 || !strings.Contains(body, "91228 (Évry-Courcouronnes, 91)") || strings.Index(body, "91228") > strings.Index(body, "89162") {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}
	// The picker reads a code the same way.
	if got := get(t, e, "/api/v1/communes?q=75001")["data"].([]any); len(got) != 1 || got[0].(obj)["code"] != "75101" {
		t.Errorf("communes?q=75001: %v", got)
	}
}
