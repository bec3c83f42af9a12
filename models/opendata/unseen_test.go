package opendata_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/vocab"
)

// What real files published by other producers than the shared samples do
// (the national file of 2022 republished by the cartography, a
// Conseillers numériques file of one region): each case failed before its
// fix.

// readingsOf maps "field: how" to the rows read that way.
func readingsOf(rep *opendata.Report) map[string]string {
	got := map[string]string{}
	for _, r := range rep.Readings {
		got[r.Field+": "+r.How] = r.Rows
	}
	return got
}

func issuesOf(rep *opendata.Report, row int, field string) []opendata.Issue {
	var out []opendata.Issue
	for _, is := range rep.Issues {
		if is.Row == row && is.Field == field {
			out = append(out, is)
		}
	}
	return out
}

// TestImportPlaceholderCells: « MISSING » in every code_insee of a national
// file was refused as an invalid code on every row (374 warnings saying
// nothing); « #N/A », « NULL », « Non renseigné », « - » are what
// spreadsheets, dumps and people write for no value.
func TestImportPlaceholderCells(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;code_insee;telephone;courriel;horaires;services\n" +
		"p1;EPN Belsunce;1 rue A;13001;Marseille;MISSING;#N/A;NULL;Non renseigné;Aide aux démarches administratives\n" +
		"p2;Médiathèque;2 rue B;13001;Marseille;missing; - ;n/a;?;Aide aux démarches administratives\n" +
		// A real value beside them is read as ever; a bad one still warned.
		"p3;Tiers-lieu;3 rue C;13001;Marseille;13201;04 91 00 00 00;contact@example.fr;Mo 09:00-12:00;Aide aux démarches administratives\n" +
		"p4;Club;4 rue D;13001;Marseille;ABCDE;;;;Aide aux démarches administratives\n" +
		// A name that is only a placeholder is no name.
		"p5;N/A;5 rue E;13001;Marseille;;;;;Aide aux démarches administratives\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "placeholders"})
	for _, row := range []int{1, 2} {
		for _, f := range []string{"code_insee", "telephone", "courriel", "horaires"} {
			if is := issuesOf(rep, row, f); len(is) > 0 {
				t.Errorf("row %d %s: a placeholder warned as a bad value: %+v", row, f, is)
			}
		}
	}
	got := readingsOf(rep)
	for k, rows := range map[string]string{
		"code_insee: « MISSING » read as empty (a placeholder for no value)":     "1",
		"code_insee: « missing » read as empty (a placeholder for no value)":     "2",
		"telephone: « #N/A » read as empty (a placeholder for no value)":         "1",
		"horaires: « Non renseigné » read as empty (a placeholder for no value)": "1",
		"nom: « N/A » read as empty (a placeholder for no value)":                "5",
	} {
		if got[k] != rows {
			t.Errorf("reading %q: rows %q, want %q (all: %v)", k, got[k], rows, got)
		}
	}
	if len(issuesOf(rep, 4, "code_insee")) != 1 {
		t.Errorf("row 4's invalid code_insee not warned: %+v", rep.Issues)
	}
	if is := issuesOf(rep, 5, "nom"); len(is) != 1 || is[0].Severity != opendata.SeverityError {
		t.Errorf("row 5, named « N/A », not rejected for its missing name: %+v", is)
	}
	if rep.Actors[models.SyncCreated] != 4 {
		t.Fatalf("actors %v: %+v", rep.Actors, rep.Issues)
	}
	for _, a := range allActors(t, s) {
		if a.SourceID == "p3" && (len(a.Phones) != 1 || len(a.Emails) != 1 || a.OpeningHours == "") {
			t.Errorf("row 3's real values lost: %+v", a)
		}
		if a.SourceID == "p1" && (len(a.Phones) != 0 || len(a.Emails) != 0 || a.OpeningHours != "") {
			t.Errorf("row 1's placeholders stored as values: %+v", a)
		}
	}
}

