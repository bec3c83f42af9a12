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

// TestImportRecognisedProducerFormats: files in the formats Carnet reads by
// the ANCT's mappings (Gironde, France Services, Aidants Connect) answer 200
// with the format named and their rows stored (dry run), never a 500.
func TestImportRecognisedProducerFormats(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct {
		name, body, contentType, format string
		rejected                        int
	}{
		{"gironde", "Dernière MAJ;Lieu;Type Structure;Commune;Adresse postale;Coord. X;Coord. Y;services\n" +
			"07/12/2021;Abracodabra;Association;Bordeaux;8 rue de la Boétie - 33000 Bordeaux;44.8395;-0.5802;Accès libre\n", "text/csv", "gironde", 0},
		{"france-services", "id_fs,lib_fs,adresse,code_postal,lib_com,h_lundi,labellisation\n" +
			"1,France services de Valserhône,5-9 Rue des Papetiers,01200,Valserhône,09:00 - 12:00 / 13:30 - 17:00,Espace labellisé 01/01/2020\n", "text/csv", "france-services", 0},
		{"aidants-connect", `[{"Data pass ID":"1","Name":"Mairie de Laon","Adresse":"1 place B","Code postal":2000,"Nombre de mandats":"1","commune":""},` +
			`{"Data pass ID":"2","Name":"Médiathèque","Adresse":"2 rue C","Code postal":2000,"Nombre de mandats":"1","commune":""}]`, "application/json", "aidants-connect", 1},
		{"hostile", "Lieu;Adresse postale;Coord. X;Coord. Y;Type Structure\n\u202e;- 99999 ;;x;\n", "text/csv", "gironde", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/x/import?dry_run=true", Token: e.Admin, Body: c.body, ContentType: c.contentType})
			var rep struct {
				Rejected       int
				ProducerFormat *struct{ Name, Mapping string } `json:"producer_format"`
			}
			r.JSON(&rep)
			if r.Code != 200 || rep.ProducerFormat == nil || rep.ProducerFormat.Name != c.format || rep.Rejected != c.rejected {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		})
	}
}
