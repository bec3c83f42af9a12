package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestImportProducerFormat: the import's answer to a file in a producer's
// own format starts with its diagnosis (it got one « id is required » error
// per row and nothing saying why).
func TestImportProducerFormat(t *testing.T) {
	e := apitest.New(t)
	csv := "Lieu;Adresse postale;Commune;Coord. X\nAbracodabra;8 rue de la Boétie;Bordeaux;44.8\n"
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/gironde/import?dry_run=true", Token: e.Admin, Body: csv, ContentType: "text/csv"})
	var rep struct {
		Issues []struct {
			Row    int
			Reason string
		}
		Diagnosis *struct {
			Summary      string
			Missing      []string
			IDs          string
			Unrecognised []struct{ Column, Closest string }
		}
	}
	r.JSON(&rep)
	if r.Code != 200 || rep.Diagnosis == nil {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	if d := rep.Diagnosis; strings.Join(d.Missing, ",") != "id,nom,code_postal" || d.IDs != "derived" || len(d.Unrecognised) != 2 ||
		d.Unrecognised[1].Column != "Lieu" || d.Unrecognised[1].Closest != "nom" {
		t.Errorf("diagnosis %+v", d)
	}
	if len(rep.Issues) == 0 || rep.Issues[0].Row != 0 || rep.Issues[0].Reason != rep.Diagnosis.Summary {
		t.Errorf("the first issue is not the diagnosis: %s", r.Body)
	}
}
