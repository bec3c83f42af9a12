package opendata_test

import (
	"slices"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// The regional hubs' formats (producer_formats_hubs.go), each read through
// an import of a few invented rows in its producer's columns: before its
// table, such a file's places came without offers, contacts or date.

// hubPlace is what one place of a hub's file must be once imported.
type hubPlace struct {
	themes, modes      []string
	typologies         []string
	training           []string
	other              string
	email, phone, date string
	hours              string
}

// checkHubImport imports file under source, wants it read in format and
// each place of want (by the producer's id) as said; rows lists the rows
// whose hours must be dropped with a warning.
func checkHubImport(t *testing.T, file, source, format string, want map[string]hubPlace, droppedHours ...int) *opendata.Report {
	t.Helper()
	s := openStore(t)
	rep := importBytes(t, s, []byte(file), opendata.ImportOptions{Source: source})
	if rep.Producer == nil || rep.Producer.Name != format {
		t.Fatalf("format not recognised as %s: %+v", format, rep.Producer)
	}
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	actors := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		actors[a.SourceID] = a
	}
	for id, w := range want {
		a, ok := actors[id]
		if !ok {
			t.Errorf("%s: no place (have %v)", id, len(actors))
			continue
		}
		if w.email != "" && !slices.Contains(a.Emails, w.email) {
			t.Errorf("%s: emails %v, want %s", id, a.Emails, w.email)
		}
		if w.phone != "" && !slices.Contains(a.Phones, w.phone) {
			t.Errorf("%s: phones %v, want %s", id, a.Phones, w.phone)
		}
		if a.ProducerUpdatedOn != w.date {
			t.Errorf("%s: producer's date %q, want %q", id, a.ProducerUpdatedOn, w.date)
		}
		if a.OpeningHours != w.hours {
			t.Errorf("%s: hours %q, want %q", id, a.OpeningHours, w.hours)
		}
		if w.typologies != nil && !slices.Equal(a.Typologies, w.typologies) {
			t.Errorf("%s: typologies %v, want %v", id, a.Typologies, w.typologies)
		}
		if w.training != nil && !slices.Equal(a.TrainingLabels, w.training) {
			t.Errorf("%s: training labels %v, want %v", id, a.TrainingLabels, w.training)
		}
		if a.OtherLabels != w.other {
			t.Errorf("%s: other labels %q, want %q", id, a.OtherLabels, w.other)
		}
		if w.themes == nil {
			continue
		}
		sv := serviceOf(t, s, source, id)
		if !sameSet(sv.Themes, w.themes) {
			t.Errorf("%s: services %v, want %v", id, sv.Themes, w.themes)
		}
		if w.modes != nil && !sameSet(sv.AccompanimentModes, w.modes) {
			t.Errorf("%s: modes %v, want %v", id, sv.AccompanimentModes, w.modes)
		}
	}
	for _, row := range droppedHours {
		if !hasIssue(rep, row, "horaires", opendata.SeverityWarning, "day columns") {
			t.Errorf("row %d's hours not dropped with a warning: %+v", row, issuesOf(rep, row, "horaires"))
		}
	}
	return rep
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestImportMednumBFCFormat: Mednum BFC's codes are compared whole
// (« RDV » holds no « R »), its French dates and contacts read, and each
// day's morning and afternoon columns make one rule; a half-day « - » is
// closed, « 9h12h » is 09:00-12:00, and « x » drops the row's hours with a
// warning.
func TestImportMednumBFCFormat(t *testing.T) {
	csv := "bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp," +
		"lundi matin,lundi après-midi,mardi matin,mardi après-midi,mercredi matin,mercredi après-midi,jeudi matin,jeudi après-midi,vendredi matin,vendredi après-midi,samedi matin,samedi après-midi,dimanche matin,dimanche après-midi\n" +
		"bfc_1,02/03/2021,5.04,47.32,1 rue des Essais,21000,DIJON,21,Atelier des Essais,https://essais.example.fr,accueil@essais.example,03 80 00 00 01,M,F-BFC,RDV," +
		"8h30-12h,13h30-17h,9h12h,-,,,,,,,,,,\n" +
		"bfc_2,,5.04,47.32,2 rue des Essais,21000,DIJON,21,Maison des Essais,,,03 80 00 00 02,I-TL,MSAP-DM,A-G," +
		"x,x,9h-12h,14h-18h,,,,,,,,,,\n" +
		"bfc_3,15/06/2020,5.04,47.32,3 rue des Essais,21000,DIJON,21,Fablab des Essais,,fablab@essais.example,,F,,," +
		",,,,,,,,,,,,,\n"
	rep := checkHubImport(t, csv, "bfc", "mednum-bfc", map[string]hubPlace{
		"bfc_1": {themes: []string{"Aide aux démarches administratives"}, modes: []string{"Accompagnement individuel"},
			training: []string{"Arnia/MedNum BFC (Bourgogne-Franche-Comté)"}, email: "accueil@essais.example", phone: "+33380000001",
			date: "2021-03-02", hours: "Mo 08:30-12:00,13:30-17:00; Tu 09:00-12:00"},
		"bfc_2": {themes: []string{"Aide aux démarches administratives", "Accès internet et matériel informatique"},
			modes: []string{"En autonomie", "Dans un atelier collectif"}, typologies: []string{"MSAP"}, other: "Réseau Dijon métropole", phone: "+33380000002"},
		// F is a code of code_typo; the mapping's F looks in
		// code_accomp: no service.
		"bfc_3": {email: "fablab@essais.example", date: "2020-06-15"},
	}, 2)
	if r := readingOf(rep, "services", "« code_accomp », « code_typo »"); r == nil || r.Rows != "2" {
		t.Errorf("services from both code columns: %+v", r)
	}
}
