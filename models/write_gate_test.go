package models

import (
	"context"
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
