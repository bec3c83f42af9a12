package api_test

import (
	"net/url"
	"testing"

	"carnet/api/apitest"
)

// TestNameFilterFoldsLikeTheName reproduces probe 36b's M1 and M2: the
// `name` filter compared with SQLite's LIKE, which folds the case of ASCII
// letters only (« MÉDIATHÈQUE » found 1 place on SQLite, 154 on
// PostgreSQL; « CŒUR » none), and took the typewriter apostrophe and the
// typographic one as different letters on both engines (« l'isle » missed
// « L’Isle d’Espagnac »). The filter now reads the name's folded key, the
// one sort=name orders by: case, accents, ligatures and punctuation folded
// alike on both engines.
func TestNameFilterFoldsLikeTheName(t *testing.T) {
	e := apitest.New(t)
	media := str(createActor(t, e, validActor("MÉDIATHÈQUE ANNE-MARIE ALMERGE"))["id"])
	isle := str(createActor(t, e, validActor("France services L’Isle d’Espagnac"))["id"])
	coeur := str(createActor(t, e, validActor("Espace Cœur de ville"))["id"])
	other := str(createActor(t, e, validActor("Maison de quartier"))["id"])
	acces := str(createService(t, e, validService(other, "ACCÈS LIBRE AUX ORDINATEURS"))["id"])
	_ = str(createService(t, e, validService(other, "Atelier tablette"))["id"])

	for _, c := range []struct {
		path, q, want string
	}{
		{"/api/v1/actors", "médiathèque", media},
		{"/api/v1/actors", "MÉDIATHÈQUE", media},
		{"/api/v1/actors", "Mediatheque", media},
		{"/api/v1/actors", "anne marie", media},
		{"/api/v1/actors", "l'isle", isle},
		{"/api/v1/actors", "d'Espagnac", isle},
		{"/api/v1/actors", "L’ISLE D’ESPAGNAC", isle},
		{"/api/v1/actors", "CŒUR", coeur},
		{"/api/v1/actors", "coeur de", coeur},
		{"/api/v1/services", "accès", acces},
		{"/api/v1/services", "Acces libre", acces},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: c.path + "?name=" + url.QueryEscape(c.q)})
		if r.Code != 200 {
			t.Fatalf("%s?name=%s: %d %s", c.path, c.q, r.Code, r.Body)
		}
		ids := pageIDs(t, r)
		if len(ids) != 1 || ids[0] != c.want {
			t.Errorf("%s?name=%q: %v, want only %s", c.path, c.q, ids, c.want)
		}
	}
	// Punctuation alone folds to nothing: it still finds the names holding it,
	// not every name.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?name=" + url.QueryEscape("’")})
	if ids := pageIDs(t, r); len(ids) != 1 || ids[0] != isle {
		t.Errorf("name=’: %v, want only %s", ids, isle)
	}
}

// pageIDs reads the ids of a list page's data.
func pageIDs(t *testing.T, r *apitest.Response) []string {
	t.Helper()
	var out []string
	for _, it := range r.Map()["data"].([]any) {
		out = append(out, str(it.(obj)["id"]))
	}
	return out
}
