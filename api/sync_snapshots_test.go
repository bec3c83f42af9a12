package api_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// Snapshot sessions: a source's whole set sent in several batches, whose
// completion archives what none of them carried (the gap: a partner with
// more than 1,000 places could not send a snapshot at all).

const snapSource = "hub-du-sud"

type snapSession struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	OpenedAt    string  `json:"opened_at"`
	LastBatchAt *string `json:"last_batch_at"`
	ExpiresAt   string  `json:"expires_at"`
	Batches     int     `json:"batches"`
	Actors      int     `json:"actors"`
	Services    int     `json:"services"`
}

func snapPath(source string, rest ...string) string {
	return "/api/v1/sync/" + source + "/snapshots" + strings.Join(rest, "")
}

// openSnapshot opens a session of source as token and expects 201.
func openSnapshot(t *testing.T, e *apitest.Env, token, source string) snapSession {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: snapPath(source), Token: token})
	if r.Code != 201 {
		t.Fatalf("open a snapshot session: %d %s", r.Code, r.Body)
	}
	var s snapSession
	r.JSON(&s)
	if loc := r.Header().Get("Location"); loc != snapPath(source, "/", s.ID) {
		t.Errorf("Location %q, want %q", loc, snapPath(source, "/", s.ID))
	}
	return s
}

// clearSnapshot abandons the open session of source, if any (the
// authorization matrix opens one per role).
func clearSnapshot(t testing.TB, e *apitest.Env, source string) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: snapPath(source), Token: e.Admin})
	var id string
	switch r.Code {
	case 201:
		id = str(r.Map()["id"])
	case 409:
		var p struct {
			Errors []struct{ Field, Reason string } `json:"errors"`
		}
		r.JSON(&p)
		if len(p.Errors) == 0 {
			t.Fatalf("409 naming no session: %s", r.Body)
		}
		id = p.Errors[0].Reason[strings.LastIndex(p.Errors[0].Reason, " ")+1:]
	default:
		t.Fatalf("open a snapshot session: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: snapPath(source, "/", id), Token: e.Admin}); r.Code != 204 {
		t.Fatalf("abandon %s: %d %s", id, r.Code, r.Body)
	}
}

// freshSnapshot is a new session of source, the open one abandoned.
func freshSnapshot(t testing.TB, e *apitest.Env, source string) string {
	t.Helper()
	clearSnapshot(t, e, source)
	r := e.Do(apitest.Request{Method: "POST", Path: snapPath(source), Token: e.Admin})
	if r.Code != 201 {
		t.Fatalf("open a snapshot session: %d %s", r.Code, r.Body)
	}
	return str(r.Map()["id"])
}

func getSnapshot(t *testing.T, e *apitest.Env, id string) (int, snapSession) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: snapPath(snapSource, "/", id), Token: e.Admin})
	var s snapSession
	if r.Code == 200 {
		r.JSON(&s)
	}
	return r.Code, s
}

// snapPlace is a distinct valid place of the partner, keyed hub-N.
func snapPlace(i int) obj {
	a := partnerActor(fmt.Sprintf("hub-%04d", i), fmt.Sprintf("Point numérique %d", i))
	a["address"] = obj{"street": fmt.Sprintf("%d rue de la République", i%400+1), "postal_code": "13002", "commune": "Marseille", "insee_code": "13055"}
	return a
}

// sendBatch PUTs actors to the source's sync route with query and expects 200.
func sendBatch(t *testing.T, e *apitest.Env, query string, actors []obj) syncResult {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + snapSource + "/actors" + query, Token: e.Admin, Body: obj{"actors": actors}})
	if r.Code != 200 {
		t.Fatalf("batch %s: %d %s", query, r.Code, r.Body)
	}
	var out syncResult
	r.JSON(&out)
	return out
}

func complete(e *apitest.Env, id, query string) *apitest.Response {
	return e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource, "/", id, "/complete", query), Token: e.Admin})
}

