package opendata_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/opendata"
)

// A verification of session 42's importer fixes: where the report said
// something other than what the import did.

// storedUnder imports rows (after fix42Head) into a store in a file, then
// moves the place stored under from to the id to, as an older Carnet (or
// another import) stored it.
func storedUnder(t *testing.T, rows, from, to string) *models.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carnet.db")
	s, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	importBytes(t, s, []byte(fix42Head+rows), opendata.ImportOptions{Source: "hubt"})
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE actors SET source_id = ?, source_hash = '' WHERE source_id = ?", to, from); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLeadingZerosWarningSaysStoredPlace: « 00123 » for the stored « 123 »,
// unchanged, was warned « updated under « 123 » » while counted unchanged.
func TestLeadingZerosWarningSaysStoredPlace(t *testing.T) {
	s := openStore(t)
	row := ",Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"
	importBytes(t, s, []byte(fix42Head+"123"+row), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(fix42Head+"00123"+row), opendata.ImportOptions{Source: "hubt"})
	for _, is := range issuesOfRow(rep, 1) {
		if strings.Contains(is.Reason, "is updated under") {
			t.Errorf("the warning says updated, the counts unchanged (%+v): %+v", rep.Actors, is)
		}
	}
	if !hasIssue(rep, 1, "id", opendata.SeverityWarning, "stored place « 123 »") {
		t.Errorf("no word of the stored place: %+v", issuesOfRow(rep, 1))
	}
}

