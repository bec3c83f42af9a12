package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// RhinOcc's 2022 file (Occitanie's hub, multi-coop/data-rhinocc-inclusion,
// csv/geocoding/rhinocc-inclusion-dataset-geocoded.csv): its offers are
// codes of its own columns (« type_mediation_1 »… « ORDM »), read by the
// ANCT's first mapping of that file. Before its table, the file's 793
// places were stored with no offer.

// TestImportRhinOcc2022Format: a few invented rows in the hub's columns.
func TestImportRhinOcc2022Format(t *testing.T) {
	head := "n_ref,departement,ville,nom,structure_porteuse,code_postal,adresse,adresse_suite,adresse_full,tel_structure,email_structure,site_internet," +
		"lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche,date_maj,public_toutes_actions,conditions_acces_toutes_actions," +
		"type_mediation_1,public_si_different_1,type_mediation_2,type_mediation_3,code_label,wifi,codes_types_mediations,codes_publics,lat,lon,BAN_latitude,BAN_longitude,BAN_postcode\n"
	file := head +
		"Ref_0001,11,Alzonne,FEP Médiathèque,Carcassonne Agglo,11170,Parc municipal,,Parc municipal 11170 Alzonne,04 68 76 33 02,fep@example.fr,," +
		"Fermé,14h-18h,10h-12h30 / 14h-18h,Fermé,,,,Octobre 2020,TP,Gratuit;Sans Rendez-Vous," +
		"ORD,,,,MFS,oui,ORD,TP,43.25,2.17,43.25,2.17,11170\n" +
		// Offers only in codes_types_mediations, coordinates only from
		// the BAN geocoder, a spreadsheet's month « juil-22 ».
		"Ref_0002,31,Toulouse,Maison des Essais,,,8 bis avenue du Parc,,8 bis avenue du Parc Toulouse,,,," +
		",,,,,,,juil-22,,," +
		",,,,TL-APTIC,,ACCDA-ACCDS-COMP,J,,,43.6,1.45,31500\n" +
		// FL and W: codes the mapping gives no service (Carnet's reading).
		"Ref_0003,32,Auch,Fablab des Essais,,32000,1 rue des Essais,,1 rue des Essais 32000 Auch,,,," +
		",,,,,,,Decembre 2019,,Payant," +
		"FL,,W,,,,FL-W,,43.64,0.58,43.64,0.58,32000\n"
	rep := checkHubImport(t, file, "rhinocc", "rhinocc-2022", map[string]hubPlace{
		"Ref_0001": {themes: []string{"Accès internet et matériel informatique", "Maîtrise des outils numériques du quotidien"},
			modes: []string{"En autonomie"}, email: "fep@example.fr", phone: "+33468763302",
			date: "2020-10-01", hours: "Tu 14:00-18:00; We 10:00-12:30,14:00-18:00"},
		"Ref_0002": {themes: []string{"Aide aux démarches administratives", "Compréhension du monde numérique", "Loisirs et créations numériques",
			"Maîtrise des outils numériques du quotidien"}, date: "2022-07-01", other: "APTIC"},
		"Ref_0003": {themes: []string{"Loisirs et créations numériques", "Accès internet et matériel informatique"}, date: "2019-12-01"},
	})
	if !slices.Contains(rep.Producer.Columns, opendata.ProducerColumn{Column: "n_ref", ReadAs: "id", CarnetReading: true}) ||
		!slices.Contains(rep.Producer.Columns, opendata.ProducerColumn{Column: "nom", ReadAs: "nom"}) {
		t.Errorf("columns not said whose reading: %+v", rep.Producer.Columns)
	}
	if rep.Producer.Mapping == "" || !strings.Contains(rep.Producer.Mapping, "0c85e11") {
		t.Errorf("mapping not cited: %q", rep.Producer.Mapping)
	}
	for _, c := range []struct{ field, how string }{
		{"services", "type_mediation_1"},
		{"latitude", "BAN_latitude"},
		{"code_postal", "BAN_postcode"},
		{"date_maj", "month"},
	} {
		if readingOf(rep, c.field, c.how) == nil {
			t.Errorf("no reading of %s saying %q: %+v", c.field, c.how, rep.Readings)
		}
	}
}

