package opendata_test

import (
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
