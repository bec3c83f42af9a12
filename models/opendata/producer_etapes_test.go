package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// etapes2023Rows are rows 1, 2 and 5 of La Poste's « Étapes numériques »
// list as mednum-cli published it from May 2023 to May 2024
// (anct-cartographie-nationale/mednum-cli, commit 623eaad,
// assets/input/etapes-numerique/etapes-numerique.json, blob 9403cf0).
const etapes2023Rows = `[
{"Département": 1, "Site": "BOURG EN BRESSE MAGINOT BP", "Code régate": 19290, "Adresse": "45 AVENUE MAGINOT---01000-BOURG EN BRESSE", "Superficie": "23m²", "Présence d’un CN": "Non", "Statut de déploiement au 07/04/2023": "Terminé", "latitude": 46.211746, "longitude": 5.227431, "result_label": "avenue andre maginot 01000 Bourg-en-Bresse", "result_score": 0.8235039112050739, "result_score_next": "", "result_type": "street", "result_id": "01053_2420", "result_housenumber": "", "result_name": "avenue andre maginot", "result_street": "avenue andre maginot", "result_postcode": "01000", "result_city": "Bourg-en-Bresse", "result_context": "01, Ain, Auvergne-Rhône-Alpes", "result_citycode": "01053", "result_oldcitycode": "", "result_oldcity": "", "result_district": "", "result_status": "ok"},
{"Département": 2, "Site": "Chauny", "Code régate": 21730, "Adresse": "26 BD GAMBETTA---02300-CHAUNY", "Superficie": "20m²", "Présence d’un CN": "Non", "Statut de déploiement au 07/04/2023": "En cours", "latitude": 49.614419, "longitude": 3.220858, "result_label": "26 Boulevard Gambetta 02300 Chauny", "result_score": 0.726583743315508, "result_score_next": "", "result_type": "housenumber", "result_id": "02173_0570_00026", "result_housenumber": 26, "result_name": "26 Boulevard Gambetta", "result_street": "Boulevard Gambetta", "result_postcode": "02300", "result_city": "Chauny", "result_context": "02, Aisne, Hauts-de-France", "result_citycode": "02173", "result_oldcitycode": "", "result_oldcity": "", "result_district": "", "result_status": "ok"},
{"Département": 6, "Site": "NICE WILSON", "Code régate": 69350, "Adresse": "18 RUE HOTEL DES POSTES---06000-NICE", "Superficie": "37 m2", "Présence d’un CN": "oui", "Statut de déploiement au 07/04/2023": "Terminé", "latitude": 43.700771, "longitude": 7.274136, "result_label": "18 Rue de l'Hôtel des Postes 06000 Nice", "result_score": 0.858580956937799, "result_score_next": "", "result_type": "housenumber", "result_id": "06088_3255_00018", "result_housenumber": 18, "result_name": "18 Rue de l'Hôtel des Postes", "result_street": "Rue de l'Hôtel des Postes", "result_postcode": "06000", "result_city": "Nice", "result_context": "06, Alpes-Maritimes, Provence-Alpes-Côte d'Azur", "result_citycode": "06088", "result_oldcitycode": "", "result_oldcity": "", "result_district": "", "result_status": "ok"}
]`

// TestImportEtapesNumeriques2023Format: La Poste's first published list
// names each post office « Site », its commune and postal code in the
// geocoder's columns; read as a file of no known format, its 95 places
// were all refused (« nom is required », sweep48). Its mapping gives every
// place internet access and equipment, and help where a Conseiller
// numérique is present; the département it reads as the id is no id.
func TestImportEtapesNumeriques2023Format(t *testing.T) {
	s := openStore(t)
	rep := importBytes(t, s, []byte(etapes2023Rows), opendata.ImportOptions{Source: "etapes"})
	if rep.Producer == nil || rep.Producer.Name != "etapes-numerique-2023" {
		t.Fatalf("format not recognised: %+v %+v", rep.Producer, rep.Diagnosis)
	}
	if rep.Rejected != 0 || rep.Services[models.SyncCreated] != 3 {
		t.Fatalf("rejected %d, offers created %d of 3: %+v", rep.Rejected, rep.Services[models.SyncCreated], rep.Issues)
	}
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, "standard-csv", &out, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("export: %d records, %v", len(recs), err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	ids := map[string]bool{}
	for _, r := range recs[1:] {
		get := func(c string) string { return r[col[c]] }
		ids[get("id")] = true
		if !strings.Contains(get("services"), "Accès internet et matériel informatique") {
			t.Errorf("%s: services %q", get("nom"), get("services"))
		}
		if strings.Contains(get("adresse"), "---") {
			t.Errorf("%s: adresse %q keeps the postal code and commune", get("nom"), get("adresse"))
		}
		if cn := get("nom") == "NICE WILSON"; cn != (get("modalites_accompagnement") != "") {
			t.Errorf("%s: modalites_accompagnement %q (a Conseiller numérique: %v)", get("nom"), get("modalites_accompagnement"), cn)
		}
	}
	if len(ids) != 3 || ids["1"] || ids["2"] || ids["6"] {
		t.Errorf("ids %v: the département is no id", ids)
	}
}

// TestAddressEndingWithPostalCodeDashCity: La Poste writes a post office's
// address « 26 BD GAMBETTA---02300-CHAUNY », its postal code and commune
// joined to the street and to each other by dashes (etapes2023Rows): a
// file of the standard with that line beside code_postal 02300 and
// commune Chauny kept them in the street, as it does not for « … 02300
// CHAUNY » (streetRepeatsCity).
func TestAddressEndingWithPostalCodeDashCity(t *testing.T) {
	s := openStore(t)
	csv := "id;nom;adresse;code_postal;commune;services\n" +
		"p1;Chauny;26 BD GAMBETTA---02300-CHAUNY;02300;Chauny;Accès internet et matériel informatique\n" +
		"p2;Bourg;45 AVENUE MAGINOT - 01000 - BOURG EN BRESSE;01000;Bourg-en-Bresse;Accès internet et matériel informatique\n"
	importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "std"})
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, "standard-csv", &out, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{",26 BD GAMBETTA,", ",45 AVENUE MAGINOT,"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no street %s in:\n%s", want, out.String())
		}
	}
}