// TestImportValueOfAnotherColumn: the national file of 2022 writes its fees,
// « Gratuit », in a « modalites_access » column; they were dropped as not
// an access mode, and its 398 places lost that they are free.
func TestImportValueOfAnotherColumn(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services;modalites_access;frais_a_charge;publics_specifiquement_adresses\n" +
		"f1;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives;Gratuit;;\n" +
		// Values of several lists in one column, each read where it belongs.
		"f2;Médiathèque;2 rue B;13001;Marseille;Aide aux démarches administratives;Se présenter|Payant;;Seniors\n" +
		// A value of no list is still dropped with a warning.
		"f3;Club;3 rue C;13001;Marseille;Aide aux démarches administratives;Sur un nuage;;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "misplaced"})
	if rep.Services[models.SyncCreated] != 3 {
		t.Fatalf("services %v: %+v", rep.Services, rep.Issues)
	}
	f1 := serviceOf(t, s, "misplaced", "f1")
	if len(f1.Fees) != 1 || f1.Fees[0] != "Gratuit" || len(f1.AccessModes) != 0 {
		t.Errorf("row 1: fees %v access modes %v, want fees [Gratuit]", f1.Fees, f1.AccessModes)
	}
	f2 := serviceOf(t, s, "misplaced", "f2")
	if len(f2.Fees) != 1 || f2.Fees[0] != "Payant" || len(f2.AccessModes) != 1 || len(f2.Publics) != 1 {
		t.Errorf("row 2: fees %v access modes %v publics %v", f2.Fees, f2.AccessModes, f2.Publics)
	}
	got := readingsOf(rep)
	if rows := got["modalites_acces: « Gratuit » is a value of frais_a_charge, not of this column: read there"]; rows != "1" {
		t.Errorf("no reading says row 1's fee was read where it belongs: %v", got)
	}
	if is := issuesOf(rep, 1, "modalites_acces"); len(is) != 0 {
		t.Errorf("row 1: a value read elsewhere is also warned as dropped: %+v", is)
	}
	if is := issuesOf(rep, 3, "modalites_acces"); len(is) != 1 || !strings.Contains(is[0].Reason, "dropped") {
		t.Errorf("row 3's value of no list not warned: %+v", is)
	}
}

// TestImportOneIDForSeveralPlaces: producers give every place of a
// structure its SIRET as id (three Croix-Rouge local units, two post
// offices of the national file of 2022): all but the first were ignored as
// « appears twice ». A row with the id of an earlier row at another
// address is now a place of its own, under an id stable across imports and,
// once stored, the rows' order (TestSharedIDRowOrder); the same id at the
// same address is still the same place read once.
func TestImportOneIDForSeveralPlaces(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services\n" +
		"77567267221138;Unité locale Pays de Virdoule;207 Avenue du Général de Gaulle;34400;Lunel;Aide aux démarches administratives\n" +
		"77567267221138;Unité locale du Coeur d'Hérault;10 Avenue Maréchal Leclerc;34120;Pézenas;Aide aux démarches administratives\n" +
		"77567267221138;Unité locale du Bassin de Thau;36 Rue Paul Valéry;34200;Sète;Aide aux démarches administratives\n" +
		// The first place again, written differently: the same place.
		"77567267221138;Unité locale Pays de Virdoule;207 avenue du Général-de-Gaulle;34400;Lunel;Aide aux démarches administratives\n" +
		"b1;Bibliothèque;1 rue A;13001;Marseille;Aide aux démarches administratives\n"
	s := openStore(t)
	for _, opt := range []opendata.ImportOptions{{Source: "shared"}, {Source: "shared"}, {Source: "shared", Snapshot: true}} {
		rep := importBytes(t, s, []byte(csv), opt)
		stored := rep.Actors[models.SyncCreated] + rep.Actors[models.SyncUnchanged]
		if stored != 4 || rep.Rejected != 1 || rep.Actors[models.SyncArchived] != 0 || rep.Actors[models.SyncUpdated] != 0 {
			t.Fatalf("%+v: actors %v rejected %d: %+v", opt, rep.Actors, rep.Rejected, rep.Issues)
		}
		if is := issuesOf(rep, 4, "id"); len(is) != 1 || is[0].Severity != opendata.SeverityError || !strings.Contains(is[0].Reason, "same address") {
			t.Errorf("row 4, the first place again: %+v", is)
		}
		for _, row := range []int{2, 3} {
			if is := issuesOf(rep, row, "id"); len(is) != 1 || is[0].Severity != opendata.SeverityWarning || !strings.Contains(is[0].Reason, "a place of its own") {
				t.Errorf("row %d: %+v", row, is)
			}
		}
	}
	names := map[string]string{}
	for _, a := range allActors(t, s) {
		names[a.SourceID] = a.Name
	}
	if names["77567267221138"] != "Unité locale Pays de Virdoule" || len(names) != 4 {
		t.Errorf("places: %v", names)
	}
	var own int
	for id, name := range names {
		if strings.HasPrefix(id, "77567267221138~") && strings.HasPrefix(name, "Unité locale du ") {
			own++
		}
	}
	if own != 2 {
		t.Errorf("the two other local units are not places of their own: %v", names)
	}
}

