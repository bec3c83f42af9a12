package models_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/opendata"
)

// TestPrepareCheckedAsWhole: a record an import read and checked
// (NormalizeChecked, in ToPlace) is prepared for the writer exactly as one
// normalised and validated whole (Normalize, Validate): same fields, same
// corrections of its place, same validation, fingerprint and audit of its
// creation. Read on every row of the real files beside the repository
// (../shared/reference: data/ and second-source/), of
// CARNET_EXTRA_REFERENCE's files when set, and of the synthetic file,
// whose every address needs correcting.
func TestPrepareCheckedAsWhole(t *testing.T) {
	files := map[string][]byte{}
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 3000, 7); err != nil {
		t.Fatal(err)
	}
	files["synthetic"] = buf.Bytes()
	refs, note := modeltest.ReferenceFiles("../../shared/reference")
	if note != "" {
		t.Log(note)
	}
	for _, f := range refs {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			t.Logf("%s is absent (%v): not read", f.Path, err)
			continue
		}
		files[filepath.Base(f.Path)] = b
	}
	for name, data := range files {
		rd, err := opendata.NewReader(bytes.NewReader(data), "")
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		var checked, whole []models.Actor
		for {
			rec, err := rd.Next()
			if err != nil {
				break
			}
			p := opendata.ToPlace(rec, "test")
			if p.Rejected {
				continue
			}
			checked = append(checked, p.Actor)
			models.Unchecked(&p.Actor)
			whole = append(whole, p.Actor)
		}
		settled := 0
		for i := range checked {
			if models.Settled(&checked[i]) {
				settled++
			}
		}
		models.PrepareSyncBatch("test", checked, nil)
		models.PrepareSyncBatch("test", whole, nil)
		differ := 0
		for i := range checked {
			models.Unchecked(&checked[i])
			models.Unchecked(&whole[i])
			if !reflect.DeepEqual(checked[i], whole[i]) {
				if differ++; differ <= 3 {
					t.Errorf("%s: %s prepared as checked:\n%+v\nas a whole:\n%+v", name, whole[i].SourceID, checked[i], whole[i])
				}
			}
		}
		t.Logf("%s: %d records (%d with a settled place), %d prepared differently", name, len(checked), settled, differ)
	}
}
