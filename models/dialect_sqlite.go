package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// sqliteDialect: one writer at a time (the Store's writer pool has a single
// connection whose transactions begin IMMEDIATE, and other processes queue
// on the file lock), so seq order is commit order and read-then-write
// transactions need no locks of their own.
type sqliteDialect struct{}

func (sqliteDialect) name() string { return "sqlite" }

// NOCASE folds ASCII letters, as the actors_name and services_name indexes
// are declared.
func (sqliteDialect) placeholder(int) string { return "?" }

// insertInto: INSERT OR FAIL, whose conflicts on NOT NULL, UNIQUE and
// CHECK constraints stop the statement without undoing the rows it already
// inserted, where INSERT's default (ABORT) undoes them. To undo them, SQLite
// keeps a statement journal of a multi-row INSERT inside a transaction: a
// copy of each page the statement changes that the transaction had changed
// before. With temp_store=MEMORY (see sqliteDriver) that copy goes to
// memory in 1 KiB chunks, a malloc and a copy for each, and a batch's
// INSERT touches thousands of index pages: half of SQLite's time in a first
// import's INSERTs (issue 11, item 6). Nothing relies on the undo: every
// write runs in a transaction or a savepoint that a failed statement rolls
// back whole (Store.write), and every caller of insertRows returns its
// error. Foreign keys still need the journal (an immediate foreign key
// may abort), except in a bulk write's transaction, where they are checked
// by Carnet itself (see bulkTransaction).
func (sqliteDialect) insertInto() string { return "INSERT OR FAIL INTO" }

// execBatch sends the statement through Query rather than Exec:
// mattn/go-sqlite3 binds an Exec's arguments one cgo call each (and SQLite
// copies every text), while a Query's are copied into one C buffer and
// bound, with the first step, in a single crossing — about a hundred
// crossings a place on an import's multi-row INSERTs (issue 11, item 6).
// The statement is the same; reading its (empty) result to the end runs it
// to completion, whatever the driver does at the first step.
//
// In a bulk write (bulkTransaction) the statement goes to the driver's
// connection directly, inside the transaction that runs on it: the
// arguments are already the driver's values (insertRows converted them),
// and database/sql would check and copy each of them again, into a slice
// of its own per statement.
func (sqliteDialect) execBatch(ctx context.Context, pool gorm.ConnPool, query string, args []driver.NamedValue) error {
	if conn, ok := ctx.Value(bulkConnKey{}).(*sql.Conn); ok {
		return conn.Raw(func(dc any) error {
			q, ok := dc.(driver.QueryerContext)
			if !ok {
				return fmt.Errorf("bulk insert: the driver's connection %T cannot query", dc)
			}
			rows, err := q.QueryContext(ctx, query, args)
			if err != nil {
				return err
			}
			dest := make([]driver.Value, len(rows.Columns()))
			for {
				if err := rows.Next(dest); err != nil {
					if errors.Is(err, io.EOF) {
						return rows.Close()
					}
					rows.Close()
					return err
				}
			}
		})
	}
	rows, err := pool.QueryContext(ctx, query, namedValues(args)...)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// mattn/go-sqlite3 binds a time.Time as the text of its first timestamp
// format.
func (sqliteDialect) timeText() bool { return true }

func (sqliteDialect) rowLocks() bool { return false }

// SQLite's LIKE ignores the case of ASCII letters.
func (sqliteDialect) containsCaseless(column string) string {
	return column + ` LIKE ? ESCAPE '\'`
}

func (sqliteDialect) anyOf(column string, values []string) (string, []any) {
	return "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE json_each.value IN ?)", []any{values}
}

// inKeys binds the keys as one JSON array, which json_each reads back:
// GORM bound each key of an IN list as a variable of its own, boxed into
// an interface (an allocation each) and spelt out as a placeholder in the
// statement's text, 500 a statement — the lookups of every batch's keys
// by an import (loadKeys, SourceHashes: 300,000 allocations of a
// 100,000-place first import, issue 11, item 6). SQLite still reads the
// keys through the index on (source, source_id) (TestInKeysReadsTheIndex).
// A storable key (valid UTF-8, no NUL) reads back from JSON as it was.
func (sqliteDialect) inKeys(column string, keys []string) (string, any) {
	b, err := json.Marshal(keys)
	if err != nil {
		// A []string always encodes: unreachable, but never a wrong list.
		panic(err)
	}
	return column + " IN (SELECT value FROM json_each(?))", string(b)
}

func (sqliteDialect) nonEmptyArray(column string) string {
	return "json_array_length(" + column + ") > 0"
}

// GLOB reads UTF-8 in classes, and unlike LIKE it has no escape clause to
// get wrong; SQLite's LIKE and lower() fold ASCII only.
func (sqliteDialect) containsWord(column, w string) (string, any) {
	return column + " GLOB ?", globWord(w)
}

// Text columns compare with SQLite's BINARY collation unless declared
// otherwise: the index on (source, source_id) reads the range.
func (sqliteDialect) bytewise(expr string) string { return expr }

// SQLite's max() with two arguments is a scalar function.
func (sqliteDialect) greatest(a, b string) string { return "max(" + a + ", " + b + ")" }

// The single writer already orders commits, inside and across processes.
func (sqliteDialect) lockLogs(*gorm.DB) error { return nil }

func (sqliteDialect) lockKey(*gorm.DB, string) error { return nil }

func (sqliteDialect) translate(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return &Error{Code: ECONFLICT, Message: "A record with the same key already exists.", Err: err}
	case sqlite3.ErrConstraintForeignKey:
		return &Error{Code: ECONFLICT, Message: "The record refers to a record that does not exist.", Err: err}
	}
	if se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked {
		return &Error{Code: EUNAVAILABLE, Message: "The database is busy; retry shortly.", Err: err}
	}
	// SQLITE_FULL, or an I/O error whose cause was ENOSPC (a WAL or
	// journal write).
	if se.Code == sqlite3.ErrFull || errors.Is(se.SystemErrno, syscall.ENOSPC) {
		return storageFull(err)
	}
	return nil
}