// TestImportLosslessLegacyValue: the Hinaura and Nouvelle-Calédonie files
// list « Adultes » among the publics of nearly every place (637 of 687):
// v1.0.2 has no such public and dropping it loses nothing, so it is a
// reading, not 637 warnings burying the rows that need the producer.
func TestImportLosslessLegacyValue(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services;publics_accueillis\n" +
		"l1;EPN;1 rue A;13001;Marseille;Accéder à du matériel;Adultes;Seniors (+ 65 ans)\n" +
		"l2;Médiathèque;2 rue B;13001;Marseille;Accéder à du matériel;Adultes\n" +
		// A value whose loss matters is still warned.
		"l3;Club;3 rue C;13001;Marseille;Accéder à du matériel;Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales\n"
	csv = strings.ReplaceAll(csv, "Adultes;Seniors", "Adultes|Seniors")
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "adults"})
	for _, row := range []int{1, 2} {
		if is := issuesOf(rep, row, "publics_accueillis"); len(is) != 0 {
			t.Errorf("row %d: « Adultes » warned: %+v", row, is)
		}
	}
	if is := issuesOf(rep, 3, "publics_accueillis"); len(is) != 1 {
		t.Errorf("row 3: psychic disability dropped without a warning: %+v", rep.Issues)
	}
	var rows string
	for k, r := range readingsOf(rep) {
		if strings.HasPrefix(k, "publics_accueillis: « Adultes » of the standard v0.1.1 dropped: ") {
			rows = r
		}
	}
	if rows != "1-2" {
		t.Errorf("no reading for « Adultes » on rows 1-2: %v", readingsOf(rep))
	}
	if sv := serviceOf(t, s, "adults", "l1"); len(sv.Publics) != 1 {
		t.Errorf("row 1's seniors lost: %v", sv.Publics)
	}
}

// TestImportFrenchTimes: « Mo-Fr 9h-12h30,13h30-17h » (Conseillers
// numériques of Île-de-France) was dropped as unreadable and « Mo-Th
// 10h00-12h30 » lost its days; times written 9h30 or 09.30 are read as
// 09:30, with a reading, and kept in OSM syntax.
func TestImportFrenchTimes(t *testing.T) {
	in := "id;nom;adresse;code_postal;commune;services;horaires\n" +
		"a;EPN A;1 rue A;75011;Paris;Aide aux démarches administratives;Mo-Fr 9h-12h30,13h30-17h\n" +
		"b;EPN B;2 rue B;75011;Paris;Aide aux démarches administratives;\"Mo-Th 10h00-12h30,13h30-17h00; Fr 09h30-12h30; Sa 12:30\"\n" +
		"c;EPN C;3 rue C;75011;Paris;Aide aux démarches administratives;Mo 09:00-12:00\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: "fr"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.OpeningHours
	}
	want := map[string]string{"a": "Mo-Fr 09:00-12:30,13:30-17:00", "b": "Mo-Th 10:00-12:30,13:30-17:00; Fr 09:30-12:30; Sa 12:30", "c": "Mo 09:00-12:00"}
	for id, h := range want {
		if got[id] != h {
			t.Errorf("%s: hours %q, want %q", id, got[id], h)
		}
	}
	if is := issuesOf(rep, 1, "horaires"); len(is) != 0 {
		t.Errorf("row 1 warned: %+v", is)
	}
	// Row 2 keeps the warning of the rule that is still unreadable.
	if is := issuesOf(rep, 2, "horaires"); len(is) != 1 || is[0].Value != "Sa 12:30" {
		t.Errorf("row 2 warnings: %+v", is)
	}
	if r := readingsOf(rep)["horaires: times written like 9h30 or 09.30 read as 09:30"]; r != "1-2" {
		t.Errorf("reading rows %q (all: %v)", r, readingsOf(rep))
	}
}

