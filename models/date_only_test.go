package models

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// TestDateOnlyAsFormat: dateOnly gives t.Format(time.DateOnly) for times
// taken in turn from other dates, zones on either side of midnight, years
// outside 0000–9999 and the zero time, from several goroutines at once.
func TestDateOnlyAsFormat(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("CET", 3600), time.FixedZone("", -10*3600), time.FixedZone("", 14*3600)}
	base := []time.Time{{}, time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 10, 0, 0, time.UTC),
		time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC), time.Date(12026, 7, 4, 9, 8, 7, 100, time.UTC)}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 20000 {
				in := base[r.IntN(len(base))].Add(time.Duration(r.IntN(3*24*3600)) * time.Second).In(zones[r.IntN(len(zones))])
				if got, want := dateOnly(in), in.Format(time.DateOnly); got != want {
					t.Errorf("dateOnly(%v) = %q, want %q", in, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
