package models

import (
	"testing"
	"time"
)

// TestBackgroundWorkPacedBesideWrites: while writes are under way,
// background work that keeps yielding (detection's comparisons) rests
// between runs of backgroundRun, and a rest ends when the writes do; with
// no write under way it never rests (yieldToWriters).
func TestBackgroundWorkPacedBesideWrites(t *testing.T) {
	s := &Store{}
	for range 1000 {
		s.yieldToWriters()
	}
	if s.rests.Load() != 0 || s.yielded.Load() != 0 {
		t.Fatalf("no write under way, yet it rested %d times, yielded %d", s.rests.Load(), s.yielded.Load())
	}

	s.writesInFlight.Add(1)
	deadline := time.Now().Add(10 * time.Second)
	for s.rests.Load() == 0 && time.Now().Before(deadline) {
		s.yieldToWriters()
	}
	if s.rests.Load() == 0 {
		t.Fatal("background work never rested beside a write under way")
	}

	// A rest ends once the writes are done, well before backgroundRest
	// when they end at once; here only that it ends (a liveness check).
	s.ranFrom.Store(time.Now().Add(-backgroundRun).UnixNano())
	done := make(chan struct{})
	go func() {
		s.yieldToWriters()
		close(done)
	}()
	s.writesInFlight.Add(-1)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a rest did not end once the writes were done")
	}
	if s.yieldToWriters(); s.ranFrom.Load() != 0 {
		t.Error("the pace was not reset once the writes were done")
	}
}
