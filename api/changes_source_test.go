package api_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestChangesBySource: a partner follows the change feed of its own source
// only — its places and their services, a service by its actor's source
// when it has none, archives included — paging by links.next, which keeps
// the filter.
func TestChangesBySource(t *testing.T) {
	e := apitest.New(t)
	caf := str(createActor(t, e, merge(validActor("Point CAF"), obj{"source": "caf-13", "source_id": "p1"}))["id"])
	cpam := str(createActor(t, e, merge(validActor("Point CPAM"), obj{"source": "cpam-13", "source_id": "p1"}))["id"])
	none := str(createActor(t, e, validActor("Sans source"))["id"])
	svc := str(createService(t, e, validService(caf, "Aide aux démarches"))["id"]) // no source of its own
	other := str(createService(t, e, validService(cpam, "Atelier"))["id"])
	patch(t, e, "/api/v1/actors/"+none, obj{"summary": "Changé"})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + svc, Token: e.Admin}); r.Code != http.StatusNoContent {
		t.Fatalf("archive: %d", r.Code)
	}
	for _, q := range []string{"source=caf-13", "source=CAF-13", "source=caf-13,autre"} {
		got := map[string]string{} // record → its last entry
		path := "/api/v1/changes?limit=2&" + q
		for pages := 0; path != "" && pages < 20; pages++ {
			r := e.Do(apitest.Request{Method: "GET", Path: path})
			if r.Code != 200 {
				t.Fatalf("%s: %d %s", path, r.Code, r.Body)
			}
			var page struct {
				Data []map[string]any
				Meta struct {
					HasMore bool `json:"has_more"`
				}
				Links struct{ Next string }
			}
			r.JSON(&page)
			for _, d := range page.Data {
				got[recordOf(d)] = str(d["entity"]) + ":" + str(d["op"])
			}
			if !strings.Contains(page.Links.Next, "source=") {
				t.Errorf("links.next loses the filter: %s", page.Links.Next)
			}
			path = ""
			if page.Meta.HasMore {
				path = page.Links.Next
			}
		}
		// Each page shows its records' current state: the service, read
		// on two pages, comes as archived both times; the place, scored
		// again by its service's archiving, last as an update.
		want := map[string]string{caf: "actor:update", svc: "service:archive"}
		if !maps.Equal(got, want) {
			t.Errorf("%s: %v, want %v (cpam %s, other %s, none %s)", q, got, want, cpam, other, none)
		}
	}
	// Without the filter, everything.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=100"}).Map()
	if n := len(r["data"].([]any)); n != 5 {
		t.Errorf("unfiltered: %d entries", n)
	}
}
