package models

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// countMembershipQueries counts the queries of s's writers that read the
// memberships table from now on.
func countMembershipQueries(t *testing.T, s *Store) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	dbs := []*gorm.DB{s.w}
	if s.wb != nil && s.wb.Config != s.w.Config { // else they share their callbacks
		dbs = append(dbs, s.wb)
	}
	for i, db := range dbs {
		name := fmt.Sprint("test:memberships", i)
		if err := db.Callback().Query().Before("gorm:query").Register(name, func(tx *gorm.DB) {
			if tx.Statement.Table == "memberships" {
				n.Add(1)
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	return &n
}

// TestSyncOfNewPlacesAsksNoTeam (issue 11, item 6): the services a sync
// batch creates for the places it creates belong to structures with no
// team (their actors did not exist before the batch's transaction), and
// asking the memberships table for each was 5 % of a first import's CPU and
// an eighth of what it allocated. A service of an existing place still asks.
func TestSyncOfNewPlacesAsksNoTeam(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	queries := countMembershipQueries(t, s)
	actors, services := syncPlaces(5)
	res, err := s.SyncBatch(ctx, "hub", actors, services, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[SyncCreated] != 10 {
		t.Fatalf("counts %+v, want 10 created", res.Counts)
	}
	if n := queries.Load(); n != 0 {
		t.Errorf("%d membership queries for 5 new places' services, want 0", n)
	}
	// A new service of a place stored before the batch: its team is asked.
	more := syncOffer("p0#other", "p0")
	res, err = s.SyncBatch(ctx, "hub", actors[:1], []SyncService{more}, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[SyncCreated] != 1 {
		t.Fatalf("counts %+v, want the new offer created", res.Counts)
	}
	if n := queries.Load(); n == 0 {
		t.Error("no membership query for a new service of a stored place")
	}
}

// TestServiceWriteAsksTeamWhenReferralsMove: a service write asks whether
// its structure has a team only when it opens or closes the service to
// referrals, the one case where the answer matters (the trail records it,
// the principal's check weighs an opening).
func TestServiceWriteAsksTeamWhenReferralsMove(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	sv := syncOffer("", "").Service
	sv.ActorID, sv.ReferralsClosed = a.ID, true
	if err := s.CreateService(ctx, &sv); err != nil {
		t.Fatal(err)
	}
	queries := countMembershipQueries(t, s)
	update := func(apply func(*Service)) {
		t.Helper()
		if _, err := s.UpdateService(ctx, sv.ID, Precondition{}, func(x *Service) error { apply(x); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	update(func(x *Service) { x.Name = "Offre renommée" })
	if n := queries.Load(); n != 0 {
		t.Errorf("%d membership queries for a rename, want 0", n)
	}
	update(func(x *Service) { x.ReferralsClosed = false })
	if n := queries.Load(); n == 0 {
		t.Error("no membership query for a service opening to referrals")
	}
}