// TestImportOverseasPhones: the Conseillers numériques national file
// writes some overseas fixed lines without their prefix (0262 34 35 10 as
// +262343510) and Mayotte's with the Comoros' code; the places lost their
// only phone. Repaired with a reading; a number that cannot be repaired
// is still warned and dropped.
func TestImportOverseasPhones(t *testing.T) {
	in := "id;nom;adresse;code_postal;commune;services;telephone\n" +
		"re;Médiathèque;1 rue A;97400;Saint-Denis;Aide aux démarches administratives;+262343510\n" +
		"yt;France Services;2 rue B;97600;Mamoudzou;Aide aux démarches administratives;+269269601282\n" +
		"mq;EPN;3 rue C;97200;Fort-de-France;Aide aux démarches administratives;+596686482\n" +
		"fr;EPN;4 rue D;75011;Paris;Aide aux démarches administratives;+3321276098\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: "dom"})
	got := map[string][]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.Phones
	}
	for id, want := range map[string]string{"re": "+262262343510", "yt": "+262269601282", "mq": "+596596686482"} {
		if len(got[id]) != 1 || got[id][0] != want {
			t.Errorf("%s: phones %v, want %s", id, got[id], want)
		}
	}
	if len(got["fr"]) != 0 || len(issuesOf(rep, 4, "telephone")) != 1 {
		t.Errorf("an unrepairable number: phones %v, issues %+v", got["fr"], issuesOf(rep, 4, "telephone"))
	}
	for row := 1; row <= 3; row++ {
		if is := issuesOf(rep, row, "telephone"); len(is) != 0 {
			t.Errorf("row %d warned: %+v", row, is)
		}
	}
	r := readingsOf(rep)
	if r["telephone: the prefix 0262 of the département's fixed lines was missing after +262: repaired"] != "1" ||
		r["telephone: a number of Mayotte written with +269 (the Comoros) instead of +262: repaired"] != "2" {
		t.Errorf("readings %v", r)
	}
}

// TestImportProgrammeOfItsProducer: the national file of 2022 lists the
// places of the Conseillers numériques programme (source
// « conseiller-numerique » on every row) but 309 of its 398 rows name no
// programme, while every row of the programme's other files has CNFS: a
// place published by the programme itself hosts it. Inferred with a
// reading; a row of another producer is left as it is.
func TestImportProgrammeOfItsProducer(t *testing.T) {
	in := "id;nom;adresse;code_postal;commune;services;source;labels_nationaux\n" +
		"a;Mairie;1 rue A;13001;Marseille;Aide aux démarches administratives;conseiller-numerique;\n" +
		"b;EPN;2 rue B;13001;Marseille;Aide aux démarches administratives;conseiller-numerique;France Services\n" +
		"c;EPN C;3 rue C;13001;Marseille;Aide aux démarches administratives;conseiller-numerique;CNFS\n" +
		"d;Club;4 rue D;13001;Marseille;Aide aux démarches administratives;hinaura;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: "nat"})
	got := map[string][]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.NationalProgrammes
	}
	const cn = "Conseillers numériques"
	for id, want := range map[string][]string{"a": {cn}, "b": {cn, "France Services"}, "c": {cn}, "d": nil} {
		if !slices.Equal(sorted(got[id]), sorted(want)) {
			t.Errorf("%s: programmes %v, want %v", id, got[id], want)
		}
	}
	if r := readingsOf(rep)["dispositif_programmes_nationaux: « Conseillers numériques » added: the row's producer is the programme (source conseiller-numerique), whose files list the places hosting it"]; r != "1-2" {
		t.Errorf("reading rows %q (all %v)", r, readingsOf(rep))
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestImportCommuneDoubts: rows of the Conseillers numériques file of 2022,
// Hinaura and Nouvelle-Calédonie whose commune Carnet left unresolved
// without a word, or resolved while keeping a contradicting postal code or
// point silently. Each now says in the report what conflicts and what was
// kept.
func TestImportCommuneDoubts(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;code_insee;latitude;longitude;services;date_maj\n" +
		// Two communes share 62300; the point is Lens's.
		"c1;EPN;1 rue A;62300;62300;;50.433655;2.820485;Aide aux démarches administratives;2022-05-09\n" +
		// Ambérieu's postal code on a Bourg-en-Bresse address (01000).
		"c2;Médiathèque;2 rue B;01500;Bourg-en-Bresse;;46.2010882;5.2134728;Aide aux démarches administratives;2022-05-09\n" +
		// Nouméa's 98800 on a Poya address (98827).
		"c3;Espace;3 rue C;98800;Poya;98827;-21.22332;165.27238;Aide aux démarches administratives;2022-05-09\n" +
		// 30 km from Saint-Pourçain, 3 km from Chouvigny: kept, doubted.
		"c4;Mairie;4 rue D;03500;SAINT-POURCAIN-SUR-SIOULE;;46.1284;3.0029;Aide aux démarches administratives;2022-05-09\n" +
		// « Mairie » for a commune, 24140's communes, a point in the Loir-et-Cher.
		"c5;France services;5 rue E;24140;Mairie;;47.332417;1.243418;Aide aux démarches administratives;2022-05-09\n" +
		// Clean.
		"c6;Club;6 rue F;03500;Saint-Pourçain-sur-Sioule;;46.307;3.289;Aide aux démarches administratives;2022-05-09\n" +
		// Balloy's INSEE code for its postal code (77118).
		"c7;Mairie;7 rue G;77019;Balloy;;48.398088;3.146649;Aide aux démarches administratives;2022-05-09\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "doubts"})
	want := []struct {
		row   int
		field string
		has   []string
	}{
		{1, "commune", []string{"62300", "Lens", "coordinates"}},
		{2, "code_postal", []string{"01500", "Ambérieu-en-Bugey", "Bourg-en-Bresse", "01000", "replaced by 01000"}},
		{3, "code_postal", []string{"98800", "Nouméa", "Poya", "replaced by 98827"}},
		{4, "latitude", []string{"30 km", "Chouvigny", "kept"}},
		{5, "commune", []string{"Mairie", "24140", "kept as written"}},
		{7, "code_postal", []string{"INSEE code of Balloy", "replaced by 77118"}},
	}
	for _, w := range want {
		is := issuesOf(rep, w.row, w.field)
		if len(is) != 1 || is[0].Severity != opendata.SeverityWarning {
			t.Errorf("row %d %s: want one warning, got %+v", w.row, w.field, is)
			continue
		}
		for _, h := range w.has {
			if !strings.Contains(is[0].Reason+" "+is[0].Value, h) {
				t.Errorf("row %d %s: %q does not say %q", w.row, w.field, is[0].Reason, h)
			}
		}
	}
	for _, is := range rep.Issues {
		if is.Row == 6 {
			t.Errorf("row 6 is clean: %+v", is)
		}
	}
	got := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a
	}
	for id, want := range map[string]string{"c1": "62498 62300", "c2": "01053 01000", "c3": "98827 98827", "c4": "03254 03500", "c5": " 24140", "c6": "03254 03500", "c7": "77019 77118"} {
		if a := got[id]; a.Address.InseeCode+" "+a.Address.PostalCode != want {
			t.Errorf("%s stored as %q %q, want %q", id, a.Address.InseeCode, a.Address.PostalCode, want)
		}
	}
	if a := got["c4"]; a.Latitude == nil {
		t.Errorf("c4's doubted point dropped")
	}
}

