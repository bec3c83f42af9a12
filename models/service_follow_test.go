package models

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestRenamePlaceWith200Services: a place's rename logs a change of each
// of its 200 services (probe 40a M1), in its own transaction, and an
// edit that moves nothing they show logs none; the times are logged to
// measure the cost (go test -run RenamePlaceWith200 -v ./models/).
func TestRenamePlaceWith200Services(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		sv := Service{ActorID: a.ID, Name: fmt.Sprintf("Atelier %d", i), Kind: "one_off_help", Themes: StringList{"Utilisation sécurisée du numérique"}, OnSite: true}
		if err := s.CreateService(ctx, &sv); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(what string, apply func(*Actor)) int64 {
		head, _ := s.LastSeq(ctx)
		start := time.Now()
		if _, err := s.UpdateActor(ctx, a.ID, Precondition{}, func(x *Actor) error { apply(x); return nil }); err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		after, _ := s.LastSeq(ctx)
		t.Logf("%s: %v, %d change log rows", what, took, after-head)
		return after - head
	}
	if n := edit("summary edit", func(x *Actor) { x.Summary = "Autre résumé" }); n != 1 {
		t.Errorf("a summary edit logged %d changes, want 1", n)
	}
	if n := edit("rename", func(x *Actor) { x.Name = "Nouveau nom" }); n != 201 {
		t.Errorf("a rename logged %d changes, want 201 (the place and its 200 services)", n)
	}
}
