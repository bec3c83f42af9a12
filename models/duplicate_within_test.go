package models_test

import (
	"context"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestDuplicatesWithinOneSource (probe 40b H1): an aggregated file, the
// first and only source of the directory, holds one place as two producers
// publish it (same SIRET, phone, e-mail and address); the follower
// suggests the link. Its two records of one producer at two addresses stay
// apart.
func TestDuplicatesWithinOneSource(t *testing.T) {
	s, _ := dbtest.Open(t, models.Options{})
	addr := models.Address{Street: "7 Boulevard Leon Blum", PostalCode: "16800", Commune: "Soyaux", InseeCode: "16374"}
	flep := func(id, producer string) models.Actor {
		return models.Actor{Name: "FOYER LAIQUE EDUCATION PERMANENTE", Source: "charente", SourceID: id, Producer: producer,
			Pivot: "78125600300034", Address: addr, Latitude: new(45.648516), Longitude: new(0.183281),
			Phones: []string{"+33545931158"}, Emails: []string{"cyberbase.soyaux@gmail.com"}}
	}
	other := models.Actor{Name: "Médiathèque de Soyaux", Source: "charente", SourceID: "m1", Producer: "conseiller-numerique",
		Address:  models.Address{Street: "2 rue Pablo Neruda", PostalCode: "16800", Commune: "Soyaux", InseeCode: "16374"},
		Latitude: new(45.6431), Longitude: new(0.1992)}
	batch := []models.Actor{flep("cn-1", "conseiller-numerique"), flep("dora-1", "dora"), other}
	if res, err := s.SyncBatch(context.Background(), "charente", batch, nil, models.SyncOptions{}); err != nil || res.Counts[models.SyncRejected] != 0 {
		t.Fatalf("sync: %v %+v", err, res)
	}
	if _, err := s.FollowDuplicates(context.Background()); err != nil {
		t.Fatal(err)
	}
	catchUp(t, s)
	got := links(t, s)
	if len(got) != 1 {
		t.Fatalf("%d links, want the FLEP's one: %+v", len(got), got)
	}
	if got[0].Score < models.DuplicateThreshold {
		t.Errorf("score %.3f", got[0].Score)
	}
}
