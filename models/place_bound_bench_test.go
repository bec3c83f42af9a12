package models

import (
	"context"
	"fmt"
	"testing"

	"carnet/models/vocab"
)

// BenchmarkArchiveFullPlace archives and restores a place holding
// MaxServicesPerPlace services, as DELETE /actors/{id} and POST
// …/restore do: the write lock is held that long (probe 34: 7 to 10 s for
// a place given 10,000 services). One op is an archive plus a restore.
//
//	go test -run '^$' -bench ArchiveFullPlace -benchtime 10x ./models/
func BenchmarkArchiveFullPlace(b *testing.B) {
	s, err := Open(context.Background(), b.TempDir()+"/t.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := context.Background()
	p := PlaceWithServices{Actor: validActor()}
	for i := range MaxServicesPerPlace {
		p.Services = append(p.Services, Service{Name: fmt.Sprintf("Aide %d", i), Kind: "procedures_done_with",
			Themes: []string{"Aide aux démarches administratives"}, Status: vocab.ServicePublished, OnSite: true})
	}
	places := []PlaceWithServices{p}
	if err := s.CreatePlaces(ctx, places); err != nil {
		b.Fatal(err)
	}
	id := places[0].Actor.ID
	b.ResetTimer()
	for range b.N {
		if _, err := s.ArchiveActor(ctx, id, Precondition{}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.RestoreActor(ctx, id, Precondition{}, RestoreOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
