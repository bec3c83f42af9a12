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

func synthetic(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, n, 7); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// firstRows keeps the header and the first n places of a synthetic CSV.
func firstRows(b []byte, n int) []byte {
	lines := bytes.SplitAfter(b, []byte("\n"))
	return bytes.Join(lines[:n+1], nil)
}

func TestImportSnapshot(t *testing.T) {
	s := openStore(t)
	all := synthetic(t, 10)
	importBytes(t, s, all, opendata.ImportOptions{Source: "snap"})

	rep := importBytes(t, s, firstRows(all, 9), opendata.ImportOptions{Source: "snap", Snapshot: true, DryRun: true})
	if rep.Actors[models.SyncArchived] != 1 || rep.Actors[models.SyncUnchanged] != 9 {
		t.Fatalf("dry run: %+v", rep.Actors)
	}
	if _, err := opendata.Import(context.Background(), s, bytes.NewReader(firstRows(all, 5)), opendata.ImportOptions{Source: "snap", Snapshot: true}); models.ErrorCode(err) != models.ECONFLICT {
		t.Fatalf("mass archive guard: %v", err)
	}
	rep = importBytes(t, s, firstRows(all, 9), opendata.ImportOptions{Source: "snap", Snapshot: true})
	if rep.Actors[models.SyncArchived] != 1 || rep.Services[models.SyncArchived] != 0 {
		t.Fatalf("snapshot: actors %+v services %+v", rep.Actors, rep.Services)
	}
	rep = importBytes(t, s, firstRows(all, 5), opendata.ImportOptions{Source: "snap", Snapshot: true, AllowMassArchive: true})
	if rep.Actors[models.SyncArchived] != 4 {
		t.Fatalf("allowed mass archive: %+v", rep.Actors)
	}
	if n := len(allActors(t, s)); n != 5 {
		t.Errorf("%d live places, want 5", n)
	}
}

func TestImportDuplicatesAcrossSources(t *testing.T) {
	b := reference(t, realFiles[1])
	s := openStore(t)
	importBytes(t, s, b, opendata.ImportOptions{Source: "charente"})
	// The same places published again by another source, renamed a little.
	other := bytes.ReplaceAll(b, []byte(`"id": "`), []byte(`"id": "fs-`))
	other = bytes.ReplaceAll(other, []byte("Médiathèque"), []byte("Mediatheque"))
	rep := importBytes(t, s, other, opendata.ImportOptions{Source: "france-services"})
	t.Logf("%d links", rep.Duplicates)
	if rep.Duplicates < 180 {
		t.Errorf("%d duplicates linked, want one per place (188)", rep.Duplicates)
	}
	again := importBytes(t, s, other, opendata.ImportOptions{Source: "france-services"})
	if again.Duplicates != 0 {
		t.Errorf("an unchanged re-import linked %d more", again.Duplicates)
	}
	p, err := s.ListActors(context.Background(), models.ActorFilter{ExcludeDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exclude_duplicates: %d left", p.Total)
	if p.Total > 188+8 {
		t.Errorf("exclude_duplicates leaves %d of %d", p.Total, 2*188)
	}
}
