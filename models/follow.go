package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The change log (the changes table) is the one place every write to the
// directory shows up, whichever process made it: this server, another
// replica, a `carnet import` run beside it, a maintenance job. Read models
// kept outside the database (the search index), and work that follows the
// directory (duplicate detection, webhooks…), consume it with a Follower: a
// cursor on the log's seq, moved forward batch by batch.
//
// How a change reaches a follower:
//   - written through this Store: Store.write wakes every follower after the
//     commit, and waits until those with ReadYourWrites have applied it, so
//     a search made after a write's response sees the write, as before;
//   - written by another process: the follower reads the log every Poll
//     (200 ms by default), so it is applied within about Poll plus the time
//     Apply takes.
//
// Followers only read "seq > cursor". That is correct because seq order is
// commit order on both engines (SQLite's single writer; on PostgreSQL, the
// log lock described in dialect_postgres.go).

// FollowOptions configures a Follower.
type FollowOptions struct {
	// Name identifies the consumer in logs and statistics and, when
	// Durable, in the change_cursors table. Required.
	Name string
	// Apply receives the next changes after the cursor, in seq order, at
	// most Batch at a time. The same change may come again after an error
	// or a restart (at-least-once): Apply must be idempotent, typically by
	// reloading the current state of the records named (Store.LoadChanged).
	// An error leaves the cursor where it was; the batch is tried again
	// after a backoff. Apply's context says, to Store writes made inside
	// it, not to wait for followers (which could be this one).
	Apply func(ctx context.Context, batch []Change) error
	// From is the seq to start after when no durable cursor is stored: 0
	// for the whole log; a read model built by scanning the tables passes
	// Store.LastSeq read before the scan (changes applied twice are
	// harmless).
	From int64
	// Durable keeps the cursor in the change_cursors table, so that a
	// restarted process resumes where it stopped (work that must happen
	// once per change). Without it the cursor lives in memory, for read
	// models rebuilt at start.
	Durable bool
	// ReadYourWrites makes writes through this Store wait, before they
	// return, until the follower has applied them (at most WaitTimeout).
	ReadYourWrites bool
	// Batch is the most changes given to one Apply; 0 means 500.
	Batch int
	// Poll is how often the log is read when nothing wakes the follower;
	// 0 means 200 ms.
	Poll time.Duration
	// MinInterval is the least time between two reads of the log when a
	// write wakes the follower (a full batch waiting is read at once).
	// For work whose cost grows with what it reads rather than with the
	// changes (duplicate detection compares each changed actor with its
	// whole département), so that a burst of single writes is taken a
	// few hundred at a time instead of one by one. 0: none.
	MinInterval time.Duration
	// MaxBackoff bounds the wait between retries after errors, which
	// doubles from Poll; 0 means 30 s.
	MaxBackoff time.Duration
	// WaitTimeout bounds how long a write waits for a ReadYourWrites
	// follower; 0 means 5 s. A write that waited that long still
	// succeeds (it is committed); a warning is logged.
	WaitTimeout time.Duration
	// Exclusive, with Durable, makes the processes on one database that
	// follow under the same Name take turns: one holds a lease on the
	// cursor's row and applies the log; the others stand by, reading the
	// holder's progress, until the lease lapses (the holder stopped,
	// crashed or lost the database) and one of them takes over from the
	// stored cursor. For work that should not be done twice at once
	// (duplicate detection writing links). Apply must still be harmless
	// when run twice: a holder that stalls past its lease may finish a
	// batch while the next holder starts it.
	Exclusive bool
	// Lease is how long an exclusive holder keeps its turn without
	// renewing it; it renews at each batch and every Lease/3. 0 means 30 s.
	Lease time.Duration
	// Start, when set, returns the seq to start after (instead of From),
	// called in the follower's goroutine and retried with the error
	// backoff until it succeeds: for a start that writes (the webhook
	// fan-out creates its cursor), so that a database refusing writes at
	// start (a full disk) delays the follower instead of stopping it for
	// good. Until it succeeds the follower is listed as not started and
	// failing, its lag counted from its stored cursor, if any, else From.
	Start func(ctx context.Context) (int64, error)
}