func liveActors(t *testing.T, e *apitest.Env) float64 {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=" + snapSource + "&limit=1"})
	if r.Code != 200 {
		t.Fatalf("list: %d %s", r.Code, r.Body)
	}
	return r.Map()["meta"].(map[string]any)["total"].(float64)
}

// seed stores places 0..n-1 of the partner, in batches of 1,000.
func seed(t *testing.T, e *apitest.Env, n int) {
	t.Helper()
	for start := 0; start < n; start += 1000 {
		var batch []obj
		for i := start; i < min(start+1000, n); i++ {
			batch = append(batch, snapPlace(i))
		}
		if res := sendBatch(t, e, "", batch); res.Counts["created"] != len(batch) {
			t.Fatalf("seed: %v", res.Counts)
		}
	}
}

// TestSnapshotSessionArchivesWhatNoBatchCarried: a partner with 2,500
// places sends its set as three batches of a session (without 60 of them,
// withdrawn, and with 5 new ones); completing it archives exactly the 60.
func TestSnapshotSessionArchivesWhatNoBatchCarried(t *testing.T) {
	e := apitest.New(t)
	const n = 2500
	seed(t, e, n)
	gone := map[string]bool{}
	for i := 7; i < n; i += 41 {
		gone[fmt.Sprintf("hub-%04d", i)] = true
	}
	var set []obj
	for i := 0; i < n+5; i++ {
		if !gone[fmt.Sprintf("hub-%04d", i)] {
			set = append(set, snapPlace(i))
		}
	}
	s := openSnapshot(t, e, e.Admin, snapSource)
	if s.Source != snapSource || s.Actors != 0 || s.Services != 0 || s.LastBatchAt != nil {
		t.Errorf("new session: %+v", s)
	}
	opened, _ := time.Parse(time.RFC3339, s.OpenedAt)
	expires, _ := time.Parse(time.RFC3339, s.ExpiresAt)
	if expires.Sub(opened) != models.SnapshotSessionTTL {
		t.Errorf("expires_at %s, opened_at %s: want 24 hours after", s.ExpiresAt, s.OpenedAt)
	}
	for chunk := range slices.Chunk(set, 1000) {
		res := sendBatch(t, e, "?snapshot_id="+s.ID, chunk)
		if res.Counts["archived"] != 0 || res.Counts["rejected"] != 0 {
			t.Fatalf("a batch of the session archived or rejected: %v", res.Counts)
		}
	}
	if got := liveActors(t, e); got != n+5 {
		t.Fatalf("%v live places before completion, want %d: batches of a session archive nothing", got, n+5)
	}
	if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != len(set) || got.Services != 0 || got.Batches != 3 || got.LastBatchAt == nil {
		t.Fatalf("session after three batches: %d %+v, want %d actors", code, got, len(set))
	}

	r := complete(e, s.ID, "")
	if r.Code != 200 {
		t.Fatalf("complete: %d %s", r.Code, r.Body)
	}
	var rep struct {
		syncResult
		Mode       string `json:"mode"`
		SnapshotID string `json:"snapshot_id"`
	}
	r.JSON(&rep)
	if rep.Mode != "snapshot" || rep.SnapshotID != s.ID || rep.Counts["archived"] != len(gone) || len(rep.Results) != len(gone) {
		t.Fatalf("completion report: mode %s, %v, %d results; want %d archived", rep.Mode, rep.Counts, len(rep.Results), len(gone))
	}
	for _, x := range rep.Results {
		if x.Index != -1 || x.Result != "archived" || !gone[x.SourceID] {
			t.Errorf("result %+v: want index -1, archived, one of the withdrawn places", x)
		}
	}
	if got := liveActors(t, e); got != float64(n+5-len(gone)) {
		t.Errorf("%v live places after completion, want %d", got, n+5-len(gone))
	}
	if code, _ := getSnapshot(t, e, s.ID); code != 404 {
		t.Errorf("a completed session: %d, want 404", code)
	}
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + snapSource + "/actors?snapshot_id=" + s.ID, Token: e.Admin, Body: obj{"actors": []obj{snapPlace(1)}}}); r.Code != 404 || !hasAll(fields(t, r), "snapshot_id") {
		t.Errorf("a batch joining a completed session: %d %s", r.Code, r.Body)
	}
	// The next night's session may open.
	openSnapshot(t, e, e.Admin, snapSource)
}

