package models

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestIdempotencyClaimTakenOverAfterARestart: a request killed before its
// write committed leaves a pending claim; the same service restarted (a new
// store, here in the same process: the same machine and process id, as a
// container's restarted PID 1) takes it over at once, as the README says,
// instead of answering « still being processed » for 10 s (probe 39a,
// F7). A claim of a live process on this machine, or of another machine,
// is still respected for IdempotencyLease.
func TestIdempotencyClaimTakenOverAfterARestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carnet.db")
	begin := func(s *Store, key string) error {
		_, err := s.BeginIdempotent(ctx, "import", key, "h")
		return err
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"killed", "live-neighbour", "elsewhere"} {
		if err := begin(s, key); err != nil {
			t.Fatal(err)
		}
	}
	host, _ := os.Hostname()
	for key, owner := range map[string]string{
		"live-neighbour": ownerName(host, os.Getppid(), "other"), // a running process of this machine
		"elsewhere":      ownerName("another-machine", os.Getpid(), "other"),
	} {
		if err := s.w.Exec("UPDATE idempotency_keys SET owner = ? WHERE key_hash = ?", owner, idempotencyKeyHash("import", key)).Error; err != nil {
			t.Fatal(err)
		}
	}
	s.Close() // killed: nothing finished
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := begin(s, "killed"); err != nil {
		t.Errorf("the restarted process's retry: %v", err)
	}
	for _, key := range []string{"live-neighbour", "elsewhere"} {
		if err := begin(s, key); ErrorCode(err) != ECONFLICT {
			t.Errorf("%s: a claim within its lease was taken over: %v", key, err)
		}
	}
}
