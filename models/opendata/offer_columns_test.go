package opendata_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// charenteRows are the first four places of the Charente file the
// Cartographie nationale published (anct-cartographie-nationale/
// client-application, commit cf77ffe, 2023-07-11, src/assets/data/
// 20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json,
// blob 0371c12), in its columns, their services as published (v0.1's labels
// joined with « ; »).
const charenteRows = `id,nom,pivot,commune,code_postal,adresse,latitude,longitude,date_maj,services
mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique,Médiathèque chateaubernard,00000000000000,CHÂTEAUBERNARD,16100,allée des justes de France,45.681367,-0.331217,2023-02-22,Prendre en main un smartphone ou une tablette;Prendre en main un ordinateur;Utiliser le numérique au quotidien;Approfondir ma culture numérique
mediation-numerique-conseiller-numerique-63d2a359e6d6a806f2564712-mediation-numerique,COMMUNAUTE DE COMMUNES DE JARNAC,24160054300128,JARNAC,16200,1 Rue du Port,45.679663,-0.175756,2023-01-26,Prendre en main un smartphone ou une tablette;Prendre en main un ordinateur;Utiliser le numérique au quotidien;Approfondir ma culture numérique
mediation-numerique-conseiller-numerique-63e363ce05dd9706f1f2eaa9-mediation-numerique,JEUNESSE ASSOCIATION DE BAIL-AIR,85140647000019,ANGOULÊME,16000,Place Henri Chamarre,45.653971,0.173162,2023-02-08,Prendre en main un smartphone ou une tablette;Prendre en main un ordinateur;Utiliser le numérique au quotidien;Approfondir ma culture numérique
mediation-numerique-aidants-connect-3303-mediation-numerique,CTAS Bordeaux - AASG ANGOULEME,13001840100013,Angoulême,16000,Caserne Adj Levasseur - 2 boulevard de l'artillerie,45.65831,0.173646,2023-04-01,Devenir autonome dans les démarches administratives;Réaliser des démarches administratives avec un accompagnement;Accompagner les démarches de santé
`

// charenteOfferColumns are the same four places with their offers written
// one column per offer, named after it, as some producers publish them (no
// published file of exactly that shape was found in the stored corpora:
// Maine-et-Loire's 2023 API, mednum-cli 14a1d00, names its yes/no columns
// « Accès internet », « Démarches générales », which are no offer of the
// standard and its own format reads). Each row says yes and no in another of
// the ways producers write them: oui/non, x and empty, 1/0, Vrai/Faux.
const charenteOfferColumns = `id,nom,pivot,commune,code_postal,adresse,latitude,longitude,date_maj,Prendre en main un smartphone ou une tablette,Prendre en main un ordinateur,Utiliser le numérique au quotidien,Approfondir ma culture numérique,Devenir autonome dans les démarches administratives,Réaliser des démarches administratives avec un accompagnement,Accompagner les démarches de santé
mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique,Médiathèque chateaubernard,00000000000000,CHÂTEAUBERNARD,16100,allée des justes de France,45.681367,-0.331217,2023-02-22,oui,Oui,OUI,oui,non,non,non
mediation-numerique-conseiller-numerique-63d2a359e6d6a806f2564712-mediation-numerique,COMMUNAUTE DE COMMUNES DE JARNAC,24160054300128,JARNAC,16200,1 Rue du Port,45.679663,-0.175756,2023-01-26,x,x,X,x,,,
mediation-numerique-conseiller-numerique-63e363ce05dd9706f1f2eaa9-mediation-numerique,JEUNESSE ASSOCIATION DE BAIL-AIR,85140647000019,ANGOULÊME,16000,Place Henri Chamarre,45.653971,0.173162,2023-02-08,1,1,1,1,0,0,0
mediation-numerique-aidants-connect-3303-mediation-numerique,CTAS Bordeaux - AASG ANGOULEME,13001840100013,Angoulême,16000,Caserne Adj Levasseur - 2 boulevard de l'artillerie,45.65831,0.173646,2023-04-01,Faux,Faux,Faux,Faux,Vrai,Vrai,Vrai
`

