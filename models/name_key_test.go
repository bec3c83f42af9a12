package models_test

import (
	"context"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestNameKeysOfStoredRows: rows stored before migration 00107 (their key
// still ”) are keyed when the store opens, on both engines, with the same
// key as a write gives; a keyed database is left as it is.
func TestNameKeysOfStoredRows(t *testing.T) {
	s, dsn := dbtest.Open(t, models.Options{})
	syncPairs(t, s, 0, 3) // closed by dbtest at the end; idle meanwhile
	raw := dbtest.Raw(t, dsn)
	if _, err := raw.Exec("UPDATE actors SET name_key = ''"); err != nil {
		t.Fatal(err)
	}
	s2, err := models.Open(context.Background(), dsn, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	rows, err := raw.Query("SELECT name, name_key FROM actors")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, key string
		if err := rows.Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		if n++; key == "" || key != models.NameKey(name) {
			t.Errorf("%q: name_key %q, want %q", name, key, models.NameKey(name))
		}
	}
	if n != 6 {
		t.Errorf("%d actors, want 6", n)
	}
}
