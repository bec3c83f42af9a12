package models

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"
	gormsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the directory's persistence. Each exported method runs in one
// transaction, so a request either fully happens or not at all.
//
// SQLite allows one writer at a time. Two pools make that explicit: writes go
// through a single connection whose transactions start with BEGIN IMMEDIATE
// (they queue on the busy timeout instead of failing with "database is
// locked" when a read transaction tries to upgrade), while reads use a pool
// of read-only connections that WAL lets run beside the writer.
type Store struct {
	w   *gorm.DB
	r   *gorm.DB
	log *slog.Logger
	now func() time.Time

	listeners []ChangeListener

	// instance names this process in idempotency claims; claims holds the
	// tokens of the claims its requests are running.
	instance string
	claims   sync.Map

	// notify: e-mail notifications are queued in the outbox (an SMTP
	// server is configured); outboxWake is called after a commit that
	// queued some.
	notify     bool
	outboxWake func()
}

// ChangeListener is told, after a write transaction commits and before the
// write call returns, which actors and services it changed. Read models kept
// beside SQLite (the search index) use it to stay identical to the database
// right after a write returns. Listeners run synchronously, on the writer's
// goroutine, one commit at a time: they must be quick and must not call
// Store write methods.
type ChangeListener func(ctx context.Context, changes []Change)

// OnChange registers l. Call it before serving requests.
func (s *Store) OnChange(l ChangeListener) { s.listeners = append(s.listeners, l) }

// Options tunes a Store. The zero value is what production uses.
type Options struct {
	Logger *slog.Logger
	// Now replaces the clock in tests (retention, expiry, timestamps).
	Now func() time.Time
	// ReadConns is the size of the read pool; 0 means 2 × GOMAXPROCS.
	ReadConns int
	// Notifications queues e-mail notifications in the outbox, for a
	// worker to send. Off when no SMTP server is configured: nothing is
	// queued and nothing grows.
	Notifications bool
}

// Open opens (creating if needed) the SQLite database at path and applies
// pending migrations.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ReadConns <= 0 {
		opt.ReadConns = 2 * runtime.GOMAXPROCS(0)
	}
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // every write already runs in our own transaction
		PrepareStmt:            false,
		// GORM stamps CreatedAt/UpdatedAt itself on some writes: same
		// clock and precision as s.now, so times compare as written.
		NowFunc:        func() time.Time { return opt.Now().UTC().Truncate(time.Microsecond) },
		TranslateError: false, // we translate SQLite errors ourselves in dbError
	}
	w, err := gorm.Open(gormsqlite.Open(dsn(path, false)), cfg)
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
	if err := tuneWriter(ctx, wdb); err != nil {
		wdb.Close()
		return nil, err
	}
	if err := migrate(ctx, wdb, opt.Logger); err != nil {
		wdb.Close()
		return nil, err
	}
	r, err := gorm.Open(gormsqlite.Open(dsn(path, true)), cfg)
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
	s := &Store{w: w, r: r, log: opt.Logger, now: func() time.Time { return opt.Now().UTC().Truncate(time.Microsecond) }, instance: NewID(),
		notify: opt.Notifications}
	if err := s.resolvePlacesOnce(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("resolve addresses against the commune reference: %w", err)
	}
	// Rows written before quality scores existed are scored once.
	if err := s.scoreUnscored(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("score the quality of existing records: %w", err)
	}
	return s, nil
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
	// A URI filename: '%', '?' and '#' in the path must be escaped or the
	// path would be cut at them.
	return "file:" + uriPath.Replace(path) + "?" + q.Encode()
}