// TestImportSixDigitPostalCode: « 380000 » for Grenoble and « 020000 » for
// Laon in the Conseillers numériques file of 2022 rejected both places; a
// digit too many is read away when exactly one reading is a postal code of
// the commune named, and said.
func TestImportSixDigitPostalCode(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services;date_maj\n" +
		"g1;EPN;2 rue du Vieux Temple;380000;Grenoble;Aide aux démarches administratives;2022-05-09\n" +
		"l1;EPN;1 boulevard de Lyon;020000;Laon;Aide aux démarches administratives;2022-05-09\n" +
		// No reading is Nice's: still refused.
		"n1;EPN;1 rue;123456;Nice;Aide aux démarches administratives;2022-05-09\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "six"})
	for row, want := range map[int]string{1: "38000", 2: "02000"} {
		is := issuesOf(rep, row, "code_postal")
		if len(is) != 1 || is[0].Severity != opendata.SeverityWarning || !strings.Contains(is[0].Reason, want) {
			t.Errorf("row %d: want a warning reading %s, got %+v", row, want, is)
		}
	}
	if is := issuesOf(rep, 3, "code_postal"); len(is) != 1 || is[0].Severity != opendata.SeverityError {
		t.Errorf("row 3: want the postal code refused, got %+v", is)
	}
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.Address.PostalCode + " " + a.Address.InseeCode
	}
	if got["g1"] != "38000 38185" || got["l1"] != "02000 02408" {
		t.Errorf("stored %v", got)
	}
}

