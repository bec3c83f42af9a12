package models

import (
	"context"
	"database/sql/driver"
	"path/filepath"
	"testing"
)

// TestSQLiteSortsStayInMemory (sec17): SQLite writes a sort larger than its
// cache (ORDER BY or GROUP BY without an index, DISTINCT), a transient
// index or a statement journal to temporary files; secure_delete does not
// reach them, and their blocks stay on disk after SQLite unlinks them. A
// query over referrals, accounts or history sorting without an index put
// people's data there. With temp_store=MEMORY SQLite keeps every temporary
// structure in memory (sqlite3TempInMemory: the sorter then never spills,
// and sub-journals are in-memory), so no connection of the store, writer
// or reader, may have it otherwise.
func TestSQLiteSortsStayInMemory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "carnet.db"), Options{ReadConns: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w, err := s.w.DB()
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.r.DB()
	if err != nil {
		t.Fatal(err)
	}
	// Every reader connection: hold them all at once so that the pool
	// opens each.
	for name, pool := range map[string]int{"writer": 1, "reader": 3} {
		db := w
		if name == "reader" {
			db = r
		}
		var held []func() error
		for i := 0; i < pool; i++ {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			held = append(held, c.Close)
			var v int
			if err := c.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&v); err != nil {
				t.Fatal(err)
			}
			if v != 2 {
				t.Errorf("%s connection %d: temp_store = %d, want 2 (MEMORY)", name, i, v)
			}
		}
		for _, c := range held {
			_ = c()
		}
	}
}

// TestWriterReopensTuned: the writer's tuning (the WAL's checkpoint
// threshold and size limit) is set on every connection it opens, not once
// on the first: the pool opens another one when it discards the writer's
// (a connection that failed), and that one must write as the first did.
func TestWriterReopensTuned(t *testing.T) {
	ctx := context.Background()
	w, err := openTestStore(t).w.DB()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"wal_autocheckpoint": 50000, "journal_size_limit": 67108864, "temp_store": 2, "foreign_keys": 1}
	for round := range 2 {
		c, err := w.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for p, v := range want {
			var got int
			if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: %s = %d, want %d", round, p, got, v)
			}
		}
		// Discard this connection: the next round gets a new one.
		_ = c.Raw(func(any) error { return driver.ErrBadConn })
		_ = c.Close()
	}
}

// TestBulkWriterTuned: the bulk writer (see bulkTransaction) writes as the
// writer does — WAL, synchronous=NORMAL, secure_delete, the same
// checkpoint threshold and cache — but with foreign keys off, so that its
// prepared statements are never expired by turning them off and on.
func TestBulkWriterTuned(t *testing.T) {
	ctx := context.Background()
	b, err := openTestStore(t).wb.DB()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"wal_autocheckpoint": 50000, "journal_size_limit": 67108864, "temp_store": 2,
		"foreign_keys": 0, "synchronous": 1, "secure_delete": 1, "cache_size": -65536, "busy_timeout": 10000}
	for p, v := range want {
		var got int
		if err := b.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != v {
			t.Errorf("%s = %d, want %d", p, got, v)
		}
	}
	var mode string
	if err := b.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
}