// TestLeadingZerosTwoStoredCandidates: « 123 » and « 00123 » stored, a row
// « 0123 »: it went to one of them without a word, and to the one at
// another address when the other was at its own (a place made beside).
func TestLeadingZerosTwoStoredCandidates(t *testing.T) {
	s := storedUnder(t, "123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-05-17,Aide aux démarches administratives\n"+
		"999,Médiathèque B,Angoulême,16000,9 rue de Bordeaux,hub-test,2023-05-17,Aide aux démarches administratives\n", "999", "00123")
	rep := importBytes(t, s, []byte(fix42Head+
		"0123,Médiathèque A,Angoulême,16000,1 rue de Périgueux,hub-test,2023-06-17,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	if _, ok := ids["0123"]; ok || ids["123"].ProducerUpdatedOn != "2023-06-17" {
		t.Errorf("0123 not read as the stored 123 at its name and address: ids %v, issues %+v", keysOf(ids), rep.Issues)
	}
	for _, want := range []string{"« 123 »", "« 00123 »"} {
		if !hasIssue(rep, 1, "id", opendata.SeverityWarning, want) {
			t.Errorf("the warning does not name %s: %+v", want, issuesOfRow(rep, 1))
		}
	}
}

// TestPandasRowsSayWhatWasRead (t/c5.csv): « 124.0 » then « 124 », the
// place stored « 124.0 » by an older Carnet. Row 1 was said « read as
// « 124.0 » », row 2 refused with the value « 124.0 », not its own.
func TestPandasRowsSayWhatWasRead(t *testing.T) {
	row := ",Médiathèque P,Nice,06100,1 avenue de la Californie,hub-test,2023-05-17,Aide aux démarches administratives\n"
	s := storedUnder(t, "124"+row, "124", "124.0")
	rep := importBytes(t, s, []byte(fix42Head+"124.0"+row+"124"+row), opendata.ImportOptions{Source: "hubt"})
	if !hasIssue(rep, 1, "id", opendata.SeverityWarning, "read as « 124 »") {
		t.Errorf("row 1: %+v", issuesOfRow(rep, 1))
	}
	for _, is := range issuesOfRow(rep, 2) {
		if is.Field == "id" && is.Severity == opendata.SeverityError && is.Value != "124" {
			t.Errorf("row 2 refused with the value %q, not its own 124: %+v", is.Value, is)
		}
	}
	if !hasIssue(rep, 2, "id", opendata.SeverityError, "first at row 1") {
		t.Errorf("row 2: %+v", issuesOfRow(rep, 2))
	}
}

// TestDateMajPlaceholderReadingSaysNoDate: « inconnu » was read « as
// empty » while the warning said it is not removed as an empty cell.
func TestDateMajPlaceholderReadingSaysNoDate(t *testing.T) {
	rep, _ := importedBy(t, fix42Head+"n1,Médiathèque N,Angoulême,16000,1 rue A,hub-test,inconnu,Aide aux démarches administratives\n", "hubt")
	for _, r := range rep.Readings {
		if r.Field == "date_maj" && strings.Contains(r.How, "read as empty") {
			t.Errorf("reading %+v contradicts the warning %+v", r, issuesOfRow(rep, 1))
		}
	}
	if readingOf(rep, "date_maj", "read as no date") == nil {
		t.Errorf("no reading of « inconnu » as no date: %+v", rep.Readings)
	}
}

// TestProducerDateTomorrowUTC: a place's day can be the day after the
// server's (a place or a producer east of the server); the reader judged
// by the process's zone and the store by the place's, and a row the
// reader kept was refused whole, with an empty value. One rule: the day
// after today in UTC is the latest.
func TestProducerDateTomorrowUTC(t *testing.T) {
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	rep, got := importedBy(t, fix42Head+"t1,Médiathèque T,Angoulême,16000,1 rue A,hub-test,"+tomorrow+",Aide aux démarches administratives\n", "hubt")
	if got["t1"].ProducerUpdatedOn != tomorrow || len(issuesOfRow(rep, 1)) != 0 {
		t.Errorf("date_maj %s (tomorrow in UTC): producer date %q, issues %+v", tomorrow, got["t1"].ProducerUpdatedOn, issuesOfRow(rep, 1))
	}
	now := time.Now()
	a := &models.Actor{ProducerUpdatedOn: tomorrow}
	if err := models.CheckProducerDate(nil, a, now); err != nil {
		t.Errorf("the store refuses %s: %v", tomorrow, err)
	}
	a.ProducerUpdatedOn = now.UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	var e *models.Error
	if err := models.CheckProducerDate(nil, a, now); !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Value != a.ProducerUpdatedOn {
		t.Errorf("the store's refusal of %s does not carry the value: %+v", a.ProducerUpdatedOn, err)
	}
}

const shortHead = "id,nom,adresse,code_postal,commune,telephone,courriels,services,date_maj,source\n"

// TestShortRowBeforeFreeTextSaysRange (t/g3.csv, t/g4.csv): a cell missing
// before a free-text column could be in any of them; the reason named the
// last (« telephone » for a missing commune, « code_postal » for a missing
// adresse).
func TestShortRowBeforeFreeTextSaysRange(t *testing.T) {
	rep, _ := importedBy(t, shortHead+
		"g4,France services,86 Avenue de la république,16260,0545000002,contact@example.fr,Aide aux démarches administratives,2021-10-01\n"+
		"k3,JEUNESSE ASSOCIATION,16000,Angoulême,0545000001,contact@bailair.fr,Aide aux démarches administratives,2023-02-08,hub\n", "hubt")
	// Row 1: its phone is no commune, so the cell missing is that
	// column's. Row 2: its name fits under adresse, its id under nom: the
	// cell missing may be any of the first three; not code_postal's, since
	// « 16000 », a postal code, is read under it only with the gap before
	// it (fix43, TestShortRowTypedCellPinsRange).
	for row, want := range map[int]string{1: "one column on from « commune » (column 5)", 2: "between « id » (column 1) and « adresse » (column 3)"} {
		if !hasIssue(rep, row, "", opendata.SeverityError, want) {
			t.Errorf("row %d: the reason does not say %s: %+v", row, want, issuesOfRow(rep, row))
		}
	}
}

// TestShortRowRefusedSaysOneOutcome (t/g4.csv k4): services missing, the
// row was warned « imported as read » and refused for its services.
func TestShortRowRefusedSaysOneOutcome(t *testing.T) {
	rep, got := importedBy(t, shortHead+
		"k4,France services,86 Avenue de la république,16260,Chasseneuil-sur-Bonnieure,0545000002,contact@example.fr,2021-10-01\n", "hubt")
	if _, ok := got["k4"]; ok {
		t.Fatalf("k4 imported: %+v", issuesOfRow(rep, 1))
	}
	for _, is := range issuesOfRow(rep, 1) {
		if strings.Contains(is.Reason, "imported as read") {
			t.Errorf("refused, and said imported: %+v", is)
		}
	}
}

// TestShortRowTypedCellPinsRange (fix43 #3): in the range where a short
// row's missing cell may be, a cell whose content has a column's type (a
// postal code, a SIRET, an e-mail, a phone, a URL, coordinates, a date)
// pins where the gap is: before it when it fits its column only read on,
// after it when it fits only where it sits. Free text alone keeps the
// range.
func TestShortRowTypedCellPinsRange(t *testing.T) {
	for name, c := range map[string]struct{ csv, want string }{
		"a SIRET in place and a postal code read on": {
			"id,pivot,nom,adresse,code_postal,commune,telephone,courriels,date_maj\n" +
				"k7,12345678900012,Espace Vaillant,16000,Angoulême,0545000001,contact@example.fr,2023-02-08\n",
			"between « nom » (column 3) and « adresse » (column 4)"},
		"pinned to one column": {
			"id,nom,pivot,adresse,code_postal,commune,telephone,courriels,date_maj\n" +
				"k8,Espace Vaillant,12345678900012,16000,Angoulême,0545000001,contact@example.fr,2023-02-08\n",
			"one column on from « adresse » (column 4)"},
		"a URL in place and an e-mail read on": {
			"id,site_web,nom,adresse,commune,courriels,telephone,date_maj\n" +
				"k9,https://example.fr,Espace Vaillant,Angoulême,contact@example.fr,0545000001,2023-02-08\n",
			"between « nom » (column 3) and « commune » (column 5)"},
		"nothing typed: the range stays": {
			"id,nom,adresse,commune,telephone,courriels,date_maj,source\n" +
				"k6,Espace Vaillant,Angoulême,0545000001,contact@example.fr,2023-02-08,hub\n",
			"between « id » (column 1) and « commune » (column 4)"},
	} {
		rep, _ := importedBy(t, c.csv, "hubt")
		if !hasIssue(rep, 1, "", opendata.SeverityError, c.want) && !hasIssue(rep, 1, "", opendata.SeverityWarning, c.want) {
			t.Errorf("%s: the reason does not say %s: %+v", name, c.want, issuesOfRow(rep, 1))
		}
	}
}
