package models

import (
	"context"
	"strings"
	"testing"
)

// TestRestoreOutsideAnArchivedNetwork: a place archived, then its network
// archived, could never come back. POST …/restore answered 409 « restore
// the network first, or change its parent_id after restoring », and a
// change needs the place restored (PATCH of an archived place is 410); a
// partner's sync or a file import of the place, which say nothing of
// Carnet's networks (parent_id kept from the stored record), was rejected
// on parent_id at every run. A restore may now leave the network
// (RestoreOptions.LeaveNetwork), and a sync or an import that brings the
// place back without naming a network restores it outside the archived
// one, with a warning on parent_id.
func TestRestoreOutsideAnArchivedNetwork(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	network := validActor()
	network.Name = "Réseau des médiathèques"
	if err := s.CreateActor(ctx, &network); err != nil {
		t.Fatal(err)
	}
	actors, services := syncPlaces(3)
	file := SyncOptions{KeepUncarried: true}
	if _, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), file); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, key := range []string{"p0", "p1"} {
		var a Actor
		if err := s.r.Take(&a, "source = 'hub' AND source_id = ?", key).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateActor(ctx, a.ID, Precondition{}, func(a *Actor) error { a.ParentID = &network.ID; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ArchiveActor(ctx, a.ID, Precondition{}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if _, err := s.ArchiveActor(ctx, network.ID, Precondition{}); err != nil {
		t.Fatal(err)
	}

	t.Run("ErrConflict a restore in the archived network", func(t *testing.T) {
		_, err := s.RestoreActor(ctx, ids[0], Precondition{}, RestoreOptions{})
		if ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), "leave_network") {
			t.Fatalf("err %v, want a conflict saying how to restore it outside the network", err)
		}
	})
	t.Run("OK a restore leaving the network", func(t *testing.T) {
		got, err := s.RestoreActor(ctx, ids[0], Precondition{}, RestoreOptions{LeaveNetwork: true})
		if err != nil {
			t.Fatal(err)
		}
		if got.ParentID != nil || got.IsArchived() {
			t.Errorf("parent %v archived %v, want restored without a network", got.ParentID, got.IsArchived())
		}
		var stored Actor
		s.r.Take(&stored, "id = ?", ids[0])
		if stored.ParentID != nil || stored.Fingerprint != stored.ContentFingerprint() {
			t.Errorf("stored parent %v, fingerprint %s want %s", stored.ParentID, stored.Fingerprint, stored.ContentFingerprint())
		}
	})
	t.Run("OK a file brings the other place back outside the network", func(t *testing.T) {
		res, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), file)
		if err != nil {
			t.Fatal(err)
		}
		var warned bool
		for _, o := range res.Outcomes {
			if o.Entity != EntityActor || o.SourceID != "p1" {
				continue
			}
			if o.Result != SyncRestored {
				t.Errorf("p1: %s %+v, want restored", o.Result, o.Errors)
			}
			for _, w := range o.Warnings {
				warned = warned || w.Field == "parent_id" && strings.Contains(w.Reason, "archived")
			}
		}
		if !warned {
			t.Errorf("p1 restored without a warning on parent_id: %+v", res.Outcomes)
		}
		var stored Actor
		s.r.Take(&stored, "id = ?", ids[1])
		if stored.ParentID != nil || stored.IsArchived() {
			t.Errorf("p1 stored with parent %v, archived %v", stored.ParentID, stored.IsArchived())
		}
		again, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), file)
		if err != nil || again.Counts[SyncUnchanged] != 6 {
			t.Errorf("the same file again: %v %+v, want its 3 places and 3 offers unchanged", err, again.Counts)
		}
	})
	t.Run("ErrInvalid a batch naming the archived network", func(t *testing.T) {
		named := cloneActors(actors[2:])
		named[0].ParentID = &network.ID
		res, err := s.SyncBatch(ctx, "hub", named, nil, SyncOptions{})
		if err != nil || res.Counts[SyncRejected] != 1 {
			t.Fatalf("%v %+v, want the record naming an archived network rejected", err, res.Counts)
		}
	})
}