var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// tuneWriter sets what the DSN cannot on the single writer connection:
//   - wal_autocheckpoint=10000: the WAL is copied into the database once it
//     holds 10,000 pages (40 MB) rather than SQLite's 1,000. A sync batch
//     of 500 places writes more than 1,000 pages, so with the default every
//     commit ran a checkpoint (copying and syncing the same index pages
//     again and again): the commit was a third of an import's time. Small
//     writes fill the WAL slowly, so checkpoints stay rare and short for
//     them;
//   - journal_size_limit: the WAL file is truncated back to 64 MiB after a
//     checkpoint rather than keeping its largest size on disk.
func tuneWriter(ctx context.Context, db *sql.DB) error {
	for _, p := range []string{"PRAGMA wal_autocheckpoint=10000", "PRAGMA journal_size_limit=67108864"} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

func migrate(ctx context.Context, db *sql.DB, log *slog.Logger) error {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	for _, g := range []*gorm.DB{s.r, s.w} {
		if db, err := g.DB(); err == nil {
			errs = append(errs, db.Close())
		}
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers reads and that the writer connection
// is usable, for the readiness probe.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.r.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return &Error{Code: EUNAVAILABLE, Message: "The database is not reachable.", Err: err}
	}
	if err := s.w.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return &Error{Code: EUNAVAILABLE, Message: "The database is not reachable.", Err: err}
	}
	return nil
}

// PoolStats reports the writer's and the readers' connection pools, for
// metrics: the writer has one connection, so its waits are the write queue.
func (s *Store) PoolStats() (write, read sql.DBStats) {
	if db, err := s.w.DB(); err == nil {
		write = db.Stats()
	}
	if db, err := s.r.DB(); err == nil {
		read = db.Stats()
	}
	return write, read
}

// Now returns the store's clock reading (UTC, microsecond precision).
func (s *Store) Now() time.Time { return s.now() }

type changesKey struct{}

// write runs fn in a write transaction, translates database errors and, once
// committed, tells the listeners what changed. The writer pool has a single
// connection, so commits and notifications happen in the same order.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	var changes []Change
	var queued bool
	tctx := context.WithValue(ctx, changesKey{}, &changes)
	tctx = context.WithValue(tctx, outboxKey{}, &queued)
	err := s.w.WithContext(tctx).Transaction(fn)
	if err != nil {
		return dbError(err)
	}
	if len(changes) > 0 {
		for _, l := range s.listeners {
			l(ctx, changes)
		}
	}
	if queued && s.outboxWake != nil {
		s.outboxWake()
	}
	return nil
}

// read runs fn on the read pool. Reads that must see a write's result go
// through the write transaction instead.
func (s *Store) read(ctx context.Context) *gorm.DB { return s.r.WithContext(ctx) }

// dbError turns driver errors into *Error. Constraint violations that the
// store did not anticipate still become a 409 rather than a 500, because they
// mean the request clashed with existing data.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Code: EUNAVAILABLE, Message: "The request was cancelled before it completed.", Err: err}
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return &Error{Code: ECONFLICT, Message: "A record with the same key already exists.", Err: err}
		case sqlite3.ErrConstraintForeignKey:
			return &Error{Code: ECONFLICT, Message: "The record refers to a record that does not exist.", Err: err}
		}
		if se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked {
			return &Error{Code: EUNAVAILABLE, Message: "The database is busy; retry shortly.", Err: err}
		}
	}
	return Internal(err)
}

// isUniqueOn reports whether err is a UNIQUE violation on the given index's
// columns, as SQLite names them in its message ("actors.source, actors.source_id").
func isUniqueOn(err error, columns string) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey) &&
		strings.Contains(se.Error(), columns)
}

// Checkpoint copies the WAL into the database file and truncates it to zero
// bytes, so that page images written before an erasure no longer exist
// anywhere on disk. Readers that still use an older snapshot pin the WAL;
// the checkpoint waits for them (busy_timeout) and reports whether it could
// complete. It runs on the writer connection, so no write interleaves.
func (s *Store) Checkpoint(ctx context.Context) error {
	var busy, logFrames, checkpointed int
	row := s.w.WithContext(ctx).Raw("PRAGMA wal_checkpoint(TRUNCATE)").Row()
	if err := row.Scan(&busy, &logFrames, &checkpointed); err != nil {
		return dbError(err)
	}
	if busy != 0 {
		return &Error{Code: EUNAVAILABLE, Message: "The write-ahead log could not be truncated: a reader held it; retry shortly.", RetryAfter: time.Second}
	}
	return nil
}
