package models

import (
	"context"
	"path/filepath"
	"testing"
)

// TestResolvePlacesOnOpen: a database written before the commune reference
// (addresses as the files spelt them, Mont-Dore filed under the
// Puy-de-Dôme's code) is re-resolved when a binary with the reference opens
// it, once, with a change-log entry per corrected row.
func TestResolvePlacesOnOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	legacy := []Actor{
		{Name: "Marseille", Address: Address{Street: "1 rue", PostalCode: "13002", Commune: "MARSEILLE 2E ARRONDISSEMENT"}, Departement: "13"},
		{Name: "Mont-Dore", Address: Address{Street: "2 rue", PostalCode: "98800", Commune: "Mont-Dore", InseeCode: "63236"}, Departement: "63"},
		{Name: "Archivé", Address: Address{Street: "3 rue", PostalCode: "06000", Commune: "NICE"}, Departement: "06"},
	}
	for i := range legacy {
		a := &legacy[i]
		a.ID, a.Status, a.Version, a.PivotKind = NewID(), "active", 1, "unknown"
		// Written as an older binary did: straight into the table.
		if err := s.w.Create(a).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.w.Exec("UPDATE actors SET archived_at = CURRENT_TIMESTAMP WHERE name = 'Archivé'").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.w.Exec("DELETE FROM reference_versions").Error; err != nil {
		t.Fatal(err)
	}
	var before int64
	s.w.Table("changes").Count(&before)
	s.Close()

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[string][3]string{
		"Marseille": {"13202", "Marseille", "13"},
		"Mont-Dore": {"98817", "Le Mont-Dore", "988"},
		"Archivé":   {"", "NICE", "06"}, // archived rows are left as they were
	}
	for _, a := range legacy {
		got, err := s.GetActor(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		w := want[a.Name]
		if got.Address.InseeCode != w[0] || got.Address.Commune != w[1] || got.Departement != w[2] {
			t.Errorf("%s: %s %s %s, want %v", a.Name, got.Address.InseeCode, got.Address.Commune, got.Departement, w)
		}
	}
	var after int64
	s.w.Table("changes").Count(&after)
	if after-before != 2 {
		t.Errorf("%d changes recorded, want 2", after-before)
	}
	// Once per reference version: opening again changes nothing.
	if n, err := s.ResolvePlaces(ctx); err != nil || n != 0 {
		t.Errorf("second pass: %d %v", n, err)
	}
}
