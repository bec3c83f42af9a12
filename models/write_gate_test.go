package models

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestWritesTakeTurnsInArrivalOrder: SQLite writes through one connection,
// and database/sql hands a released connection to a random waiter, so under
// many concurrent writers one write could wait behind a hundred later ones
// (p99 122 ms for 1 ms writes with 32 writers). Writers queued behind a
// running write must be served in the order they arrived.
func TestWritesTakeTurnsInArrivalOrder(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): no single writer to take turns on")
	}
	ctx := context.Background()
	release := make(chan struct{})
	held := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.write(ctx, func(*gorm.DB) error {
			close(held)
			<-release
			return nil
		})
	})
	<-held
	const waiters = 12
	var mu sync.Mutex
	var order []int
	for i := range waiters {
		wg.Go(func() {
			err := s.write(ctx, func(*gorm.DB) error {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
		// Wait until this writer is queued before starting the next one
		// (the count is taken just before it joins the queue: a few
		// milliseconds more let it get there).
		for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() != int64(i+1); {
			if time.Now().After(deadline) {
				t.Fatalf("writer %d never queued", i)
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(release)
	wg.Wait()
	want := make([]int, waiters)
	for i := range want {
		want[i] = i
	}
	if !slices.Equal(order, want) {
		t.Fatalf("writes ran in the order %v, want their arrival order %v", order, want)
	}
}

// TestWriteGateHonoursCancellation: a write waiting for its turn gives up
// when its context ends, and the writers behind it still get theirs.
func TestWriteGateHonoursCancellation(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL)")
	}
	release := make(chan struct{})
	held := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.write(context.Background(), func(*gorm.DB) error {
			close(held)
			<-release
			return nil
		})
	})
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.write(ctx, func(*gorm.DB) error { return nil }) }()
	for s.gateWaiters.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("a cancelled write waiting for its turn succeeded")
	}
	close(release)
	wg.Wait()
	if err := s.write(context.Background(), func(*gorm.DB) error { return nil }); err != nil {
		t.Fatalf("the next write after a cancelled wait: %v", err)
	}
}

// TestCancelledWriteRollsBackWhole: a write whose context ends while its
// statements run commits nothing (SQLite's statements run without the
// caller's cancellation, which is checked before the commit instead).
func TestCancelledWriteRollsBackWhole(t *testing.T) {
	s := openTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO reference_versions (name, version) VALUES ('cancelled 1', 'x')").Error; err != nil {
			return err
		}
		cancel()
		// A statement after the cancellation either fails or runs; the
		// write must not commit either way.
		_ = tx.Exec("INSERT INTO reference_versions (name, version) VALUES ('cancelled 2', 'x')").Error
		return nil
	})
	if err == nil {
		t.Fatal("a write cancelled while it ran reported success")
	}
	var n int64
	if err := s.r.Raw("SELECT count(*) FROM reference_versions WHERE name LIKE 'cancelled %'").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("a cancelled write left %d rows", n)
	}
}

