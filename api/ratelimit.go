package api

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"carnet/handlers"
)

// RateLimit is a token bucket: Burst attempts at once, refilled at one per
// Every.
type RateLimit struct {
	Every time.Duration
	Burst int
}

// keyedLimiter keeps one token bucket per key (an IP address, an account),
// forgetting keys idle long enough for their bucket to be full again.
type keyedLimiter struct {
	limit RateLimit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newKeyedLimiter(l RateLimit, now func() time.Time) *keyedLimiter {
	if now == nil {
		now = time.Now
	}
	return &keyedLimiter{limit: l, now: now, buckets: map[string]*bucket{}}
}

// Allow takes one token for key.
func (k *keyedLimiter) Allow(key string) handlers.RateDecision {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	k.forget(now)
	b, ok := k.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(k.limit.Every), k.limit.Burst)}
		k.buckets[key] = b
	}
	b.seen = now
	d := handlers.RateDecision{Limit: k.limit.Burst}
	r := b.lim.ReserveN(now, 1)
	if delay := r.DelayFrom(now); delay > 0 {
		r.CancelAt(now)
		d.RetryAfter = delay
	} else {
		d.OK = true
	}
	tokens := b.lim.TokensAt(now)
	d.Remaining = max(0, int(math.Floor(tokens)))
	d.Reset = time.Duration(float64(k.limit.Burst)-tokens) * k.limit.Every
	return d
}

// forget drops buckets idle for longer than it takes to refill them, at most
// once a minute, so that the map stays as small as the set of active keys.
func (k *keyedLimiter) forget(now time.Time) {
	if now.Sub(k.sweep) < time.Minute {
		return
	}
	k.sweep = now
	full := time.Duration(k.limit.Burst) * k.limit.Every
	for key, b := range k.buckets {
		if now.Sub(b.seen) > full {
			delete(k.buckets, key)
		}
	}
}