// FollowerStats describe a follower's progress, for operators.
type FollowerStats struct {
	Name string
	// Applied is the seq up to which changes were applied.
	Applied int64
	// Head is the last seq of the log when the follower last looked.
	Head int64
	// Lag is how many seqs separate Applied from Head.
	Lag int64
	// Behind is how long the oldest change not yet applied has been
	// waiting (0 when the follower is up to date).
	Behind time.Duration
	// Batches and Changes count what was applied since start.
	Batches, Changes int64
	// Errors counts failed Apply calls and reads; LastError is the last,
	// LastErrorKind its kind (ErrorKind).
	Errors        int64
	LastError     string
	LastErrorKind string
	// Started is false while FollowOptions.Start has not succeeded.
	Started bool
	// Failing says that the follower's last attempt failed: it retries
	// after a backoff, and applies nothing meanwhile.
	Failing bool
	// Standby says that an exclusive follower waits while another process
	// holds the turn; Applied is then that process's stored progress.
	Standby bool
}

// State names the follower's state for operators: failing (its last
// attempt failed: it retries), starting (FollowOptions.Start has not
// succeeded yet), standby, else running.
func (st FollowerStats) State() string {
	switch {
	case st.Failing:
		return "failing"
	case !st.Started:
		return "starting"
	case st.Standby:
		return "standby"
	}
	return "running"
}

// Follower applies the change log to a consumer. Create it with
// Store.Follow; it runs until Stop or Store.Close.
type Follower struct {
	s      *Store
	opt    FollowOptions
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}

	mu       sync.Mutex
	applied  int64
	progress chan struct{} // closed and replaced whenever applied moves
	stats    FollowerStats
	waiting  time.Time // when the oldest unapplied change was committed

	// holder names this follower in its cursor's lease (Exclusive);
	// leaseUntil is when the lease it holds lapses (zero: not held). Only
	// the follower's goroutine touches them.
	holder     string
	leaseUntil time.Time
}

// Follow starts a follower of the change log. Register followers that serve
// reads (ReadYourWrites) before serving requests.
func (s *Store) Follow(ctx context.Context, opt FollowOptions) (*Follower, error) {
	if opt.Name == "" || opt.Apply == nil {
		return nil, errors.New("models: a follower needs a Name and an Apply function")
	}
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	if opt.Poll <= 0 {
		opt.Poll = 200 * time.Millisecond
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 30 * time.Second
	}
	if opt.WaitTimeout <= 0 {
		opt.WaitTimeout = 5 * time.Second
	}
	if opt.Lease <= 0 {
		opt.Lease = 30 * time.Second
	}
	if opt.Exclusive && !opt.Durable {
		return nil, errors.New("models: an exclusive follower must be durable (its turn is held on its stored cursor)")
	}
	start := opt.From
	if opt.Durable {
		seq, ok, err := s.loadCursor(ctx, opt.Name)
		if err != nil {
			return nil, err
		}
		if ok {
			start = seq
		}
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f := &Follower{s: s, opt: opt, wake: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{}),
		applied: start, progress: make(chan struct{}), holder: s.instance + "/" + NewID()}
	f.stats = FollowerStats{Name: opt.Name, Applied: start, Head: start, Started: opt.Start == nil}
	if !s.followers.add(f) {
		cancel()
		return nil, errors.New("models: the store is closed")
	}
	go f.run(runCtx)
	return f, nil
}

// Wake makes the follower read the log now rather than at its next poll.
func (f *Follower) Wake() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Wait blocks until the follower has applied every change up to seq, or ctx
// ends.
func (f *Follower) Wait(ctx context.Context, seq int64) error {
	for {
		f.mu.Lock()
		applied, progress := f.applied, f.progress
		f.mu.Unlock()
		if applied >= seq {
			return nil
		}
		select {
		case <-progress:
		case <-f.done:
			return fmt.Errorf("follower %s stopped at seq %d before %d", f.opt.Name, applied, seq)
		case <-ctx.Done():
			return fmt.Errorf("follower %s at seq %d, waiting for %d: %w", f.opt.Name, applied, seq, ctx.Err())
		}
	}
}

// Applied returns the seq up to which changes were applied.
func (f *Follower) Applied() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.applied
}

// Stats returns the follower's progress.
func (f *Follower) Stats() FollowerStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.stats
	st.Applied = f.applied
	st.Lag = max(0, st.Head-f.applied)
	if st.Lag > 0 && !f.waiting.IsZero() {
		// At is the application's clock at the write: another process's
		// clock may be ahead of this one's.
		st.Behind = max(0, time.Since(f.waiting))
	}
	return st
}

// Stop ends the follower and waits for its current batch to finish.
func (f *Follower) Stop() {
	f.cancel()
	<-f.done
	f.s.followers.remove(f)
}

