package opendata_test

import (
	"strings"
	"testing"

	"carnet/models"
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
	rep, rows := exportedRows(t, etapes2023Rows, "etapes")
	if rep.Producer == nil || rep.Producer.Name != "etapes-numerique-2023" {
		t.Fatalf("format not recognised: %+v %+v", rep.Producer, rep.Diagnosis)
	}
	if rep.Rejected != 0 || rep.Services[models.SyncCreated] != 3 || len(rows) != 3 {
		t.Fatalf("rejected %d, offers created %d of 3, ids %d (the département is no id): %+v", rep.Rejected, rep.Services[models.SyncCreated], len(rows), rep.Issues)
	}
	for id, row := range rows {
		if id == "1" || id == "2" || id == "6" {
			t.Errorf("id %s: the département is no id", id)
		}
		if !strings.Contains(row["services"], "Accès internet et matériel informatique") {
			t.Errorf("%s: services %q", row["nom"], row["services"])
		}
		if strings.Contains(row["adresse"], "---") {
			t.Errorf("%s: adresse %q keeps the postal code and commune", row["nom"], row["adresse"])
		}
		if cn := row["nom"] == "NICE WILSON"; cn != (row["modalites_accompagnement"] != "") {
			t.Errorf("%s: modalites_accompagnement %q (a Conseiller numérique: %v)", row["nom"], row["modalites_accompagnement"], cn)
		}
	}
}

// TestAddressEndingWithPostalCodeDashCity: La Poste writes a post office's
// address « 26 BD GAMBETTA---02300-CHAUNY », its postal code and commune
// joined to the street and to each other by dashes (etapes2023Rows): a
// file of the standard with that line beside code_postal 02300 and
// commune Chauny kept them in the street, as it does not for « … 02300
// CHAUNY » (streetRepeatsCity).
func TestAddressEndingWithPostalCodeDashCity(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services\n" +
		"p1;Chauny;26 BD GAMBETTA---02300-CHAUNY;02300;Chauny;Accès internet et matériel informatique\n" +
		"p2;Bourg;45 AVENUE MAGINOT - 01000 - BOURG EN BRESSE;01000;Bourg-en-Bresse;Accès internet et matériel informatique\n"
	_, rows := exportedRows(t, csv, "std")
	for id, want := range map[string]string{"p1": "26 BD GAMBETTA", "p2": "45 AVENUE MAGINOT"} {
		if got := rows[id]["adresse"]; got != want {
			t.Errorf("%s: adresse %q, want %q", id, got, want)
		}
	}
}
