package models

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkSameAsCrowded reads what a write's answer says of an actor's
// confirmed links (same_as) for an actor at a crowded address: 800
// suggested links and one confirmed. Before migration 00125 the read
// walked every link of the actor to keep the confirmed one (issue 11,
// item 3: 0.37 s of 7.7 s in BenchmarkConcurrentWrites' profile).
//
//	go test -run '^$' -bench SameAsCrowded -benchmem ./models/
func BenchmarkSameAsCrowded(b *testing.B) {
	s, err := Open(context.Background(), b.TempDir()+"/t.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := context.Background()
	places := make([]PlaceWithServices, 801)
	for i := range places {
		a := validActor()
		a.Name = fmt.Sprintf("Lieu %d", i)
		places[i] = PlaceWithServices{Actor: a}
	}
	if err := s.CreatePlaces(ctx, places); err != nil {
		b.Fatal(err)
	}
	crowded := places[0].Actor.ID
	now := time.Now().UTC()
	for i, p := range places[1:] {
		x, y := crowded, p.Actor.ID
		if y < x {
			x, y = y, x
		}
		status := DuplicateSuggested
		if i == 400 {
			status = DuplicateConfirmed
		}
		if err := s.w.Exec("INSERT INTO duplicate_links (id, actor_a, actor_b, score, name_score, address_score, status, created_at, updated_at)"+
			" VALUES (?, ?, ?, 0.5, 0.5, 0.5, ?, ?, ?) ON CONFLICT (actor_a, actor_b) DO UPDATE SET status = excluded.status",
			NewID(), x, y, status, now, now).Error; err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, _, err := s.SameAs(ctx, crowded); err != nil {
			b.Fatal(err)
		}
	}
}