// charenteOfferColumnsJSON are the same places in JSON, the columns'
// cells JSON booleans.
const charenteOfferColumnsJSON = `[
{"id": "mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique", "nom": "Médiathèque chateaubernard", "pivot": "00000000000000", "commune": "CHÂTEAUBERNARD", "code_postal": "16100", "adresse": "allée des justes de France", "latitude": 45.681367, "longitude": -0.331217, "date_maj": "2023-02-22", "Prendre en main un smartphone ou une tablette": true, "Prendre en main un ordinateur": true, "Utiliser le numérique au quotidien": true, "Approfondir ma culture numérique": true, "Devenir autonome dans les démarches administratives": false, "Réaliser des démarches administratives avec un accompagnement": false, "Accompagner les démarches de santé": false},
{"id": "mediation-numerique-conseiller-numerique-63d2a359e6d6a806f2564712-mediation-numerique", "nom": "COMMUNAUTE DE COMMUNES DE JARNAC", "pivot": "24160054300128", "commune": "JARNAC", "code_postal": "16200", "adresse": "1 Rue du Port", "latitude": 45.679663, "longitude": -0.175756, "date_maj": "2023-01-26", "Prendre en main un smartphone ou une tablette": true, "Prendre en main un ordinateur": true, "Utiliser le numérique au quotidien": true, "Approfondir ma culture numérique": true},
{"id": "mediation-numerique-conseiller-numerique-63e363ce05dd9706f1f2eaa9-mediation-numerique", "nom": "JEUNESSE ASSOCIATION DE BAIL-AIR", "pivot": "85140647000019", "commune": "ANGOULÊME", "code_postal": "16000", "adresse": "Place Henri Chamarre", "latitude": 45.653971, "longitude": 0.173162, "date_maj": "2023-02-08", "Prendre en main un smartphone ou une tablette": 1, "Prendre en main un ordinateur": 1, "Utiliser le numérique au quotidien": 1, "Approfondir ma culture numérique": 1, "Devenir autonome dans les démarches administratives": 0},
{"id": "mediation-numerique-aidants-connect-3303-mediation-numerique", "nom": "CTAS Bordeaux - AASG ANGOULEME", "pivot": "13001840100013", "commune": "Angoulême", "code_postal": "16000", "adresse": "Caserne Adj Levasseur - 2 boulevard de l'artillerie", "latitude": 45.65831, "longitude": 0.173646, "date_maj": "2023-04-01", "Prendre en main un smartphone ou une tablette": false, "Devenir autonome dans les démarches administratives": true, "Réaliser des démarches administratives avec un accompagnement": true, "Accompagner les démarches de santé": true}
]`

// TestOffersInYesNoColumnsAreRead: a file whose offers are one yes/no
// column per offer, named after it, stored every place without an offer:
// each column was « not a column of any version of the standard; ignored »
// and each row « no service listed » (the file has no services column).
// Read, each place has the offers its cells say yes to — the very offers
// the file with a services column gives —, each row and each column says
// how, and importing the file again changes nothing.
func TestOffersInYesNoColumnsAreRead(t *testing.T) {
	_, want := exportedRows(t, charenteRows, "charente")
	for _, c := range []struct{ name, file string }{{"csv", charenteOfferColumns}, {"json", charenteOfferColumnsJSON}} {
		t.Run(c.name, func(t *testing.T) {
			rep, rows := exportedRows(t, c.file, "charente")
			if rep.Rejected != 0 || rep.Services[models.SyncCreated] != 4 {
				t.Fatalf("rejected %d, offers created %d of 4: %+v", rep.Rejected, rep.Services[models.SyncCreated], rep.Issues)
			}
			for id, w := range want {
				if got := rows[id]["services"]; got != w["services"] || got == "" {
					t.Errorf("%s: services %q, want %q (the file with a services column)", id, got, w["services"])
				}
			}
			if r := readingOf(rep, "services", "yes/no columns named after them"); r == nil || r.Rows != "1-4" {
				t.Errorf("services reading %+v, want rows 1-4: %+v", r, rep.Readings)
			}
			if !hasIssue(rep, 0, "accompagner_les_demarches_de_sante", opendata.SeverityWarning, "yes/no column of the offer « Accompagner les démarches de santé »: 1 row(s) say yes") {
				t.Errorf("no line for the column: %+v", rep.Issues)
			}
			for _, is := range rep.Issues {
				if strings.Contains(is.Reason, "ignored") || strings.Contains(is.Reason, "no service listed") || rep.Diagnosis != nil {
					t.Errorf("issue %+v (diagnosis %+v)", is, rep.Diagnosis)
				}
			}
		})
	}
	t.Run("again", func(t *testing.T) {
		s := openStore(t)
		importBytes(t, s, []byte(charenteOfferColumns), opendata.ImportOptions{Source: "charente"})
		again := importBytes(t, s, []byte(charenteOfferColumns), opendata.ImportOptions{Source: "charente"})
		if again.Actors[models.SyncUnchanged] != 4 || again.Services[models.SyncUnchanged] != 4 || len(again.Services) != 1 {
			t.Errorf("again: actors %v services %v", again.Actors, again.Services)
		}
	})
}