type followingKey struct{}

// following marks the context of Apply: writes made inside it do not wait
// for followers.
func following(ctx context.Context) bool { return ctx.Value(followingKey{}) != nil }

func (f *Follower) run(ctx context.Context) {
	defer close(f.done)
	defer f.release()
	backoff := time.Duration(0)
	timer := time.NewTimer(0)
	defer timer.Stop()
	if !f.start(ctx, timer) {
		return
	}
	applyCtx := context.WithValue(ctx, followingKey{}, f.opt.Name)
	for {
		stepped := time.Now()
		n, err := f.step(applyCtx)
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			f.setFailing(false)
		}
		var wait time.Duration
		switch {
		case err != nil:
			backoff = min(max(2*backoff, f.opt.Poll), f.opt.MaxBackoff)
			wait = backoff
			f.failed(err, wait)
		case n == f.opt.Batch:
			backoff = 0
			continue // more is waiting
		default:
			backoff, wait = 0, f.opt.Poll
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-f.wake:
			if err != nil {
				// Keep the backoff: writes must not turn a failing
				// database into a busy loop.
				select {
				case <-ctx.Done():
					return
				case <-timer.C:
				}
			} else {
				// Since Go 1.23 (this module's go line is newer) a
				// stopped timer's channel never delivers a stale value,
				// so it is not drained: draining one that fired could
				// block for good.
				timer.Stop()
				if rest := f.opt.MinInterval - time.Since(stepped); rest > 0 {
					select {
					case <-ctx.Done():
						return
					case <-time.After(rest):
					}
				}
			}
		}
	}
}

// start runs FollowOptions.Start until it succeeds, waiting the error
// backoff between attempts (timer has fired or is unused); false when ctx
// ended first.
func (f *Follower) start(ctx context.Context, timer *time.Timer) bool {
	if f.opt.Start == nil {
		return true
	}
	backoff := time.Duration(0)
	for {
		seq, err := f.opt.Start(ctx)
		if ctx.Err() != nil {
			return false
		}
		if err == nil {
			f.mu.Lock()
			f.applied, f.stats.Started, f.stats.Failing = seq, true, false
			f.stats.Head = max(f.stats.Head, seq)
			f.mu.Unlock()
			return true
		}
		backoff = min(max(2*backoff, f.opt.Poll), f.opt.MaxBackoff)
		f.failed(err, backoff)
		f.measureUnstarted(ctx)
		timer.Reset(backoff)
		select {
		case <-ctx.Done():
			return false
		case <-timer.C:
		}
	}
}

// measureUnstarted estimates the lag of a follower that could not start:
// from its stored cursor (reads may work when writes do not) to the head.
func (f *Follower) measureUnstarted(ctx context.Context) {
	head, err := f.s.LastSeq(ctx)
	if err != nil {
		return
	}
	seq, ok, err := f.s.loadCursor(ctx, f.opt.Name)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Head = max(f.stats.Head, head)
	if err == nil && ok {
		f.applied = seq
	}
}

// setFailing records whether the follower's last attempt failed.
func (f *Follower) setFailing(failing bool) {
	f.mu.Lock()
	f.stats.Failing = failing
	f.mu.Unlock()
}

// failed counts and logs a failed attempt, retried after wait.
func (f *Follower) failed(err error, wait time.Duration) {
	f.mu.Lock()
	f.stats.Failing = true
	f.stats.Errors++
	f.stats.LastError = err.Error()
	f.stats.LastErrorKind = ErrorKind(err)
	f.mu.Unlock()
	f.s.log.Error("change log follower failed; retrying", "follower", f.opt.Name, "retry_in", wait, "error", err.Error())
}

