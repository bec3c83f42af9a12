package api_test

import (
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/hsds"
)

// TestServicesPerPlaceBound: a place holds at most models.MaxServicesPerPlace
// services that are not archived, whichever path adds one — a sync batch (an
// import goes the same way), POST /services, restoring a service or the
// place — and each refusal names the place and the bound. A partner had
// synced 10,000 services onto one place (probe 34, findings 2 and 4).
func TestServicesPerPlaceBound(t *testing.T) {
	e := apitest.New(t)
	const max = models.MaxServicesPerPlace
	res := syncActors(t, e, "", partnerActor("p1", "Médiathèque pleine"), partnerActor("p2", "Voisine"))
	place, other := res.Results[0].ID, res.Results[1].ID
	svc := func(i int, actor string) obj {
		return partnerService(fmt.Sprintf("s%d", i), obj{"actor_source_id": actor})
	}
	// One batch of max+2 for the place and one for its neighbour: the
	// batch's own new services count, the last two are refused and the
	// neighbour's is created.
	batch := make([]obj, 0, max+3)
	for i := range max + 2 {
		batch = append(batch, svc(i, "p1"))
	}
	batch = append(batch, svc(max+2, "p2"))
	res = syncServices(t, e, "", batch...)
	if res.Counts["created"] != max+1 || res.Counts["rejected"] != 2 {
		t.Fatalf("sync of %d services on one place: %v", max+2, res.Counts)
	}
	for _, r := range res.Results[max : max+2] {
		if r.Result != "rejected" || len(r.Errors) != 1 || r.Errors[0].Field != "actor_id" ||
			!strings.Contains(r.Errors[0].Reason, place) || !strings.Contains(r.Errors[0].Reason, fmt.Sprint(max)) {
			t.Errorf("record over the bound: %+v", r)
		}
	}
	first := res.Results[0].ID

	refused := func(what string, r *apitest.Response) {
		t.Helper()
		body := r.Body.String()
		if r.Code != 409 || !strings.Contains(body, place) || !strings.Contains(body, fmt.Sprint(max)) || !strings.Contains(body, "Médiathèque pleine") {
			t.Errorf("%s: %d %.400s", what, r.Code, body)
		}
		if f := fields(t, r); len(f) != 1 || f[0] != "actor_id" {
			t.Errorf("%s: fields %v", what, f)
		}
	}
	refused("POST /services", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(place, "Une de trop")}))
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(other, "Chez la voisine")}); r.Code != 201 {
		t.Errorf("another place: %d %s", r.Code, r.Body)
	}

	// Archived services leave room; back from the archive they take it
	// again. The source archives it itself, leaving it out of a snapshot (a person's archive is one a
	// sync never undoes: TestProbe38bM3SyncKeepsAnotherWritersArchive).
	kept := []obj{svc(max+2, "p2")}
	for i := 1; i < max; i++ {
		kept = append(kept, svc(i, "p1"))
	}
	if r := syncServices(t, e, "?mode=snapshot", kept...); r.Counts["archived"] != 1 {
		t.Fatalf("archive by the source's snapshot: %v", r.Counts)
	}
	createService(t, e, validService(place, "À la place de la première"))
	refused("POST /services/{id}/restore", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + first + "/restore", Token: e.Admin}))
	// A sync naming the archived one again brings it back: refused as well.
	again := syncServices(t, e, "", svc(0, "p1"))
	if r := again.Results[0]; r.Result != "rejected" || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Reason, fmt.Sprint(max)) {
		t.Errorf("sync restoring an archived service over the bound: %+v", again.Results)
	}
	// The place archived and restored with its max services: allowed.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + place, Token: e.Admin}); r.Code != 200 && r.Code != 204 {
		t.Fatalf("archive the place: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + place + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore the place: %d %s", r.Code, r.Body)
	}

	// The HSDS organization nests a bounded number of them, full or not;
	// /services?organization_id pages through all.
	for _, q := range []string{"", "?full_service=true"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/organizations/" + place + q})
		var org struct {
			Services []struct{ ID string } `json:"services"`
		}
		r.JSON(&org)
		if r.Code != 200 || len(org.Services) != hsds.MaxNestedServices {
			t.Errorf("organization%s: %d, %d services, want %d", q, r.Code, len(org.Services), hsds.MaxNestedServices)
		}
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/organizations?full_service=true&per_page=200"})
	var orgs struct {
		Contents []struct {
			ID       string
			Services []struct{ ID string } `json:"services"`
		} `json:"contents"`
	}
	r.JSON(&orgs)
	for _, o := range orgs.Contents {
		if len(o.Services) > hsds.MaxNestedServices {
			t.Errorf("organizations list: %s nests %d services", o.ID, len(o.Services))
		}
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?per_page=200&organization_id=" + place})
	var page struct {
		TotalItems int `json:"total_items"`
	}
	r.JSON(&page)
	if r.Code != 200 || page.TotalItems != max { // all back with the place
		t.Errorf("services of the organization: %d, total %d, want %d", r.Code, page.TotalItems, max)
	}
}
