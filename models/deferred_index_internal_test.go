package models

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/gorm"
)

// TestDeferredIndexesRestoredOnOpen: an import whose process dies after
// the commit that dropped the secondary indexes (deferIndexes) leaves
// their record; the next opening of the database creates them again,
// exactly as they were, before anything reads. The unique indexes were
// never dropped.
func TestDeferredIndexesRestoredOnOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carnet.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	indexes := func(s *Store) map[string]string {
		t.Helper()
		var rows []struct{ Name, SQL string }
		if err := s.w.Raw("SELECT name, coalesce(sql, '') AS sql FROM sqlite_master WHERE type = 'index'").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, r := range rows {
			m[r.Name] = r.SQL
		}
		return m
	}
	want := indexes(s)
	var dropped []deferredIndex
	if err := s.write(withBulk(ctx), func(tx *gorm.DB) (err error) {
		dropped, err = deferIndexes(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(dropped) == 0 {
		t.Fatal("nothing was dropped from an empty directory")
	}
	mid := indexes(s)
	for _, ix := range dropped {
		if _, ok := mid[ix.Name]; ok {
			t.Errorf("%s still there", ix.Name)
		}
	}
	for _, name := range []string{"actors_source_key", "services_source_key", "sqlite_autoindex_actors_1"} {
		if _, ok := mid[name]; !ok {
			t.Errorf("unique index %s was dropped", name)
		}
	}
	// The process dies here: no restoreIndexes.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := indexes(s)
	if len(got) != len(want) {
		t.Errorf("%d indexes after reopening, want %d", len(got), len(want))
	}
	for name, stmt := range want {
		if got[name] != stmt {
			t.Errorf("index %s is %q after reopening, want %q", name, got[name], stmt)
		}
	}
	var left int64
	if err := s.w.Raw("SELECT count(*) FROM deferred_indexes").Scan(&left).Error; err != nil || left != 0 {
		t.Errorf("deferred_indexes: %d rows left (%v)", left, err)
	}
}
