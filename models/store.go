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
	"syscall"
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
	w *gorm.DB
	r *gorm.DB
	// wb, on SQLite, is the bulk writer: a single connection with foreign
	// keys off, for bulk writes alone, in turn with w (see bulkTransaction).
	wb  *gorm.DB
	d   dialect
	log *slog.Logger
	now func() time.Time

	followers followers
	workers   workers

	// gate makes SQLite's writers take turns in arrival order (see
	// takeTurn); nil on PostgreSQL, which writes through a pool.
	gate        *semaphore.Weighted
	gateWaiters atomic.Int64 // writers waiting for their turn (tests)
	// turns, when set, is told how long each turn waited for the writer
	// and held it (ObserveTurns).
	turns atomic.Pointer[func(wait, hold time.Duration)]
	// wq gathers the writes waiting for SQLite's writer into groups
	// committed together (writeGrouped); groupRan is a test's hook.
	wq      writeQueue
	yielded atomic.Int64 // times background work let waiting writes go first
	// writesInFlight counts the writes of this process waiting for
	// SQLite's writer or holding it (yieldToWriters).
	writesInFlight atomic.Int64
	// ranFrom is when background work last started running beside writes
	// in flight (Unix nanoseconds; 0: no write was under way at its last
	// yield), for its pace (yieldToWriters).
	ranFrom  atomic.Int64
	rests    atomic.Int64 // times it rested (tests)
	groupRan func([]*queuedWrite)
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

	// storageFullAt is when a write last failed for a full disk (Unix
	// nanoseconds; storage_full.go).
	storageFullAt atomic.Int64
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
	s.log, s.now, s.instance, s.notify = opt.Logger, now, newInstance(), opt.Notifications
	if err := s.resolvePlacesOnce(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("resolve addresses against the commune reference: %w", err)
	}
	// Rows written before quality scores existed are scored once.
	if err := s.scoreUnscored(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("score the quality of existing records: %w", err)
	}
	if err := s.keyUnkeyed(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// migrate applies the engine's pending migrations. locker, when not nil,
// makes processes starting together on one database (replicas) take turns.
func migrate(ctx context.Context, db *sql.DB, d dialect, log *slog.Logger, opts ...goose.ProviderOption) error {
	files, gd := d.migrations()
	p, err := goose.NewProvider(gd, db, files, append(opts, goose.WithDisableGlobalRegistry(true), goMigrations(log))...)
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
	for _, g := range []*gorm.DB{s.r, s.w, s.wb} {
		if g == nil {
			continue
		}
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
//
// The erasures made before it are then no longer owed (see leftoversJob);
// when it gives up, their mark stays and the next maintenance run tries
// again.
func (s *Store) Checkpoint(ctx context.Context) error {
	started := s.now()
	if err := s.eraseLeftovers(ctx); err != nil {
		return err
	}
	return s.erasurePaid(ctx, started)
}

// eraseLeftovers runs the dialect's eraseLeftovers, retrying while other
// checkpoints run.
func (s *Store) eraseLeftovers(ctx context.Context) error {
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
//
// On SQLite, the writes waiting for the single writer are committed
// together (see writeGroup): each runs in a savepoint of its own, so that
// one failing rolls back only itself, exactly as if it had its own
// transaction.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	w := &queuedWrite{ctx: ctx, fn: fn, logs: &pendingLogs{}, bulk: bulkWrite(ctx)}
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
	tctx = context.WithValue(tctx, pendingKey{}, w.logs)
	w.tctx = context.WithValue(tctx, outboxKey{}, &w.queued)
	var err error
	if s.gate == nil {
		err = s.w.WithContext(w.tctx).Transaction(w.run)
	} else {
		err = s.writeGrouped(w)
	}
	if w.hasPanic {
		panic(w.panicked) // in the goroutine of the write that raised it
	}
	if err != nil {
		err = dbError(err)
		s.noteStorage(err)
		var e *Error
		if w.committing && errors.As(err, &e) && e.Message == ConnectionLostMessage {
			// Lost during the commit itself: the server may have
			// committed before the connection went.
			return &Error{Code: EUNAVAILABLE, Message: "The connection to the database was lost while the change was being committed: it may have been made. Read the record before writing it again, or retry with the same Idempotency-Key.", Err: e.Err, RetryAfter: time.Second}
		}
		return err
	}
	if s.ckpt != nil {
		s.ckpt.committed()
	}
	if n := len(w.logs.changes); n > 0 {
		s.followers.committed(ctx, w.logs.changes[n-1].Seq)
	}
	if w.queued && s.outboxWake != nil {
		s.outboxWake()
	}
	return nil
}

// queuedWrite is one call of Store.write: its function, and once its
// transaction has ended, its outcome.
type queuedWrite struct {
	ctx, tctx context.Context
	fn        func(tx *gorm.DB) error
	logs      *pendingLogs
	queued    bool // notifications queued in the outbox
	bulk      bool // a sync batch or an import: committed in a group of its own
	// committing is set when run has ended well and its transaction is
	// committed next: an error after it may have come after the commit.
	committing bool
	queuedAt   time.Time

	state atomic.Int32  // writeQueued, writeLeading, writeTaken or writeAbandoned
	lead  chan struct{} // closed when this write is to lead the next group
	done  chan struct{} // closed when its group's transaction has ended

	err      error
	panicked any
	hasPanic bool
}

const (
	writeQueued    = iota // waiting in writeQueue
	writeLeading          // to take the writer's turn for the next group
	writeTaken            // in a group that a leader runs
	writeAbandoned        // its context ended while it waited
)

// maxWriteGroup bounds how many writes one transaction commits together.
const maxWriteGroup = 64

// writeQueue holds the writes of this process waiting for SQLite's single
// writer while another group holds it.
type writeQueue struct {
	mu      sync.Mutex
	waiting []*queuedWrite
	leading bool // a write leads a group (waits for the turn or holds it)
}

// run is the write inside its transaction (or savepoint): fn, then the log
// rows it appended, then the check that the caller still wants it. A panic
// of fn is kept to be raised again in the caller's goroutine.
func (w *queuedWrite) run(tx *gorm.DB) (err error) {
	defer func() {
		if p := recover(); p != nil {
			w.panicked, w.hasPanic = p, true
			err = fmt.Errorf("write panicked: %v", p)
		}
	}()
	if err := w.fn(tx); err != nil {
		return err
	}
	if err := appendLogs(tx, w.logs); err != nil {
		return err
	}
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.committing = true
	return nil
}

// writeGrouped runs w on SQLite's single writer: at once in a group of its
// own when no other write is under way; otherwise it waits, and the next
// leader runs every write waiting then (up to maxWriteGroup, in arrival
// order) in one transaction, each in a savepoint (group commit).
//
// With one writer, 32 concurrent writes used to queue one behind the other,
// each paying its own BEGIN and COMMIT (the commit, which writes the pages
// the transaction touched into the WAL, was 40 % of the time a write held
// the writer) and a hand-over of the writer to the next waiting goroutine,
// which on a busy machine may wait for a CPU while the writer sits idle
// (a third of the time, BenchmarkConcurrentWrites). A group pays both once,
// and the pages its writes share (the change log's and audit trail's last
// pages, the indexes' upper pages) are written once.
//
// A bulk write (a sync batch or an import, withBulk) is a group of its
// own: grouped, it held the commit of the edits queued before it until it
// was written (TestBulkWritesCommitAlone).
//
// A write failing (or panicking) rolls back to its savepoint: the others
// commit. A failure of the transaction itself (the commit) fails every
// write of the group, none of which is stored. The writes of a group do not
// see each other through the read pool until the commit, as concurrent
// writes never did.
func (s *Store) writeGrouped(w *queuedWrite) error {
	q := &s.wq
	w.queuedAt = time.Now()
	s.writesInFlight.Add(1)
	defer s.writesInFlight.Add(-1)
	s.gateWaiters.Add(1)
	q.mu.Lock()
	if q.leading {
		w.lead, w.done = make(chan struct{}), make(chan struct{})
		q.waiting = append(q.waiting, w)
		q.mu.Unlock()
		select {
		case <-w.lead:
		case <-w.done:
			return w.err
		case <-w.ctx.Done():
			if w.state.CompareAndSwap(writeQueued, writeAbandoned) {
				s.gateWaiters.Add(-1) // a leader drops it from the queue
				return w.ctx.Err()
			}
			// Taken into a group or made leader meanwhile.
			select {
			case <-w.lead:
			case <-w.done:
				return w.err
			}
		}
	} else {
		q.leading = true
		w.state.Store(writeLeading)
		q.mu.Unlock()
	}
	// w leads: take the writer's turn (other users of the writer, the
	// followers and checkpoints, take it too), then the group.
	observe := s.turns.Load()
	err := s.gate.Acquire(w.ctx, 1)
	s.gateWaiters.Add(-1)
	if err != nil {
		s.passLead()
		return err
	}
	got := time.Now()
	group := []*queuedWrite{w}
	q.mu.Lock()
	rest := q.waiting[:0:0]
	// A bulk write (a sync batch, an import) holds the writer far longer
	// than an edit: it commits alone, so that the writes queued before it
	// do not wait for it (nor those after it for each other's group). It
	// stays queued, with those after it, to lead the next group.
	closed := w.bulk
	for _, o := range q.waiting {
		if !closed && !o.bulk && len(group) < maxWriteGroup && o.state.CompareAndSwap(writeQueued, writeTaken) {
			group = append(group, o)
			s.gateWaiters.Add(-1)
		} else if o.state.Load() == writeQueued {
			closed = closed || o.bulk
			rest = append(rest, o)
		}
	}
	q.waiting = rest
	q.mu.Unlock()
	ran := false
	defer func() {
		if !ran {
			// runGroup itself panicked (not a write's function, whose
			// panic it keeps): nothing of the group is known committed.
			for _, o := range group {
				if o.err == nil {
					o.err = errors.New("the write group's transaction was interrupted")
				}
			}
		}
		if observe != nil {
			(*observe)(got.Sub(w.queuedAt), time.Since(got))
		}
		s.gate.Release(1)
		for _, o := range group[1:] {
			close(o.done)
		}
		s.passLead()
	}()
	s.runGroup(group)
	ran = true
	return w.err
}

// passLead makes the first write still waiting the next group's leader, or
// leaves the writer free.
func (s *Store) passLead() {
	q := &s.wq
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.waiting) > 0 {
		o := q.waiting[0]
		q.waiting = q.waiting[1:]
		if o.state.CompareAndSwap(writeQueued, writeLeading) {
			close(o.lead)
			return
		}
	}
	q.leading = false
}

// runGroup runs the writes of a group in one transaction, each in a
// savepoint, and sets each write's outcome. groupRan, when set (a
// test), is told the writes that ran in each transaction.
func (s *Store) runGroup(group []*queuedWrite) {
	if s.groupRan != nil {
		s.groupRan(group)
	}
	if len(group) == 1 {
		w := group[0]
		if w.bulk {
			w.err = bulkTransaction(s.wb.WithContext(w.tctx), w.run)
			return
		}
		w.err = s.w.WithContext(w.tctx).Transaction(w.run)
		return
	}
	err := s.w.WithContext(context.Background()).Transaction(func(tx *gorm.DB) error {
		for _, w := range group {
			if w.err = w.ctx.Err(); w.err != nil {
				continue
			}
			if err := tx.Exec("SAVEPOINT carnet_write").Error; err != nil {
				return err
			}
			if w.err = w.run(tx.WithContext(w.tctx)); w.err != nil {
				if err := tx.Exec("ROLLBACK TO carnet_write").Error; err != nil {
					return err
				}
			}
			if err := tx.Exec("RELEASE carnet_write").Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, w := range group {
			if w.err == nil {
				w.err = err
			}
		}
	}
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
	observe := s.turns.Load()
	var start time.Time
	if observe != nil {
		start = time.Now()
	}
	s.gateWaiters.Add(1)
	err := s.gate.Acquire(ctx, 1)
	s.gateWaiters.Add(-1)
	if err != nil {
		return err
	}
	defer s.gate.Release(1)
	if observe == nil {
		return fn()
	}
	got := time.Now()
	err = fn()
	(*observe)(got.Sub(start), time.Since(got))
	return err
}

// ObserveTurns has fn told, after each turn on SQLite's single writer, how
// long the turn waited for it and how long it held it (nil stops it): the
// write queue's two halves, for benchmarks and diagnostics. A group of
// writes committed together (writeGrouped) is one turn, whose wait is its
// first write's, the longest. fn runs while the writer is still held, so
// it must be quick.
func (s *Store) ObserveTurns(fn func(wait, hold time.Duration)) {
	if fn == nil {
		s.turns.Store(nil)
		return
	}
	s.turns.Store(&fn)
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
		if err := tx.CreateInBatches(&logs.referralEvents, rowsPerStatement(10)).Error; err != nil {
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
	if errors.Is(err, syscall.ENOSPC) {
		return storageFull(err)
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
