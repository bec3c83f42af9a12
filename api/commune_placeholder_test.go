package api_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestCommuneFilterPlaceholderAndCEDEX: the postal code people write for
// the whole of Marseille, Lyon or Paris (13000, 69000, 75000: no commune
// has it, each arrondissement has its own) is the city, every
// arrondissement, on the filter as an address reads it, where it answered
// 400 « not a commune »; a CEDEX code, which the reference does not list,
// is still 400, naming it as a CEDEX code.
func TestCommuneFilterPlaceholderAndCEDEX(t *testing.T) {
	e := apitest.New(t)
	for _, a := range []struct{ name, pc, commune string }{
		{"Marseille 1er", "13001", "Marseille"},
		{"Marseille 13e", "13013", "Marseille"},
		{"Lyon 3e", "69003", "Lyon"},
		{"Paris 15e", "75015", "Paris"},
		{"Aix", "13100", "Aix-en-Provence"},
	} {
		createActor(t, e, obj{"name": a.name, "address": obj{"street": "1 rue", "postal_code": a.pc, "commune": a.commune}})
	}
	for _, tc := range []struct{ value, want string }{
		{"13000", "Marseille 13e|Marseille 1er"},
		{"69000", "Lyon 3e"},
		{"75000", "Paris 15e"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=name&commune=" + tc.value})
		if r.Code != 200 {
			t.Errorf("commune=%s: %d %s", tc.value, r.Code, r.Body)
			continue
		}
		var got []string
		for _, x := range r.Map()["data"].([]any) {
			got = append(got, x.(obj)["name"].(string))
		}
		if slices.Sort(got); strings.Join(got, "|") != tc.want {
			t.Errorf("commune=%s: %v, want %s", tc.value, got, tc.want)
		}
	}
	for _, path := range []string{"/api/v1/actors?commune=06286", "/api/v1/search/actors?commune=06286"} {
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if r.Code != 400 || !strings.Contains(r.Body.String(), "CEDEX code of département 06") {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}
}
