package models

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestEraseLeftoversBesideOtherCheckpoints: Store.Checkpoint truncates the
// WAL so that erased personal data leaves no bytes on disk. Another
// checkpoint running at that instant (the store's own checkpointer, or a
// second process's) made SQLite answer busy at once, and the retention run
// failed with « a reader held it » (a flaky TestRetentionLeavesNoMessageBytes:
// the checkpointer woke by the previous commits ran just then). A checkpoint
// by someone else lasts milliseconds: Checkpoint waits for it and succeeds.
func TestEraseLeftoversBesideOtherCheckpoints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.d.(sqliteDialect); !ok {
		t.Skip("SQLite's WAL only")
	}
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	// Another process checkpointing every millisecond (far more often
	// than a checkpointer does).
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			_, _ = other.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		}
	})
	failures := 0
	for i := range 200 {
		err := s.write(ctx, func(tx *gorm.DB) error {
			return tx.Exec("INSERT INTO rate_limits (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat",
				"erase-test", time.Now().UnixNano()).Error
		})
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		if err := s.Checkpoint(ctx); err != nil {
			failures++
		}
	}
	close(stop)
	wg.Wait()
	if failures > 0 {
		t.Errorf("Checkpoint failed %d times of 200 beside another process's checkpoints", failures)
	}
}
