package opendata_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"carnet/models"
	"carnet/models/opendata"
)

// BenchmarkEngineBound measures what SQLite alone can do with an import's
// rows, to read the import's rate against: the 100,000 synthetic places are
// imported once (not timed), then the rows the import wrote — actors,
// services, their audit events and change-log rows — are copied into an
// empty database with the same schema and page size by INSERT … SELECT, in
// transactions of 1,000 places (one batch) and of 5,000 (a transaction of
// SyncBatches that nothing interrupts holds about that many on this
// machine). No Go code runs per row: the figures bound any importer of this
// data model on this machine.
//
//	go test -run '^$' -bench EngineBound -benchtime 1x ./models/opendata
func BenchmarkEngineBound(b *testing.B) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, *syntheticRows, 1); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "imported.db")
	s, err := models.Open(context.Background(), src, models.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rep := importBytes(b, s, buf.Bytes(), opendata.ImportOptions{Source: "bench"})
	s.Close()
	for _, per := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("%d-per-transaction", per), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				elapsed := copyRows(b, src, filepath.Join(dir, fmt.Sprintf("copy-%d-%d.db", per, i)), per)
				b.ReportMetric(float64(rep.Rows)/elapsed.Seconds(), "places/s")
			}
		})
	}
}

// copyRows copies the import's tables from src into a new database at dst
// with the same schema, per places at a time, and returns the time taken.
func copyRows(b *testing.B, src, dst string, per int) time.Duration {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+dst+"?_synchronous=NORMAL&_cache_size=-65536&_foreign_keys=on")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	exec("ATTACH DATABASE ? AS src", src)
	var pageSize int
	if err := db.QueryRowContext(ctx, "PRAGMA src.page_size").Scan(&pageSize); err != nil {
		b.Fatal(err)
	}
	// As the store creates its databases (see models.createWithPageSize).
	exec(fmt.Sprintf("PRAGMA main.page_size=%d", pageSize))
	exec("PRAGMA main.journal_mode=WAL")
	// The store copies the WAL into the file beside the writes (its
	// checkpointer); SQLite's own checkpoint is a backstop at 50,000 pages.
	exec("PRAGMA wal_autocheckpoint=50000")
	tables := []string{"actors", "services", "audit_events", "changes"}
	rows, err := db.QueryContext(ctx, `SELECT sql FROM src.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
		AND tbl_name IN ('actors', 'services', 'audit_events', 'changes') AND type IN ('table', 'index') ORDER BY type = 'index'`)
	if err != nil {
		b.Fatal(err)
	}
	var schema []string
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			b.Fatal(err)
		}
		schema = append(schema, q)
	}
	rows.Close()
	for _, q := range schema {
		exec(q)
	}
	// Each table's rowids, split into as many equal runs as the places.
	ids := map[string][]int64{}
	for _, t := range tables {
		rows, err := db.QueryContext(ctx, "SELECT rowid FROM src."+t+" ORDER BY rowid")
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				b.Fatal(err)
			}
			ids[t] = append(ids[t], id)
		}
		rows.Close()
	}
	places := len(ids["actors"])
	start := time.Now()
	for from := 0; from < places; from += per {
		to := min(places, from+per)
		exec("BEGIN IMMEDIATE")
		for _, t := range tables {
			all := ids[t]
			lo, hi := len(all)*from/places, len(all)*to/places
			if lo < hi {
				exec("INSERT INTO main."+t+" SELECT * FROM src."+t+" WHERE rowid BETWEEN ? AND ?", all[lo], all[hi-1])
			}
		}
		exec("COMMIT")
	}
	return time.Since(start)
}
