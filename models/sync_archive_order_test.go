package models

import (
	"context"
	"slices"
	"testing"
)

// A snapshot archives the source's absent records in source_id order,
// whatever order they were created in: its outcomes and the change log
// follow it. The index that once gave this order by chance
// (actors_source_live) is gone (migration 00127); the query asks for it.
func TestSnapshotArchivesInSourceIDOrder(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	ids := []string{"p3", "p1", "p4", "p0", "p2"}
	var actors []Actor
	var services []SyncService
	for _, id := range ids {
		actors = append(actors, syncActor(id))
		services = append(services, syncOffer(id+"#offer", id))
	}
	// One at a time, so that rowids follow this order, not source_id's.
	for i := range actors {
		if _, err := s.SyncBatch(ctx, "hub", actors[i:i+1], services[i:i+1], SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// Every place kept, one new offer: the others are absent.
	res, err := s.SyncBatch(ctx, "hub", cloneActors(actors), []SyncService{syncOffer("keep#offer", "p0")}, SyncOptions{Snapshot: true, AllowMassArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	var wantServices []string
	for _, id := range slices.Sorted(slices.Values(ids)) {
		wantServices = append(wantServices, id+"#offer")
	}
	if got := archivedIDs(res, EntityService); !slices.Equal(got, wantServices) {
		t.Errorf("services archived in order %v, want %v", got, wantServices)
	}
	// Then every place absent but one.
	res, err = s.SyncBatch(ctx, "hub", []Actor{syncActor("keep")}, nil, SyncOptions{Snapshot: true, AllowMassArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := archivedIDs(res, EntityActor), slices.Sorted(slices.Values(ids)); !slices.Equal(got, want) {
		t.Errorf("actors archived in order %v, want %v", got, want)
	}
}

// archivedIDs lists the source ids of the records of entity that res
// archived, in its order.
func archivedIDs(res *SyncResult, entity string) []string {
	var out []string
	for _, o := range res.Outcomes {
		if o.Result == SyncArchived && o.Entity == entity {
			out = append(out, o.SourceID)
		}
	}
	return out
}