// TestOfferColumnCellNeitherYesNorNo: in a yes/no column, a cell that is
// neither yes, no nor empty is said, naming the column and the value, and is
// not read as yes; the row's other offers are read.
func TestOfferColumnCellNeitherYesNorNo(t *testing.T) {
	file := strings.Replace(charenteOfferColumns, "1 Rue du Port,45.679663,-0.175756,2023-01-26,x,x,X,x", "1 Rue du Port,45.679663,-0.175756,2023-01-26,à voir,,,x", 1)
	rep, rows := exportedRows(t, file, "charente")
	if !hasIssue(rep, 2, "Prendre en main un smartphone ou une tablette", opendata.SeverityWarning, "neither yes nor no") {
		t.Errorf("no warning for « à voir »: %+v", issuesOfRow(rep, 2))
	}
	got := rows["mediation-numerique-conseiller-numerique-63d2a359e6d6a806f2564712-mediation-numerique"]["services"]
	if got != "Compréhension du monde numérique" {
		t.Errorf("services %q, want the one offer said yes to", got)
	}
}

// TestOfferNamedColumnOfFreeTextReadAsBefore: a column named after an offer
// whose first value is text, not yes or no, is free text: read as before
// (not read, and said so once), even where a later cell says « oui ».
func TestOfferNamedColumnOfFreeTextReadAsBefore(t *testing.T) {
	file := "id,nom,commune,code_postal,adresse,date_maj,Aide aux démarches administratives\n" +
		"a1,Mairie,Angoulême,16000,1 place de l'Hôtel de ville,2023-04-01,\"Oui, sur rendez-vous le mardi\"\n" +
		"a2,Médiathèque,Angoulême,16000,2 rue de la Cloche verte,2023-04-01,oui\n"
	rep, _ := exportedRows(t, file, "free")
	if rep.Services[models.SyncCreated] != 0 || readingOf(rep, "services", "yes/no") != nil {
		t.Errorf("offers %v readings %+v: the free-text column was read", rep.Services, rep.Readings)
	}
	if !hasIssue(rep, 0, "aide_aux_demarches_administratives", opendata.SeverityWarning, "not a column of any version of the standard; ignored (2 rows with values)") {
		t.Errorf("column not said ignored: %+v", rep.Issues)
	}
}

// TestOfferColumnsBesideAServicesColumn: a file with a services column and
// yes/no columns of offers gives each row both (the union), and the
// reading says so; a v1 service names a column as well as v0.1's.
func TestOfferColumnsBesideAServicesColumn(t *testing.T) {
	file := "id,nom,commune,code_postal,adresse,date_maj,services,Prendre en main un ordinateur,Parentalité et éducation avec le numérique\n" +
		"b1,Mairie,Angoulême,16000,1 place de l'Hôtel de ville,2023-04-01,Aide aux démarches administratives,oui,non\n" +
		"b2,Médiathèque,Angoulême,16000,2 rue de la Cloche verte,2023-04-01,,non,oui\n" +
		"b3,Centre social,Angoulême,16000,3 rue de Basseau,2023-04-01,Accéder à du matériel;Approfondir ma culture numérique,oui,\n" +
		"b4,Espace numérique,Angoulême,16000,4 rue de Montmoreau,2023-04-01,Aide aux démarches administratives,non,non\n"
	rep, rows := exportedRows(t, file, "both")
	for id, want := range map[string]string{
		"b1": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
		"b2": "Parentalité et éducation avec le numérique",
		"b3": "Accès internet et matériel informatique|Compréhension du monde numérique|Maîtrise des outils numériques du quotidien",
		"b4": "Aide aux démarches administratives",
	} {
		got := strings.Split(rows[id]["services"], "|")
		slices.Sort(got)
		if strings.Join(got, "|") != want {
			t.Errorf("%s: services %q, want %q", id, rows[id]["services"], want)
		}
	}
	if r := readingOf(rep, "services", "the services column's values, and the offers of the file's yes/no columns"); r == nil || r.Rows != "1, 3" {
		t.Errorf("union reading %+v: %+v", r, rep.Readings)
	}
	if r := readingOf(rep, "services", "the offers of the file's yes/no columns"); r == nil {
		t.Errorf("no reading of row 2's offers: %+v", rep.Readings)
	}
}

// TestOfferColumnsAllNoKeepTheStoredOffer: a file without a services
// column whose row says no to every offer column is read as a file that
// says nothing of the offer — as before, a stored offer is kept — not as
// a row that removes it: the columns name some offers, not all.
func TestOfferColumnsAllNoKeepTheStoredOffer(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte("id,nom,commune,code_postal,adresse,date_maj,services\nc1,Mairie,Angoulême,16000,1 place de l'Hôtel de ville,2023-04-01,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "no"})
	rep := importBytes(t, s, []byte("id,nom,commune,code_postal,adresse,date_maj,Prendre en main un ordinateur\nc1,Mairie,Angoulême,16000,1 place de l'Hôtel de ville,2023-04-01,non\n"), opendata.ImportOptions{Source: "no"})
	if rep.Services[models.SyncArchived] != 0 {
		t.Fatalf("the stored offer was archived: %v %+v", rep.Services, rep.Issues)
	}
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, opendata.ExportStandardCSV, &out, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Aide aux démarches administratives") {
		t.Errorf("stored offer lost: %s", out.String())
	}
}
