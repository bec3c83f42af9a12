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
// closed, « 9h12h » is 09:00-12:00, and « x » makes its day unknown with a
// warning (the other days kept).
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
		// TL (code_typo) gives Loisirs et créations numériques by the
		// mapping's rule, read where the code is (Carnet's reading).
		"bfc_2": {themes: []string{"Aide aux démarches administratives", "Accès internet et matériel informatique", "Loisirs et créations numériques"},
			modes: []string{"En autonomie", "Dans un atelier collectif"}, typologies: []string{"MSAP"}, other: "Réseau Dijon métropole", phone: "+33380000002",
			hours: "Mo unknown; Tu 09:00-12:00,14:00-18:00"},
		// F is a code of code_typo, where the mapping's rules do
		// not look (they look in code_accomp): Carnet reads it there.
		"bfc_3": {themes: []string{"Loisirs et créations numériques", "Compréhension du monde numérique"}, email: "fablab@essais.example", date: "2020-06-15"},
	}, 2)
	if r := readingOf(rep, "services", "« code_accomp », « code_typo »"); r == nil || r.Rows != "2" {
		t.Errorf("services from both code columns: %+v", r)
	}
	if r := readingOf(rep, "services", "the codes of « code_typo » by Carnet's reading"); r == nil || r.Rows != "3" {
		t.Errorf("row 3's services not said to be Carnet's reading: %+v", rep.Readings)
	}
}

