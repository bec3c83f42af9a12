package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestCoordinatorCommunesReadAsTheFilter: an administrator sets a
// coordinator's territory with the words the commune filter reads, and gets
// the same communes (commune.Read, one reading): « 75001 » is Paris 1er (it
// was Alfortville, whose code it was before 1968), « La Seyne » La
// Seyne-sur-Mer and « Saint-Denis (974) » the one in Réunion (both refused
// as « not the name of one commune »), « 13000 » the whole of Marseille;
// « Evry » is refused naming Évry-Courcouronnes and Évry, as the filter
// answers, where it said only « not the name of one commune ». Codes
// already stored (current INSEE codes) read as themselves.
func TestCoordinatorCommunesReadAsTheFilter(t *testing.T) {
	e := apitest.New(t)
	u, _ := e.Account("coord-read@carnet.test", nil, models.Territory{Departements: []string{"83"}})
	set := setCommunes(t, e, u.ID)
	for _, tc := range []struct {
		value string
		want  []string
	}{
		{"75001", []string{"75101"}},
		{"insee:13001", []string{"13001"}}, // bare, 13001 is also Marseille 1er's postal code: refused (TestCommuneCodeBothINSEEAndPostal)
		{"La Seyne", []string{"83126"}},
		{"Saint-Denis (974)", []string{"97411"}},
		{"Courcouronnes", []string{"91228"}},
		{"13000", []string{"13055"}},
		{"50173", []string{"50129"}}, // a former commune's code: the current commune
		{"13202", []string{"13202"}},
	} {
		r := set(tc.value)
		if r.Code != 200 {
			t.Errorf("%q: %d %s", tc.value, r.Code, r.Body)
			continue
		}
		var got []string
		for _, c := range r.Map()["coordinator"].(obj)["communes"].([]any) {
			got = append(got, c.(string))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.value, got, tc.want)
		}
		// The filter reads the same words as the same communes.
		q := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?commune=" + url.QueryEscape(tc.value)})
		if q.Code != 200 {
			t.Errorf("commune=%q: %d %s", tc.value, q.Code, q.Body)
		}
	}
	r := set("Evry")
	body := r.Body.String()
	if r.Code != 422 || !strings.Contains(body, "coordinator.communes[0]") || !strings.Contains(body, "91228 (Évry-Courcouronnes, 91)") || !strings.Contains(body, "89162") {
		t.Errorf("Evry: %d %s", r.Code, body)
	}
	if r := set("06286"); r.Code != 422 || !strings.Contains(r.Body.String(), "CEDEX") {
		t.Errorf("06286: %d %s", r.Code, r.Body)
	}
	if r := set("13"); r.Code != 422 || !strings.Contains(r.Body.String(), `\"13\" in coordinator.departements`) {
		t.Errorf("13: %d %s", r.Code, r.Body)
	}
}

// setCommunes is an administrator setting the coordinator account id's
// territory to communes alone.
func setCommunes(t *testing.T, e *apitest.Env, id string) func(communes ...string) *apitest.Response {
	return func(communes ...string) *apitest.Response {
		t.Helper()
		return e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + id, Token: e.Admin,
			Body: obj{"coordinator": obj{"departements": []string{}, "communes": communes}}})
	}
}
