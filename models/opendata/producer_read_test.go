package opendata_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// Producers' formats recognised by their columns and read by the ANCT's
// published mappings (producer.go), and communes and postal codes derived
// from the rest of a row (locate.go). Small synthetic files, written here:
// each case failed before (every row rejected, or the commune missing).

func readingOf(rep *opendata.Report, field, contains string) *opendata.Reading {
	for i, x := range rep.Readings {
		if x.Field == field && strings.Contains(x.How, contains) {
			return &rep.Readings[i]
		}
	}
	return nil
}

func hasIssue(rep *opendata.Report, row int, field, severity, contains string) bool {
	return slices.ContainsFunc(issuesOf(rep, row, field), func(is opendata.Issue) bool {
		return is.Severity == severity && strings.Contains(is.Reason, contains)
	})
}

// TestImportGirondeFormat: Gironde's columns are read by its mapping
// (« Lieu » as nom, « Coord. X » as latitude), the postal code comes from
// the end of the address, the services from the mapping's terms; a column
// only close to the standard's (« Libellé 1 ») is never read as nom.
func TestImportGirondeFormat(t *testing.T) {
	csv := "Dernière MAJ;Lieu;Type Structure;Commune;Adresse postale;Email;Description;Libellé 1;Coord. X;Coord. Y;services;equipements\n" +
		"07/12/2021;Abracodabra;Association;Bordeaux;8 rue de la Boétie - 33000 Bordeaux;contact@example.fr;Ateliers pour enfants. Payant : 15€;Abracodabra;44.8395;-0.5802;Pratiquer des activités récréatives numériques;Ordinateur / Tablette\n" +
		"07/12/2021;;Autre;Bègles;1 rue A - 33130 Bègles;;Accès libre;Un nom;44.8;-0.55;;Wifi\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "gironde", DryRun: true})
	if rep.Producer == nil || rep.Producer.Name != "gironde" || !strings.Contains(rep.Producer.Mapping, "gironde.config.json") {
		t.Fatalf("format not recognised: %+v", rep.Producer)
	}
	if !slices.Contains(rep.Producer.Columns, opendata.ProducerColumn{Column: "Lieu", ReadAs: "nom"}) ||
		!slices.Contains(rep.Producer.Columns, opendata.ProducerColumn{Column: "Coord. X", ReadAs: "latitude"}) {
		t.Errorf("columns %+v", rep.Producer.Columns)
	}
	if rep.Rows != 2 || rep.Rejected != 1 {
		t.Fatalf("rows %d rejected %d, want 2 and 1: %+v", rep.Rows, rep.Rejected, rep.Issues)
	}
	if !hasIssue(rep, 1, "code_postal", opendata.SeverityWarning, "33000, a postal code of Bordeaux, taken from the postal code that ends the address") {
		t.Errorf("row 1's postal code: %+v", issuesOf(rep, 1, "code_postal"))
	}
	// « Libellé 1 » stays a hint: the row without « Lieu » has no name.
	if !hasIssue(rep, 2, "nom", opendata.SeverityError, "is required") {
		t.Errorf("row 2 read a name from a column the mapping does not name: %+v", rep.Issues)
	}
	for _, want := range []struct{ field, how string }{
		{"nom", "column « Lieu » read as nom (the Gironde format"},
		{"services", "derived from the terms of"},
		{"frais_a_charge", "derived from the terms of « Description »"},
		{"typologie", "derived from the terms of « Type Structure »"},
	} {
		if readingOf(rep, want.field, want.how) == nil {
			t.Errorf("no reading %s: %s in %+v", want.field, want.how, rep.Readings)
		}
	}
	// The standard's name « services » holds free text here: read by the
	// rules only, never as the standard's column (no unknown-service error).
	if hasIssue(rep, 1, "services", opendata.SeverityWarning, "not a value of services") {
		t.Errorf("Gironde's services column read as the standard's: %+v", issuesOf(rep, 1, "services"))
	}
	if !strings.Contains(rep.Diagnosis.Summary, "the Gironde format") {
		t.Errorf("diagnosis %q", rep.Diagnosis.Summary)
	}

	// Stored: the place as the mapping reads it.
	rep = importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "gironde"})
	if rep.Rejected != 1 || rep.Actors["created"] != 1 {
		t.Fatalf("%+v", rep)
	}
}

