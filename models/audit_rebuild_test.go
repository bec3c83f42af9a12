package models_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
	"carnet/models/opendata"
)

// TestRebuiltCreations: the audit event of a creation by an import or a
// sync batch no longer stores the created record's content (181 of the 416
// MB of a 100,000-place import); the history rebuilds it from the record's
// row and the old values of the events after it. Stored in full here, as
// before, through imports of the reference files and of a synthetic file,
// then edits, archives, restores, re-imports that change or blank fields
// and a snapshot that archives places: every creation rebuilt is byte for
// byte the content stored.
func TestRebuiltCreations(t *testing.T) {
	models.StoreCreationsInFull(t)
	s, _ := dbtest.Open(t, models.Options{})
	ctx := context.Background()
	imp := func(source string, file []byte, snapshot bool) {
		t.Helper()
		if _, err := opendata.Import(ctx, s, bytes.NewReader(file), opendata.ImportOptions{Source: source, Snapshot: snapshot, AllowMassArchive: true, BatchSize: 200}); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{
		"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
		"data/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
		"second-source/20220720-conseiller-numerique-permanences-hors-auvergne-rhone-alpes.json",
	} {
		b, err := os.ReadFile(filepath.Join("../../shared/reference", rel))
		if err != nil {
			t.Skip("reference files absent:", err)
		}
		imp(strings.Split(filepath.Base(rel), "-")[1], b, false)
	}
	first, second := editedSynthetic(t)
	imp("synthetic", first, false)
	edits(t, s)
	imp("synthetic", second, true) // names changed, fields blanked, a tenth archived
	imp("synthetic", first, false) // and back
	edits(t, s)
	n, err := models.CompareRebuiltCreations(ctx, s, func(ev models.AuditEvent, rebuilt string) {
		t.Errorf("%s %s: creation stored\n %s\nrebuilt\n %s", ev.Entity, ev.EntityID, ev.Changes, rebuilt)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3000 {
		t.Fatalf("only %d creations compared", n)
	}
}

// editedSynthetic is a synthetic file of 600 places and the same file with
// every seventh place renamed, every fifth without phone nor hours, and
// one in ten left out.
func editedSynthetic(t *testing.T) (first, second []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 600, 11); err != nil {
		t.Fatal(err)
	}
	first = bytes.Clone(buf.Bytes())
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	kept := rows[:1]
	for i, r := range rows[1:] {
		switch {
		case i%10 == 3:
			continue
		case i%7 == 0:
			r[col["nom"]] += " (nouveau nom)"
		case i%5 == 0:
			for _, c := range []string{"telephone", "horaires"} {
				if j, ok := col[c]; ok {
					r[j] = ""
				}
			}
		}
		kept = append(kept, r)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	if err := w.WriteAll(kept); err != nil {
		t.Fatal(err)
	}
	return first, out.Bytes()
}

// edits changes some of the records through the store, as people would:
// fields set, lists emptied, places and services archived and restored.
func edits(t *testing.T, s *models.Store) {
	t.Helper()
	ctx := context.Background()
	actors, err := models.CreatedIDs(ctx, s, models.EntityActor)
	if err != nil {
		t.Fatal(err)
	}
	services, err := models.CreatedIDs(ctx, s, models.EntityService)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(actors); i += 97 {
		id := actors[i]
		a, err := s.UpdateActor(ctx, id, models.Precondition{}, func(a *models.Actor) error {
			a.Summary, a.Websites, a.OpeningHours = "Résumé <écrit> à la main", nil, "Mo-Fr 10:00-12:00"
			return nil
		})
		if err != nil {
			continue // archived, or no longer valid by today's rules: nothing written
		}
		if i%3 == 0 {
			if _, err := s.ArchiveActor(ctx, a.ID, models.Precondition{}); err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				if _, err := s.RestoreActor(ctx, a.ID, models.Precondition{}, models.RestoreOptions{}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for i := 5; i < len(services); i += 89 {
		sv, err := s.UpdateService(ctx, services[i], models.Precondition{}, func(sv *models.Service) error {
			sv.Description, sv.Themes = "Décrit à la main", nil
			return nil
		})
		if err != nil {
			continue
		}
		if i%2 == 0 {
			if _, err := s.ArchiveService(ctx, sv.ID, models.Precondition{}); err == nil && i%4 == 0 {
				if _, err := s.RestoreService(ctx, sv.ID, models.Precondition{}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
