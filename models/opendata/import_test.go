package opendata_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// refDir is shared/reference, beside the repository.
const refDir = "../../../shared/reference"

var realFiles = []string{
	"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
	"data/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
}

func reference(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(refDir, rel))
	if err != nil {
		t.Skipf("reference file %s is absent (%v): these tests need ../shared/reference beside the repository", rel, err)
	}
	return b
}

func openStore(t testing.TB) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "carnet.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importBytes(t testing.TB, s *models.Store, b []byte, opt opendata.ImportOptions) *opendata.Report {
	t.Helper()
	rep, err := opendata.Import(context.Background(), s, bytes.NewReader(b), opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func TestImportRealFiles(t *testing.T) {
	for _, f := range realFiles {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b := reference(t, f)
			s := openStore(t)
			rep := importBytes(t, s, b, opendata.ImportOptions{Source: "cartographie"})
			t.Logf("rows %d rejected %d warnings %d actors %v services %v", rep.Rows, rep.Rejected, rep.Warnings, rep.Actors, rep.Services)
			for _, is := range rep.Issues {
				if is.Severity == opendata.SeverityError {
					t.Logf("%+v", is)
				}
			}
			if rep.Rows == 0 || rep.Actors[models.SyncCreated]+rep.Rejected != rep.Rows {
				t.Errorf("rows %d, created %d, rejected %d", rep.Rows, rep.Actors[models.SyncCreated], rep.Rejected)
			}
			again := importBytes(t, s, b, opendata.ImportOptions{Source: "cartographie"})
			if again.Actors[models.SyncUnchanged] != rep.Actors[models.SyncCreated] || again.Services[models.SyncUnchanged] != rep.Services[models.SyncCreated] {
				t.Errorf("re-import: actors %v services %v, want all unchanged", again.Actors, again.Services)
			}
			seen := map[string]int{}
			for _, is := range rep.Issues {
				k := is.Field + ": " + is.Reason
				if seen[k]++; seen[k] == 1 {
					t.Logf("%s (%q)", k, is.Value)
				}
			}
			_ = strings.TrimSpace
		})
	}
}