// TestImportHubFormats: the regional hubs' formats, each from a few
// invented places in its producer's columns (CSV, or its API's nested JSON
// read flattened as mednum-cli reads it).
func TestImportHubFormats(t *testing.T) {
	t.Run("siilab", func(t *testing.T) {
		csv := "id;nom;commune;code_postal;adresse;typologie;services;date_maj;telephone;courriels;lundi;mardi;mercredi;jeudi;vendredi;samedi;dimanche\n" +
			"s1;Espace numérique des Essais;Lille;59000;1 rue des Essais;CCAS|EPN;Aide aux démarches administratives|Accès internet et matériel informatique;2025-01-10;03 20 00 00 01;essais@example.fr;09:00-12:00,14:00-17:00;09:00-12:00;;;;;\n" +
			"s2;Médiathèque des Essais;Lille;59000;2 rue des Essais;BIB;Maîtrise des outils numériques du quotidien;2025-01-11;;;sur rendez-vous;;;;;;\n"
		checkHubImport(t, csv, "siilab", "siilab", map[string]hubPlace{
			"s1": {themes: []string{"Aide aux démarches administratives", "Accès internet et matériel informatique"}, typologies: []string{"CCAS", "EPN"},
				phone: "+33320000001", email: "essais@example.fr", date: "2025-01-10", hours: "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00"},
			"s2": {themes: []string{"Maîtrise des outils numériques du quotidien"}, date: "2025-01-11"},
		}, 2)
	})
	t.Run("numi", func(t *testing.T) {
		csv := "ID;nom;commune;code_postal;adresse;TYPE;Modalités d'accompagnement;services;date_maj;telephone;courriels\n" +
			"n1;CCAS des Essais;Orléans;45000;1 rue des Essais;CCAS;Accompagnement individuel;Aide aux démarches administratives;2025-02-01;02 38 00 00 01;ccas@example.fr\n" +
			"n2;Communauté des Essais;Orléans;45000;2 rue des Essais;COMMUNAUTE DE COMMUNES DES ESSAIS;Dans un atelier collectif;Loisirs et créations numériques;2025-02-02;;\n" +
			"n3;Office des Essais;Orléans;45000;3 rue des Essais;OFFICE DE TOURISME;;Accès internet et matériel informatique;2025-02-03;;\n"
		rep := checkHubImport(t, csv, "numi", "numi", map[string]hubPlace{
			"n1": {themes: []string{"Aide aux démarches administratives"}, modes: []string{"Accompagnement individuel"}, typologies: []string{"CCAS"},
				phone: "+33238000001", email: "ccas@example.fr", date: "2025-02-01"},
			"n2": {themes: []string{"Loisirs et créations numériques"}, modes: []string{"Dans un atelier collectif"}, typologies: []string{"CC"}, date: "2025-02-02"},
			"n3": {themes: []string{"Accès internet et matériel informatique"}, typologies: []string{}, date: "2025-02-03"},
		})
		if r := readingOf(rep, "typologie", "« TYPE »"); r == nil || r.Rows != "1-2" {
			t.Errorf("typologie from TYPE: %+v (« OF » is not in « OFFICE »)", r)
		}
	})
	t.Run("res-in", func(t *testing.T) {
		js := `[{"_id": "r1", "structureName": "Centre social des Essais", "contactPhone": "04 78 00 00 01", "contactMail": "cs@example.fr",
			"website": "https://essais.example.fr", "updatedAt": "2025-03-04T10:00:00.000Z", "description": "Nous proposons des ateliers tous les mardis",
			"structureType": {"name": "Centre socio-culturel"},
			"address": {"numero": "3", "street": "rue Childebert", "commune": "Lyon", "postcode": "69002", "inseeCode": "69382", "coordinates": [4.835, 45.76]},
			"categories": {"onlineProcedures": ["caf", "health"], "age": ["old"], "selfServiceMaterial": ["wifiEnAccesLibre"], "accessModality": ["surRdv"]}},
			{"_id": "r2", "structureName": "Communauté des Essais", "contactPhone": "04 78 00 00 02", "updatedAt": "2025-03-05T10:00:00.000Z",
			"structureType": {"name": "Communauté de communes"},
			"address": {"numero": "5", "street": "rue Childebert", "commune": "Lyon", "postcode": "69002", "coordinates": [4.836, 45.761]},
			"categories": {"baseSkills": ["smartphone"], "age": ["household"]}}]`
		rep := checkHubImport(t, js, "resin", "res-in", map[string]hubPlace{
			"r1": {themes: []string{"Aide aux démarches administratives", "Accès internet et matériel informatique"}, modes: []string{"Dans un atelier collectif"},
				typologies: []string{"CSC"}, phone: "+33478000001", email: "cs@example.fr", date: "2025-03-04"},
			"r2": {themes: []string{"Maîtrise des outils numériques du quotidien"}, typologies: []string{"CC"}, phone: "+33478000002", date: "2025-03-05"},
		})
		if r := readingOf(rep, "latitude", "item 2 of the list « address.coordinates »"); r == nil || r.Rows != "1-2" {
			t.Errorf("latitude from the coordinates' list: %+v", r)
		}
		if r := readingOf(rep, "publics_specifiquement_adresses", "categories.age"); r == nil || r.Rows != "1" {
			t.Errorf("« old » whole only: %+v", r)
		}
	})
	t.Run("rhin-occ", func(t *testing.T) {
		js := `{"data": [{"id": "g1", "name": "EPN des Essais", "geo": {"latitude": 48.58, "longitude": 7.75},
			"address": {"streetNumber": "2", "streetAddress": "rue des Essais", "addressLocality": "Strasbourg", "postalCode": "67000"},
			"categories": ["Espace Public Numérique", "Prendre en main un ordinateur", "Point Relais CAF"], "tel": "03 88 00 00 01", "emailpub": "epn@example.fr",
			"updatedAt": "2025-04-05T08:00:00+02:00", "createdAt": "2020-01-01T08:00:00+01:00", "tarif": "Gratuit",
			"aggregatedElements": [{"openHours": {"Mo": "09:00-12:00", "Tu": "14:00-18:00"}}]},
			{"id": "g2", "name": "CAF des Essais", "geo": {"latitude": 48.581, "longitude": 7.751},
			"address": {"customFormatedAddress": "5 place des Essais", "addressLocality": "Strasbourg", "postalCode": "67000"},
			"categories": ["CAF", "Accompagnement aux démarches en ligne"], "emailpub": "", "updatedAt": "2025-04-06T08:00:00+02:00", "tarif": "payant"}]}`
		rep := checkHubImport(t, js, "rhinocc", "rhin-occ", map[string]hubPlace{
			"g1": {themes: []string{"Maîtrise des outils numériques du quotidien"}, typologies: []string{"EPN"}, phone: "+33388000001", email: "epn@example.fr",
				date: "2025-04-05", hours: "Mo 09:00-12:00; Tu 14:00-18:00"},
			"g2": {themes: []string{"Aide aux démarches administratives"}, typologies: []string{"CAF"}, date: "2025-04-06"},
		})
		if r := readingOf(rep, "adresse", "address.customFormatedAddress"); r == nil || r.Rows != "2" {
			t.Errorf("the formatted address when the street is missing: %+v", r)
		}
		if r := readingOf(rep, "adresse", "joined"); r == nil || r.Rows != "1" {
			t.Errorf("number and street joined: %+v", r)
		}
	})
	t.Run("hub-bretagne", func(t *testing.T) {
		js := `[{"id": "b1", "nom": "Association des Essais", "type": "ASSOCIATION", "code_insee": "29232", "commune": "Quimper", "adresse": "4 rue des Essais",
			"contact_telephone": "02 98 00 00 01", "contact_web": "https://essais.example.bzh", "updated": "2025-05-06", "location": {"x": -4.1, "y": 48.0},
			"labels": [{"label": "Fabrique de Territoire"}],
			"services": {"etre_aidee": [{"name": "Aide CAF", "tarif": "gratuit", "format": "Accompagnement individuel"}],
				"developper_culture_numerique": [{"name": "Atelier", "format": "Atelier collectif", "tarif": "payant"}]}},
			{"id": "b2", "nom": "Repair café des Essais", "type": "COLLECTIVITE", "code_insee": "29232", "commune": "Quimper", "adresse": "6 rue des Essais",
			"contact_telephone": "02 98 00 00 02", "updated": "2025-05-07", "location": {"x": -4.11, "y": 48.01},
			"services": {"depanner_reparer_materiel": [{"name": "Réparation", "description": "le samedi"}], "etre_aidee": []}}]`
		rep := checkHubImport(t, js, "bzh", "hub-bretagne", map[string]hubPlace{
			"b1": {themes: []string{"Aide aux démarches administratives", "Compréhension du monde numérique"},
				modes: []string{"Accompagnement individuel", "Dans un atelier collectif"}, typologies: []string{"ASSO"},
				training: []string{"Fabriques de Territoire"}, phone: "+33298000001", date: "2025-05-06"},
			"b2": {themes: []string{"Accès internet et matériel informatique"}, typologies: []string{}, phone: "+33298000002", date: "2025-05-07"},
		})
		if r := readingOf(rep, "services", "services.etre_aidee.*"); r == nil || r.Rows != "1" {
			t.Errorf("services from the family of offers: %+v", r)
		}
		if !hasIssue(rep, 1, "code_postal", opendata.SeverityWarning, "29000") {
			t.Errorf("the postal code is not derived from the commune: %+v", issuesOf(rep, 1, "code_postal"))
		}
	})
}

