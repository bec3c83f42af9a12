package models

import (
	"context"
	"strings"
	"testing"
)

// TestSyncReadsSwappedAndNullPoints: the same point is read alike by a
// file import and a partner's sync. A point given with latitude and
// longitude in each other's place was stored by the import read swapped
// (with a warning) and dropped by the sync; 0,0 (a failed geocoder's
// answer) was dropped by the import and rejected the whole record in a
// sync, while every other unusable point is dropped with a warning. The
// REST API refuses both with 422 (a client is there to correct them).
func TestSyncReadsSwappedAndNullPoints(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	f := func(v float64) *float64 { return &v }
	swapped, null, reunion := syncActor("swapped"), syncActor("null"), syncActor("reunion")
	swapped.Latitude, swapped.Longitude = f(5.3786), f(43.2996)
	null.Latitude, null.Longitude = f(0), f(0)
	reunion.Address = Address{Street: "1 rue de Paris", PostalCode: "97400", Commune: "Saint-Denis"}
	reunion.Latitude, reunion.Longitude = f(55.45), f(-20.88)
	res, err := s.SyncBatch(ctx, "hub", []Actor{swapped, null, reunion}, nil, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		lat, lon float64
		point    bool
		warning  string
	}{
		"swapped": {43.2996, 5.3786, true, "swapped"},
		"null":    {0, 0, false, "0,0"},
		"reunion": {-20.88, 55.45, true, "swapped"},
	}
	for _, o := range res.Outcomes {
		w := want[o.SourceID]
		if o.Result != SyncCreated {
			t.Errorf("%s: %s %+v, want created", o.SourceID, o.Result, o.Errors)
			continue
		}
		var warned bool
		for _, x := range o.Warnings {
			warned = warned || x.Field == "latitude" && strings.Contains(x.Reason, w.warning)
		}
		if !warned {
			t.Errorf("%s: warnings %+v, want one on latitude saying %q", o.SourceID, o.Warnings, w.warning)
		}
		var a Actor
		if err := s.r.Take(&a, "id = ?", o.ID).Error; err != nil {
			t.Fatal(err)
		}
		switch {
		case !w.point && a.Latitude != nil:
			t.Errorf("%s: stored at %v,%v, want no point", o.SourceID, *a.Latitude, *a.Longitude)
		case w.point && (a.Latitude == nil || *a.Latitude != w.lat || *a.Longitude != w.lon):
			t.Errorf("%s: stored at %v,%v, want %v,%v", o.SourceID, a.Latitude, a.Longitude, w.lat, w.lon)
		}
	}
	again, err := s.SyncBatch(ctx, "hub", []Actor{swapped, null, reunion}, nil, SyncOptions{})
	if err != nil || again.Counts[SyncUnchanged] != 3 {
		t.Errorf("the same batch again: %v %+v, want 3 unchanged", err, again.Counts)
	}
}