// TestWALCopiedBesideTheWrites: the write-ahead log is copied into the
// database file by the checkpointer, not by a commit that would hold the
// single writer meanwhile: after writes, the database file grows on its own.
func TestWALCopiedBesideTheWrites(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(context.Background(), filepath.Join(dir, "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ckpt == nil {
		t.Skip("no write-ahead log to copy (PostgreSQL)")
	}
	size := func() int64 {
		fi, err := os.Stat(filepath.Join(dir, "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	ctx := context.Background()
	for i := range 50 {
		if err := s.write(ctx, func(tx *gorm.DB) error {
			return tx.Exec("INSERT INTO reference_versions (name, version) VALUES (?, ?)", fmt.Sprintf("test %d", i), strings.Repeat("x", 2000)).Error
		}); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); size() <= before; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the database file stayed at %d bytes: the log was not copied beside the writes", before)
		}
	}
}

// TestGroupedWritesFailAlone: the writes waiting for SQLite's writer are
// committed together in one transaction (group commit), and each still
// succeeds or fails alone: one returning an error or panicking rolls back
// its own rows only, one whose context ended while it waited is not run,
// and the others commit.
func TestGroupedWritesFailAlone(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): no single writer to group writes on")
	}
	var mu sync.Mutex
	var groups [][]string
	s.groupRan = func(g []*queuedWrite) {
		var names []string
		for _, w := range g {
			names = append(names, w.ctx.Value(nameKey{}).(string))
		}
		mu.Lock()
		groups = append(groups, names)
		mu.Unlock()
	}
	insert := func(tx *gorm.DB, name string) error {
		return tx.Exec("INSERT INTO reference_versions (name, version) VALUES (?, 'x')", "group "+name).Error
	}
	release := make(chan struct{})
	held := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.write(context.WithValue(context.Background(), nameKey{}, "held"), func(tx *gorm.DB) error {
			close(held)
			<-release
			return insert(tx, "held")
		})
	})
	<-held
	errFailed := errors.New("refused")
	cctx, cancel := context.WithCancel(context.Background())
	writes := []struct {
		name string
		ctx  context.Context
		fn   func(tx *gorm.DB) error
	}{
		{"a", context.Background(), func(tx *gorm.DB) error { return insert(tx, "a") }},
		{"fails", context.Background(), func(tx *gorm.DB) error {
			if err := insert(tx, "fails"); err != nil {
				return err
			}
			return errFailed
		}},
		{"panics", context.Background(), func(tx *gorm.DB) error {
			if err := insert(tx, "panics"); err != nil {
				return err
			}
			panic("boom")
		}},
		{"cancelled", cctx, func(tx *gorm.DB) error { return insert(tx, "cancelled") }},
		{"b", context.Background(), func(tx *gorm.DB) error { return insert(tx, "b") }},
	}
	results := make([]any, len(writes))
	for i, w := range writes {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					results[i] = fmt.Sprint("panic: ", p)
				}
			}()
			results[i] = s.write(context.WithValue(w.ctx, nameKey{}, w.name), w.fn)
		})
		for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() != int64(i+1); {
			if time.Now().After(deadline) {
				t.Fatalf("write %s never queued", w.name)
			}
			time.Sleep(time.Millisecond)
		}
	}
	cancel()
	for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() != int64(len(writes)-1); {
		if time.Now().After(deadline) {
			t.Fatal("the cancelled write still waits")
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()

	if results[0] != nil || results[4] != nil {
		t.Errorf("the writes that succeed: %v, %v", results[0], results[4])
	}
	if err, _ := results[1].(error); !errors.Is(err, errFailed) {
		t.Errorf("the failing write returned %v, want its own error", results[1])
	}
	if results[2] != "panic: boom" {
		t.Errorf("the panicking write: %v, want its panic raised in its own goroutine", results[2])
	}
	if err, _ := results[3].(error); !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled write returned %v", results[3])
	}
	var stored []string
	if err := s.r.Raw("SELECT name FROM reference_versions WHERE name LIKE 'group %' ORDER BY name").Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	if want := []string{"group a", "group b", "group held"}; !slices.Equal(stored, want) {
		t.Errorf("stored %v, want %v", stored, want)
	}
	if want := [][]string{{"held"}, {"a", "fails", "panics", "b"}}; fmt.Sprint(groups) != fmt.Sprint(want) {
		t.Errorf("transactions ran %v, want %v", groups, want)
	}
}

type nameKey struct{}

