package api_test

import (
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
)

// sec17: the coordinators' list of records to check again (issue 11, item
// 5: « not checked for 12 months ») filtered by the store's clock but
// counted months_since_check and the quality's freshness with the wall
// clock of the handler, so the two disagreed whenever the clocks did (a
// test's clock, a replica's); and the cutoff, today minus N months by
// time.AddDate, ran over the end of a shorter month: on 30 March, with
// months=1, a record checked on 1 March (not yet a month ago) was listed.
// The edges: checked exactly N months ago is still fresh, listed from the
// next day; a record checked on 31 January is one month old on 28
// February.
func TestSec17StaleListFollowsTheStoreClock(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2027, 3, 30, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	dated := func(id, day string) obj {
		return merge(partnerActor(id, "Lieu "+id), obj{"producer_updated_on": day})
	}
	res := syncActors(t, e, "", dated("edge-12", "2026-03-30"), dated("over-12", "2026-03-29"),
		dated("feb-28", "2027-02-28"), dated("mar-01", "2027-03-01"))
	for _, r := range res.Results {
		if r.ID == "" {
			t.Fatalf("sync: %+v", res)
		}
	}
	type item struct {
		SourceID         string `json:"source_id"`
		CheckedOn        string `json:"checked_on"`
		MonthsSinceCheck int    `json:"months_since_check"`
		Quality          struct {
			Stale bool `json:"stale"`
		} `json:"quality"`
	}
	list := func(query string) map[string]item {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale?limit=100" + query, Token: e.Admin})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", query, r.Code, r.Body)
		}
		var l struct{ Data []item }
		r.JSON(&l)
		out := map[string]item{}
		for _, it := range l.Data {
			out[it.SourceID] = it
		}
		return out
	}
	got := list("")
	if _, ok := got["edge-12"]; ok {
		t.Errorf("checked exactly 12 months ago: listed %+v", got["edge-12"])
	}
	if it, ok := got["over-12"]; !ok || it.MonthsSinceCheck != 12 || !it.Quality.Stale {
		t.Errorf("checked 12 months and a day ago: %+v (listed %v), want 12 months and stale", it, ok)
	}
	got = list("&months=1")
	if it, ok := got["feb-28"]; !ok || it.MonthsSinceCheck != 1 {
		t.Errorf("checked on 28 February, on 30 March with months=1: %+v (listed %v), want listed, 1 month", it, ok)
	}
	if it, ok := got["mar-01"]; ok {
		t.Errorf("checked on 1 March, on 30 March with months=1: listed %+v", it)
	}
	// The next day, the 12-month edge is over: listed, 12 months, stale.
	mu.Lock()
	now = now.Add(24 * time.Hour)
	mu.Unlock()
	if it, ok := list("")["edge-12"]; !ok || it.MonthsSinceCheck != 12 || !it.Quality.Stale {
		t.Errorf("the day after the 12-month edge: %+v (listed %v)", it, ok)
	}
}
