package models

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestFollowStartRetried: a follower whose start fails (the webhook fan-out
// creates its cursor, which a full disk refuses) keeps trying with its
// backoff instead of giving up for good, is listed meanwhile as failing with
// its error's kind and a lag measured from the head of the log, and follows
// once the error goes (probe 39a, F2).
func TestFollowStartRetried(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	broken := true
	start := func(ctx context.Context) (int64, error) {
		mu.Lock()
		defer mu.Unlock()
		if broken {
			return 0, errors.New("webhooks: read the fan-out cursor: database or disk is full")
		}
		return 0, nil
	}
	var r recorder
	f, err := s.Follow(ctx, FollowOptions{Name: "late", Start: start, Apply: r.apply, Poll: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st := findStats(s, "late")
		if st != nil && st.Errors >= 2 {
			if st.Started || !st.Failing || st.LastErrorKind != "storage_full" || st.Lag != 1 {
				t.Fatalf("a follower that cannot start: %+v", *st)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the failing start is not reported: %+v", st)
		}
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	broken = false
	mu.Unlock()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := f.Wait(wctx, 1); err != nil {
		t.Fatal(err)
	}
	if got := r.changes(); len(got) != 1 || got[0].EntityID != a.ID {
		t.Fatalf("after the error went, the follower has %+v", got)
	}
	if st := f.Stats(); !st.Started || st.Failing || st.Lag != 0 {
		t.Errorf("a follower that recovered: %+v", st)
	}
}

func findStats(s *Store, name string) *FollowerStats {
	for _, st := range s.FollowerStats() {
		if st.Name == name {
			return &st
		}
	}
	return nil
}
