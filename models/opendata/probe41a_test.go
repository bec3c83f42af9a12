package opendata_test

import (
	"testing"

	"carnet/models/opendata"
)

// Probe 41a: files rewritten the way other tools write them.

// TestShortRowShiftedIsRefused (probe 41a H1): a row one cell short inside
// (its telephone cell missing) was imported with its values one column
// off: « 2023-05-17 » as its producer, its service in date_maj, dropped.
// Such a row is refused with the column where a cell is missing; a row
// short only by its empty trailing cells is still imported.
func TestShortRowShiftedIsRefused(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,latitude,longitude,telephone,source,date_maj,services\n" +
		"k4,Lieu k4,Angoulême,16000,4 rue A,45.65,0.16,hub,2023-05-17,Aide aux démarches administratives\n" +
		"k5,Lieu k5,Angoulême,16000,5 rue A,45.65,0.16,0545000005,hub,2023-05-17\n" +
		"k7,Lieu k7,Angoulême,16000,7 rue A,45.65,0.16,0545000007,hub,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if _, ok := got["k4"]; ok || !hasIssue(rep, 1, "", opendata.SeverityError, "fewer cells than the header") {
		t.Errorf("k4 imported shifted (producer %q) or refused without saying why: %+v", got["k4"].Producer, issuesOfRow(rep, 1))
	}
	if is := issuesOfRow(rep, 1); len(is) != 1 {
		t.Errorf("k4: the values read one column off are warned of too, as if imported: %+v", is)
	}
	if !hasIssue(rep, 1, "", opendata.SeverityError, "« telephone »") {
		t.Errorf("k4: the refusal does not name the column where a cell is missing: %+v", issuesOfRow(rep, 1))
	}
	if _, ok := got["k5"]; !ok {
		t.Errorf("k5, short only by its trailing services cell, not imported: %+v", issuesOfRow(rep, 2))
	}
	if _, ok := got["k7"]; !ok {
		t.Errorf("k7 not imported: %+v", issuesOfRow(rep, 3))
	}
	semi := "id;nom;commune;code_postal;adresse;source;date_maj;services;frais_a_charge\n" +
		"k6;Lieu k6;Angoulême;16000;6 rue A;2023-05-17;Aide aux démarches administratives;Gratuit\n"
	rep, _ = importedBy(t, semi, "hubt")
	if !hasIssue(rep, 1, "", opendata.SeverityError, "« source »") {
		t.Errorf("k6: a cell missing under source not said: %+v", issuesOfRow(rep, 1))
	}
}

// TestDateAsProducerWarned (probe 41a H1): a producer name that is a date
// is no producer's name.
func TestDateAsProducerWarned(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"p1,Lieu p1,Angoulême,16000,1 rue A,2023-05-17,2023-05-17,Aide aux démarches administratives\n" +
		"p2,Lieu p2,Angoulême,16000,2 rue A,https://hub.example.fr/lieux,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if !hasIssue(rep, 1, "source", opendata.SeverityWarning, "a date") || got["p1"].Producer == "2023-05-17" {
		t.Errorf("p1: producer %q, issues %+v", got["p1"].Producer, issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 2, "source", opendata.SeverityWarning, "an address") {
		t.Errorf("p2: a URL as producer not warned: %+v", issuesOfRow(rep, 2))
	}
}

// TestServicesColumnRenamed (probe 41a M1): « Services proposés », « Offre
// de services », « Prestations » hold the services: the place was imported
// without the offers they name. They are read as the services column; a
// column of another name whose values are all services makes the row say
// that its offers were not imported.
func TestServicesColumnRenamed(t *testing.T) {
	for _, col := range []string{"Services proposés", "Offre de services", "Prestations"} {
		in := "id,nom,commune,code_postal,adresse,source,date_maj," + col + "\n" +
			"x1,Médiathèque P,Angoulême,16000,1 rue A,hub-test,2023-05-17,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien\n"
		rep, _ := importedBy(t, in, "hubt")
		if rep.Services["created"] != 1 || readingOf(rep, "", "« "+col+" » read as services") == nil && readingOf(rep, "services", "« "+col+" »") == nil {
			t.Errorf("%s: %d offers created, readings %+v, issues %+v", col, rep.Services["created"], rep.Readings, rep.Issues)
		}
	}
	in := "id,nom,commune,code_postal,adresse,source,date_maj,Nos activités\n" +
		"x1,Médiathèque P,Angoulême,16000,1 rue A,hub-test,2023-05-17,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien\n" +
		"x2,Médiathèque Q,Angoulême,16000,2 rue A,hub-test,2023-05-17,Lecture publique\n"
	rep, _ := importedBy(t, in, "hubt")
	if !hasIssue(rep, 1, "services", opendata.SeverityWarning, "« Nos activités »") {
		t.Errorf("x1: services named under another column, imported without them and without a word: %+v", issuesOfRow(rep, 1))
	}
	if hasIssue(rep, 2, "services", opendata.SeverityWarning, "« Nos activités »") {
		t.Errorf("x2: a column of other values read as services: %+v", issuesOfRow(rep, 2))
	}
}

