package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestImportOfferColumnsOverHTTP: the API's import reads a file whose
// offers are one yes/no column per offer, named after it, as the command
// does (one mapping, models/opendata): each place has the offers its cells
// say yes to, dry run or not, and the report says how.
func TestImportOfferColumnsOverHTTP(t *testing.T) {
	e := apitest.New(t)
	csv := "id,nom,commune,code_postal,adresse,date_maj,Prendre en main un ordinateur,Aide aux démarches administratives\n" +
		"o1,Mairie,Angoulême,16000,1 place de l'Hôtel de ville,2023-04-01,oui,non\n" +
		"o2,Médiathèque,Angoulême,16000,2 rue de la Cloche verte,2023-04-01,x,x\n"
	for _, path := range []string{"/api/v1/sync/offers/import?dry_run=true", "/api/v1/sync/offers/import"} {
		r := e.Do(apitest.Request{Method: "POST", Path: path, Token: e.Admin, Body: csv, ContentType: "text/csv"})
		var rep struct {
			Rejected int
			Services map[string]int
			Readings []struct{ Field, How, Rows string }
		}
		r.JSON(&rep)
		if r.Code != 200 || rep.Rejected != 0 || rep.Services["created"] != 2 {
			t.Fatalf("%s: %d %s", path, r.Code, r.Body)
		}
		read := false
		for _, x := range rep.Readings {
			read = read || x.Field == "services" && x.Rows == "1-2"
		}
		if !read {
			t.Errorf("%s: no reading of the services: %s", path, r.Body)
		}
	}
}
