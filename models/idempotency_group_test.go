package models

import (
	"context"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// sec13: two requests with one Idempotency-Key (a client's retry sent
// while the first still waits, a double click) whose claims are written
// in one group commit. The second read the first's pending claim in the
// group's transaction, found it in no request of this process (the claim
// was registered as running only once its write had returned) and took it
// over: both requests ran. Writes that bind the key refuse the loser
// afterwards (a 409 after its work), but the file import binds nothing and
// ran twice; one of the two must get « still being processed » at once, as
// when the claims commit one after the other.
func TestIdempotencyClaimsInOneGroup(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): no group commit")
	}
	release, held := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.write(context.Background(), func(tx *gorm.DB) error {
			close(held)
			<-release
			return nil
		})
	})
	<-held
	type outcome struct {
		start *IdempotencyStart
		err   error
	}
	out := make([]outcome, 2)
	for i := range out {
		wg.Go(func() {
			out[i].start, out[i].err = s.BeginIdempotent(context.Background(), "user:x", "key-1", "same request")
		})
		for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() != int64(i+1); {
			if time.Now().After(deadline) {
				t.Fatalf("claim %d never queued", i)
			}
			time.Sleep(time.Millisecond)
		}
	}
	close(release)
	wg.Wait()
	claims := 0
	for i, o := range out {
		switch {
		case o.err == nil && o.start.Claim != nil:
			claims++
		case ErrorCode(o.err) == ECONFLICT:
		default:
			t.Errorf("request %d: %+v %v", i, o.start, o.err)
		}
	}
	if claims != 1 {
		t.Errorf("%d requests hold the key's claim, want 1 (the other told the request is still being processed)", claims)
	}
}