// step reads and applies one batch; it returns how many changes it applied.
func (f *Follower) step(ctx context.Context) (int, error) {
	if f.opt.Exclusive {
		held, err := f.takeTurn(ctx)
		if err != nil || !held {
			return 0, err
		}
	}
	after := f.Applied()
	batch, head, err := f.s.changesAfter(ctx, after, f.opt.Batch)
	if err != nil {
		return 0, err
	}
	f.mu.Lock()
	f.stats.Head = max(head, f.stats.Head)
	if len(batch) > 0 && f.waiting.IsZero() {
		f.waiting = batch[0].At
	}
	f.mu.Unlock()
	if len(batch) == 0 {
		return 0, nil
	}
	if err := f.opt.Apply(ctx, batch); err != nil {
		return 0, err
	}
	last := batch[len(batch)-1].Seq
	switch {
	case f.opt.Exclusive:
		kept, err := f.s.saveHeldCursor(ctx, f.opt.Name, f.holder, last, f.s.now().Add(f.opt.Lease))
		if err != nil {
			return 0, err
		}
		if !kept {
			// Another process took the turn while this batch ran (this
			// one stalled past its lease): it applies from the stored
			// cursor, this batch included.
			f.leaseUntil = time.Time{}
			return 0, nil
		}
		f.leaseUntil = time.Now().Add(f.opt.Lease)
	case f.opt.Durable:
		if err := f.s.saveCursor(ctx, f.opt.Name, last); err != nil {
			return 0, err
		}
	}
	f.mu.Lock()
	f.applied = last
	f.stats.Batches++
	f.stats.Changes += int64(len(batch))
	f.waiting = time.Time{}
	if last < f.stats.Head {
		// The next change waits from its commit, at the latest now.
		f.waiting = time.Now()
	}
	close(f.progress)
	f.progress = make(chan struct{})
	f.mu.Unlock()
	return len(batch), nil
}

// takeTurn tells whether this exclusive follower holds its cursor's lease,
// renewing or taking it when due. While another process holds it, the
// follower reports that process's stored progress.
func (f *Follower) takeTurn(ctx context.Context) (bool, error) {
	if time.Until(f.leaseUntil) > f.opt.Lease*2/3 {
		return true, nil // renewed less than Lease/3 ago
	}
	now := f.s.now()
	c, held, err := f.s.claimCursor(ctx, f.opt.Name, f.holder, f.opt.From, now, now.Add(f.opt.Lease))
	if err != nil {
		return false, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Standby = !held
	if c.Seq != f.applied {
		// The stored cursor is the truth between processes: another
		// holder moved it (or this follower starts after it).
		f.applied = c.Seq
		close(f.progress)
		f.progress = make(chan struct{})
	}
	if !held {
		f.leaseUntil = time.Time{}
		f.waiting = time.Time{}
		if head, err := f.s.LastSeq(ctx); err == nil {
			f.stats.Head = max(head, f.stats.Head)
		}
		return false, nil
	}
	// The local clock decides when to renew: the stored time is the
	// database writer's (another process's clock may differ).
	f.leaseUntil = time.Now().Add(f.opt.Lease)
	return true, nil
}

// release gives up an exclusive follower's lease as it stops, so that
// another process takes over at its next poll rather than after the lease.
func (f *Follower) release() {
	if !f.opt.Exclusive || f.leaseUntil.IsZero() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := f.s.releaseCursor(ctx, f.opt.Name, f.holder); err != nil {
		f.s.log.Warn("a follower could not release its turn; another process takes over when the lease lapses", "follower", f.opt.Name, "error", err.Error())
	}
	f.leaseUntil = time.Time{}
}

// followers are a Store's followers.
type followers struct {
	mu     sync.Mutex
	list   []*Follower
	closed bool
}

func (fs *followers) add(f *Follower) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.closed {
		return false
	}
	fs.list = append(fs.list, f)
	return true
}

func (fs *followers) remove(f *Follower) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, g := range fs.list {
		if g == f {
			fs.list = append(fs.list[:i], fs.list[i+1:]...)
			return
		}
	}
}

func (fs *followers) snapshot() []*Follower {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]*Follower(nil), fs.list...)
}

// committed tells the followers that this process committed changes up to
// seq, and waits for those that serve reads.
func (fs *followers) committed(ctx context.Context, seq int64) {
	list := fs.snapshot()
	for _, f := range list {
		f.Wake()
	}
	if following(ctx) {
		return
	}
	for _, f := range list {
		if !f.opt.ReadYourWrites {
			continue
		}
		// The write is committed: a client hanging up must not leave
		// this process's reads behind it.
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.opt.WaitTimeout)
		err := f.Wait(wctx, seq)
		cancel()
		if err != nil {
			f.s.log.Warn("a write returns before a follower applied it", "follower", f.opt.Name, "error", err.Error())
		}
	}
}

func (fs *followers) stop() {
	fs.mu.Lock()
	fs.closed = true
	list := fs.list
	fs.list = nil
	fs.mu.Unlock()
	for _, f := range list {
		f.cancel()
		<-f.done
	}
}

// FollowerStats returns the progress of the store's followers.
func (s *Store) FollowerStats() []FollowerStats {
	list := s.followers.snapshot()
	out := make([]FollowerStats, len(list))
	for i, f := range list {
		out[i] = f.Stats()
	}
	return out
}

