package models

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestMigrationTwins checks that every SQLite migration has its PostgreSQL
// twin with the same version number and name, and the reverse: a branch
// that adds a migration for one engine only fails here, not on a server.
func TestMigrationTwins(t *testing.T) {
	names := func(d dialect) []string {
		files, _ := d.migrations()
		var out []string
		entries, err := fs.ReadDir(files, ".")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
				out = append(out, e.Name())
			}
		}
		return out
	}
	lite, pg := names(sqliteEngine), names(postgresEngine)
	for _, n := range lite {
		if !slices.Contains(pg, n) {
			t.Errorf("migrations/%s has no PostgreSQL twin migrations/postgres/%s", n, n)
		}
	}
	for _, n := range pg {
		if !slices.Contains(lite, n) {
			t.Errorf("migrations/postgres/%s has no SQLite twin migrations/%s", n, n)
		}
	}
	if len(lite) == 0 {
		t.Error("no migrations found")
	}
}
