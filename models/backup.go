package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// BackupResult says what Backup copied.
type BackupResult struct {
	Bytes     int64         // the copy's size
	Tables    int           // its tables
	Rows      int64         // their rows, counted in the copy
	Integrity string        // PRAGMA quick_check of the copy: "ok"
	Duration  time.Duration // the whole backup, check included
}

// Backup copies the SQLite database at src, online, into a new file dst:
// one VACUUM INTO, which reads a single snapshot of the database (every
// transaction committed before it started, the WAL's included, and
// nothing half-written after), while the service goes on writing. Copying
// carnet.db with cp during writes misses the commits still in the WAL
// (probe 39a F5). The copy is compact (no free pages, so no leftovers of
// erased data), owner-only (OwnerOnly: it holds the same personal data),
// and dst must not exist: a backup never overwrites one. A PostgreSQL
// database is backed up with pg_dump.
func Backup(ctx context.Context, src, dst string) (BackupResult, error) {
	start := time.Now()
	if IsPostgresURL(src) {
		return BackupResult{}, Errorf(EINVALID, "the database is PostgreSQL: back it up with pg_dump (pg_dump --format=custom --file FILE URL) or the managed service's backups")
	}
	src = sqlitePath(src)
	if fi, err := os.Stat(src); err != nil {
		return BackupResult{}, fmt.Errorf("the database: %w", err)
	} else if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return BackupResult{}, Errorf(EINVALID, "%s is not a SQLite database", src)
	}
	if err := createOwnerOnly(dst); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return BackupResult{}, fmt.Errorf("%s exists: a backup never overwrites a file; name a new one: %w", dst, err)
		}
		return BackupResult{}, err
	}
	res, err := vacuumInto(ctx, src, dst)
	if err != nil {
		os.Remove(dst)
		return BackupResult{}, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// vacuumInto writes the database at src into the empty file dst (SQLite
// keeps its mode), then checks and counts the copy.
func vacuumInto(ctx context.Context, src, dst string) (BackupResult, error) {
	// A reader's connection string without query_only, which SQLite
	// applies to VACUUM INTO's output too (« attempt to write a readonly
	// database »); nothing here writes to src.
	q := dsnParams(true)
	q.Del("_query_only")
	db, err := sql.Open(sqliteDriver, "file:"+uriPath.Replace(src)+"?"+q.Encode())
	if err != nil {
		return BackupResult{}, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return BackupResult{}, fmt.Errorf("copy %s into %s: %w", src, dst, dbError(err))
	}
	return inspectCopy(ctx, dst)
}

// inspectCopy opens the copy read-only: its size, tables, rows and a
// quick_check, so that the operator learns at once that it opens.
func inspectCopy(ctx context.Context, path string) (BackupResult, error) {
	var res BackupResult
	fi, err := os.Stat(path)
	if err != nil {
		return res, err
	}
	res.Bytes = fi.Size()
	db, err := sql.Open(sqliteDriver, "file:"+uriPath.Replace(path)+"?mode=ro")
	if err != nil {
		return res, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res.Integrity); err != nil {
		return res, fmt.Errorf("check the copy: %w", err)
	}
	if res.Integrity != "ok" {
		return res, fmt.Errorf("the copy fails its check: %s", res.Integrity)
	}
	tables, err := copyTables(ctx, db)
	if err != nil {
		return res, err
	}
	res.Tables = len(tables)
	for _, t := range tables {
		var n int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&n); err != nil {
			return res, fmt.Errorf("count the copy's %s: %w", t, err)
		}
		res.Rows += n
	}
	return res, nil
}

// copyTables lists the tables of a SQLite database, SQLite's own aside.
func copyTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
