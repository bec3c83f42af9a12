package api

import (
	"context"
	"time"

	"carnet/handlers"
	"carnet/models"
)

// RateLimit is a token bucket: Burst attempts at once, refilled at one per
// Every.
type RateLimit struct {
	Every time.Duration
	Burst int
}

// dbLimiter keeps its buckets in the database (Store.TakeRateToken), so that
// the limits hold across replicas: a script spreading its guesses over
// several servers behind a load balancer gets no more tries than against
// one.
type dbLimiter struct {
	store *models.Store
	limit RateLimit
	now   func() time.Time
}

func newDBLimiter(store *models.Store, l RateLimit, now func() time.Time) *dbLimiter {
	if now == nil {
		now = time.Now
	}
	return &dbLimiter{store: store, limit: l, now: now}
}

// Allow takes one attempt for key. If the database cannot answer, the
// attempt passes: the credential check that follows needs the database
// too, and fails on its own.
func (k *dbLimiter) Allow(ctx context.Context, key string) handlers.RateDecision {
	return k.decision(k.store.TakeRateToken(ctx, key, models.RateRule{Every: k.limit.Every, Burst: k.limit.Burst}, k.now()))
}

func (k *dbLimiter) decision(r models.RateResult, err error) handlers.RateDecision {
	if err != nil {
		return handlers.RateDecision{OK: true, Limit: k.limit.Burst}
	}
	return handlers.RateDecision{OK: r.OK, Limit: k.limit.Burst, Remaining: r.Remaining, Reset: r.Reset, RetryAfter: r.RetryAfter}
}

// Peek tells whether an attempt for key would pass, taking nothing; as
// Allow, it lets the attempt pass when the database cannot answer.
func (k *dbLimiter) Peek(ctx context.Context, key string) handlers.RateDecision {
	return k.decision(k.store.PeekRateToken(ctx, key, models.RateRule{Every: k.limit.Every, Burst: k.limit.Burst}, k.now()))
}
