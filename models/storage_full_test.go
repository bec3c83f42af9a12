package models

import (
	"io/fs"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// TestDiskFullErrorsAreStorageFull: each engine's « disk full » is the
// one storage_full error, not an internal one (probe 39a F3).
func TestDiskFullErrorsAreStorageFull(t *testing.T) {
	for name, err := range map[string]error{
		"SQLITE_FULL":        sqlite3.Error{Code: sqlite3.ErrFull},
		"SQLite I/O, ENOSPC": sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.ENOSPC},
		"PostgreSQL 53100":   &pgconn.PgError{Code: "53100", Message: "could not extend file"},
		"ENOSPC on a file":   &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC},
	} {
		if got := ErrorCode(dbError(err)); got != ESTORAGEFULL {
			t.Errorf("%s: %s, want %s", name, got, ESTORAGEFULL)
		}
	}
}
