package models

import (
	"context"
	"testing"
)

// TestMigrationsDropIndexesAnImportDeferred: an import that died between
// dropping its deferred indexes and creating them again leaves them absent
// and recorded in deferred_indexes (see deferIndexes), for openSQLite to
// create again after the migrations. Migrations 00127 and 00128 drop three
// of them for good: on such a database a plain DROP INDEX failed (no such
// index), and the store could not open; and the record left would have
// brought the index back. Now the migrations drop what is there and forget
// what is recorded.
func TestMigrationsDropIndexesAnImportDeferred(t *testing.T) {
	db, p := migrateTo(t, 126)
	dropped := []string{"actors_source_live", "services_source_live", "actors_location"}
	for _, name := range append(dropped, "actors_name") {
		var tbl, sql string
		if err := db.QueryRow("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name = ?", name).Scan(&tbl, &sql); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mustExec(t, db, "INSERT INTO deferred_indexes (name, tbl_name, sql) VALUES (?, ?, ?)", name, tbl, sql)
		mustExec(t, db, "DROP INDEX "+name)
	}
	if _, err := p.Up(context.Background()); err != nil {
		t.Fatalf("migrations after an import that died with its indexes dropped: %v", err)
	}
	for _, name := range dropped {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM deferred_indexes WHERE name = ?", name).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s still recorded to be created again (%d, %v)", name, n, err)
		}
	}
	if err := restoreDeferredIndexes(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	var names []string
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('actors_source_live', 'services_source_live', 'actors_location', 'actors_name') ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	if len(names) != 1 || names[0] != "actors_name" {
		t.Errorf("indexes after the restore: %v, want only actors_name (still deferred, created again)", names)
	}
}
