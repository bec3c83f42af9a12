package opendata

import (
	"runtime"
	"slices"
	"sync"

	"carnet/models"
)

// Mapping a batch's rows (ToPlace) and preparing its records
// (models.PrepareSyncBatch) took about half of a first import's CPU, all of
// it in the reader's goroutine, while the writer's left the other core idle
// part of the time: the reader set the pace (issue 11, item 6). Both are
// pure functions of each row (the memos they share are safe for concurrent
// use), so a batch's rows are cut into consecutive parts mapped side by
// side; everything that depends on the order of the rows (the ids taken,
// the duplicates, the report's issues and readings) is still done in one
// goroutine, in the file's order, on the places mapped.

// mapWorkers is how many goroutines map a batch (0: GOMAXPROCS); tests set
// 1 to compare with the serial mapping.
var mapWorkers = 0

// minPart is the fewest rows worth a goroutine of their own.
const minPart = 64

// inParts calls fn on consecutive parts [lo, hi) of [0, n), concurrently,
// and returns when every call has.
func inParts(n int, fn func(lo, hi int)) {
	k := mapWorkers
	if k <= 0 {
		k = runtime.GOMAXPROCS(0)
	}
	if k = min(k, n/minPart); k <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := 1; p < k; p++ {
		wg.Go(func() { fn(p*n/k, (p+1)*n/k) })
	}
	fn(0, n/k)
	wg.Wait()
}

// mapRows maps the records for which need is true (every record when need
// is nil) with ToPlace, in parts side by side, into places (reused: a
// place is a kilobyte, a batch's a megabyte); the others are left zero.
// The caller clears places once read, so that they keep nothing alive.
func mapRows(places []Place, records []Record, source string, need []bool) []Place {
	places = slices.Grow(places[:0], len(records))[:len(records)]
	inParts(len(records), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if need == nil || need[i] {
				places[i] = ToPlace(records[i], source)
			}
		}
	})
	return places
}

// prepare prepares the batch's records (models.PrepareSyncBatch:
// addresses resolved, phones parsed…) in the reader's goroutines, beside
// the writes of the previous batch: each part takes its actors and the
// services in the same share of the batch (each record is prepared alone).
func (b *readBatch) prepare(source string) {
	na, ns := len(b.actors), len(b.services)
	if na == 0 {
		models.PrepareSyncBatch(source, nil, b.services)
		return
	}
	inParts(na, func(lo, hi int) {
		models.PrepareSyncBatch(source, b.actors[lo:hi], b.services[lo*ns/na:hi*ns/na])
	})
}