// TestImportAddressOnSeveralLines: producers' forms and spreadsheets keep the
// line breaks typed in an address cell (« 20 rue du Capitaine Manuel\n97200
// Fort de France », « … BP 116 \r\n77385 Combs-la-Ville », a tab before the
// postal code): a one-line field refused them, and the row was rejected
// (10 of the 165 places of a Martinique hub, 8 of a data·inclusion export,
// 61 of a regional form, 111 of the France services list). The lines are
// joined with « , », said once per column in the readings.
func TestImportAddressOnSeveralLines(t *testing.T) {
	rows := []map[string]string{
		{"id": "a1", "nom": "EPN\nde Fort-de-France", "adresse": "20 rue du Capitaine Manuel\n97200 Fort de France", "code_postal": "97200", "commune": "Fort-de-France", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
		{"id": "a2", "nom": "CCAS", "adresse": "Place de l'Hôtel de Ville BP 116 \r\n\r\n77385 Combs-la-Ville", "complement_adresse": "Bâtiment A\tRez-de-chaussée", "code_postal": "77380", "commune": "Combs-la-Ville\n", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
		{"id": "a3", "nom": "Club", "adresse": "5 Rue Henri Barbusse\t59580 Aniche", "code_postal": "59580", "commune": "Aniche", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
	}
	b, _ := json.Marshal(rows)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "lines"})
	if rep.Rejected != 0 || rep.Actors[models.SyncCreated] != 3 {
		t.Fatalf("rejected %d, actors %v: %+v", rep.Rejected, rep.Actors, rep.Issues)
	}
	got := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a
	}
	for id, want := range map[string][4]string{
		// The postal code and commune ending a line repeat the row's own
		// columns: the street is kept alone (TestStreetRepeatingTheCity).
		"a1": {"EPN de Fort-de-France", "20 rue du Capitaine Manuel", "", "Fort-de-France"},
		"a2": {"CCAS", "Place de l'Hôtel de Ville BP 116, 77385 Combs-la-Ville", "Bâtiment A, Rez-de-chaussée", "Combs-la-Ville"},
		"a3": {"Club", "5 Rue Henri Barbusse", "", "Aniche"},
	} {
		a := got[id]
		if g := [4]string{a.Name, a.Address.Street, a.Address.Complement, a.Address.Commune}; g != want {
			t.Errorf("%s: stored %q, want %q", id, g, want)
		}
	}
	readings := readingsOf(rep)
	if readings["adresse: line breaks or tabs in a one-line field: the lines joined with « , »"] != "1-3" {
		t.Errorf("readings: %v", readings)
	}
	for _, is := range rep.Issues {
		t.Errorf("unexpected issue %+v", is)
	}
}

// TestImportValuesJoinedOtherwise: Le Havre's file joins its values with
// « / » (its 80 places were all rejected: none of the services named was
// read), a Martinique hub's spreadsheet left nothing but spaces between
// them (24 of its places rejected), a form puts one per line.
func TestImportValuesJoinedOtherwise(t *testing.T) {
	rows := []map[string]string{
		{"id": "h1", "services": "Devenir autonome dans les démarches administratives / Réaliser des démarches administratives avec un accompagnement/ Accéder à du matériel", "publics_accueillis": "Seniors (+65 ans) / Familles/enfants / Jeunes (16/26 ans)"},
		{"id": "m1", "services": "Prendre en main un ordinateur Devenir autonome dans les démarches administratives Accéder à du matériel"},
		{"id": "n1", "services": "Accéder à du matériel,\nPrendre en main un ordinateur"},
	}
	for i, r := range rows {
		r["nom"], r["adresse"], r["code_postal"], r["commune"], r["date_maj"] = "EPN "+r["id"], fmt.Sprintf("%d rue de Paris", i+1), "76600", "Le Havre", "2023-04-01"
	}
	b, _ := json.Marshal(rows)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "joined"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	for id, want := range map[string][]string{
		"h1": {vocab.ThemeAdministrativeProcedures, vocab.ThemeInternetAndEquipment},
		"m1": {vocab.ThemeAdministrativeProcedures, vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment},
		"n1": {vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment},
	} {
		if got := serviceOf(t, s, "joined", id).Themes; !slices.Equal(sorted(got), sorted(want)) {
			t.Errorf("%s: themes %q, want %q", id, got, want)
		}
	}
	if got := serviceOf(t, s, "joined", "h1").Publics; !slices.Equal(sorted(got), sorted([]string{vocab.PublicSeniors, vocab.PublicFamilies, vocab.PublicYouth})) {
		t.Errorf("h1: publics %q", got)
	}
	readings := readingsOf(rep)
	for k, rows := range map[string]string{
		"services: values separated by slashes (the standard joins them with |)":                "1",
		"services: values separated by spaces only (the standard joins them with |)":            "2",
		"services: values separated by commas and line breaks (the standard joins them with |)": "3",
	} {
		if readings[k] != rows {
			t.Errorf("reading %q: rows %q, want %q (all: %v)", k, readings[k], rows, readings)
		}
	}
}