// TestImportHubFilesOfTheStandard: Mednum Hub Antilles' and Francil-in's
// mappings read the standard's own columns: such a file is read as a file
// of the standard, with its offers, contacts, date and ids.
func TestImportHubFilesOfTheStandard(t *testing.T) {
	for _, c := range []struct{ name, file string }{
		{"mednum-hub-antilles", "id;pivot;nom;commune;code_postal;code_insee;adresse;latitude;longitude;telephone;courriels;site_web;date_maj;source;typologie;services;modalites_accompagnement;frais_a_charge;horaires\n" +
			"a1;;EPN des Essais;Fort-de-France;97200;97209;1 rue des Essais;14.6;-61.07;0596 00 00 01;epn@example.fr;;2025-06-01;Mednum Hub Antilles;EPN;Aide aux démarches administratives|Accès internet et matériel informatique;Accompagnement individuel;Gratuit;Mo-Fr 08:00-12:00\n"},
		{"francil-in", "id,nom,commune,code_postal,adresse,latitude,longitude,telephone,courriels,site_web,date_maj,services,horaires\n" +
			"a1,EPN des Essais,Paris,75011,1 rue des Essais,48.86,2.38,01 40 00 00 01,epn@example.fr,,2025-06-01,Aide aux démarches administratives|Accès internet et matériel informatique,Mo-Fr 08:00-12:00\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			rep := importBytes(t, s, []byte(c.file), opendata.ImportOptions{Source: c.name})
			if rep.Producer != nil || rep.Diagnosis != nil || rep.Rejected != 0 {
				t.Fatalf("not read as the standard: %+v %+v %+v", rep.Producer, rep.Diagnosis, rep.Issues)
			}
			a := allActors(t, s)[0]
			if a.SourceID != "a1" || len(a.Emails) != 1 || len(a.Phones) != 1 || a.ProducerUpdatedOn != "2025-06-01" || a.OpeningHours != "Mo-Fr 08:00-12:00" {
				t.Errorf("%+v", a)
			}
			if sv := serviceOf(t, s, c.name, "a1"); len(sv.Themes) != 2 {
				t.Errorf("services %v", sv.Themes)
			}
		})
	}
}
