package models

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pressly/goose/v3"
	"golang.org/x/sync/semaphore"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// Store is the directory's persistence. Each exported method runs in one
// transaction, so a request either fully happens or not at all.
//
// Two pools: writes go through w, reads through r. On SQLite (the default)
// the writer has a single connection whose transactions start with BEGIN
// IMMEDIATE (they queue on the busy timeout instead of failing with
// "database is locked" when a read transaction tries to upgrade), while the
// readers are read-only connections that WAL lets run beside it. On
// PostgreSQL both pools have several connections; the differences are in
// the dialect d (dialect.go).
type Store struct {
	w   *gorm.DB
	r   *gorm.DB
	d   dialect
	log *slog.Logger
	now func() time.Time

	followers followers

	// gate makes SQLite's writers take turns in arrival order (see
	// takeTurn); nil on PostgreSQL, which writes through a pool.
	gate        *semaphore.Weighted
	gateWaiters atomic.Int64 // writers waiting for their turn (tests)
	// ckpt copies SQLite's WAL into the database beside the writes; nil
	// on PostgreSQL.
	ckpt *checkpointer

	// instance names this process in idempotency claims; claims holds the
	// tokens of the claims its requests are running.
	instance string
	claims   sync.Map

	// notify: e-mail notifications are queued in the outbox (an SMTP
	// server is configured); outboxWake is called after a commit that
	// queued some.
	notify     bool
	outboxWake func()

	// feedKey is the referral feed's key once read (feed_key.go).
	feedKey atomic.Pointer[[]byte]
}

// Options tunes a Store. The zero value is what production uses.
type Options struct {
	Logger *slog.Logger
	// Now replaces the clock in tests (retention, expiry, timestamps).
	Now func() time.Time
	// ReadConns is the size of the read pool; 0 means 2 × GOMAXPROCS.
	ReadConns int
	// WriteConns is the size of the write pool on PostgreSQL; 0 means 8.
	// SQLite always writes through one connection.
	WriteConns int
	// Notifications queues e-mail notifications in the outbox, for a
	// worker to send. Off when no SMTP server is configured: nothing is
	// queued and nothing grows.
	Notifications bool
}

// Open opens the database named by dsn and applies pending migrations: a
// PostgreSQL URL (postgres://…, see IsPostgresURL), or else the path of a
// SQLite file, created if needed (optionally written sqlite:path).
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ReadConns <= 0 {
		opt.ReadConns = 2 * runtime.GOMAXPROCS(0)
	}
	if opt.WriteConns <= 0 {
		opt.WriteConns = 8
	}
	now := func() time.Time { return opt.Now().UTC().Truncate(time.Microsecond) }
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // every write already runs in our own transaction
		PrepareStmt:            false,
		// GORM stamps CreatedAt/UpdatedAt itself on some writes: same
		// clock and precision as s.now, so times compare as written.
		NowFunc:        now,
		TranslateError: false, // the dialects translate errors themselves (dbError)
	}
	var s *Store
	var err error
	if IsPostgresURL(dsn) {
		s, err = openPostgres(ctx, dsn, cfg, opt)
	} else {
		s, err = openSQLite(ctx, sqlitePath(dsn), cfg, opt)
	}
	if err != nil {
		return nil, err
	}
	s.log, s.now, s.instance, s.notify = opt.Logger, now, NewID(), opt.Notifications
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

// migrate applies the engine's pending migrations. locker, when not nil,
// makes processes starting together on one database (replicas) take turns.
func migrate(ctx context.Context, db *sql.DB, d dialect, log *slog.Logger, opts ...goose.ProviderOption) error {
	files, gd := d.migrations()
	p, err := goose.NewProvider(gd, db, files, append(opts, goose.WithDisableGlobalRegistry(true))...)
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

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.d.name() }

