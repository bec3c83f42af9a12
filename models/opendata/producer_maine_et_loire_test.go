package opendata_test

import (
	"strings"
	"testing"

	"carnet/models"
)

// maineEtLoire2023Rows are the first three rows of the Maine-et-Loire file
// the ANCT's mednum-cli read from the département's API in May 2023
// (anct-cartographie-nationale/mednum-cli, commit 14a1d00,
// assets/input/maine-et-loire/maine-et-loire.json, blob 580b13a; the same
// rows in assets/input/lieux-de-mediation-numerique-en-maine-et-loire.json,
// blob b700a9f), as published.
const maineEtLoire2023Rows = `[
{"Geo Point": "47.29212184845607,0.02176010906045345", "Geo Shape": "{\"coordinates\": [0.021760109060453, 47.29212184845607], \"type\": \"Point\"}", "ID": "LMN266", "Date_maj": "2021-06-10", "JT_Accueil": "oui", "Nom": "France Services d'Allonnes", "Catégorie": "France Services", "Numéro": 31, "Adresse": "rue Jean Gallart", "CP": 49650, "Commune": "Allonnes", "Téléphone": "02 52 60 09 65", "Courriel": "mfs@allonnes-49.fr", "Accès internet": "Oui", "Démarches générales": "Oui", "JT_EPCI": "CA Saumur Val de Loire"},
{"Geo Point": "47.46853195933667,-0.5972940587547911", "Geo Shape": "{\"coordinates\": [-0.597294058754791, 47.46853195933667], \"type\": \"Point\"}", "ID": "LMN029", "Date_maj": "2021-02-16", "JT_Accueil": "oui", "Nom": "Bibliothèque Lac de Maine", "Catégorie": "Bibliothèque - Médiathèque", "Adresse": "Place Guy Riobé", "CP": 49100, "Commune": "Angers", "Téléphone": "02 41 48 05 43", "Site web": "http://bm.angers.fr/bibliotheques-ludotheques/bibliotheque-du-lac-de-maine/index.html", "JT_MAT_Wif": "Wifi", "JT_MAT_Imp": "Oui", "JT_RH_Sala": "Salarié", "Accès internet": "Oui", "JT_PBC_Tou": "Tous", "JT_EPCI": "CU Angers Loire Métropole"},
{"Geo Point": "47.4450004143266,-0.5638437461930164", "Geo Shape": "{\"coordinates\": [-0.563843746193016, 47.4450004143266], \"type\": \"Point\"}", "ID": "LMN051", "Date_maj": "2020-09-12", "JT_Accueil": "oui", "Nom": "Centre Jean Vilar", "Catégorie": "Centre Social", "Numéro": "1 bis", "Adresse": "rue Henri-Bergson", "CP": 49000, "Commune": "Angers", "Téléphone": "02 41 68 92 50", "Courriel": "centre.jean-vilar@ville.angers.fr", "Site web": "http://www.angers.fr/vivre-a-angers/quartiers/roseraie/centre-jean-vilar/index.html", "JT_RH_Sala": "Salarié", "Accès internet": "Oui", "Démarches générales": "Oui", "Initiation aux outils numériques": "Oui", "JT_PBC_Tou": "Tous", "JT_EPCI": "CU Angers Loire Métropole"}
]`

// TestImportMaineEtLoire2023Format: the département's earlier file (its API,
// as mednum-cli read it in 2023, with the mapping of that commit) names
// each place's offers in columns of its own (« Accès internet »,
// « Démarches générales », « Initiation aux outils numériques »,
// « JT_MAT_* »). Read as a file of no known format, its 235 places were all
// stored without an offer, and no row said so (sweep48). It is read by that
// mapping: every place keeps its offers.
func TestImportMaineEtLoire2023Format(t *testing.T) {
	rep, rows := exportedRows(t, maineEtLoire2023Rows, "mel")
	if rep.Producer == nil || rep.Producer.Name != "maine-et-loire-2023" {
		t.Fatalf("format not recognised: %+v %+v", rep.Producer, rep.Diagnosis)
	}
	if rep.Rejected != 0 || rep.Services[models.SyncCreated] != 3 {
		t.Fatalf("rejected %d, offers created %d of 3: %+v", rep.Rejected, rep.Services[models.SyncCreated], rep.Issues)
	}
	for _, want := range []struct{ field, how, rows string }{
		{"latitude", "« Geo Point »", "1-3"},
		{"longitude", "« Geo Point »", "1-3"},
		{"adresse", "« Numéro »", "1, 3"},
		{"typologie", "« Catégorie »", "2-3"},
	} {
		if r := readingOf(rep, want.field, want.how); r == nil || r.Rows != want.rows {
			t.Errorf("reading %s %s: %+v, want rows %s (readings %+v)", want.field, want.how, r, want.rows, rep.Readings)
		}
	}
	for id, want := range map[string][]string{
		"LMN266": {"Aide aux démarches administratives", "31 rue Jean Gallart", "47.29", "0.02"},
		"LMN029": {"Accès internet et matériel informatique", "Place Guy Riobé", "47.46", "-0.59"},
		"LMN051": {"Maîtrise des outils numériques du quotidien", "1 bis rue Henri-Bergson", "47.44", "-0.56"},
	} {
		row := rows[id]
		for i, col := range []string{"services", "adresse", "latitude", "longitude"} {
			if !strings.Contains(row[col], want[i]) {
				t.Errorf("%s: %s %q, want it to hold %q", id, col, row[col], want[i])
			}
		}
	}
}
