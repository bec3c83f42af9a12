package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCommand runs carnet import on the real Charente file, twice:
// the second run finds every place unchanged, and says that it skipped the
// rows identical to the first run's (their warnings were given then).
func TestImportCommand(t *testing.T) {
	file := filepath.Join("..", "shared", "reference", "data", "20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json")
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s is absent (%v): this test needs ../shared/reference beside the repository", file, err)
	}
	db := filepath.Join(t.TempDir(), "carnet.db")
	var out bytes.Buffer
	err := run(context.Background(), []string{"import", file, "--source", "charente", "--db", db}, env(nil), nil, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Read 188 places from a json file", "188 created", "row\tseverity\tfield\tvalue\treason", "warning\tpivot", "publics_accueillis: « Adultes » of the standard v0.1.1 dropped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%.1500s", want, out.String())
		}
	}
	out.Reset()
	err = run(context.Background(), []string{"import", "--source", "charente", "--report-json", "--dry-run", file}, env(map[string]string{"CARNET_DB": db}), nil, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Rows     int
		DryRun   bool `json:"dry_run"`
		Actors   map[string]int
		Issues   []map[string]any
		Readings []struct {
			How   string
			Count int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("--report-json: %v\n%.500s", err, out.String())
	}
	if rep.Rows != 188 || !rep.DryRun || rep.Actors["unchanged"] != 188 || len(rep.Issues) != 0 ||
		len(rep.Readings) != 1 || rep.Readings[0].Count != 188 || !strings.HasPrefix(rep.Readings[0].How, "identical to the row") {
		t.Errorf("report: %+v", rep)
	}
	for _, args := range [][]string{{"import"}, {"import", file}, {"import", file, "--source", "x", "--format", "xml"}, {"import", "/nonexistent", "--source", "x", "--db", db}} {
		if err := run(context.Background(), args, env(nil), nil, io.Discard, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestImportCommandFailsWhenEveryRowIsRejected (probe 37b M4): a file of
// which no row could be stored (another tool's columns, Carnet's own
// GeoJSON export before it was refused) printed its report and exited 0,
// as a success a script would not stop at. The report is printed, and the
// command fails.
func TestImportCommandFailsWhenEveryRowIsRejected(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "rejected.csv")
	in := "id,nom,commune,code_postal,adresse,services\n" +
		"r1,Lieu un,,,,Maîtrise des outils numériques du quotidien\n" +
		"r2,Lieu deux,,,,Maîtrise des outils numériques du quotidien\n"
	if err := os.WriteFile(file, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "carnet.db")
	for _, extra := range [][]string{nil, {"--report-json"}, {"--dry-run"}} {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"import", file, "--source", "rej", "--db", db}, extra...), env(nil), nil, &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "every row") {
			t.Errorf("%v: %v", extra, err)
		}
		if !strings.Contains(out.String(), "adresse") {
			t.Errorf("%v: the report is not printed:\n%.500s", extra, out.String())
		}
	}
	// One row stored: a success, its rejected row reported.
	if err := os.WriteFile(file, []byte(in+"r3,Lieu trois,Nice,06000,1 rue de France,Maîtrise des outils numériques du quotidien\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"import", file, "--source", "rej", "--db", db}, env(nil), nil, io.Discard, io.Discard); err != nil {
		t.Errorf("one row stored: %v", err)
	}
}

// TestImportCommandReportsARefusal (session 37's leftover): an import
// stopped by a refusal (a quote never closed) printed no report, and a
// script reading --report-json found nothing on standard output. Every
// failure once the file is opened prints the report, the refusal as an
// error issue, and the command fails.
func TestImportCommandReportsARefusal(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "quote.csv")
	var in strings.Builder
	in.WriteString("id,nom,commune,code_postal,adresse,services\n")
	for i := 1; i <= 5; i++ {
		name := "Lieu " + string(rune('0'+i))
		if i == 4 {
			name = `"Lieu ""quatre`
		}
		in.WriteString("q" + string(rune('0'+i)) + "," + name + ",Nice,06000,1 rue de France,Maîtrise des outils numériques du quotidien\n")
	}
	if err := os.WriteFile(file, []byte(in.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "carnet.db")
	for _, extra := range [][]string{{"--report-json"}, nil, {"--report-json", "--snapshot"}} {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"import", file, "--source", "quote", "--db", db}, extra...), env(nil), nil, &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "never closed") {
			t.Errorf("%v: %v", extra, err)
		}
		if extra == nil {
			if !strings.Contains(out.String(), "never closed") || !strings.Contains(out.String(), "Read ") {
				t.Errorf("text report:\n%.800s", out.String())
			}
			continue
		}
		var rep struct {
			Source   string
			Snapshot bool
			Issues   []struct{ Severity, Reason string }
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("%v: no JSON report: %v\n%.500s", extra, err, out.String())
		}
		i := len(rep.Issues) - 1
		if rep.Source != "quote" || i < 0 || rep.Issues[i].Severity != "error" || !strings.Contains(rep.Issues[i].Reason, "never closed") {
			t.Errorf("%v: %+v", extra, rep)
		}
	}
}

// TestImportRefusedEarlyReport: an import refused before it read the file
// (here its database cannot be opened; in probe 39a, a full disk) printed
// « Read 0 places from a  file »: no format was known yet.
func TestImportRefusedEarlyReport(t *testing.T) {
	file := filepath.Join(t.TempDir(), "places.json")
	if err := os.WriteFile(file, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "missing", "carnet.db")
	var out bytes.Buffer
	err := run(context.Background(), []string{"import", file, "--source", "early", "--db", db}, env(nil), nil, &out, io.Discard)
	if err == nil {
		t.Fatal("an import into a database that cannot be opened succeeded")
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); strings.Contains(first, "  ") || !strings.HasPrefix(first, "Read 0 places from the file ") {
		t.Errorf("first line: %q", first)
	}
}

// TestImportCommandStrict (issue 11 item 4): an import that rejects some
// rows exits 0, as CI scripts importing files with a few refused rows rely
// on; --strict makes any rejected row a failure, after the report is
// printed and the other rows stored.
func TestImportCommandStrict(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "some.csv")
	in := "id,nom,commune,code_postal,adresse,services\n" +
		"r1,Lieu un,,,,Maîtrise des outils numériques du quotidien\n" +
		"r2,Lieu deux,Nice,06000,1 rue de France,Maîtrise des outils numériques du quotidien\n"
	if err := os.WriteFile(file, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "carnet.db")
	if err := run(context.Background(), []string{"import", file, "--source", "st", "--db", db}, env(nil), nil, io.Discard, io.Discard); err != nil {
		t.Errorf("without --strict: %v", err)
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"import", file, "--source", "st", "--db", db, "--strict", "--report-json"}, env(nil), nil, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 rows") {
		t.Errorf("--strict: %v", err)
	}
	if !strings.Contains(out.String(), `"rejected": 1`) {
		t.Errorf("--strict: the report is not printed:\n%.500s", out.String())
	}
}
