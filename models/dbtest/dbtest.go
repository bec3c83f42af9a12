// Package dbtest gives each test a database of its own on the engine the
// test run names: a temporary SQLite file by default, or, when the
// CARNET_TEST_POSTGRES environment variable holds a PostgreSQL URL, a fresh
// schema on that server (dropped when the test ends). The same tests thus
// run on both engines: `.ci/run` runs the API suite once on each.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "github.com/mattn/go-sqlite3"    // the "sqlite3" database/sql driver

	"carnet/models"
)

// EnvPostgres names the environment variable holding the PostgreSQL server
// to test against, e.g. postgres://postgres@/carnet_test?host=/tmp/pg.
const EnvPostgres = "CARNET_TEST_POSTGRES"

// Postgres returns the server named by CARNET_TEST_POSTGRES, or "".
func Postgres() string { return os.Getenv(EnvPostgres) }

// Engine returns the engine tests run on: "postgres" or "sqlite".
func Engine() string {
	if Postgres() != "" {
		return "postgres"
	}
	return "sqlite"
}

// DSN returns a new, empty database for t, as a CARNET_DB value.
func DSN(t testing.TB) string {
	t.Helper()
	base := Postgres()
	if base == "" {
		return filepath.Join(t.TempDir(), "carnet.db")
	}
	return NewSchema(t, base)
}

// NewSchema creates a schema on the server at base and returns base with
// its search_path set to it; the schema is dropped when t ends.
func NewSchema(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	db := open(t, base)
	if _, err := db.Exec(`CREATE SCHEMA "` + schema + `"`); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db := open(t, base)
		if _, err := db.Exec(`DROP SCHEMA "` + schema + `" CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a Store on a new database for t, closed when t ends.
func Open(t testing.TB, opt models.Options) (*models.Store, string) {
	t.Helper()
	dsn := DSN(t)
	s, err := models.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}

// DB is a database opened by Raw. Its queries take ? placeholders on both
// engines (they are numbered for PostgreSQL), so that tests write their SQL
// once.
type DB struct {
	*sql.DB
	postgres bool
}

// Raw opens the database named by dsn with database/sql, bypassing the
// Store, for tests that check what the schema itself stores or refuses.
func Raw(t testing.TB, dsn string) *DB {
	t.Helper()
	if models.IsPostgresURL(dsn) {
		return &DB{DB: open(t, dsn), postgres: true}
	}
	db, err := sql.Open("sqlite3", "file:"+dsn+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &DB{DB: db}
}

// rebind numbers ? placeholders ($1, $2…) for PostgreSQL, leaving quoted
// strings alone.
func (db *DB) rebind(q string) string {
	if !db.postgres {
		return q
	}
	var b strings.Builder
	n, quoted := 0, false
	for _, r := range q {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (db *DB) Exec(q string, args ...any) (sql.Result, error) {
	return db.DB.Exec(db.rebind(q), args...)
}

func (db *DB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.DB.ExecContext(ctx, db.rebind(q), args...)
}

func (db *DB) Query(q string, args ...any) (*sql.Rows, error) {
	return db.DB.Query(db.rebind(q), args...)
}

func (db *DB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.DB.QueryContext(ctx, db.rebind(q), args...)
}

func (db *DB) QueryRow(q string, args ...any) *sql.Row {
	return db.DB.QueryRow(db.rebind(q), args...)
}

func (db *DB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return db.DB.QueryRowContext(ctx, db.rebind(q), args...)
}

func open(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("PostgreSQL at %s: %v", EnvPostgres, err)
	}
	return db
}

// Tables lists the tables of the database db (opened by Raw), the
// migrations' bookkeeping included.
func Tables(t testing.TB, db *DB) []string {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
	if db.postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
