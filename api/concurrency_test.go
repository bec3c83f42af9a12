package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// writers is how many clients write at once in the concurrency tests: as
// many as the store's connection pools and more, so that on PostgreSQL
// transactions really overlap (SQLite runs them one at a time).
const writers = 32

// TestNoLostUpdateCounter runs the classic lost-update check through the
// router: 32 clients each add one to a counter kept in an actor's summary,
// reading it and writing it back with If-Match, retrying on 412. Every
// increment must count: a write that passed the version check on a stale
// read would lose another's.
func TestNoLostUpdateCounter(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Compteur"), obj{"summary": "0"}))
	path := "/api/v1/actors/" + str(a["id"])
	var wg sync.WaitGroup
	errs := make(chan string, writers)
	var retries sync.Map
	for w := range writers {
		wg.Go(func() {
			for attempt := 0; ; attempt++ {
				if attempt > 10*writers {
					errs <- fmt.Sprintf("writer %d: no success in %d attempts", w, attempt)
					return
				}
				r := e.Do(apitest.Request{Method: "GET", Path: path})
				n, err := strconv.Atoi(str(r.Map()["summary"]))
				if r.Code != 200 || err != nil {
					errs <- fmt.Sprintf("writer %d: read %d %s", w, r.Code, r.Body)
					return
				}
				p := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"summary": strconv.Itoa(n + 1)},
					ContentType: "application/merge-patch+json", Header: map[string]string{"If-Match": r.Header().Get("ETag")}})
				switch p.Code {
				case 200:
					retries.Store(w, attempt)
					return
				case 412:
					continue // someone else's increment came first: read again
				default:
					errs <- fmt.Sprintf("writer %d: %d %s", w, p.Code, p.Body)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	if got["summary"] != strconv.Itoa(writers) || got["version"] != float64(writers+1) {
		t.Errorf("after %d increments: summary %v, version %v", writers, got["summary"], got["version"])
	}
}

// TestNoLostUpdateMerge sends 32 clients' unconditional JSON Merge Patches
// of different fields of one actor at once. Each patch must be merged into
// the state left by the one before: the history then holds one event per
// version, and each event's old values are the previous event's new ones.
func TestNoLostUpdateMerge(t *testing.T) {
	e := apitest.New(t)
	// Closed, so that closure_reason is kept: without a closure it is
	// refused (TestClosureInputIsNeverDroppedSilently).
	a := createActor(t, e, merge(validActor("Fusion"), obj{"status": "temporarily_closed", "closed_from": "2026-01-05"}))
	path := "/api/v1/actors/" + str(a["id"])
	fields := []string{"summary", "description", "other_labels", "closure_reason"}
	const rounds = 3
	var wg sync.WaitGroup
	errs := make(chan string, writers*rounds)
	for w := range writers {
		wg.Go(func() {
			for i := range rounds {
				f := fields[(w+i)%len(fields)]
				r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{f: fmt.Sprintf("w%d-%d", w, i)},
					ContentType: "application/merge-patch+json"})
				if r.Code != 200 {
					errs <- fmt.Sprintf("writer %d: %d %s", w, r.Code, r.Body)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	final := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	if final["version"] != float64(writers*rounds+1) {
		t.Fatalf("version %v after %d patches", final["version"], writers*rounds)
	}
	// Replay the history oldest first: every event starts from the state
	// the previous one left.
	var events []map[string]any
	next := path + "/history?limit=100"
	for next != "" {
		r := e.Do(apitest.Request{Method: "GET", Path: next, Token: e.Admin})
		if r.Code != 200 {
			t.Fatalf("history: %d %s", r.Code, r.Body)
		}
		page := r.Map()
		for _, ev := range page["data"].([]any) {
			events = append(events, ev.(map[string]any))
		}
		next, _ = page["links"].(map[string]any)["next"].(string)
		next = strings.TrimPrefix(next, "http://example.com")
	}
	state := map[string]any{}
	for _, f := range fields {
		state[f] = ""
	}
	seen := map[float64]bool{}
	for i := len(events) - 1; i >= 0; i-- {
		ev := events[i]
		v := ev["version"].(float64)
		if seen[v] {
			t.Errorf("version %v recorded twice", v)
		}
		seen[v] = true
		for _, c := range ev["changes"].([]any) {
			c := c.(map[string]any)
			f := str(c["field"])
			if _, tracked := state[f]; !tracked {
				continue
			}
			if ev["action"] == "update" && c["old"] != state[f] {
				t.Errorf("version %v changed %s from %q, but the previous version had %q: a write was lost", v, f, c["old"], state[f])
			}
			state[f] = c["new"]
		}
	}
	if len(seen) != writers*rounds+1 {
		t.Errorf("%d events in the history, want %d", len(seen), writers*rounds+1)
	}
	for _, f := range fields {
		if final[f] != state[f] {
			t.Errorf("%s is %q, the history ends with %q", f, final[f], state[f])
		}
	}
}

// TestConcurrentSyncBatches sends the same new batch from 32 partner
// connections at once: each record is created once, every other batch
// finds it, and none is rejected as a duplicate key.
func TestConcurrentSyncBatches(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub", []string{"hub"}, []string{models.ScopeSyncWrite})
	const places = 40
	var actors []obj
	for i := range places {
		actors = append(actors, obj{"source_id": fmt.Sprintf("p%d", i), "name": fmt.Sprintf("Lieu %d", i),
			"address": obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}})
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]float64{}
	for range writers {
		wg.Go(func() {
			r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": actors}})
			if r.Code != 200 {
				t.Errorf("%d %s", r.Code, r.Body)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for k, v := range r.Map()["counts"].(map[string]any) {
				counts[k] += v.(float64)
			}
		})
	}
	wg.Wait()
	if counts["created"] != places || counts["unchanged"] != places*(writers-1) || counts["rejected"] != 0 {
		t.Errorf("counts over %d batches: %v", writers, counts)
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub&limit=100"}).Map()
	if list["meta"].(map[string]any)["total"] != float64(places) {
		t.Errorf("actors of the source: %v", list["meta"])
	}
}
