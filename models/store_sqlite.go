package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/mattn/go-sqlite3"
	"golang.org/x/sync/semaphore"
	gormsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// openSQLite opens (creating if needed) the SQLite database at path: one
// writer connection, opt.ReadConns read-only ones.
func openSQLite(ctx context.Context, path string, cfg *gorm.Config, opt Options) (*Store, error) {
	if err := createWithPageSize(ctx, path); err != nil {
		return nil, err
	}
	tightenModes(path, opt.Logger)
	w, err := gorm.Open(gormsqlite.New(gormsqlite.Config{DriverName: sqliteWriterDriver, DSN: dsn(path, false)}), cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	wdb, err := w.DB()
	if err != nil {
		return nil, err
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(0)
	if err := migrate(ctx, wdb, sqliteEngine, opt.Logger); err != nil {
		wdb.Close()
		return nil, err
	}
	// The indexes an import dropped and did not create again, its process
	// having died midway (see deferIndexes), before anything reads.
	if err := restoreDeferredIndexes(ctx, wdb); err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	r, err := gorm.Open(gormsqlite.New(gormsqlite.Config{DriverName: sqliteDriver, DSN: dsn(path, true)}), cfg)
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open database %s for reading: %w", path, err)
	}
	rdb, err := r.DB()
	if err != nil {
		wdb.Close()
		return nil, err
	}
	rdb.SetMaxOpenConns(opt.ReadConns)
	rdb.SetMaxIdleConns(opt.ReadConns)
	// The bulk writer: opened after the migrations, with the schema
	// they made.
	b, err := gorm.Open(gormsqlite.New(gormsqlite.Config{DriverName: sqliteWriterDriver, DSN: bulkDSN(path)}), cfg)
	if err != nil {
		wdb.Close()
		rdb.Close()
		return nil, fmt.Errorf("open database %s for bulk writes: %w", path, err)
	}
	bdb, err := b.DB()
	if err != nil {
		wdb.Close()
		rdb.Close()
		return nil, err
	}
	bdb.SetMaxOpenConns(1)
	bdb.SetMaxIdleConns(1)
	bdb.SetConnMaxLifetime(0)
	bdb.SetConnMaxIdleTime(0)
	cdb, err := sql.Open(sqliteDriver, dsn(path, false))
	if err != nil {
		wdb.Close()
		rdb.Close()
		bdb.Close()
		return nil, fmt.Errorf("open database %s for checkpoints: %w", path, err)
	}
	cdb.SetMaxOpenConns(1)
	cdb.SetMaxIdleConns(1)
	cdb.SetConnMaxIdleTime(0)
	return &Store{w: w, r: r, wb: b, d: sqliteEngine, gate: semaphore.NewWeighted(1), ckpt: startCheckpointer(cdb)}, nil
}

// sqliteDriver is mattn/go-sqlite3 with the PRAGMAs its connection string
// cannot carry, run on every connection it opens (writer, readers,
// checkpointer):
//   - temp_store=MEMORY: SQLite keeps its temporary structures in memory —
//     a sort larger than the cache (ORDER BY or GROUP BY without an index,
//     DISTINCT), a transient index, a temporary table, a statement
//     journal — instead of temporary files (sqlite3TempInMemory: the sorter
//     then never spills). Those files are outside secure_delete, and
//     SQLite unlinks them at once, so their blocks stay on disk after use
//     with whatever rows were sorted: a referral, account or history query
//     sorting without an index wrote people's data there (sec17). The cost
//     is memory for a large unindexed sort; the directory's lists sort by
//     indexed columns, exports walk the primary key, and search and
//     duplicate detection sort in Go.
const sqliteDriver = "sqlite3_carnet"

// sqliteWriterDriver is sqliteDriver for the writer connections (the
// writer's and the bulk writer's), which also runs, on every connection it
// opens (a pool reopens one it discarded):
//   - wal_autocheckpoint=50000: the WAL is copied into the database by the
//     checkpointer, beside the writes (see checkpointer); SQLite's own
//     checkpoint inside a commit, once the WAL holds 50,000 pages (200 MB),
//     is only a backstop. (With SQLite's 1,000 pages, every commit of a
//     sync batch of 500 places ran a checkpoint, copying and syncing the
//     same index pages again and again: a third of an import's time; at
//     10,000 pages, the one write in a few thousand that crossed it held
//     the writer for half a second.)
//   - journal_size_limit: the WAL file is truncated back to 64 MiB after a
//     checkpoint rather than keeping its largest size on disk.
const sqliteWriterDriver = "sqlite3_carnet_writer"

var (
	connPragmas   = []string{"PRAGMA temp_store=MEMORY"}
	writerPragmas = append(slices.Clone(connPragmas), "PRAGMA wal_autocheckpoint=50000", "PRAGMA journal_size_limit=67108864")
)

func init() {
	for name, pragmas := range map[string][]string{sqliteDriver: connPragmas, sqliteWriterDriver: writerPragmas} {
		sql.Register(name, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			for _, p := range pragmas {
				if _, err := c.Exec(p, nil); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
			}
			return nil
		}})
	}
}