// TestImportRhinOcc2022File: every row of the hub's real file that names
// an offer (a code in type_mediation_1…5 or codes_types_mediations) and is
// stored is stored with its offer, and the report says the format was read
// by the ANCT's mapping. The file is not beside the repository (see
// testdata/duplicates-rhinocc-2022.md for where to fetch it):
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestImportRhinOcc2022File -v ./models/opendata
func TestImportRhinOcc2022File(t *testing.T) {
	b := extraFiles(t, "rhinocc.csv", "testdata/duplicates-rhinocc-2022.md")("rhinocc.csv")
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "rhinocc"})
	if rep.Producer == nil || rep.Producer.Name != "rhinocc-2022" {
		t.Fatalf("format not recognised: %+v", rep.Producer)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	stored := map[string]bool{}
	for _, a := range allActors(t, s) {
		stored[a.SourceID] = true
	}
	offers := offersBySourceID(t, s, "rhinocc")
	naming, without := 0, 0
	for _, r := range rows[1:] {
		codes := r[col["codes_types_mediations"]]
		for i := 1; i <= 5; i++ {
			codes += r[col["type_mediation_"+string(rune('0'+i))]]
		}
		id := r[col["n_ref"]]
		if strings.TrimSpace(codes) == "" || !stored[id] {
			continue
		}
		naming++
		if len(offers[id+opendata.OfferSuffix]) == 0 {
			without++
			t.Errorf("%s names offers (%q) but is stored without", id, codes)
		}
	}
	t.Logf("%d stored, %d rejected; %d stored rows name offers, %d stored without", rep.Rows-rep.Rejected, rep.Rejected, naming, without)
}

// offersBySourceID lists the themes of every offer of source, by the
// offer's id in the producer's file.
func offersBySourceID(t *testing.T, s *models.Store, source string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	f := models.ServiceFilter{Sources: []string{source}, IncludeArchived: true, ListParams: models.ListParams{Limit: models.MaxLimit}}
	for {
		page, err := s.ListServices(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sv := range page.Items {
			out[sv.SourceID] = sv.Themes
		}
		if page.NextCursor == "" {
			return out
		}
		f.ListParams.Cursor = page.NextCursor
	}
}

// TestImportOffersTheMappingMisses: a row that names its offers where the
// ANCT's mapping does not look for them keeps them, and the report says
// the reading is Carnet's. Gironde's « services » column holds four
// choices of a form, two of which the mapping looks for in other columns.
func TestImportOffersTheMappingMisses(t *testing.T) {
	csv := "Dernière MAJ;Lieu;Type Structure;Commune;Adresse postale;Coord. X;Coord. Y;services;equipements\n" +
		"07/12/2021;Maison des Essais;Association;Bordeaux;8 rue des Essais - 33000 Bordeaux;44.8395;-0.5802;Accès à Internet en autonomie / Etre initié aux outils numériques;\n" +
		"07/12/2021;Centre des Essais;Association;Bordeaux;9 rue des Essais - 33000 Bordeaux;44.8395;-0.5802;Etre accompagné dans ses démarches administratives;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "gironde"})
	if rep.Producer == nil || rep.Producer.Name != "gironde" || rep.Rejected != 0 {
		t.Fatalf("format %+v, rejected %d: %+v", rep.Producer, rep.Rejected, rep.Issues)
	}
	offers := offersBySourceID(t, s, "gironde")
	want := map[string][]string{
		"Maison des Essais": {"Accès internet et matériel informatique", "Maîtrise des outils numériques du quotidien"},
		"Centre des Essais": {"Aide aux démarches administratives"},
	}
	for _, a := range allActors(t, s) {
		if got := offers[a.SourceID+opendata.OfferSuffix]; !sameSet(got, want[a.Name]) {
			t.Errorf("%s: services %v, want %v", a.Name, got, want[a.Name])
		}
	}
	if r := readingOf(rep, "services", "« services » by Carnet's reading"); r == nil || r.Rows != "1" {
		t.Errorf("row 1's services not said to be Carnet's reading: %+v", rep.Readings)
	}
}