// TestImportLabelsFoundInText: a Martinique hub's file (Mednum Hub
// Antilles) runs its services together without separators, one of them
// cut short and with bracketed details between them; 20 of its places were
// rejected as naming no service. The known labels found in the text are
// read, the rest named in a warning and not guessed; a cell naming no
// known label still rejects its place, and a list with separators reads
// as before.
func TestImportLabelsFoundInText(t *testing.T) {
	rows := []map[string]string{
		{"id": "run", "services": "Prendre en main un ordinateur Devenir autonome dans les démarches administratives Accéder à une connexion internet le mardi"},
		{"id": "cut", "services": "Prendre en main un ordinateur Devenir autonome dans les démarches administratives Accéder à du matérie Découvrir les usages de base du numérique: [Internet: Fonctionnement navigation, recherche web] Réaliser des démarches administratives avec un accompagnement\nDécouvrir les usages de base du numérique: [Mail: créer, envoyer, recevoir] Accéder à une connexion internet"},
		{"id": "nolabel", "services": "Découvrir les usages de base du numérique: [Mail: créer, envoyer, recevoir]"},
		{"id": "list", "services": "Prendre en main un ordinateur|Accéder à du matériel"},
	}
	for i, r := range rows {
		r["nom"], r["adresse"], r["code_postal"], r["commune"], r["date_maj"] = "EPN "+r["id"], fmt.Sprintf("%d rue Victor Hugo", i+1), "97200", "Fort-de-France", "2023-04-01"
	}
	b, _ := json.Marshal(rows)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "found"})
	if rep.Rejected != 1 {
		t.Fatalf("rejected %d, want 1 (nolabel): %+v", rep.Rejected, rep.Issues)
	}
	for id, want := range map[string][]string{
		"run":  {vocab.ThemeAdministrativeProcedures, vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment},
		"cut":  {vocab.ThemeAdministrativeProcedures, vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment},
		"list": {vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment},
	} {
		if got := serviceOf(t, s, "found", id).Themes; !slices.Equal(sorted(got), sorted(want)) {
			t.Errorf("%s: themes %q, want %q", id, got, want)
		}
	}
	warnings := map[int]string{}
	for _, is := range rep.Issues {
		if is.Field == "services" {
			warnings[is.Row] = is.Severity + ": " + is.Reason
		}
	}
	want := map[int]string{
		1: "warning: services read from 3 labels found in the text, which does not separate them (the standard joins values with |); not read: « le mardi »",
		2: "warning: services read from 4 labels found in the text, which does not separate them (the standard joins values with |); not read: « Accéder à du matérie Découvrir les usages de base du numérique: [Internet: Fonctionnement navigation, recherche web] », « Découvrir les usages de base du numérique: [Mail: créer, envoyer, recevoir] »",
	}
	for row, w := range want {
		if warnings[row] != w {
			t.Errorf("row %d: %q\nwant %q", row, warnings[row], w)
		}
	}
	if !strings.HasPrefix(warnings[3], "error: none of the services named") {
		t.Errorf("row 3: %q, want the place rejected", warnings[3])
	}
	if _, ok := warnings[4]; ok {
		t.Errorf("row 4, a list with separators: %q", warnings[4])
	}
}

