package opendata_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/opendata"
)

// Issue 11 items 4 and 5, what session 41 left of the importer's rules.

const fix42Head = "id,nom,commune,code_postal,adresse,source,date_maj,services\n"

func sourceIDs(t *testing.T, s *models.Store) map[string]models.Actor {
	t.Helper()
	ids := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		ids[a.SourceID] = a
	}
	return ids
}

// TestLeadingZerosAddedBackIsTheSamePlace: the id stored as « 123 » and
// given as « 00123 » (the producer's tool put back the zeros a spreadsheet
// had dropped) made a second place. It is the stored place at the same
// name and address, another place with a warning naming the stored id
// otherwise: the rule of zeros dropped, the other way.
func TestLeadingZerosAddedBackIsTheSamePlace(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte(fix42Head+
		"123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"777,Médiathèque C,Angoulême,16000,7 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(fix42Head+
		"00123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-06-17,Aide aux démarches administratives\n"+
		"00777,Médiathèque D,Angoulême,16000,9 rue de Bordeaux,hub-test,2023-06-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	if _, ok := ids["00123"]; ok || ids["123"].ProducerUpdatedOn != "2023-06-17" {
		t.Errorf("00123 not read as the stored 123: ids %v, issues %+v", keysOf(ids), rep.Issues)
	}
	if !hasIssue(rep, 1, "id", opendata.SeverityWarning, "leading zeros") {
		t.Errorf("row 1: no word of the zeros: %+v", issuesOfRow(rep, 1))
	}
	if _, ok := ids["00777"]; !ok || !hasIssue(rep, 2, "id", opendata.SeverityWarning, "« 777 »") {
		t.Errorf("00777 at another address: ids %v, issues %+v", keysOf(ids), issuesOfRow(rep, 2))
	}
}

// TestLeadingZerosBothFormsInOneFile: « 00123 » and « 123 » in one file
// made two places. At the same name and address they are one place, the
// second row reported as a repetition of the first; at another they stay
// two, with a warning naming both ids.
func TestLeadingZerosBothFormsInOneFile(t *testing.T) {
	s := openStore(t)
	rep := importBytes(t, s, []byte(fix42Head+
		"00123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"00555,Médiathèque E,Angoulême,16000,5 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"555,Médiathèque F,Angoulême,16000,9 rue de Bordeaux,hub-test,2023-05-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	if _, ok := ids["123"]; ok || len(ids) != 3 {
		t.Errorf("123 after 00123 at the same address made a place: ids %v, issues %+v", keysOf(ids), rep.Issues)
	}
	if !hasIssue(rep, 3, "id", opendata.SeverityError, "first at row 1") || !hasIssue(rep, 3, "id", opendata.SeverityError, "« 00123 »") {
		t.Errorf("row 3 not reported as a repetition of row 1's 00123: %+v", issuesOfRow(rep, 3))
	}
	if _, ok := ids["555"]; !ok || !hasIssue(rep, 4, "id", opendata.SeverityWarning, "« 00555 »") {
		t.Errorf("555 at another address: ids %v, issues %+v", keysOf(ids), issuesOfRow(rep, 4))
	}
	// The same file again: row 3 is said the same way, with its id as
	// written, though its « 123 » now finds the stored « 00123 ».
	rep = importBytes(t, s, []byte(fix42Head+
		"00123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"00555,Médiathèque E,Angoulême,16000,5 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"555,Médiathèque F,Angoulême,16000,9 rue de Bordeaux,hub-test,2023-05-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	if is := issuesOfRow(rep, 3); len(is) != 1 || is[0].Value != "123" || !strings.Contains(is[0].Reason, "« 00123 » of an earlier row") {
		t.Errorf("row 3 on the second import: %+v", is)
	}
}

// TestPandasIDStoredIsTheSamePlace: an older Carnet stored pandas' « 124.0 »
// as the id; this one reads it « 124 », and the next import made a place
// beside the old. The stored « 124.0 » is that place, which keeps its id.
func TestPandasIDStoredIsTheSamePlace(t *testing.T) {
	s := storedUnder(t, "124,Médiathèque P,Nice,06100,1 avenue de la Californie,hub-test,2023-05-17,Aide aux démarches administratives\n", "124", "124.0")
	rep := importBytes(t, s, []byte(fix42Head+
		"124.0,Médiathèque P,Nice,6100.0,1 avenue de la Californie,hub-test,2023-06-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	if _, ok := ids["124"]; ok || ids["124.0"].ProducerUpdatedOn != "2023-06-17" {
		t.Errorf("124 not read as the stored 124.0: ids %v, issues %+v", keysOf(ids), rep.Issues)
	}
	if readingOf(rep, "id", "older Carnet") == nil {
		t.Errorf("no reading says the row was read as the place stored under 124.0: %+v", rep.Readings)
	}
}

// TestServicesElsewhereWithCommasOrOne: a column of another name naming
// services was noticed only when they were separated by « | » or « ; ».
func TestServicesElsewhereWithCommasOrOne(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,Nos activités\n" +
		"x1,Médiathèque P,Angoulême,16000,1 rue A,hub-test,2023-05-17,\"Aide aux démarches administratives, Maîtrise des outils numériques du quotidien\"\n" +
		"x2,Médiathèque Q,Angoulême,16000,2 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n" +
		"x3,Médiathèque R,Angoulême,16000,3 rue A,hub-test,2023-05-17,\"Prendre en main un ordinateur, Utiliser le numérique au quotidien\"\n" +
		"x4,Médiathèque S,Angoulême,16000,4 rue A,hub-test,2023-05-17,\"Lecture publique, Aide aux démarches administratives\"\n"
	rep, _ := importedBy(t, in, "hubt")
	for row := 1; row <= 3; row++ {
		if !hasIssue(rep, row, "services", opendata.SeverityWarning, "« Nos activités »") {
			t.Errorf("row %d: services under another column not told: %+v", row, issuesOfRow(rep, row))
		}
	}
	if hasIssue(rep, 4, "services", opendata.SeverityWarning, "« Nos activités »") {
		t.Errorf("row 4: a column of other values read as services: %+v", issuesOfRow(rep, 4))
	}
}

// TestFutureDatedRowIsExaminedAgain: a row dated in the future had its
// hash stored, so the same row was skipped as unchanged once its date had
// come, never applied as a check. Its hash is not stored: the next import
// reads it again.
func TestFutureDatedRowIsExaminedAgain(t *testing.T) {
	s := openStore(t)
	tomorrow := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	in := []byte(fix42Head +
		"f1,Médiathèque F,Angoulême,16000,1 rue A,hub-test," + tomorrow + ",Aide aux démarches administratives\n" +
		"f2,Médiathèque G,Angoulême,16000,2 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n")
	importBytes(t, s, in, opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, in, opendata.ImportOptions{Source: "hubt"})
	r := readingOf(rep, "", "identical to the row")
	if r == nil || r.Rows != "2" {
		t.Errorf("rows skipped as identical: %+v, want f2's only (f1, dated in the future, would be skipped once its date has come)", r)
	}
	hashes, err := s.SourceHashes(context.Background(), "hubt", []string{"f1"})
	if err != nil {
		t.Fatal(err)
	}
	if hashes["f1"] != "" {
		t.Errorf("f1's row hash stored (%q)", hashes["f1"])
	}
}

// TestDateMajNotADateKeepsTheStoredDate: « inconnu » or « 2023-13-45 » as
// date_maj warned « sent empty (null): the stored date … is removed »,
// which the row did not do. The value is said to be no date, and the
// stored date is kept.
func TestDateMajNotADateKeepsTheStoredDate(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte(fix42Head+
		"n1,Médiathèque N,Angoulême,16000,1 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"n2,Médiathèque O,Angoulême,16000,2 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(fix42Head+
		"n1,Médiathèque N,Angoulême,16000,1 rue A,hub-test,inconnu,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien\n"+
		"n2,Médiathèque O,Angoulême,16000,2 rue A,hub-test,2023-13-45,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien\n"), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	for row, id := range map[int]string{1: "n1", 2: "n2"} {
		for _, is := range issuesOfRow(rep, row) {
			if strings.Contains(is.Reason, "sent empty") {
				t.Errorf("%s: %+v", id, is)
			}
		}
		if !hasIssue(rep, row, "date_maj", opendata.SeverityWarning, "not a date") || !hasIssue(rep, row, "date_maj", opendata.SeverityWarning, "keeps its producer date") {
			t.Errorf("%s: the warning does not say the value is no date and what was kept: %+v", id, issuesOfRow(rep, row))
		}
		if d := ids[id].ProducerUpdatedOn; d != "2023-05-17" {
			t.Errorf("%s: producer date %q, want the stored 2023-05-17 kept", id, d)
		}
	}
}

// TestShortRowByTwoCellsSaysTwo: a row short by two cells inside was
// refused with « one column » in its reason; the reason gives the count
// and names the columns.
func TestShortRowByTwoCellsSaysTwo(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,latitude,longitude,telephone,courriels,source,date_maj,services\n" +
		"k4,Lieu k4,Angoulême,16000,4 rue A,45.65,0.16,hub,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if _, ok := got["k4"]; ok {
		t.Fatalf("k4 imported shifted: %+v", issuesOfRow(rep, 1))
	}
	for _, want := range []string{"two columns on", "« telephone »", "« courriels »", "2 cells are missing"} {
		if !hasIssue(rep, 1, "", opendata.SeverityError, want) {
			t.Errorf("k4: the refusal does not say %q: %+v", want, issuesOfRow(rep, 1))
		}
	}
	if hasIssue(rep, 1, "", opendata.SeverityError, "one column") {
		t.Errorf("k4: « one column » for two cells missing: %+v", issuesOfRow(rep, 1))
	}
}
