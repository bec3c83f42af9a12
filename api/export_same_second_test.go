package api_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
)

// TestIfModifiedSinceSeesAChangeInTheSameSecond reproduces probe 35b's M4:
// a download's Last-Modified is whole seconds, so a change made later in
// the same second answered 304 to If-Modified-Since (curl -z, wget -N kept
// the stale file) while the ETag had moved. A copy counts as unmodified only
// when its Last-Modified is at or after the end of the second of the last
// change; Last-Modified says the next second once that second is over, and
// never a time after the answer's (RFC 9110 §8.8.2.1).
func TestIfModifiedSinceSeesAChangeInTheSameSecond(t *testing.T) {
	now := time.Date(2026, 12, 5, 18, 49, 57, 200_000_000, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	id := str(createActor(t, e, validActor("Médiathèque Seconde"))["id"]) // at 57.2
	get := func(ims string) *apitest.Response {
		h := map[string]string{}
		if ims != "" {
			h["If-Modified-Since"] = ims
		}
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-json", Header: h})
	}
	set(now.Add(100 * time.Millisecond)) // 57.3
	first := get("")
	lm := first.Header().Get("Last-Modified")
	if first.Code != 200 || lm != "Sat, 05 Dec 2026 18:49:57 GMT" {
		t.Fatalf("first download: %d, Last-Modified %q (never after the answer's Date)", first.Code, lm)
	}
	set(now.Add(400 * time.Millisecond)) // 57.7: a rename in the same second
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"name": "Médiathèque Renommée"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	set(now.Add(100 * time.Millisecond)) // 57.8
	if r := get(lm); r.Code != http.StatusOK {
		t.Errorf("If-Modified-Since %s after a change at 57.7: %d, want 200", lm, r.Code)
	}
	set(now.Add(2 * time.Second)) // 59.8: the second is over
	r := get(lm)
	next := r.Header().Get("Last-Modified")
	if r.Code != 200 || next != "Sat, 05 Dec 2026 18:49:58 GMT" {
		t.Fatalf("after the second: %d, Last-Modified %q, want the next second", r.Code, next)
	}
	if r := get(next); r.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since %s, nothing changed since: %d, want 304", next, r.Code)
	}
}