// Close closes both pools.
func (s *Store) Close() error {
	s.followers.stop()
	var errs []error
	if s.ckpt != nil {
		errs = append(errs, s.ckpt.close())
	}
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
// metrics. On SQLite the writer has one connection, so its waits are the
// write queue.
func (s *Store) PoolStats() (write, read sql.DBStats) {
	if db, err := s.w.DB(); err == nil {
		write = db.Stats()
	}
	if db, err := s.r.DB(); err == nil {
		read = db.Stats()
	}
	return write, read
}

// Checkpoint makes sure that data erased before it (a referral's personal
// data at retention) no longer sits in the database's files, as far as the
// engine allows: see the dialects' eraseLeftovers.
//
// Another checkpoint running at that instant makes SQLite answer busy at
// once instead of waiting (readers are waited for, up to busy_timeout). This
// process's own checkpointer is kept out by its lock; another process's
// checkpoint lasts milliseconds, so Checkpoint tries again for up to
// checkpointPatience before it reports the WAL unavailable.
func (s *Store) Checkpoint(ctx context.Context) error {
	erase := func() error {
		if s.ckpt != nil {
			s.ckpt.mu.Lock()
			defer s.ckpt.mu.Unlock()
		}
		return s.takeTurn(ctx, func() error { return s.d.eraseLeftovers(ctx, s.w) })
	}
	deadline := time.Now().Add(checkpointPatience)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := erase()
		var e *Error
		if err == nil || !errors.As(err, &e) || e.Code != EUNAVAILABLE || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// checkpointPatience bounds how long Checkpoint retries while other
// checkpoints run.
const checkpointPatience = 5 * time.Second

// Now returns the store's clock reading (UTC, microsecond precision).
func (s *Store) Now() time.Time { return s.now() }

// pendingKey carries, in a write transaction's context, the rows it appends
// to ordered logs. They are inserted at the end of the transaction, under
// the dialect's log lock (see lockLogs), so that seq order is commit order
// while the lock is held only for the insert and the commit.
type pendingKey struct{}

type pendingLogs struct {
	changes        []Change
	referralEvents []ReferralEvent
}

// write runs fn in a write transaction, appends the rows fn logged, commits,
// translates database errors and then lets the change log's followers know:
// those that serve this process's reads (the search index) have applied the
// write before write returns.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	logs := &pendingLogs{}
	var queued bool
	tctx := ctx
	if s.gate != nil {
		// mattn/go-sqlite3 runs each statement of a cancellable context on
		// a goroutine of its own so that it can interrupt it: a goroutine,
		// a channel and a hand-over between threads per row written, about
		// a tenth of a bulk import's CPU (BenchmarkImport). SQLite's write
		// transactions are short steps through one connection; the
		// caller's cancellation is checked before the commit instead, so a
		// cancelled write still rolls back whole.
		tctx = context.WithoutCancel(ctx)
	}
	tctx = context.WithValue(tctx, pendingKey{}, logs)
	tctx = context.WithValue(tctx, outboxKey{}, &queued)
	err := s.takeTurn(ctx, func() error {
		return s.w.WithContext(tctx).Transaction(func(tx *gorm.DB) error {
			if err := fn(tx); err != nil {
				return err
			}
			if err := appendLogs(tx, logs); err != nil {
				return err
			}
			return ctx.Err()
		})
	})
	if err != nil {
		return dbError(err)
	}
	if s.ckpt != nil {
		s.ckpt.committed()
	}
	if n := len(logs.changes); n > 0 {
		s.followers.committed(ctx, logs.changes[n-1].Seq)
	}
	if queued && s.outboxWake != nil {
		s.outboxWake()
	}
	return nil
}

// takeTurn runs fn, which uses the writer connection, once the writes that
// arrived before it are done. SQLite writes through one connection, and
// database/sql hands a released connection to a waiter picked at random: with
// 32 writers each waiting write had a 1 in 31 chance per turn, so one in a
// hundred writes waited behind 140 others (p99 122 ms for writes of about
// 1 ms, BenchmarkConcurrentWrites). A FIFO semaphore (x/sync's Weighted
// serves waiters in order) bounds each wait by the writes queued before it.
// On PostgreSQL, which writes through a pool, fn runs at once.
func (s *Store) takeTurn(ctx context.Context, fn func() error) error {
	if s.gate == nil {
		return fn()
	}
	s.gateWaiters.Add(1)
	err := s.gate.Acquire(ctx, 1)
	s.gateWaiters.Add(-1)
	if err != nil {
		return err
	}
	defer s.gate.Release(1)
	return fn()
}

// appendLogs inserts the log rows of a transaction, under the log lock.
func appendLogs(tx *gorm.DB, logs *pendingLogs) error {
	if len(logs.changes) == 0 && len(logs.referralEvents) == 0 {
		return nil
	}
	if err := dialectOf(tx).lockLogs(tx); err != nil {
		return err
	}
	if n := len(logs.changes); n > 0 {
		// The rows go in with insertRows, as actors and services do (GORM's
		// CreateInBatches with RETURNING cost a bulk import about as much
		// Go work as SQLite's own insert of these rows); only the last
		// seq is read back, the one the followers wait for. Under the log
		// lock (and SQLite's single writer) no other transaction appends
		// meanwhile, so the log's largest seq is this transaction's last.
		rows := make([]*Change, n)
		for i := range logs.changes {
			rows[i] = &logs.changes[i]
		}
		if err := insertRows(tx, rows); err != nil {
			return err
		}
		if err := tx.Model(&Change{}).Select("MAX(seq)").Scan(&logs.changes[n-1].Seq).Error; err != nil {
			return err
		}
	}
	if len(logs.referralEvents) > 0 {
		if err := tx.CreateInBatches(&logs.referralEvents, rowsPerStatement(9)).Error; err != nil {
			return err
		}
	}
	return nil
}

// appendLog adds a row to an ordered log of the write transaction tx: add
// appends it to the rows written at commit. Outside Store.write (nothing
// does that today), the row is written at once, under the log lock.
func appendLog(tx *gorm.DB, add func(*pendingLogs)) error {
	if p, ok := tx.Statement.Context.Value(pendingKey{}).(*pendingLogs); ok {
		add(p)
		return nil
	}
	var p pendingLogs
	add(&p)
	return appendLogs(tx, &p)
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
	for _, d := range engines {
		if e := d.translate(err); e != nil {
			return e
		}
	}
	return Internal(err)
}

// isUniqueOn reports whether err is a UNIQUE violation on the given index's
// columns, named as SQLite names them ("actors.source, actors.source_id").
func isUniqueOn(err error, columns string) bool {
	for _, d := range engines {
		if cols, ok := d.uniqueColumns(err); ok {
			return strings.Contains(cols, columns)
		}
	}
	return false
}
