package models_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestParentCycleUnderConcurrentUpdates: two places each made the other's
// parent at the same moment. Each update checks for a cycle by walking the
// parents it reads, under shared locks (checkActorRefs): on PostgreSQL
// (READ COMMITTED, CARNET_TEST_POSTGRES) without them neither would see the
// other's uncommitted edge and the network would hold a cycle. One of the
// two must fail: refused as a cycle (SQLite's one writer), or the
// deadlock PostgreSQL breaks answered « busy, retry » (503), whose retry
// is then refused as a cycle.
func TestParentCycleUnderConcurrentUpdates(t *testing.T) {
	s, _ := dbtest.Open(t, models.Options{})
	admin := models.WithPrincipal(context.Background(), &models.Principal{UserID: models.NewID(), PlatformAdmin: true})
	newPlace := func(name string) string {
		a := models.Actor{Name: name, Address: models.Address{Street: "3 rue de la Gare", PostalCode: "13001", Commune: "Marseille", InseeCode: "13201"}}
		if err := s.CreateActor(admin, &a); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	setParent := func(id, parent string) error {
		_, err := s.UpdateActor(admin, id, models.Precondition{}, func(a *models.Actor) error {
			a.ParentID = &parent
			return nil
		})
		return err
	}
	for i := range 12 {
		a, b := newPlace(fmt.Sprintf("Réseau A%d", i)), newPlace(fmt.Sprintf("Réseau B%d", i))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		wg.Go(func() { <-start; errs[0] = setParent(a, b) })
		wg.Go(func() { <-start; errs[1] = setParent(b, a) })
		close(start)
		wg.Wait()
		if errs[0] == nil && errs[1] == nil {
			t.Fatalf("pair %d: both places were made each other's parent: a cycle", i)
		}
		for _, err := range errs {
			if code := models.ErrorCode(err); err != nil && code != models.EINVALID && code != models.EUNAVAILABLE {
				t.Fatalf("pair %d: got %v, want success, the 422 naming the cycle or a 503 to retry", i, err)
			}
		}
	}
}