// TestSnapshotSessionGuard: a completion that would archive more than 20%
// of the source's places is refused with the counts, and the session stays
// open for a completion with allow_mass_archive.
func TestSnapshotSessionGuard(t *testing.T) {
	e := apitest.New(t)
	seed(t, e, 10)
	s := openSnapshot(t, e, e.Admin, snapSource)
	var half []obj
	for i := 0; i < 5; i++ {
		half = append(half, snapPlace(i))
	}
	sendBatch(t, e, "?snapshot_id="+s.ID, half[:3])
	sendBatch(t, e, "?snapshot_id="+s.ID, half[3:])
	r := complete(e, s.ID, "")
	if r.Code != 409 || !hasAll(fields(t, r), "actors") || !strings.Contains(r.Body.String(), "5 of the source's 10 live actors") {
		t.Fatalf("guard: %d %s", r.Code, r.Body)
	}
	if got := liveActors(t, e); got != 10 {
		t.Errorf("the refused completion archived: %v live", got)
	}
	if code, _ := getSnapshot(t, e, s.ID); code != 200 {
		t.Fatalf("the session after a refusal: %d, want it open", code)
	}
	r = complete(e, s.ID, "?allow_mass_archive=true")
	if r.Code != 200 {
		t.Fatalf("complete with allow_mass_archive: %d %s", r.Code, r.Body)
	}
	var rep syncResult
	r.JSON(&rep)
	if rep.Counts["archived"] != 5 || liveActors(t, e) != 5 {
		t.Errorf("allow_mass_archive: %v", rep.Counts)
	}
}

