package opendata

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Reading a row (ToPlace) and preparing its records (models.PrepareSyncBatch)
// depend on nothing but the row: they run on every processor while the
// writer writes the previous batch. With one goroutine for them, a first
// import used one core for reading and part of the other for writing, and
// reading was the slower of the two (issue 11, item 6).

// parallelChunk is how many rows a goroutine takes at a time: rows differ in
// cost (a commune to repair, many services), so goroutines take small
// chunks in turn rather than one share each.
const parallelChunk = 32

// inParallel calls fn on consecutive ranges [lo, hi) covering [0, n), on up
// to GOMAXPROCS goroutines, and returns when all calls have returned.
func inParallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+parallelChunk-1)/parallelChunk)
	if workers <= 1 {
		if n > 0 {
			fn(0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(parallelChunk)) - parallelChunk
				if lo >= n {
					return
				}
				fn(lo, min(lo+parallelChunk, n))
			}
		})
	}
	wg.Wait()
}

// readPlaces reads with ToPlace the records need says must be read, in
// parallel; the others' places are nil.
func readPlaces(records []Record, source string, need func(i int) bool) []*Place {
	out := make([]*Place, len(records))
	inParallel(len(records), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if need(i) {
				out[i] = new(ToPlace(records[i], source))
			}
		}
	})
	return out
}

// needsReading foresees whether readBatches will read rec: not when its id
// was stored by an earlier batch of the file (read once), nor when it is
// identical to the row of the source's last import. A row of the batch
// repeating an id of the same batch is read and then dropped: rare, and
// deciding it needs the batch's rows in order.
func needsReading(places *placeIDs, slots []int, hashes map[string]string, i int, rec Record) bool {
	if slots[i] < 0 {
		return true
	}
	place := &places.ids[slots[i]]
	if place.row != 0 {
		return false
	}
	id := strings.TrimSpace(rec.Cells["id"])
	if places.carnet[rec.Row] {
		id = rec.Cells["id"]
	}
	h := hashes[id]
	return h == "" || stripMarks(h) != rec.Hash
}
