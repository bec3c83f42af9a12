package models

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestDeferredIndexesRepairedBesideALiveServer: an import that dropped the
// secondary indexes and died leaves their record; a server already running
// (which repaired deferred_indexes only at its own opening) creates them
// again once the import's lease lapsed, and never while it runs (probe
// 39a, F6).
func TestDeferredIndexesRepairedBesideALiveServer(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	var dropped []deferredIndex
	if err := s.write(withBulk(ctx), func(tx *gorm.DB) (err error) {
		if dropped, err = deferIndexes(tx); err != nil {
			return err
		}
		return leaseDeferred(tx, dropped, "an-import", s.now().Add(time.Hour))
	}); err != nil || len(dropped) == 0 {
		t.Fatalf("deferIndexes: %v %v", dropped, err)
	}
	present := func() int {
		var n int
		names := make([]string, len(dropped))
		for i, ix := range dropped {
			names[i] = ix.Name
		}
		if err := s.w.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ?", names).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	// The import runs: its indexes are left to it.
	if n, err := s.RepairDeferredIndexes(ctx); err != nil || n != 0 || present() != 0 {
		t.Fatalf("repair during a live import: %d %v, %d present", n, err, present())
	}
	if st, err := s.DeferredIndexes(ctx); err != nil || st.Running != len(dropped) || st.Lapsed != 0 {
		t.Errorf("deferred during a live import: %+v %v", st, err)
	}
	// Its process dies: the lease lapses.
	if err := s.w.Exec("UPDATE deferred_indexes SET lease_until = ?", s.now().Add(-time.Second)).Error; err != nil {
		t.Fatal(err)
	}
	if st, err := s.DeferredIndexes(ctx); err != nil || st.Lapsed != len(dropped) {
		t.Errorf("deferred after the import died: %+v %v", st, err)
	}
	if n, err := s.RepairDeferredIndexes(ctx); err != nil || n != len(dropped) {
		t.Fatalf("repair after the import died: %d %v", n, err)
	}
	if got := present(); got != len(dropped) {
		t.Errorf("%d of %d indexes present after the repair", got, len(dropped))
	}
	if st, err := s.DeferredIndexes(ctx); err != nil || st.Running+st.Lapsed != 0 {
		t.Errorf("deferred after the repair: %+v %v", st, err)
	}
}
