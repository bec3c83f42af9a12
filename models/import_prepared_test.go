package models_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// TestImportPreparedAsWritten: what an import computes beside the writes —
// a place's fingerprint (PrepareSyncBatch), on a record normalised once
// where it was checked (NormalizeChecked) — is what the writer would
// compute from the record it stored: every stored fingerprint is the stored
// content's, and the audit of each creation, as the history reads it
// (rebuilt from the row), encodes the stored record, for places and
// offers. Read on real files beside the repository and on the synthetic
// file.
func TestImportPreparedAsWritten(t *testing.T) {
	var synthetic bytes.Buffer
	if err := opendata.WriteSynthetic(&synthetic, 2000, 3); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"synthetic": synthetic.Bytes()}
	for _, rel := range []string{
		"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
		"second-source/20220720-conseiller-numerique-permanences-hors-auvergne-rhone-alpes.json",
	} {
		b, err := os.ReadFile(filepath.Join("../../shared/reference", rel))
		if err != nil {
			t.Logf("%s is absent (%v): not read", rel, err)
			continue
		}
		files[filepath.Base(rel)] = b
	}
	for name, data := range files {
		s, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "carnet.db"), models.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := opendata.Import(context.Background(), s, bytes.NewReader(data), opendata.ImportOptions{Source: "test"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		actors, services, audit, err := models.Created(s, "test")
		if err != nil {
			t.Fatal(err)
		}
		if len(services) == 0 || rep.Services[models.SyncCreated] != len(services) {
			t.Fatalf("%s: %d services stored, report %v", name, len(services), rep.Services)
		}
		bad := 0
		check := func(kind, id, stored, content string, record any) {
			want, err := models.EncodeCreated(record)
			if err != nil {
				t.Fatal(err)
			}
			if stored != content || audit[id] != want {
				if bad++; bad <= 3 {
					t.Errorf("%s: %s %s: fingerprint %s, of its content %s; audit of its creation\n%s\nencodes\n%s", name, kind, id, stored, content, audit[id], want)
				}
			}
		}
		for i := range actors {
			a := &actors[i]
			check("actor", a.ID, a.Fingerprint, a.ContentFingerprint(), a)
		}
		for i := range services {
			sv := &services[i]
			check("service", sv.ID, sv.Fingerprint, sv.ContentFingerprint(), sv)
		}
		t.Logf("%s: %d actors, %d services, %d differ", name, len(actors), len(services), bad)
		s.Close()
	}
}
