package opendata_test

import (
	"context"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// TestEmptySnapshotSaysWhatItArchived (probe 45 L6): a snapshot of `[]`
// with --allow-mass-archive archived every place of the source while its
// report said « the file holds no place: nothing was imported ». The
// report says what the snapshot did.
func TestEmptySnapshotSaysWhatItArchived(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, synthetic(t, 4), opendata.ImportOptions{Source: "snap"})
	rep := importBytes(t, s, []byte("[]"), opendata.ImportOptions{Source: "snap", Snapshot: true, AllowMassArchive: true})
	if rep.Actors[models.SyncArchived] != 4 {
		t.Fatalf("archived: %+v", rep.Actors)
	}
	said := ""
	for _, is := range rep.Issues {
		if strings.Contains(is.Reason, "holds no place") {
			said = is.Reason
		}
	}
	if !strings.Contains(said, "archived as absent (4)") {
		t.Errorf("the report says %q", said)
	}
	// Without a snapshot, the sentence stays the plain one.
	rep = importBytes(t, s, []byte("[]"), opendata.ImportOptions{Source: "snap"})
	if len(rep.Issues) == 0 || !strings.Contains(rep.Issues[0].Reason, "nothing was imported") {
		t.Errorf("plain import of []: %+v", rep.Issues)
	}
}

// TestRowsRefusedAsReadAreRejectedActors (probe 45 L7): the report's
// actors.rejected said 0 beside a top-level rejected of 777 — rows refused
// as read were counted in one and not the other.
func TestRowsRefusedAsReadAreRejectedActors(t *testing.T) {
	s := openStore(t)
	csv := "id,nom,adresse,code_postal,commune\n" +
		"a,Médiathèque,2 rue de la République,13002,Marseille\n" +
		"b,,2 rue de la République,13002,Marseille\n"
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "refus"})
	if rep.Rejected != 1 || rep.Actors[models.SyncRejected] != rep.Rejected || rep.Actors[models.SyncCreated]+rep.Actors[models.SyncRejected] != rep.Rows {
		t.Errorf("rows %d, rejected %d, actors %+v", rep.Rows, rep.Rejected, rep.Actors)
	}
}

// TestAJSONScalarIsNotReadAsACSVHeader (probe 45 L8): `null` or `42` in a
// .json file was refused with a sentence about a CSV header.
func TestAJSONScalarIsNotReadAsACSVHeader(t *testing.T) {
	s := openStore(t)
	for _, body := range []string{"null", "42", "true", "-1.5e3"} {
		_, err := opendata.Import(context.Background(), s, strings.NewReader(body+"\n"), opendata.ImportOptions{Source: "scalaire"})
		if err == nil || !strings.Contains(err.Error(), "JSON value") || strings.Contains(err.Error(), "CSV") {
			t.Errorf("%s: %v", body, err)
		}
	}
	// A one-line CSV that is not JSON keeps the header sentence.
	_, err := opendata.Import(context.Background(), s, strings.NewReader("Liste des lieux\n"), opendata.ImportOptions{Source: "scalaire"})
	if err == nil || !strings.Contains(err.Error(), "CSV") {
		t.Errorf("a title line: %v", err)
	}
}
