package api_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// A leading « - » runs a list's order backwards (-updated_at: the last
// changed first, what a coordinator or a map refreshing its cache asks
// for): pages cut by the same cursors, every record once, exactly the
// reverse of the forward order.
func TestListsSortBackwards(t *testing.T) {
	e := apitest.New(t)
	names := []string{"Bus numérique", "atelier Carsat", "Épicerie solidaire", "Zone libre", "médiathèque", "Centre social", "Atelier bis"}
	var ids []string
	for _, n := range names {
		a := createActor(t, e, validActor(n))
		ids = append(ids, a["id"].(string))
		createService(t, e, validService(a["id"].(string), "Aide "+n))
	}
	// A change moves the first actor to the end of updated_at.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + ids[0], Token: e.Admin, Body: obj{"summary": "Permanences le mardi"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	walk := func(path string) []string { t.Helper(); return walkIDs(t, e, path) }
	for _, list := range []string{"/api/v1/actors", "/api/v1/services"} {
		for _, key := range []string{"id", "name", "updated_at"} {
			forward := walk(fmt.Sprintf("%s?sort=%s&limit=2", list, key))
			backward := walk(fmt.Sprintf("%s?sort=-%s&limit=2", list, key))
			if len(forward) != len(names) {
				t.Fatalf("%s sort=%s: %d records, want %d", list, key, len(forward), len(names))
			}
			slices.Reverse(backward)
			if !slices.Equal(forward, backward) {
				t.Errorf("%s: sort=-%s is not the reverse of sort=%s", list, key, key)
			}
		}
	}
	if got := walk("/api/v1/actors?sort=-updated_at&limit=1")[0]; got != ids[0] {
		t.Errorf("-updated_at: %s first, want the actor just changed", got)
	}
	// A cursor keeps its direction.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=-name&limit=1"})
	next := r.Map()["meta"].(obj)["next_cursor"].(string)
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=name&limit=1&cursor=" + url.QueryEscape(next)})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "another sort order") {
		t.Errorf("a backwards cursor read forwards: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=--name"}); r.Code != 400 {
		t.Errorf("sort=--name: %d", r.Code)
	}
}

// walkIDs follows a list's next links from path and returns the ids of
// every page, in order.
func walkIDs(t *testing.T, e *apitest.Env, path string) []string {
	t.Helper()
	var out []string
	for next := path; next != ""; {
		r := e.Do(apitest.Request{Method: "GET", Path: next})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", next, r.Code, r.Body)
		}
		m := r.Map()
		for _, d := range m["data"].([]any) {
			out = append(out, d.(obj)["id"].(string))
		}
		next, _ = m["links"].(obj)["next"].(string)
	}
	return out
}