// CatchUp waits until this process's followers named name have applied
// every change committed before the call (an exclusive follower standing by
// counts the stored progress of the process that holds the turn), or ctx
// ends. For tests and commands that need what a follower does after a
// write (a duplicate link).
func (s *Store) CatchUp(ctx context.Context, name string) error {
	seq, err := s.LastSeq(ctx)
	if err != nil {
		return err
	}
	found := false
	for _, f := range s.followers.snapshot() {
		if f.opt.Name != name {
			continue
		}
		found = true
		f.Wake()
		if err := f.Wait(ctx, seq); err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("models: no follower %q runs in this process", name)
	}
	return nil
}

// LastSeq returns the seq of the last change committed (0 for an empty log).
func (s *Store) LastSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := s.read(ctx).Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&seq).Error
	return seq, dbError(err)
}

// changesAfter returns up to limit changes after seq after, in seq order,
// and the log's last seq.
func (s *Store) changesAfter(ctx context.Context, after int64, limit int) ([]Change, int64, error) {
	var rows []Change
	var head int64
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("seq > ?", after).Order("seq").Limit(limit).Find(&rows).Error; err != nil {
			return err
		}
		return tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error
	})
	return rows, head, dbError(err)
}

// changeCursor is a durable follower's position in the change log, and the
// lease of an exclusive one.
type changeCursor struct {
	Consumer   string `gorm:"primaryKey"`
	Seq        int64
	UpdatedAt  time.Time
	Holder     string
	LeaseUntil *time.Time
}

func (changeCursor) TableName() string { return "change_cursors" }

func (s *Store) loadCursor(ctx context.Context, name string) (int64, bool, error) {
	var c changeCursor
	err := s.read(ctx).Take(&c, "consumer = ?", name).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	return c.Seq, err == nil, dbError(err)
}

func (s *Store) saveCursor(ctx context.Context, name string, seq int64) error {
	c := changeCursor{Consumer: name, Seq: seq, UpdatedAt: s.now()}
	err := s.takeTurn(ctx, func() error {
		return s.w.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "consumer"}},
			DoUpdates: clause.AssignmentColumns([]string{"seq", "updated_at"})}).Create(&c).Error
	})
	return dbError(err)
}

// claimCursor gives holder the lease on name's cursor until until when it
// holds it already, or nobody does, or the lease lapsed; it returns the
// stored cursor and whether holder holds the lease. A cursor not stored yet
// starts at from. It only writes when the lease is to be taken or renewed:
// a process standing by reads.
func (s *Store) claimCursor(ctx context.Context, name, holder string, from int64, now, until time.Time) (changeCursor, bool, error) {
	var c changeCursor
	err := s.read(ctx).Take(&c, "consumer = ?", name).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return c, false, dbError(err)
	}
	if err == nil && c.Holder != holder && c.Holder != "" && c.LeaseUntil != nil && c.LeaseUntil.After(now) {
		return c, false, nil
	}
	held := false
	err = s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&changeCursor{Consumer: name, Seq: from, UpdatedAt: now}).Error; err != nil {
			return err
		}
		res := tx.Model(&changeCursor{}).
			Where("consumer = ? AND (holder = ? OR holder = '' OR lease_until IS NULL OR lease_until <= ?)", name, holder, now).
			Updates(map[string]any{"holder": holder, "lease_until": until})
		if res.Error != nil {
			return res.Error
		}
		held = res.RowsAffected == 1
		return tx.Take(&c, "consumer = ?", name).Error
	})
	return c, held, err
}

// saveHeldCursor moves name's cursor to seq and renews the lease, if holder
// still holds it; false when another process took it over.
func (s *Store) saveHeldCursor(ctx context.Context, name, holder string, seq int64, until time.Time) (bool, error) {
	var kept bool
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&changeCursor{}).Where("consumer = ? AND holder = ?", name, holder).
			Updates(map[string]any{"seq": seq, "updated_at": s.now(), "lease_until": until})
		kept = res.RowsAffected == 1
		return res.Error
	})
	return kept, err
}

// releaseCursor ends holder's lease on name's cursor.
func (s *Store) releaseCursor(ctx context.Context, name, holder string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&changeCursor{}).Where("consumer = ? AND holder = ?", name, holder).
			Updates(map[string]any{"holder": "", "lease_until": nil}).Error
	})
}
