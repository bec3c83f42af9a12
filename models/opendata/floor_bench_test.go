package opendata_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"carnet/models"
	"carnet/models/opendata"
)

// BenchmarkImportFloor measures what SQLite alone needs to store the rows a
// first import of the synthetic file writes (issue 11, item 6): it imports
// the file once, then copies each table it filled into an empty database of
// the same schema, every index included, with one INSERT … SELECT per table
// in one transaction. No Go runs per row, nothing is bound or converted, and
// each table is committed once: no import through database/sql can write
// the same rows for less. The figures are µs of the process's CPU a place,
// per table and in all (floor-µs/place); compare them with
// BenchmarkImport/synthetic's import-cpu-µs/row measured in the same run of
// the machine. Run with -benchtime 1x:
//
//	go test -run '^$' -bench ImportFloor -benchtime 1x ./models/opendata
func BenchmarkImportFloor(b *testing.B) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, *syntheticRows, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dir := b.TempDir()
		src := filepath.Join(dir, "imported.db")
		s, err := models.Open(b.Context(), src, models.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep := importBytes(b, s, buf.Bytes(), opendata.ImportOptions{Source: "bench"})
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		// The store's own pragmas for its writer (models/store_sqlite.go).
		dst, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "copy.db")+
			"?_journal_mode=WAL&_synchronous=NORMAL&_cache_size=-65536&_secure_delete=on&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		dst.SetMaxOpenConns(1)
		defer dst.Close()
		if _, err := dst.Exec("PRAGMA page_size=8192"); err != nil {
			b.Fatal(err)
		}
		// Tables first, then their indexes, as the migrations left them.
		if _, err := dst.Exec("ATTACH DATABASE ? AS s", src); err != nil {
			b.Fatal(err)
		}
		type object struct{ kind, name, sql string }
		var objects []object
		schema, err := dst.Query(`SELECT type, name, sql FROM s.sqlite_master
			WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table','index')
			ORDER BY type = 'index'`)
		if err != nil {
			b.Fatal(err)
		}
		for schema.Next() {
			var o object
			if err := schema.Scan(&o.kind, &o.name, &o.sql); err != nil {
				b.Fatal(err)
			}
			objects = append(objects, o)
		}
		if err := schema.Close(); err != nil {
			b.Fatal(err)
		}
		var tables []string
		for _, o := range objects {
			if _, err := dst.Exec(o.sql); err != nil {
				b.Fatalf("%s %s: %v", o.kind, o.name, err)
			}
			if o.kind == "table" {
				tables = append(tables, o.name)
			}
		}
		var total time.Duration
		for _, t := range tables {
			var rows int
			if err := dst.QueryRow(fmt.Sprintf("SELECT count(*) FROM s.%q", t)).Scan(&rows); err != nil {
				b.Fatal(err)
			}
			if rows == 0 {
				continue
			}
			cpu := processCPU()
			tx, err := dst.Begin()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec(fmt.Sprintf("INSERT INTO main.%q SELECT * FROM s.%q", t, t)); err != nil {
				b.Fatalf("%s: %v", t, err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			spent := processCPU() - cpu
			total += spent
			if per := float64(spent.Microseconds()) / float64(rep.Rows); per >= 0.5 {
				b.ReportMetric(per, "floor-"+t+"-µs/place")
			}
		}
		b.ReportMetric(float64(total.Microseconds())/float64(rep.Rows), "floor-µs/place")
	}
}
