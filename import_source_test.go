package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCommandChecksTheSource reproduces the h32 probe's tenth
// finding: carnet import --source 'caf 13' rejected every row (source
// invalid) and exited 0, where the HTTP import answers 422 for the whole
// request. The source name is checked before the file is read: an error
// naming it (run returns it, so the command exits non-zero), nothing
// written, not even the database created. A valid name in capitals is
// read in lower case, as everywhere.
func TestImportCommandChecksTheSource(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "places.json")
	row := `[{"id":"p-1","nom":"Médiathèque","commune":"Gap","code_postal":"05000","adresse":"3 rue Colonel Roux","date_maj":"2023-05-01","services":"Aide aux démarches administratives"}]`
	if err := os.WriteFile(file, []byte(row), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, source string
		ok           bool
	}{
		{"ErrSpace", "caf 13", false},
		{"ErrSlash", "caf/13", false},
		{"ErrAccent", "département", false},
		{"ErrLeadingDash", "-caf", false},
		{"ErrTooLong", strings.Repeat("a", 65), false},
		{"OK capitals", "CAF-13", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "carnet.db")
			var out bytes.Buffer
			err := run(context.Background(), []string{"import", file, "--source", tc.source, "--db", db}, env(nil), nil, &out, &out)
			if tc.ok {
				if err != nil || !strings.Contains(out.String(), `source "caf-13"`) || !strings.Contains(out.String(), "1 stored, 0 rejected") {
					t.Errorf("err %v, output:\n%.600s", err, out.String())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "source") {
				t.Fatalf("err %v, want an error naming the source; output:\n%.600s", err, out.String())
			}
			if _, statErr := os.Stat(db); statErr == nil {
				t.Errorf("the database was created before the source was checked")
			}
		})
	}
}