// TestExcelTextForms (probe 41a M3): Excel keeps leading zeros with
// ="00123" or '00124; the id was stored as ="00123", the SIRET dropped as
// no pivot, the postal code refused the row. The value inside is read.
func TestExcelTextForms(t *testing.T) {
	in := "id;nom;commune;code_postal;adresse;source;date_maj;services;telephone;pivot\n" +
		"=\"00123\";Lieu e1;Nice;=\"06100\";1 avenue de la Californie;hub;2023-05-17;Aide aux démarches administratives;=\"0493000001\";=\"21060088800015\"\n" +
		"'00124;Lieu e2;Nice;'06100;2 avenue de la Californie;hub;2023-05-17;Aide aux démarches administratives;'0493000002;'21060088800015\n"
	rep, got := importedBy(t, in, "hubt")
	for id, phone := range map[string]string{"00123": "+33493000001", "00124": "+33493000002"} {
		a, ok := got[id]
		if !ok {
			t.Errorf("%s not imported (ids stored: %v): %+v", id, keysOf(got), rep.Issues)
			continue
		}
		if a.Address.PostalCode != "06100" || len(a.Phones) != 1 || a.Phones[0] != phone || a.Pivot != "21060088800015" {
			t.Errorf("%s: postal code %q phones %q pivot %q: %+v", id, a.Address.PostalCode, a.Phones, a.Pivot, rep.Issues)
		}
	}
	if readingOf(rep, "id", "Excel") == nil {
		t.Errorf("no reading says Excel's text forms were read: %+v", rep.Readings)
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestJSONServicesAsObjects (probe 41a M1b): services written as objects
// ([{"nom": …}]) were ignored and the place imported without its offer.
func TestJSONServicesAsObjects(t *testing.T) {
	in := `[{"id":"o1","nom":"Lieu o1","commune":"Angoulême","code_postal":"16000","adresse":"1 rue A","source":"hub","date_maj":"2023-05-17","services":[{"nom":"Aide aux démarches administratives"},{"nom":"Maîtrise des outils numériques du quotidien"}]},
 {"id":"o2","nom":"Lieu o2","commune":"Angoulême","code_postal":"16000","adresse":"2 rue A","source":"hub","date_maj":"2023-05-17","services":{"label":"Aide aux démarches administratives"}},
 {"id":"o3","nom":"Lieu o3","commune":"Angoulême","code_postal":"16000","adresse":"3 rue A","source":"hub","date_maj":"2023-05-17","services":[{"code":12}]}]`
	rep, got := importedBy(t, in, "hubt")
	if rep.Services["created"] != 2 {
		t.Errorf("%d offers created, want o1's and o2's: %+v", rep.Services["created"], rep.Issues)
	}
	if readingOf(rep, "services", "objects") == nil {
		t.Errorf("no reading says the objects were read by their name: %+v", rep.Readings)
	}
	if _, ok := got["o3"]; ok || !hasIssue(rep, 3, "services", opendata.SeverityError, "") {
		t.Errorf("o3, whose services are objects without a name, imported without its offer: %+v", issuesOfRow(rep, 3))
	}
}

// TestLeadingZerosDroppedIsTheSamePlace (probe 41a M2): a spreadsheet
// dropped the leading zeros of an id (00123, then 123): a second place was
// created beside the first, without a word. An id equal to a stored one
// of the source but for its leading zeros, at the same name and address,
// is that place, updated under the id stored; at another address it is a
// new place, with a warning.
func TestLeadingZerosDroppedIsTheSamePlace(t *testing.T) {
	s := openStore(t)
	head := "id,nom,commune,code_postal,adresse,source,date_maj,services\n"
	importBytes(t, s, []byte(head+
		"00123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"00777,Médiathèque C,Angoulême,16000,7 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(head+
		"123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-06-17,Aide aux démarches administratives\n"+
		"777,Médiathèque D,Angoulême,16000,9 rue de Bordeaux,hub-test,2023-06-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	ids := map[string]bool{}
	for _, a := range allActors(t, s) {
		ids[a.SourceID] = true
	}
	if ids["123"] || !ids["00123"] {
		t.Errorf("123 not read as the stored 00123: ids %v, issues %+v", ids, rep.Issues)
	}
	if !hasIssue(rep, 1, "id", opendata.SeverityWarning, "leading zeros") {
		t.Errorf("row 1: no word of the zeros: %+v", issuesOfRow(rep, 1))
	}
	if !ids["777"] || !hasIssue(rep, 2, "id", opendata.SeverityWarning, "00777") {
		t.Errorf("777 at another address: ids %v, issues %+v", ids, issuesOfRow(rep, 2))
	}
}

// TestSpreadsheetNumbers (probe 41a L1, L5): pandas writes 124.0 for the
// id 124 and 6100.0 for the postal code 06100; Excel writes a long id as
// 1.23457E+13, its digits lost.
func TestSpreadsheetNumbers(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"124.0,Médiathèque P,Nice,6100.0,1 avenue de la Californie,hub-test,2023-05-17,Aide aux démarches administratives\n" +
		"1.23457E+13,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if a, ok := got["124"]; !ok || a.Address.PostalCode != "06100" || !hasIssue(rep, 1, "id", opendata.SeverityWarning, "124") {
		t.Errorf("124.0: ids %v, postal code %q, issues %+v", keysOf(got), a.Address.PostalCode, issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 2, "id", opendata.SeverityWarning, "scientific notation") || hasIssue(rep, 2, "id", opendata.SeverityWarning, "as a decimal") {
		t.Errorf("1.23457E+13 not warned: %+v", issuesOfRow(rep, 2))
	}
	js := `[{"id":124.0,"nom":"Médiathèque P","commune":"Nice","code_postal":6100.0,"adresse":"1 avenue de la Californie","source":"hub-test","date_maj":"2023-05-17","services":"Aide aux démarches administratives"}]`
	rep, got = importedBy(t, js, "hubt")
	if a, ok := got["124"]; !ok || a.Address.PostalCode != "06100" {
		t.Errorf("JSON 124.0: ids %v, postal code %q, issues %+v", keysOf(got), a.Address.PostalCode, rep.Issues)
	}
}

// TestDatesShortOffsetAndFrenchMonth (probe 41a L2): PostgreSQL's text of
// a timestamptz (« 2023-05-17 12:00:00+02 ») and a date in words (« 17 mai
// 2023 ») were not read: the places lost their producer's date.
func TestDatesShortOffsetAndFrenchMonth(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"d3,Lieu d3,Angoulême,16000,3 rue A,hub,2023-05-17 12:00:00+02,Aide aux démarches administratives\n" +
		"d4,Lieu d4,Angoulême,16000,4 rue A,hub,17 mai 2023,Aide aux démarches administratives\n" +
		"d5,Lieu d5,Angoulême,16000,5 rue A,hub,1er août 2023,Aide aux démarches administratives\n" +
		"d6,Lieu d6,Angoulême,16000,6 rue A,hub,2023-05-17 23:30:00+00,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	for id, want := range map[string]string{"d3": "2023-05-17", "d4": "2023-05-17", "d5": "2023-08-01", "d6": "2023-05-18"} {
		if d := got[id].ProducerUpdatedOn; d != want {
			t.Errorf("%s: producer date %q, want %s: %+v", id, d, want, rep.Issues)
		}
	}
}

// TestRepeatedHeaderRow (probe 41a L3): the header written again mid-file
// (files concatenated) was refused with a warning per cell; one reason
// says it repeats the header.
func TestRepeatedHeaderRow(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"h1,Lieu h1,Angoulême,16000,1 rue A,hub,2023-05-17,Aide aux démarches administratives\n" +
		"id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"h2,Lieu h2,Angoulême,16000,2 rue A,hub,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if is := issuesOfRow(rep, 2); len(is) != 1 || !hasIssue(rep, 2, "", opendata.SeverityError, "repeats the header") {
		t.Errorf("row 2: %+v", is)
	}
	if len(got) != 2 {
		t.Errorf("%d places imported, want h1 and h2", len(got))
	}
}

// TestSemicolonListReading (probe 41a L4): services joined with « ; » are
// read, and the report says so as it does for « , » and « / ».
func TestSemicolonListReading(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"s1,Lieu s1,Angoulême,16000,1 rue A,hub,2023-05-17,Aide aux démarches administratives; Maîtrise des outils numériques du quotidien\n"
	rep, _ := importedBy(t, in, "hubt")
	if readingOf(rep, "services", "semicolons") == nil {
		t.Errorf("no reading of the « ; » separator: %+v", rep.Readings)
	}
}

// TestServicesElsewhereNamesOneColumn (review of session 41): in a JSON
// file, whose rows are maps, the column named by the warning of a row with
// services under two unknown names was whichever a map's iteration met
// first, so the same file could be reported two ways. The first name in
// order is named.
func TestServicesElsewhereNamesOneColumn(t *testing.T) {
	in := `[{"id":"j1","nom":"Médiathèque J","commune":"Angoulême","code_postal":"16000","adresse":"1 rue A","source":"hub-test","date_maj":"2023-05-17",` +
		`"zz_activites":"Aide aux démarches administratives|Lecture publique","aa_activites":"Aide aux démarches administratives","mm_activites":"Maîtrise des outils numériques du quotidien|Aide aux démarches administratives"}]`
	for range 30 {
		rep, _ := importedBy(t, in, "hubt")
		if !hasIssue(rep, 1, "services", opendata.SeverityWarning, "aa_activites") {
			t.Fatalf("the warning does not name the first column in order (aa_activites): %+v", issuesOfRow(rep, 1))
		}
	}
}