// TestImportFranceServicesFormat: « lib_fs » is the name, the hours per
// day become opening_hours, the date is the one inside « labellisation »,
// and every place gets the mapping's fixed values.
func TestImportFranceServicesFormat(t *testing.T) {
	csv := `"id_fs","lib_fs","adresse","complement_adresse","insee_com","code_postal","lib_com","latitude","longitude","mail","telephone","h_lundi","h_mardi","h_samedi","itinerance","format_fs","labellisation"` + "\n" +
		`"1","France services de Valserhône","5-9 Rue des Papetiers",,"01033","01200","Valserhône",46.106,5.826,"fs@example.fr","04 50 56 87 49","09:00 - 12:00 / 13:30 - 17:00","09:00 - 12:00","-","Non","Site principal","Espace labellisé 01/01/2020"` + "\n" +
		`"2","France services itinérante","1 place X",,"01033","01200","Valserhône",,,,,"lundi matin",,,,"Bus_équivalent","Espace labellisé 01/02/2021"` + "\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "fs", DryRun: true})
	if rep.Producer == nil || rep.Producer.Name != "france-services" {
		t.Fatalf("format not recognised: %+v", rep.Producer)
	}
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	for _, want := range []struct{ field, how string }{
		{"nom", "column « lib_fs » read as nom"},
		{"services", "given to every place of the France Services format"},
		{"horaires", "opening hours written from the day columns"},
		{"date_maj", "the date in « Espace labellisé 01/01/2020 »"},
		{"itinerance", "derived from the terms of « format_fs »"},
	} {
		if readingOf(rep, want.field, want.how) == nil {
			t.Errorf("no reading %s: %s in %+v", want.field, want.how, rep.Readings)
		}
	}
	if r := readingOf(rep, "horaires", "day columns"); r != nil && r.Rows != "1" {
		t.Errorf("hours read for rows %s, want 1 (row 2's « lundi matin » is no range)", r.Rows)
	}
	if r := readingOf(rep, "itinerance", "format_fs"); r != nil && r.Rows != "2" {
		t.Errorf("itinerance derived for rows %s, want 2 (row 1 has its own)", r.Rows)
	}
}

