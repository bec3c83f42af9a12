package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// People and other APIs filter by a département's name as often as by its
// code, and spreadsheets drop the leading zero of 06: every list, search
// and statistic reads them as the code; a misspelt name is refused with
// the code it most likely means.
func TestDepartementNamesInFilters(t *testing.T) {
	e := apitest.New(t)
	marseille := createActor(t, e, validActor("Espace numérique Belsunce"))
	nice := validActor("Médiathèque Nucéra")
	nice["address"] = obj{"street": "2 place Yves Klein", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}
	createActor(t, e, nice)

	for _, tc := range []struct {
		path string
		want int
	}{
		{"/api/v1/actors?departement=Bouches-du-Rh%C3%B4ne", 1},
		{"/api/v1/actors?departement=bouches%20du%20rhone", 1},
		{"/api/v1/actors?departement=BOUCHES-DU-RHONE,alpes-maritimes", 2},
		{"/api/v1/actors?departement=6", 1},
		{"/api/v1/actors?departement=06", 1},
		{"/api/v1/search/actors?departement=Alpes-Maritimes", 1},
		{"/api/v1/services?departement=Bouches-du-Rh%C3%B4ne", 0},
		{"/api/v1/search/services?departement=la%20r%C3%A9union", 0},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: tc.path})
		if r.Code != 200 {
			t.Errorf("%s: %d %s", tc.path, r.Code, r.Body)
			continue
		}
		if got := len(r.Map()["data"].([]any)); got != tc.want {
			t.Errorf("%s: %d results, want %d", tc.path, got, tc.want)
		}
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?departement=Bouches-du-Rh%C3%B4ne"}); r.Code == 200 {
		if id := r.Map()["data"].([]any)[0].(obj)["id"]; id != marseille["id"] {
			t.Errorf("Bouches-du-Rhône gave %v", id)
		}
	}
	for _, path := range []string{"/api/v1/stats/territory?departement=Bouches-du-Rh%C3%B4ne", "/api/v1/communes?departement=corse%20du%20sud&limit=1"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 200 {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}

	// Misspelt: refused, with the code it most likely means; nonsense
	// refused without a guess; never an empty 200.
	for _, tc := range []struct{ path, hint string }{
		{"/api/v1/actors?departement=bouche%20du%20rhone", "did you mean 13 (Bouches-du-Rhône)?"},
		{"/api/v1/search/services?departement=Finistaire", "did you mean 29 (Finistère)?"},
		{"/api/v1/stats/territory?departement=Herrault", "did you mean 34 (Hérault)?"},
		{"/api/v1/actors?departement=Provence", "is not a département code or name"},
		{"/api/v1/actors?departement=20", "is not a département code or name"},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: tc.path})
		if r.Code != 400 || !strings.Contains(r.Body.String(), tc.hint) {
			t.Errorf("%s: %d %s, want 400 with %q", tc.path, r.Code, r.Body, tc.hint)
		}
		if strings.Count(r.Body.String(), `"field":"departement"`) != 1 {
			t.Errorf("%s: the département named once: %s", tc.path, r.Body)
		}
	}
}
