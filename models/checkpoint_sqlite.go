package models

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// checkpointInterval is the least time between two checkpoints while writes
// go on: each copies into the database file the pages written since the last
// one, once, however many commits rewrote them.
const checkpointInterval = 500 * time.Millisecond

// checkpointer copies SQLite's write-ahead log into the database file beside
// the writes, on a connection of its own. SQLite otherwise runs this
// checkpoint inside the commit that crosses the WAL's size threshold: that
// write held the single writer while 40 MB were copied and synced, 490 ms
// on this machine, and every write queued behind it waited as long (the p99
// of BenchmarkConcurrentWrites). A PASSIVE checkpoint takes no writer lock:
// commits go on appending to the log while it runs. The writer keeps a far
// larger automatic threshold (see sqliteWriterDriver) as a backstop should this
// goroutine fall behind.
type checkpointer struct {
	// mu is held while a checkpoint of this goroutine runs: Store.Checkpoint
	// takes it, so its TRUNCATE never meets this process's own PASSIVE
	// checkpoint (SQLite answers busy at once to a checkpoint that finds
	// another one running, without waiting).
	mu   sync.Mutex
	db   *sql.DB
	wake chan struct{}
	stop chan struct{}
	done sync.WaitGroup
}

func startCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, wake: make(chan struct{}, 1), stop: make(chan struct{})}
	c.done.Go(c.run)
	return c
}

// committed tells the checkpointer that the log grew; it never blocks.
func (c *checkpointer) committed() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
		}
		// Let the writes of the next moment join this checkpoint.
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointInterval):
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		// A failure (another process checkpointing, a reader pinning the
		// log) leaves the frames for the next round or for the writer's
		// backstop: nothing is lost, the log is only longer.
		c.mu.Lock()
		_, _ = c.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		c.mu.Unlock()
		cancel()
	}
}

// close stops the goroutine and closes its connection.
func (c *checkpointer) close() error {
	close(c.stop)
	c.done.Wait()
	if err := c.db.Close(); err != nil {
		return fmt.Errorf("close the checkpointer's connection: %w", err)
	}
	return nil
}