// TestImportLegacyMappingsGrouped: the readings named each combination of
// v0.1.1 values a row held (« A → X; B → Y »), so a data·inclusion export of
// 3,811 places listed about 250 readings of a dozen mappings; one reading
// per mapping lists the rows it applies to.
func TestImportLegacyMappingsGrouped(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;date_maj;services\n" +
		"r1;EPN;1 rue A;76600;Le Havre;2023-04-01;Accéder à du matériel|Prendre en main un ordinateur\n" +
		"r2;EPN;2 rue A;76600;Le Havre;2023-04-01;Prendre en main un ordinateur\n" +
		"r3;EPN;3 rue A;76600;Le Havre;2023-04-01;Prendre en main un ordinateur|Accéder à du matériel|Accéder à du matériel\n"
	rep := importBytes(t, openStore(t), []byte(csv), opendata.ImportOptions{Source: "grouped"})
	var got []string
	for _, r := range rep.Readings {
		if r.Field == "services" {
			got = append(got, r.How+" @ "+r.Rows)
		}
	}
	want := []string{
		"values of the standard v0.1.1 mapped to v1.0.2: Accéder à du matériel → Accès internet et matériel informatique @ 1, 3",
		"values of the standard v0.1.1 mapped to v1.0.2: Prendre en main un ordinateur → Maîtrise des outils numériques du quotidien @ 1-3",
	}
	if !slices.Equal(sorted(got), want) {
		t.Errorf("readings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportCoordinatesAsJSONObject: a JSON file gives both coordinates as
// an object (a Nouvelle-Calédonie form: « geolocalisation »: {"lon":
// 166.47, "lat": -22.23}; a GeoJSON Point in an export): the same text in a
// CSV cell was read, the object was ignored with a warning.
func TestImportCoordinatesAsJSONObject(t *testing.T) {
	b := []byte(`[
{"id": "c1", "nom": "EPN", "adresse": "1 rue de Sébastopol", "code_postal": "98800", "commune": "Nouméa", "date_maj": "2023-11-05", "services": "Aide aux démarches administratives", "geolocalisation": {"lon": 166.468099, "lat": -22.233939}},
{"id": "c2", "nom": "EPN", "adresse": "1 place Carli", "code_postal": "13001", "commune": "Marseille", "date_maj": "2023-11-05", "services": "Aide aux démarches administratives", "coordonnees": {"type": "Point", "coordinates": [5.3698, 43.2965]}},
{"id": "c3", "nom": "EPN", "adresse": "2 place Carli", "code_postal": "13001", "commune": "Marseille", "date_maj": "2023-11-05", "services": "Aide aux démarches administratives", "coordonnees": {"latitude": "43.2965", "longitude": "5.3698"}}
]`)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "geo"})
	for _, is := range rep.Issues {
		t.Errorf("unexpected issue %+v", is)
	}
	want := map[string][2]float64{"c1": {-22.233939, 166.468099}, "c2": {43.2965, 5.3698}, "c3": {43.2965, 5.3698}}
	for _, a := range allActors(t, s) {
		if a.Latitude == nil || a.Longitude == nil || [2]float64{*a.Latitude, *a.Longitude} != want[a.SourceID] {
			t.Errorf("%s: point %v,%v, want %v", a.SourceID, a.Latitude, a.Longitude, want[a.SourceID])
		}
	}
}

// TestStreetRepeatingTheCity: 184 of RhinOcc's 797 places end their address
// line with their own postal code and commune (« RUE PRINCIPALE 46120
// LEYME »), beside the columns saying them: exports wrote them twice. The
// street is kept alone, said once in the readings; a line ending with
// another code than the row's (a CEDEX, a former code) keeps it.
func TestStreetRepeatingTheCity(t *testing.T) {
	rows := []map[string]string{
		{"id": "r1", "nom": "Mairie de Leyme", "adresse": "RUE PRINCIPALE 46120 LEYME", "code_postal": "46120", "commune": "Leyme", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
		{"id": "r2", "nom": "Interactis", "adresse": "CHE DE 13 PIERRES BATIMENT INTERACTIS 12200 VILLEFRANCHE-DE-ROUERGUE", "code_postal": "12200", "commune": "Villefranche-de-Rouergue", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
		{"id": "r3", "nom": "CCAS", "adresse": "Place de l'Hôtel de Ville BP 116 77385 Combs-la-Ville", "code_postal": "77380", "commune": "Combs-la-Ville", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
		{"id": "r4", "nom": "Mairie de Técou", "adresse": "81600 TECOU", "code_postal": "81600", "commune": "Técou", "services": "Aide aux démarches administratives", "date_maj": "2024-03-01"},
	}
	b, _ := json.Marshal(rows)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "rhinocc"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.Address.Street
	}
	for id, want := range map[string]string{
		"r1": "RUE PRINCIPALE",
		"r2": "CHE DE 13 PIERRES BATIMENT INTERACTIS",
		"r3": "Place de l'Hôtel de Ville BP 116 77385 Combs-la-Ville", // a CEDEX code: kept
		"r4": "81600 TECOU",                                           // nothing else would remain
	} {
		if got[id] != want {
			t.Errorf("%s: street %q, want %q", id, got[id], want)
		}
	}
	if r := readingsOf(rep)["adresse: an address line ending with the row's own postal code and commune keeps the street alone"]; r != "1-2" {
		t.Errorf("the reading's rows: %q, want 1-2 (readings %v)", r, readingsOf(rep))
	}
}
