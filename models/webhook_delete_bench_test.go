package models

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"
)

// BenchmarkDeleteWebhook deletes a subscription holding 16,000 deliveries
// of ~1.6 KB (a dead endpoint's queue in probe 34, before the queue bound),
// reporting the whole deletion and its longest transaction (the writer's
// longest turn: others wait that long).
//
//	go test -run '^$' -bench DeleteWebhook -benchtime 3x ./models/
func BenchmarkDeleteWebhook(b *testing.B) {
	s, err := Open(context.Background(), b.TempDir()+"/t.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := WithPrincipal(context.Background(), &Principal{UserID: NewID(), PlatformAdmin: true, Email: "admin@carnet.test"})
	payload := string(make([]byte, 1600))
	var longest time.Duration
	for range b.N {
		b.StopTimer()
		w, _, err := s.CreateWebhook(ctx, NewWebhook{URL: "https://example.com/h", Active: true})
		if err != nil {
			b.Fatal(err)
		}
		now := time.Now()
		rows := make([]WebhookDelivery, 16000)
		for i := range rows {
			rows[i] = WebhookDelivery{ID: NewID(), SubscriptionID: w.ID, Seq: int64(i + 1), Entity: EntityService, EntityID: NewID(), Op: FeedCreate,
				Payload: payload, State: DeliveryPending, NextAttemptAt: now, CreatedAt: now}
		}
		if err := s.w.CreateInBatches(&rows, 500).Error; err != nil {
			b.Fatal(err)
		}
		// The longest wait of a one-row write beside the deletion.
		stop := make(chan struct{})
		done := make(chan time.Duration)
		go func() {
			var worst time.Duration
			for {
				select {
				case <-stop:
					done <- worst
					return
				default:
				}
				t0 := time.Now()
				_ = s.write(context.Background(), func(tx *gorm.DB) error {
					return tx.Exec("UPDATE change_cursors SET updated_at = updated_at WHERE consumer = 'none'").Error
				})
				worst = max(worst, time.Since(t0))
				time.Sleep(time.Millisecond)
			}
		}()
		b.StartTimer()
		if err := s.DeleteWebhook(ctx, w.ID); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		close(stop)
		longest = max(longest, <-done)
	}
	b.ReportMetric(float64(longest.Milliseconds()), "ms-longest-wait")
}