// TestSnapshotSessionKeepsRejected: a record a batch carried and rejected
// keeps its stored version, as in a single-batch snapshot; a record of
// another source named in the batch too.
func TestSnapshotSessionKeepsRejected(t *testing.T) {
	e := apitest.New(t)
	seed(t, e, 10)
	s := openSnapshot(t, e, e.Admin, snapSource)
	batch := []obj{merge(snapPlace(0), obj{"address": obj{"postal_code": "1"}}), merge(snapPlace(1), obj{"source": "france-services"})}
	for i := 2; i < 9; i++ {
		batch = append(batch, snapPlace(i))
	}
	res := sendBatch(t, e, "?snapshot_id="+s.ID, batch)
	if res.Counts["rejected"] != 2 {
		t.Fatalf("batch: %v", res.Counts)
	}
	if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != 9 {
		t.Errorf("session: %+v, want the 9 source_ids the batch carried", got)
	}
	r := complete(e, s.ID, "")
	if r.Code != 200 {
		t.Fatalf("complete: %d %s", r.Code, r.Body)
	}
	var rep syncResult
	r.JSON(&rep)
	if rep.Counts["archived"] != 1 || rep.Results[0].SourceID != "hub-0009" {
		t.Errorf("archived %+v, want hub-0009 alone (the rejected records are kept)", rep.Results)
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=" + snapSource + "&limit=200"}).Map()
	for _, a := range list["data"].([]any) {
		if a := a.(map[string]any); a["source_id"] == "hub-0000" && a["address"].(map[string]any)["postal_code"] != "13002" {
			t.Errorf("the rejected record changed the stored one: %v", a["address"])
		}
	}
	if liveActors(t, e) != 9 {
		t.Errorf("%v live, want 9", liveActors(t, e))
	}
}

// TestSnapshotSessionKinds: a session covers the kinds it received batches
// of. Services only: the source's actors stay; services absent are
// archived. An empty list is a batch of its kind.
func TestSnapshotSessionKinds(t *testing.T) {
	e := apitest.New(t)
	seed(t, e, 2)
	syncServices(t, e, "", partnerService("s1", obj{"actor_source_id": "hub-0000"}), partnerService("s2", obj{"actor_source_id": "hub-0001"}),
		partnerService("s3", obj{"actor_source_id": "hub-0001"}), partnerService("s4", obj{"actor_source_id": "hub-0001"}),
		partnerService("s5", obj{"actor_source_id": "hub-0001"}), partnerService("s6", obj{"actor_source_id": "hub-0000"}))
	s := openSnapshot(t, e, e.Admin, snapSource)
	// No batch yet: nothing to complete.
	if r := complete(e, s.ID, ""); r.Code != 409 {
		t.Errorf("complete a session that received no batch: %d %s", r.Code, r.Body)
	}
	syncServices(t, e, "?snapshot_id="+s.ID, partnerService("s1", obj{"actor_source_id": "hub-0000"}), partnerService("s2", obj{"actor_source_id": "hub-0001"}),
		partnerService("s3", obj{"actor_source_id": "hub-0001"}), partnerService("s4", obj{"actor_source_id": "hub-0001"}),
		partnerService("s6", obj{"actor_source_id": "hub-0000"}))
	r := complete(e, s.ID, "")
	var rep syncResult
	r.JSON(&rep)
	if r.Code != 200 || rep.Counts["archived"] != 1 || rep.Results[0].SourceID != "s5" {
		t.Fatalf("services session: %d %s", r.Code, r.Body)
	}
	if liveActors(t, e) != 2 {
		t.Errorf("a session of services archived actors")
	}
	// An empty list of actors says the source has none left (the guard
	// still asks for allow_mass_archive).
	s = openSnapshot(t, e, e.Admin, snapSource)
	sendBatch(t, e, "?snapshot_id="+s.ID, []obj{})
	if r := complete(e, s.ID, "?allow_mass_archive=true"); r.Code != 200 || liveActors(t, e) != 0 {
		t.Errorf("an empty batch of actors: %d %s", r.Code, r.Body)
	}
}

// TestSnapshotSessionRules: who may use a session, one open per source,
// dry runs, abandoning, and the parameters' mistakes.
func TestSnapshotSessionRules(t *testing.T) {
	e := apitest.New(t)
	seed(t, e, 10)
	_, caf := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeSyncWrite})
	_, hub := e.Partner("Hub du Sud", []string{snapSource}, []string{models.ScopeSyncWrite})
	_, readOnly := e.Partner("Hub lecteur", []string{snapSource}, []string{models.ScopeDirectoryWrite})

	t.Run("ErrForbidden another source's partner", func(t *testing.T) {
		if r := e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource), Token: caf}); r.Code != 403 {
			t.Errorf("open: %d %s", r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource), Token: readOnly}); r.Code != 403 {
			t.Errorf("open without sync:write: %d %s", r.Code, r.Body)
		}
		s := openSnapshot(t, e, hub, snapSource)
		defer e.Do(apitest.Request{Method: "DELETE", Path: snapPath(snapSource, "/", s.ID), Token: hub})
		for _, c := range []struct{ method, suffix string }{{"GET", ""}, {"DELETE", ""}, {"POST", "/complete"}} {
			if r := e.Do(apitest.Request{Method: c.method, Path: snapPath(snapSource, "/", s.ID, c.suffix), Token: caf}); r.Code != 403 {
				t.Errorf("%s %s as another source's partner: %d %s", c.method, c.suffix, r.Code, r.Body)
			}
		}
		// The session of another source answers 404 under this one, to
		// its batches as well.
		if r := e.Do(apitest.Request{Method: "GET", Path: snapPath("caf-13", "/", s.ID), Token: caf}); r.Code != 404 {
			t.Errorf("GET under another source: %d %s", r.Code, r.Body)
		}
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors?snapshot_id=" + s.ID, Token: caf, Body: obj{"actors": []obj{partnerActor("c1", "CAF")}}})
		if r.Code != 404 || !hasAll(fields(t, r), "snapshot_id") {
			t.Errorf("a batch of caf-13 joining hub-du-sud's session: %d %s", r.Code, r.Body)
		}
		if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != 0 {
			t.Errorf("session after a refused batch: %d %+v", code, got)
		}
	})

	t.Run("ErrConflict one open session per source", func(t *testing.T) {
		s := openSnapshot(t, e, e.Admin, snapSource)
		r := e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource), Token: hub})
		if r.Code != 409 || !strings.Contains(r.Body.String(), s.ID) {
			t.Fatalf("second session: %d %s", r.Code, r.Body)
		}
		other := openSnapshot(t, e, caf, "caf-13") // another source may
		if r := e.Do(apitest.Request{Method: "DELETE", Path: snapPath(snapSource, "/", s.ID), Token: hub}); r.Code != 204 {
			t.Fatalf("abandon: %d %s", r.Code, r.Body)
		}
		s2 := openSnapshot(t, e, hub, snapSource)
		for _, id := range []string{s2.ID} {
			e.Do(apitest.Request{Method: "DELETE", Path: snapPath(snapSource, "/", id), Token: hub})
		}
		e.Do(apitest.Request{Method: "DELETE", Path: snapPath("caf-13", "/", other.ID), Token: caf})
	})

	t.Run("OK dry runs record and archive nothing", func(t *testing.T) {
		s := openSnapshot(t, e, hub, snapSource)
		res := sendBatch(t, e, "?dry_run=true&snapshot_id="+s.ID, []obj{snapPlace(0), snapPlace(1)})
		if res.Counts["unchanged"] != 2 {
			t.Fatalf("dry batch: %v", res.Counts)
		}
		if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != 0 || got.Batches != 0 || got.LastBatchAt != nil {
			t.Errorf("a dry-run batch was recorded: %+v", got)
		}
		var nine []obj
		for i := 0; i < 9; i++ {
			nine = append(nine, snapPlace(i))
		}
		sendBatch(t, e, "?snapshot_id="+s.ID, nine)
		r := complete(e, s.ID, "?dry_run=true")
		var rep syncResult
		r.JSON(&rep)
		if r.Code != 200 || rep.Counts["archived"] != 1 || !strings.Contains(r.Body.String(), `"dry_run":true`) {
			t.Fatalf("dry completion: %d %s", r.Code, r.Body)
		}
		if liveActors(t, e) != 10 {
			t.Error("a dry completion archived")
		}
		if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != 9 {
			t.Fatalf("the session after a dry completion: %d %+v, want it open", code, got)
		}
		// Abandoned: nothing archived, the session is gone.
		if r := e.Do(apitest.Request{Method: "DELETE", Path: snapPath(snapSource, "/", s.ID), Token: hub}); r.Code != 204 {
			t.Fatalf("abandon: %d %s", r.Code, r.Body)
		}
		if liveActors(t, e) != 10 {
			t.Error("abandoning archived")
		}
		if code, _ := getSnapshot(t, e, s.ID); code != 404 {
			t.Errorf("an abandoned session: %d", code)
		}
		if r := complete(e, s.ID, ""); r.Code != 404 {
			t.Errorf("complete an abandoned session: %d", r.Code)
		}
	})

	t.Run("ErrBadRequest parameters", func(t *testing.T) {
		s := openSnapshot(t, e, hub, snapSource)
		defer e.Do(apitest.Request{Method: "DELETE", Path: snapPath(snapSource, "/", s.ID), Token: hub})
		for _, c := range []struct {
			query string
			code  int
		}{
			{"?mode=snapshot&snapshot_id=" + s.ID, 400},
			{"?snapshot_id=", 400},
			{"?snapshot_id=" + models.NewID(), 404},
			{"?snapshot_id=pas-un-id", 400}, // no UUID: format: uuid (TestSnapshotIDReadAsAnID)
		} {
			r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + snapSource + "/actors" + c.query, Token: hub, Body: obj{"actors": []obj{snapPlace(0)}}})
			if r.Code != c.code || !hasAll(fields(t, r), "snapshot_id") {
				t.Errorf("%s: %d %s, want %d naming snapshot_id", c.query, r.Code, r.Body, c.code)
			}
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource, "/", s.ID, "/complete?allow_mass=true"), Token: hub}); r.Code != 400 {
			t.Errorf("an unknown parameter of complete: %d %s", r.Code, r.Body)
		}
	})
}