// dsn builds a mattn/go-sqlite3 connection string. The PRAGMAs:
//   - journal_mode=WAL: readers never block the writer nor the reverse;
//   - synchronous=NORMAL: durable across application crashes, and in WAL mode
//     the database cannot be corrupted by a power loss (only the last
//     transactions may roll back), for far fewer fsyncs than FULL;
//   - foreign_keys=on: SQLite leaves them off by default;
//   - busy_timeout=10000: wait up to 10 s for a lock instead of failing;
//   - txlock=immediate (writer): take the write lock at BEGIN, so a
//     read-then-write transaction cannot deadlock with another writer;
//   - query_only (readers): a read connection cannot write by mistake;
//   - stmt_cache_size=64: each connection keeps its last 64 prepared
//     statements, so a statement run again (every INSERT of a sync batch)
//     skips SQLite's parser; GORM's own PrepareStmt cannot do it inside a
//     transaction, where it prepares again on every call;
//   - cache_size=-65536 (writer): 64 MiB of page cache instead of SQLite's
//     2 MiB, so that the index pages of a large directory stay in memory
//     while a sync writes thousands of rows (100,000-place import: 1,480 →
//     1,730 places/s, half the system time); readers keep the default;
//   - secure_delete=on (writer): SQLite overwrites deleted and replaced
//     content with zeros, in the page and in freed pages, so that the data
//     of a referral erased by retention (or of any deleted row) does not
//     stay readable in the file's free space. It applies to the whole
//     database, not to chosen columns, so that later tables holding
//     personal data are covered too; the old page images in the WAL are
//     removed by Store.Checkpoint after an erasure.
func dsn(path string, readOnly bool) string {
	return "file:" + uriPath.Replace(path) + "?" + dsnParams(readOnly).Encode()
}

func dsnParams(readOnly bool) url.Values {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_stmt_cache_size", "64")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_txlock", "immediate")
		q.Set("_cache_size", "-65536")
		q.Set("_secure_delete", "on")
	}
	return q
}

// A URI filename: '%', '?' and '#' in the path must be escaped or the path
// would be cut at them.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// pageSize is the page size of the databases Carnet creates: 8 KiB rather
// than SQLite's 4 KiB. A write's commit copies every page it touched into
// the WAL, and the indexes on names, postal codes and coordinates take
// their rows at random positions, so a batch touches one page per row in
// each of them: with pages twice as large they hold twice the rows, a
// batch touches fewer pages and the WAL takes half the frames (one write
// call each). Copying a 100,000-place import's rows in 1,000-place
// transactions ran 18,000 places/s with 8 KiB pages against 15,000 with
// 4 KiB (see README, « Imports »).
const pageSize = 8192

// createWithPageSize creates the database file at path with pageSize pages
// when it does not exist yet (or is empty). The size must be set before
// the file is in WAL mode, which the connection string's journal_mode
// does on the first open; an existing database keeps its page size
// (VACUUM in rollback-journal mode would change it). A new file is created
// owner-only (see OwnerOnly) before SQLite opens it, which it would
// otherwise create 0644 less the umask; its WAL, index and journal then
// take the same mode.
func createWithPageSize(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	if err == nil && fi.Size() > 0 {
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		if err := createOwnerOnly(path); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create database %s: %w", path, err)
		}
	}
	db, err := sql.Open("sqlite3", "file:"+uriPath.Replace(path))
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	defer db.Close()
	for _, p := range []string{fmt.Sprintf("PRAGMA page_size=%d", pageSize), "PRAGMA journal_mode=WAL"} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("create database %s: %s: %w", path, p, err)
		}
	}
	return nil
}

// bulkDSN is the connection string of the bulk writer (see
// bulkTransaction): the writer's, with foreign keys off.
func bulkDSN(path string) string {
	q := dsnParams(false)
	q.Set("_foreign_keys", "off")
	return "file:" + uriPath.Replace(path) + "?" + q.Encode()
}

// bulkTransaction runs fn, the transaction of a bulk write (a sync batch,
// an import: see withBulk), on wb, the bulk writer: a connection of its
// own whose foreign keys are off (bulkDSN). It writes in turn with the
// writer (Store.takeTurn: the two never hold SQLite's write lock at once),
// and nothing but bulk writes uses it.
//
// Why without foreign keys: an INSERT of many rows into a table with an
// immediate foreign key (actors.parent_id, services.actor_id) may have to
// undo itself when a row fails the key, so SQLite keeps the statement
// journal that sqliteDialect.insertInto describes, even with INSERT OR
// FAIL. Without both, a 100,000-place import's INSERTs took 5.8 s of cgo
// time instead of 2.9 s (issue 11, item 6, BenchmarkImport).
//
// Why a connection of its own: turning the keys off and on again around
// each bulk transaction, on the writer, made SQLite expire every statement
// the connection had prepared (a flag PRAGMA does, as the code it compiles
// depends on them), so each transaction of an import parsed and compiled
// its multi-row INSERTs again: of 30,000 variables each, code for every
// row and index — about 40 % of the C time of the INSERTs (issue 11,
// item 6). Here they stay prepared from one transaction to the next.
//
// Why it is safe: a bulk write checks every reference itself before it
// writes, in the same transaction, under SQLite's single writer: a
// service's actor (resolveSyncActor: an active actor of the same source)
// and an actor's parent (checkActorRefs: active, no cycle). It deletes no
// row (absent records are archived), so no cascade is skipped. Every
// other write goes through the writer, whose keys are never off.
func bulkTransaction(wb *gorm.DB, fn func(tx *gorm.DB) error) error {
	return wb.Connection(func(c *gorm.DB) error {
		conn, ok := c.Statement.ConnPool.(*sql.Conn)
		if !ok {
			return fmt.Errorf("bulk transaction: connection is %T", c.Statement.ConnPool)
		}
		// The statements of insertRows go to the connection itself
		// (sqliteDialect.execBatch).
		c = c.WithContext(context.WithValue(c.Statement.Context, bulkConnKey{}, conn))
		return c.Transaction(fn)
	})
}

// bulkConnKey is the context key of a bulk write's connection: its
// transaction runs on it, and its multi-row INSERTs are sent to it directly.
type bulkConnKey struct{}
