package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestCommuneCodeBothINSEEAndPostal: a 5-digit code that is the INSEE code
// of one commune and the postal code of another was read as the INSEE code
// without a word (the probe of 2026-12-06, finding 10): coordinator.communes
// ["16100"] — Cognac's postal code — made the account coordinator of Chirac
// (INSEE 16100), and commune=13001 answered Aix-en-Provence's places, not
// Marseille 1er's. A write (a coordinator's or a webhook's communes) is
// refused naming both readings and the explicit forms insee:CODE and
// postal:CODE; a filter reads both (a reuser sending an INSEE code keeps its
// commune, one typing a postal code gets its places) and the explicit forms
// narrow it. Codes already stored read as INSEE codes when the list is kept.
func TestCommuneCodeBothINSEEAndPostal(t *testing.T) {
	e := apitest.New(t)
	u, _ := e.Account("coord-clash@carnet.test", nil, models.Territory{Departements: []string{"16"}})
	set := setCommunes(t, e, u.ID)
	communes := func(r *apitest.Response) []string {
		var got []string
		for _, c := range r.Map()["coordinator"].(obj)["communes"].([]any) {
			got = append(got, c.(string))
		}
		return got
	}
	for _, tc := range []struct{ value, says string }{
		{"16100", "Chirac"},
		{"13001", "Aix-en-Provence"},
	} {
		r := set(tc.value)
		body := r.Body.String()
		if r.Code != 422 || !strings.Contains(body, "coordinator.communes[0]") || !strings.Contains(body, tc.says) ||
			!strings.Contains(body, "insee:"+tc.value) || !strings.Contains(body, "postal:"+tc.value) {
			t.Errorf("%s: %d %s", tc.value, r.Code, body)
		}
	}
	for _, tc := range []struct {
		value string
		want  []string
	}{
		{"insee:16100", []string{"16100"}},
		{"Cognac", []string{"16102"}},
		{"postal:13001", []string{"13201"}},
		{"INSEE:13001", []string{"13001"}},
		{"insee:50173", []string{"50129"}}, // a former code: the current commune
		{"75001", []string{"75101"}},       // no commune's INSEE code: no doubt
	} {
		r := set(tc.value)
		if r.Code != 200 {
			t.Errorf("%q: %d %s", tc.value, r.Code, r.Body)
			continue
		}
		if got := communes(r); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tc.want))) {
			t.Errorf("%q: %v, want %v", tc.value, got, tc.want)
		}
	}
	// postal:16100 is the eight communes it serves, Cognac among them.
	if r := set("postal:16100"); r.Code != 200 || !slices.Contains(communes(r), "16102") || slices.Contains(communes(r), "16100") {
		t.Errorf("postal:16100: %d %s", r.Code, r.Body)
	}
	// A stored code is an INSEE code: kept when another field changes.
	if r := set("insee:16100"); r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin,
		Body: obj{"coordinator": obj{"departements": []string{"17"}}}})
	if r.Code != 200 || !slices.Equal(communes(r), []string{"16100"}) {
		t.Errorf("kept list: %d %s", r.Code, r.Body)
	}
	// The list read back and sent again unchanged keeps its reading (a
	// client round-trips what it read); a new bare 16100 beside it would
	// still be refused, but this one is the stored Chirac.
	if r := set("16100"); r.Code != 200 || !slices.Equal(communes(r), []string{"16100"}) {
		t.Errorf("list sent back: %d %s", r.Code, r.Body)
	}
	for _, a := range []struct{ name, pc, commune string }{
		{"Aix", "13100", "Aix-en-Provence"},
		{"Marseille 1er", "13001", "Marseille"},
		{"Cognac", "16100", "Cognac"},
	} {
		createActor(t, e, obj{"name": a.name, "address": obj{"street": "1 rue", "postal_code": a.pc, "commune": a.commune}})
	}
	for _, tc := range []struct{ value, want string }{
		{"13001", "Aix|Marseille 1er"},
		{"insee:13001", "Aix"},
		{"postal:13001", "Marseille 1er"},
		{"16100", "Cognac"},
	} {
		path := "/api/v1/actors?sort=name&commune=" + url.QueryEscape(tc.value)
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if r.Code != 200 {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
			continue
		}
		var got []string
		for _, x := range r.Map()["data"].([]any) {
			got = append(got, x.(obj)["name"].(string))
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%s: %v, want %s", path, got, tc.want)
		}
	}
	// A webhook's communes are a write too.
	w := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin,
		Body: obj{"url": "https://hooks.example.org/carnet", "filters": obj{"communes": []string{"16100"}}}})
	if w.Code != 422 || !strings.Contains(w.Body.String(), "filters.communes[0]") {
		t.Errorf("webhook: %d %s", w.Code, w.Body)
	}
	// Created with insee:16100, its filters read back and sent again
	// unchanged keep Chirac.
	w = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin,
		Body: obj{"url": "https://hooks.example.org/carnet", "filters": obj{"communes": []string{"insee:16100"}}}})
	if w.Code != 201 {
		t.Fatalf("webhook insee:16100: %d %s", w.Code, w.Body)
	}
	id := w.Map()["id"].(string)
	w = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/webhooks/" + id, Token: e.Admin,
		Body: obj{"filters": obj{"communes": []string{"16100"}}}})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"communes":["16100"]`) {
		t.Errorf("webhook filters sent back: %d %s", w.Code, w.Body)
	}
}
