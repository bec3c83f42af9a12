package models_test

import (
	"context"
	"sync"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestWebhookLimitHoldsUnderConcurrentCreates: an owner at one subscription
// below the limit creates several at once. The limit check counts the
// owner's subscriptions then inserts; on PostgreSQL (READ COMMITTED,
// CARNET_TEST_POSTGRES) every transaction counted the same number and all
// inserted, leaving the owner above the limit. Exactly one may succeed, the
// others answer 409. (SQLite has one writer, so it held there already.)
func TestWebhookLimitHoldsUnderConcurrentCreates(t *testing.T) {
	const racers = 8
	// Several write connections, as several replicas (or a server with
	// WriteConns > 1) have: the creations then really overlap.
	s, _ := dbtest.Open(t, models.Options{WriteConns: racers})
	ctx := models.WithPrincipal(context.Background(), &models.Principal{UserID: models.NewID(), PlatformAdmin: true, Email: "admin@carnet.test"})
	// Filled concurrently, which also opens the pool's connections: with
	// one idle connection the first racer committed before the others had
	// connected, and the race never happened.
	var fill sync.WaitGroup
	for range models.MaxWebhooksPerOwner - 1 {
		fill.Go(func() {
			if _, _, err := s.CreateWebhook(ctx, models.NewWebhook{URL: "https://example.com/h", Active: true}); err != nil {
				t.Error(err)
			}
		})
	}
	fill.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var wg sync.WaitGroup
	errs := make([]error, racers)
	start := make(chan struct{})
	for i := range racers {
		wg.Go(func() {
			<-start
			_, _, errs[i] = s.CreateWebhook(ctx, models.NewWebhook{URL: "https://example.com/h", Active: true})
		})
	}
	close(start)
	wg.Wait()
	created := 0
	for _, err := range errs {
		switch {
		case err == nil:
			created++
		case models.ErrorCode(err) != models.ECONFLICT:
			t.Errorf("got %v, want success or the 409 naming the limit", err)
		}
	}
	if created != 1 {
		t.Errorf("%d of %d concurrent creations succeeded at one below the limit, want exactly 1", created, racers)
	}
	list, err := s.ListWebhooks(ctx, models.ListParams{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total > models.MaxWebhooksPerOwner {
		t.Errorf("the owner holds %d subscriptions, above the limit %d", list.Total, models.MaxWebhooksPerOwner)
	}
}