// TestDetectionYieldsToWrites: duplicate detection's comparisons give the
// CPU to the goroutines ready to run while writes of this process wait for
// the writer or hold it, and not otherwise.
func TestDetectionYieldsToWrites(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var hub, partner []Actor
	for i := range 40 {
		addr := Address{Street: "2 place du Général de Gaulle", PostalCode: "13001", Commune: "Marseille"}
		hub = append(hub, Actor{Name: fmt.Sprintf("Permanence numérique %d", i), Source: "hub", SourceID: fmt.Sprintf("h%d", i), Address: addr,
			Latitude: new(43.2965), Longitude: new(5.3698)})
		partner = append(partner, Actor{Name: fmt.Sprintf("Point numérique %d", i), Source: "partenaire", SourceID: fmt.Sprintf("p%d", i), Address: addr,
			Latitude: new(43.2965), Longitude: new(5.3698)})
	}
	for _, batch := range [][]Actor{hub, partner} {
		if _, err := s.SyncBatch(ctx, batch[0].Source, batch, nil, SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.ListActors(ctx, ActorFilter{Sources: []string{"hub"}, ListParams: ListParams{Limit: 1}})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("no actor to compare: %v", err)
	}
	id := page.Items[0].ID
	if _, err := s.DetectDuplicates(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	if n := s.yielded.Load(); n != 0 {
		t.Fatalf("detection yielded %d times with no write under way", n)
	}
	s.writesInFlight.Add(1) // a write waiting for the writer
	_, err = s.DetectDuplicates(ctx, []string{id})
	s.writesInFlight.Add(-1)
	if err != nil {
		t.Fatal(err)
	}
	if s.yielded.Load() == 0 {
		t.Fatal("detection never yielded while a write was under way")
	}
}

// TestCreateActorChecksBeforeItsTurn: an actor refused by the checks that
// read nothing stored (here an address whose fields designate different
// communes) is refused without waiting for the writer: that work is not
// done while the writer is held.
func TestCreateActorChecksBeforeItsTurn(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL)")
	}
	release := make(chan struct{})
	held := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		_ = s.write(context.Background(), func(*gorm.DB) error {
			close(held)
			<-release
			return nil
		})
	})
	<-held
	defer close(release)
	errc := make(chan error, 1)
	go func() {
		errc <- s.CreateActor(context.Background(), &Actor{Name: "Point numérique",
			Address: Address{Street: "2 place du Général de Gaulle", PostalCode: "13001", Commune: "Bordeaux"}})
	}()
	select {
	case err := <-errc:
		if ErrorCode(err) != EINVALID {
			t.Fatalf("CreateActor: %v, want the address refused", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("CreateActor waited for the writer before refusing an actor it could check without it")
	}
}

// TestBulkWritesCommitAlone (sec13): a partner's sync batch or import
// holds the writer far longer than a single edit. Grouped with the edits
// queued before it, it held their commit — and their answers — until it
// was written: one client's heavy write delayed another's that had
// arrived first. A bulk write now leads a group of its own, and the
// writes queued before it commit without waiting for it.
func TestBulkWritesCommitAlone(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): no single writer to group writes on")
	}
	var mu sync.Mutex
	var groups [][]string
	s.groupRan = func(g []*queuedWrite) {
		var names []string
		for _, w := range g {
			names = append(names, w.ctx.Value(nameKey{}).(string))
		}
		mu.Lock()
		groups = append(groups, names)
		mu.Unlock()
	}
	release, held := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.write(context.WithValue(context.Background(), nameKey{}, "held"), func(tx *gorm.DB) error {
			close(held)
			<-release
			return nil
		})
	})
	<-held
	for i, name := range []string{"a", "bulk", "b", "c"} {
		ctx := context.WithValue(context.Background(), nameKey{}, name)
		if name == "bulk" {
			ctx = withBulk(ctx)
		}
		wg.Go(func() { _ = s.write(ctx, func(tx *gorm.DB) error { return nil }) })
		for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() != int64(i+1); {
			if time.Now().After(deadline) {
				t.Fatalf("write %s never queued", name)
			}
			time.Sleep(time.Millisecond)
		}
	}
	close(release)
	wg.Wait()
	if want := [][]string{{"held"}, {"a"}, {"bulk"}, {"b", "c"}}; fmt.Sprint(groups) != fmt.Sprint(want) {
		t.Errorf("transactions ran %v, want %v", groups, want)
	}
}