// TestSnapshotSessionExpires: a session lives 24 hours after its last
// batch; expired, it answers 410 (batches, reads, completion) and archives
// nothing, until it is purged when another session is opened (404 then).
func TestSnapshotSessionExpires(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	seed(t, e, 5)
	s := openSnapshot(t, e, e.Admin, snapSource)
	advance(23 * time.Hour)
	sendBatch(t, e, "?snapshot_id="+s.ID, []obj{snapPlace(0), snapPlace(1), snapPlace(2), snapPlace(3)})
	advance(23 * time.Hour) // 46 hours after opening, 23 after the batch
	code, got := getSnapshot(t, e, s.ID)
	if code != 200 || got.ExpiresAt != now.Add(time.Hour).Format(models.TimeLayout) {
		t.Fatalf("23 hours after its batch: %d %+v, want it open until %s", code, got, now.Add(time.Hour).Format(time.RFC3339))
	}
	advance(time.Hour)
	if code, _ := getSnapshot(t, e, s.ID); code != 410 {
		t.Errorf("expired session: %d, want 410", code)
	}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + snapSource + "/actors?snapshot_id=" + s.ID, Token: e.Admin, Body: obj{"actors": []obj{snapPlace(4)}}})
	if r.Code != 410 || !hasAll(fields(t, r), "snapshot_id") {
		t.Errorf("a batch joining an expired session: %d %s", r.Code, r.Body)
	}
	if r := complete(e, s.ID, "?allow_mass_archive=true"); r.Code != 410 {
		t.Errorf("complete an expired session: %d %s", r.Code, r.Body)
	}
	if liveActors(t, e) != 5 {
		t.Error("an expired session archived")
	}
	// An expired session does not hold the source: a new one opens, and
	// the expired one is purged.
	openSnapshot(t, e, e.Admin, snapSource)
	if code, _ := getSnapshot(t, e, s.ID); code != 404 {
		t.Errorf("a purged session: %d, want 404", code)
	}
	// The periodic maintenance purges too.
	advance(25 * time.Hour)
	rep, err := e.Store.Maintain(t.Context(), models.DefaultReferralPolicy)
	if err != nil || rep.Snapshots != 1 {
		t.Errorf("maintenance purged %d sessions (%v), want 1", rep.Snapshots, err)
	}
}

// TestSnapshotSessionOpensOnce: opens racing for one source (two replicas
// of a partner's job, on PostgreSQL two processes) leave one session.
func TestSnapshotSessionOpensOnce(t *testing.T) {
	e := apitest.New(t)
	codes := make([]int, 8)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			codes[i] = e.Do(apitest.Request{Method: "POST", Path: snapPath(snapSource), Token: e.Admin}).Code
		})
	}
	wg.Wait()
	slices.Sort(codes)
	if codes[0] != 201 || codes[1] != 409 || codes[len(codes)-1] != 409 {
		t.Errorf("racing opens answered %v, want one 201 and 409s", codes)
	}
}
