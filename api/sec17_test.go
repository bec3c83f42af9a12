package api_test

import (
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
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

// sec17: GET /duplicates kept listing a link after one of its actors was
// archived, with the archived place's name, source, address and
// coordinates, to anyone, while GET /actors/{id} answers 410 and lists
// leave archived records out unless include_archived=true is asked. A link
// with an archived actor is now left out the same way (duplicate
// detection compares no archived actor, and exclude_duplicates ignores
// it), shown with include_archived=true as /actors shows the tombstone,
// and back when the actor is restored.
func TestSec17DuplicatesLeaveArchivedActorsOut(t *testing.T) {
	e := apitest.New(t)
	syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-a", SourceID: "1"})
	b := syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "1"})
	e.DuplicatesDetected()
	listed := func(query string) []map[string]any {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates" + query})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", query, r.Code, r.Body)
		}
		var out []map[string]any
		for _, d := range r.Map()["data"].([]any) {
			out = append(out, d.(map[string]any))
		}
		return out
	}
	if n := len(listed("")); n != 1 {
		t.Fatalf("before archiving: %d links, want 1", n)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + b, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + b}); r.Code != 410 {
		t.Fatalf("archived actor: %d", r.Code)
	}
	for _, q := range []string{"", "?actor_id=" + b, "?status=suggested,confirmed,dismissed"} {
		if got := listed(q); len(got) != 0 {
			t.Errorf("%q: a link of an archived actor is listed: %v", q, got[0]["actor_b"])
		}
	}
	got := listed("?include_archived=true")
	if len(got) != 1 {
		t.Fatalf("include_archived=true: %d links, want 1", len(got))
	}
	if side := got[0]["actor_b"].(map[string]any); side["archived"] != true || side["id"] != b {
		t.Errorf("include_archived=true: %v", side)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?include_archived=perhaps"}); r.Code != 400 {
		t.Errorf("include_archived=perhaps: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + b + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if n := len(listed("")); n != 1 {
		t.Errorf("after the restore: %d links, want 1", n)
	}
}

// sec17: a referral's person gives a Martinique number, written as people
// there write it; the person has no postal code, so the number was read in
// metropolitan France's metadata, which accepts 0596…, and stored +33 596…:
// a number the receiving structure could not ring. It is stored
// +596 596…, as the plan gives it.
func TestSec17ReferralPhoneOfAnOverseasPerson(t *testing.T) {
	w := newReferralWorld(t)
	for _, tc := range []struct{ written, want string }{
		{"05 96 52 73 85", "+596596527385"},
		{"+33 5 96 52 73 85", "+596596527385"},
		{"0269 61 10 10", "+262269611010"},
		{"06 87 12 34 56", "+33687123456"}, // a metropolitan mobile, not New Caledonia
	} {
		body := referralBody(w.a, w.s)
		body["person"].(obj)["contact"] = tc.written
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
		if r.Code != 201 {
			t.Fatalf("%s: %d %s", tc.written, r.Code, r.Body)
		}
		got := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + str(r.Map()["id"]), Token: w.memberB}).Map()
		if c := got["person"].(map[string]any)["contact"]; c != tc.want {
			t.Errorf("%s: stored %v, want %s", tc.written, c, tc.want)
		}
	}
}
