package api_test

import (
	"context"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/modeltest"
)

// TestHSDSConformanceRealFiles imports each real file the other tests read
// (modeltest.ReferenceFiles: the two files of the standard, the national
// Conseillers numériques file and, when CARNET_EXTRA_REFERENCE is set, the
// producers' files of that directory) into an empty directory and walks
// the validator of TestHSDSConformancePACA over its HSDS view: every page
// of each list (minimal and fully nested services, services at location
// and organizations), every item against the HSDS 3.0 and UK schemas and
// the UK profile's checks, and 10 ids of each by id. A file the importer
// cannot read as places is logged and skipped. Under the race detector,
// which slows imports and walks about fourfold, each list is walked as the
// UK validator does (pages 1, middle and last, 50 items a page) and the
// national file is left out (its import alone would double the test's
// time): the race detector looks for races, which a sample finds as well.
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -count=1 -run TestHSDSConformanceRealFiles -v ./api/
func TestHSDSConformanceRealFiles(t *testing.T) {
	files, note := modeltest.ReferenceFiles("../../shared/reference")
	if note != "" {
		t.Log(note)
	}
	var schemas *hsdsValidator // compiled once, shared by the files
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			if raceEnabled && f.Large {
				t.Skipf("%s: its import alone takes longer than the whole walk of the other files under the race detector; it is walked without it", f.Name)
			}
			e := apitest.New(t)
			rep, err := modeltest.LoadStandardFile(context.Background(), e.Store, f.Path)
			if err != nil || rep.Loaded == 0 {
				t.Skipf("%s is not read as places (%v, %d loaded): skipped", f.Name, err, rep.Loaded)
			}
			if schemas == nil {
				schemas = newHSDSValidator(t, e)
			}
			v := schemas.on(t, e)
			v.root()
			served := map[string]int{}
			for _, l := range []struct {
				ep    hsdsEndpoint
				query string
			}{
				{hsdsServices, ""},
				{hsdsFullServices, "full=true&"},
				{hsdsServicesAtLocation, ""},
				{hsdsFullServicesAtLocation, "full=true&"},
				{hsdsOrganizations, ""},
				{hsdsFullOrganizations, "full_service=true&"},
			} {
				if raceEnabled {
					served[l.ep.path] = v.list(l.ep, l.query+"per_page=50")
					continue
				}
				ids := v.pages(l.ep, l.query+"per_page=200")
				served[l.ep.path] = len(ids)
				v.byIDs(l.ep, v.sample(ids))
			}
			// Every place of the file is served, as an organization with its
			// location, and every offer as a service at that location: a place
			// without an offer (files that list places only) is an
			// organization without services.
			ctx := context.Background()
			actors, err := e.Store.ListActors(ctx, models.ActorFilter{ListParams: models.ListParams{Limit: 1}})
			if err != nil {
				t.Fatal(err)
			}
			offers, err := e.Store.ListServices(ctx, models.ServiceFilter{ListParams: models.ListParams{Limit: 1}})
			if err != nil {
				t.Fatal(err)
			}
			if served["/organizations"] != int(actors.Total) || served["/services"] != int(offers.Total) || served["/service_at_locations"] != int(offers.Total) {
				t.Errorf("served %v; the directory holds %d places and %d offers", served, actors.Total, offers.Total)
			}
			t.Logf("%d places loaded; %d services, %d services at location, %d organizations; %d answers, %d HSDS objects",
				rep.Loaded, served["/services"], served["/service_at_locations"], served["/organizations"], v.responses, v.objects)
		})
	}
}