// TestImportHinauraCodes: Hinaura's checkbox lists are codes compared
// whole: « 15 » is not « 5 ».
func TestImportHinauraCodes(t *testing.T) {
	js := `[{"id_fiche":"h1","bf_titre":"Médiathèque","bf_adresse1":"1 rue A","bf_code_postal":"26000","bf_ville":"Valence",` +
		`"checkboxListeTypelieu":"15,5","checkboxListeTypeservice":"1,12","checkboxListeTarifs":"1","date_maj_fiche":"2024-01-02"},` +
		`{"id_fiche":"h2","bf_titre":"Tiers-lieu","bf_adresse1":"2 rue B","bf_code_postal":"26000","bf_ville":"Valence",` +
		`"checkboxListeTypelieu":"15","checkboxListeTypeservice":"12,8"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "hinaura"})
	if rep.Producer == nil || rep.Producer.Title != "Hinaura (YesWiki API)" || rep.Rejected != 0 {
		t.Fatalf("%+v %+v", rep.Producer, rep.Issues)
	}
	if r := readingOf(rep, "typologie", "checkboxListeTypelieu"); r == nil || r.Rows != "1" {
		t.Errorf("typologie from code 5 for rows %+v, want row 1 only (15 is not 5)", r)
	}
	if r := readingOf(rep, "services", "checkboxListeTypeservice"); r == nil || r.Rows != "1-2" {
		t.Errorf("services %+v", r)
	}
}

// TestImportDerivesCommune: Aidants Connect's rows give a postal code and
// no commune. The commune is derived when the reference says which (the
// postal code's only commune, the one whose name the place's name holds,
// the coordinates), with a warning; the row is rejected when it stays
// ambiguous, the candidates named.
func TestImportDerivesCommune(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Maison France Services","SIRET":"1","Adresse":"1 rue A","Code postal":26000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Mairie de Laon","SIRET":"1","Adresse":"1 place B","Code postal":2000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Médiathèque","SIRET":"1","Adresse":"2 rue C","Code postal":2000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"PIMMS","SIRET":"1","Adresse":"11 place René Coty 26000 Valence","Code postal":"","Nombre de mandats":"1","commune":""},
{"Data pass ID":"","Name":"Sans code","SIRET":"1","Adresse":"3 rue D","Code postal":"","Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	if rep.Producer == nil || rep.Producer.Name != "aidants-connect" {
		t.Fatalf("format not recognised: %+v", rep.Producer)
	}
	if !hasIssue(rep, 1, "commune", opendata.SeverityWarning, "missing: Valence (INSEE 26362), the only commune the postal code 26000 point to") {
		t.Errorf("row 1: %+v", issuesOf(rep, 1, "commune"))
	}
	if !hasIssue(rep, 2, "commune", opendata.SeverityWarning, "missing: Laon (INSEE 02408), the only one of the communes of postal code 02000 whose name the place's name or address contains") {
		t.Errorf("row 2: %+v", issuesOf(rep, 2, "commune"))
	}
	if !hasIssue(rep, 3, "commune", opendata.SeverityError, "postal code 02000 is shared by") {
		t.Errorf("row 3 (ambiguous) not rejected with the candidates: %+v", issuesOf(rep, 3, "commune"))
	}
	if !hasIssue(rep, 4, "commune", opendata.SeverityWarning, "missing: Valence") {
		t.Errorf("row 4 (city at the end of the address): %+v", issuesOf(rep, 4, "commune"))
	}
	if !hasIssue(rep, 5, "commune", opendata.SeverityError, "") {
		t.Errorf("row 5 (nothing to derive from) not rejected: %+v", issuesOf(rep, 5, "commune"))
	}
	if rep.Rejected != 2 {
		t.Errorf("rejected %d, want 2: %+v", rep.Rejected, rep.Issues)
	}
	if readingOf(rep, "services", "« Aide aux démarches administratives » given to every place of the Aidants Connect format") == nil {
		t.Errorf("readings %+v", rep.Readings)
	}
}

// TestImportCommuneFromCoordinates: a row of the standard with
// coordinates and a postal code shared by several communes, and no commune.
func TestImportCommuneFromCoordinates(t *testing.T) {
	csv := "id,nom,adresse,code_postal,commune,latitude,longitude,services,date_maj\n" +
		"a,Lieu,1 rue A,02000,,49.5641,3.6199,Aide aux démarches administratives,2024-01-01\n" +
		"b,Lieu B,1 rue B,,,,,Aide aux démarches administratives,2024-01-01\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "std", DryRun: true})
	if rep.Producer != nil {
		t.Errorf("the standard read as a producer's format: %+v", rep.Producer)
	}
	if !hasIssue(rep, 1, "commune", opendata.SeverityWarning, "missing: Laon") || !hasIssue(rep, 1, "commune", opendata.SeverityWarning, "the nearest to the coordinates") {
		t.Errorf("row 1: %+v", issuesOf(rep, 1, "commune"))
	}
	if rep.Rejected != 1 {
		t.Errorf("rejected %d, want 1 (row b has nothing): %+v", rep.Rejected, rep.Issues)
	}
}

// TestImportJoinedAddress: Maine-et-Loire's address is its number and
// street joined, as its mapping says.
func TestImportJoinedAddress(t *testing.T) {
	csv := "ID_LieuMed;NOM_STRUCTURE;N°;ADRESSE;COMP_ADRESSE;CP;COMMUNE;y;x;SS_CAT\n" +
		"m1;Médiathèque;12;rue des Lices;;49100;Angers;47.47;-0.55;Médiathèque\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "mel", DryRun: true})
	if rep.Producer == nil || rep.Producer.Name != "maine-et-loire" || rep.Rejected != 0 {
		t.Fatalf("%+v %+v", rep.Producer, rep.Issues)
	}
	if readingOf(rep, "adresse", "« N° » and « ADRESSE » joined") == nil || readingOf(rep, "typologie", "« SS_CAT »") == nil {
		t.Errorf("readings %+v", rep.Readings)
	}
}

// TestImportNouvelleCaledonieFormat: the Nouvelle-Calédonie hub's form names
// its offers in its own words (« Accès-libre à un espace équipé ou
// connecté »); read without its mapping, 65 of the file's 92 places were
// refused for naming no service of the standard. Its coordinates are an
// object, its hours one column per day.
func TestImportNouvelleCaledonieFormat(t *testing.T) {
	json := `[{"date_soumission":"2023-11-05","id":null,"pivot":null,"nom":"Espace municipal de Rivière Salée","commune":"Nouméa","ridet":null,"code_postal":"98800","code_insee":null,"adresse":"104 avenue Koenig","geolocalisation":{"lon":166.468099,"lat":-22.233939},"typologie":"Maison de quartier/maison commune","structure_parente":"Mairie de Nouméa","telephone":"+687445728","courriel":null,"horaires_lundi":"08:00-12:00","horaires_mardi":"08:00-16:00","services":"Accès-libre à un espace équipé ou connecté,\nAccompagnement individuel,\nAssistance sur les services administratifs en ligne","thematiques_proposees":"Formation aux bases du numérique\n Administration en ligne","equipements":"Accès WIFI\n Postes informatiques avec internet","publics_accueillis":"Tout types de publics, personnes en situation de handicap","conditions_acces":"Gratuit sous condition","modalites_accompagnement0":null},
{"date_soumission":"2024-02-01","nom":"Case numérique de Poum","commune":"Poum","ridet":"1234567","code_postal":"98826","adresse":"Tribu de Tiabet","geolocalisation":{"lon":164.1,"lat":-20.23},"typologie":"Association","services":"Accéder à du matériel, Accéder à une connexion internet","thematiques_proposees":null,"conditions_acces":"Gratuit","labels_autres":"Case Numérique"},
{"date_soumission":"2024-02-01","nom":"Espace connecté de Thio","commune":"Thio","code_postal":"98829","adresse":"Village","services":"Accéder à du matériel","thematiques_proposees":null,"conditions_acces":"Gratuit","horaires_lundi":"09:00 - 11:00, 15:30 - 17:30","horaires_mardi":"7:30 - 11:30 ; 12:15 - 16:00","horaires_mercredi":"Fermé"},
{"date_soumission":"2024-02-01","nom":"Espace connecté de Boulari","commune":"Le Mont-Dore","code_postal":"98809","adresse":"Boulari","services":"Accéder à du matériel","thematiques_proposees":null,"conditions_acces":"Gratuit","horaires_lundi":"sur rendez-vous"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(json), opendata.ImportOptions{Source: "nc", DryRun: true})
	if rep.Producer == nil || rep.Producer.Name != "nouvelle-caledonie" {
		t.Fatalf("format not recognised: %+v", rep.Producer)
	}
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	for _, want := range []struct{ field, how, rows string }{
		{"services", "« services », « thematiques_proposees », « equipements »", "1"},
		{"services", "« services »", ""},
		{"frais_a_charge", "« conditions_acces »", "1-4"},
		{"horaires", "day columns", "1, 3"},
		{"coordonnees", "« geolocalisation »", "1-2"},
		{"date_maj", "« date_soumission »", "1-4"},
		{"autres_formations_labels", "« labels_autres »", "2"},
	} {
		r := readingOf(rep, want.field, want.how)
		if r == nil {
			t.Errorf("no reading %s: %s in %+v", want.field, want.how, rep.Readings)
		} else if want.rows != "" && r.Rows != want.rows {
			t.Errorf("%s %s: rows %s, want %s", want.field, want.how, r.Rows, want.rows)
		}
	}
	// A day cell that reads neither as ranges nor as French hours drops
	// the row's hours, with a warning: not silently.
	if !hasIssue(rep, 4, "horaires", "warning", "day columns") {
		t.Errorf("row 4's « sur rendez-vous » dropped without a warning: %+v", issuesOf(rep, 4, "horaires"))
	}
	importBytes(t, s, []byte(json), opendata.ImportOptions{Source: "nc"})
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, "standard-csv", &out, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Surdité") || strings.Contains(out.String(), "Illettrisme") {
		t.Errorf("« personnes en situation de handicap » should give the disabilities, not illiteracy:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "-22.233939") || !strings.Contains(out.String(), "166.468099") {
		t.Errorf("coordinates of the object lost or swapped:\n%s", out.String())
	}
}