// SQLite names the columns in its message: "UNIQUE constraint failed:
// actors.source, actors.source_id".
func (sqliteDialect) uniqueColumns(err error) (string, bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) || (se.ExtendedCode != sqlite3.ErrConstraintUnique && se.ExtendedCode != sqlite3.ErrConstraintPrimaryKey) {
		return "", false
	}
	msg := se.Error()
	if i := strings.Index(msg, "failed: "); i >= 0 {
		return msg[i+len("failed: "):], true
	}
	return msg, true
}

// secure_delete (see dsn) zeroes deleted content in the pages; the WAL
// still holds old page images until a checkpoint copies it into the file
// and truncates it. Readers that still use an older snapshot pin the WAL;
// the checkpoint waits for them (busy_timeout) and reports whether it could
// complete. It runs on the writer connection, so no write interleaves.
func (sqliteDialect) eraseLeftovers(ctx context.Context, w *gorm.DB) error {
	var busy, logFrames, checkpointed int
	row := w.WithContext(ctx).Raw("PRAGMA wal_checkpoint(TRUNCATE)").Row()
	if err := row.Scan(&busy, &logFrames, &checkpointed); err != nil {
		return dbError(err)
	}
	if busy != 0 {
		return &Error{Code: EUNAVAILABLE, Message: "The write-ahead log could not be truncated: a reader held it; retry shortly.", RetryAfter: time.Second}
	}
	return nil
}

func (sqliteDialect) migrations() (fs.FS, goose.Dialect) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded directory exists: a build error otherwise
	}
	return sub, goose.DialectSQLite3
}

// SQLite's GORM driver drops every locking clause: its write transactions
// hold the database's single write lock.
var (
	lockUpdate      = clause.Locking{Strength: "UPDATE"}
	lockNoKeyUpdate = clause.Locking{Strength: "NO KEY UPDATE"}
	lockShare       = clause.Locking{Strength: "SHARE"}
	lockKeyShare    = clause.Locking{Strength: "KEY SHARE"}
)
