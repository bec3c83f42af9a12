package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// Referrals: outsiders see nothing, the feed says nothing of others'
// activity, statistics hide small cells, erasure leaves nothing anywhere
// (the WAL included), and every read by another is traced.

// sec12: the referral feed's seq and cursor were the platform-wide
// sequence of referral events. A member of any structure, following its own
// feed, read in the gap between two of its own events how many referrals
// were sent, accepted, forwarded, reminded or written about on the whole
// platform meanwhile — exactly, at the second (a message of its own is an
// event it can post at will): the count in a narrow window that the
// statistics withhold and perturb. What a follower is shown of that
// sequence must say nothing of the events it cannot see: neither its own
// events' seqs nor their cursors may move with other structures' activity.
func TestSec12ReferralFeedSeqSaysNothingOfOthersActivity(t *testing.T) {
	feed := func(busy bool) (seqs []string, cursors []string) {
		w := newReferralWorld(t)
		e := w.e
		// Both platforms under one key: what differs is only what
		// happened between C's two events.
		if err := e.Store.PinReferralFeedKey(context.Background(), []byte("sec12: one key for both platforms")); err != nil {
			t.Fatal(err)
		}
		sendC := func() {
			t.Helper()
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberC, Body: referralBody(w.c, w.s)}); r.Code != 201 {
				t.Fatalf("C sends: %d %s", r.Code, r.Body)
			}
		}
		sendC()
		if busy { // A and B work together meanwhile
			id := w.send(t)
			if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
				t.Fatalf("accept: %d %s", r.Code, r.Body)
			}
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": "Bonjour"}}); r.Code != 201 {
				t.Fatalf("message: %d %s", r.Code, r.Body)
			}
		}
		sendC()
		cursor := "0"
		for range 2 {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?limit=1&cursor=" + cursor, Token: w.memberC})
			if r.Code != 200 {
				t.Fatalf("C's feed: %d %s", r.Code, r.Body)
			}
			var page struct {
				Data []struct {
					Seq int64 `json:"seq"`
				} `json:"data"`
				Meta struct {
					NextCursor string `json:"next_cursor"`
				} `json:"meta"`
			}
			r.JSON(&page)
			if len(page.Data) != 1 {
				t.Fatalf("C's feed: %s", r.Body)
			}
			seqs = append(seqs, str(page.Data[0].Seq))
			cursors = append(cursors, page.Meta.NextCursor)
			cursor = page.Meta.NextCursor
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?cursor=" + cursor, Token: w.memberC}); len(r.Map()["data"].([]any)) != 0 {
			t.Errorf("past C's last event, its feed still answers: %s", r.Body)
		}
		return seqs, cursors
	}
	quietSeqs, quietCursors := feed(false)
	busySeqs, busyCursors := feed(true)
	// Three events of A and B came between C's two: a sent referral, its
	// acceptance, a message. Subtracting must not give them back.
	gap := func(s []string) int64 {
		a, _ := strconv.ParseInt(s[0], 10, 64)
		b, _ := strconv.ParseInt(s[1], 10, 64)
		return b - a
	}
	if gap(busySeqs)-gap(quietSeqs) == 3 || gap(busyCursors)-gap(quietCursors) == 3 {
		t.Errorf("C's own two events read seqs %v (cursors %v) on a quiet platform and %v (%v) while two other structures worked together: the difference counts their three events",
			quietSeqs, quietCursors, busySeqs, busyCursors)
	}
}

// sec12: a cursor no page of the referral feed gave (a plain seq kept from
// before the values were keyed, or a forged one) is refused, not read as a
// place past the end where the follower would wait for ever; the feed's
// own cursors page through every change exactly once.
func TestSec12ReferralFeedRefusesCursorsItNeverGave(t *testing.T) {
	w := newReferralWorld(t)
	var ids []string
	for range 3 {
		ids = append(ids, w.send(t))
	}
	seen := map[string]int{}
	cursor := "0"
	for range 10 {
		r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?limit=1&cursor=" + cursor, Token: w.memberB})
		if r.Code != 200 {
			t.Fatalf("cursor %s: %d %s", cursor, r.Code, r.Body)
		}
		page := r.Map()
		for _, d := range page["data"].([]any) {
			seen[str(d.(obj)["referral_id"])]++
		}
		cursor = str(page["meta"].(obj)["next_cursor"])
		if page["meta"].(obj)["has_more"] != true {
			break
		}
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Errorf("referral %s read %d times through the cursors, want once", id, seen[id])
		}
	}
	for _, c := range []string{"1", "2", "3", "4611686018427387905", "9223372036854775807"} {
		if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?cursor=" + c, Token: w.memberB}); r.Code != 400 {
			t.Errorf("cursor %s that no page gave: %d %s, want 400", c, r.Code, r.Body)
		}
	}
}

// sec16: retention erases the person's data, and a checkpoint then empties
// the WAL, which still holds the pages as they were. A reader holding the
// WAL at that moment (a slow export, a long list) makes the checkpoint give
// up; the erasure was committed, so the next run found nothing to erase
// and never checkpointed again: the names, phone and situation stayed in
// carnet.db-wal until the log happened to wrap over them — days in a quiet
// service. An erasure now leaves a mark that only a successful checkpoint
// clears, and every maintenance run checkpoints while it is there.
func TestSec16ErasureCheckpointRetriedAfterAReaderHeldTheWAL(t *testing.T) {
	if dbtest.Engine() == "postgres" {
		t.Skip("reads SQLite's files")
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	markers := []string{"Quillévéré-Baptistin", "Yolaine-Artémise", "Disponible le jeudi après 16h30"}
	for i := 0; i < 3; i++ {
		body := referralBody(w.a, w.s)
		body["situation"] = strings.Repeat("Situation de Madame Quillévéré-Baptistin. ", 47)
		body["person"] = obj{"first_name": "Yolaine-Artémise", "last_name": "Quillévéré-Baptistin", "contact_channel": "phone",
			"contact": "06 22 44 66 88", "availability": "Disponible le jeudi après 16h30"}
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
		if r.Code != 201 {
			t.Fatalf("send: %d %s", r.Code, r.Body)
		}
		w.move(w.memberB, str(r.Map()["id"]), "refused", obj{"reason": "other", "details": "Yolaine-Artémise injoignable"})
	}
	mu.Lock()
	now = now.Add(200 * 24 * time.Hour)
	mu.Unlock()
	ctx := context.Background()
	// A reader holds the WAL while retention runs.
	raw := dbtest.Raw(t, w.e.DBPath)
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM referrals").Scan(&n); err != nil {
		t.Fatal(err)
	}
	_, erased, err := w.e.Store.MaintainReferrals(ctx, models.DefaultReferralPolicy)
	if erased != 3 {
		t.Fatalf("anonymised %d (%v), want 3", erased, err)
	}
	if err == nil {
		t.Log("the checkpoint went through despite the reader: nothing to retry")
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	// The next run has nothing new to erase.
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	if _, erased, err := w.e.Store.MaintainReferrals(ctx, models.DefaultReferralPolicy); err != nil || erased != 0 {
		t.Fatalf("second run: anonymised %d (%v)", erased, err)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(w.e.DBPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("carnet.db%s still holds %q after the next maintenance run (%d bytes)", suffix, m, len(b))
			}
		}
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

// statsOf reads the referral statistics as a generic document.
func statsOf(t *testing.T, w *referralWorld, token, query string) map[string]any {
	t.Helper()
	return getAs(t, w.e, token, "/api/v1/stats/referrals"+query, 200)
}

// smallCells lists every count of a statistics document between 1 and
// threshold-1: the cells that would describe a handful of referrals.
func smallCells(st map[string]any, threshold float64) []string {
	var out []string
	small := func(where string, v any) {
		if n, ok := v.(float64); ok && n > 0 && n < threshold {
			out = append(out, where)
		}
	}
	for _, k := range []string{"total", "accepted", "reminders"} {
		small(k, st[k])
	}
	for _, sec := range []string{"by_status", "by_theme", "by_month", "by_refusal_reason"} {
		m, _ := st[sec].(map[string]any)
		for k, v := range m {
			small(sec+"/"+k, v)
		}
	}
	ss, _ := st["structures"].([]any)
	for _, s := range ss {
		s := s.(map[string]any)
		small("structures/"+str(s["name"])+"/sent", s["sent"])
		small("structures/"+str(s["name"])+"/received", s["received"])
	}
	return out
}

// TestReferralStatsSmallCells is the known leak: a coordinator narrows the
// window around one referral and reads its two structures, status and
// themes from counts of 1. Callers other than administrators and the
// structures' own managers get small cells withheld, windows in whole days,
// and a second cell withheld where one alone could be recovered from the
// total; the exact figures stay for administrators and for a structure's
// own referrals.
func TestReferralStatsSmallCells(t *testing.T) {
	w := newReferralWorld(t)
	ids := []string{w.send(t)}
	now := time.Now().UTC()
	narrow := "?created_since=" + url.QueryEscape(now.Add(-5*time.Second).Format(time.RFC3339)) +
		"&created_before=" + url.QueryEscape(now.Add(5*time.Second).Format(time.RFC3339))

	for who, q := range map[string]string{"coordinator, narrow window": narrow, "coordinator": "",
		"coordinator, one structure": "?actor_id=" + w.a, "coordinator, one structure, narrow": narrow + "&actor_id=" + w.b} {
		st := statsOf(t, w, w.coord, q)
		if cells := smallCells(st, 5); len(cells) > 0 {
			t.Errorf("%s reads small counts %v: %v", who, cells, st)
		}
		if st["total"] != nil {
			t.Errorf("%s: total %v, want withheld (null)", who, st["total"])
		}
		if ss, _ := st["structures"].([]any); len(ss) != 0 {
			t.Errorf("%s learns which structures exchanged a referral: %v", who, ss)
		}
		d, _ := st["disclosure"].(map[string]any)
		if d == nil || d["exact"] != false || d["threshold"] != float64(5) {
			t.Errorf("%s: disclosure %v", who, d)
		}
	}
	// The window is widened to whole UTC days for such callers.
	d := statsOf(t, w, w.coord, narrow)["disclosure"].(map[string]any)
	day := now.Truncate(24 * time.Hour)
	if d["created_since"] != day.Format(models.TimeLayout) || d["created_before"] != day.Add(24*time.Hour).Format(models.TimeLayout) {
		t.Errorf("window not in whole days: %v", d)
	}

	// Exact counts for administrators and a structure's own managers.
	for who, tc := range map[string]struct{ token, q string }{"administrator": {w.e.Admin, narrow}, "manager of A": {w.managerA, narrow + "&actor_id=" + w.a}} {
		st := statsOf(t, w, tc.token, tc.q)
		if st["total"] != float64(1) || st["by_status"].(map[string]any)["sent"] != float64(1) || len(st["structures"].([]any)) != 2 {
			t.Errorf("%s: %v", who, st)
		}
		if d := st["disclosure"].(map[string]any); d["exact"] != true {
			t.Errorf("%s: disclosure %v", who, d)
		}
	}

	// Secondary suppression: 5 more referrals, one refused, the others
	// accepted: accepted 5 and refused 1 of a total of 6 — withholding
	// refused alone, total minus accepted would give it back.
	for range 4 {
		ids = append(ids, w.send(t))
	}
	if r := w.move(w.memberB, w.send(t), "refused", obj{"reason": "service_full"}); r.Code != 200 {
		t.Fatalf("refuse: %d %s", r.Code, r.Body)
	}
	for _, id := range ids {
		if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
			t.Fatalf("accept: %d %s", r.Code, r.Body)
		}
	}
	st := statsOf(t, w, w.coord, "")
	byStatus := st["by_status"].(map[string]any)
	// (The total is perturbed by at most 2: TestReferralStatsDifferencingGivesNothingBack.)
	if total, _ := st["total"].(float64); total < 5 || total > 8 || byStatus["refused"] != nil || byStatus["accepted"] != nil {
		t.Errorf("total %v, by_status %v: want 6±2 with accepted and refused both withheld", st["total"], byStatus)
	}
	// The median of 5 delays is one referral's: to the hour only.
	if m := st["median_hours_to_acceptance"]; m != float64(0) {
		t.Errorf("coordinator's median %v, want 0 (a few milliseconds, rounded to the hour)", m)
	}
	if m, _ := statsOf(t, w, w.e.Admin, "")["median_hours_to_acceptance"].(float64); m <= 0 || m >= 1 {
		t.Errorf("administrator's median %v, want the exact fraction of an hour", m)
	}
	if _, listed := byStatus["refused"]; !listed {
		t.Errorf("a withheld cell is listed as null, not left out (which would read as 0): %v", byStatus)
	}
	if cells := smallCells(st, 5); len(cells) > 0 {
		t.Errorf("small counts %v", cells)
	}
	// The CSV withholds the same cells: an empty count.
	r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/referrals", Token: w.coord, Header: map[string]string{"Accept": "text/csv"}})
	if !strings.Contains(r.Body.String(), "status,refused,,\n") || strings.Contains(r.Body.String(), "status,refused,,1") {
		t.Errorf("CSV: %s", r.Body)
	}
	if st := statsOf(t, w, w.e.Admin, ""); st["by_status"].(map[string]any)["refused"] != float64(1) {
		t.Errorf("administrator: %v", st)
	}
}

// scrub removes from a problem document what differs between two requests
// anyway: the id asked for and the request id.
func scrub(body, id string) string {
	return requestIDs.ReplaceAllString(strings.ReplaceAll(body, id, "ID"), "")
}

var requestIDs = regexp.MustCompile(`"request_id":"[^"]*"`)

// TestReferralOutsidersSeeNothing is the attack pass on referrals: one
// referral from A to B, accepted, with a message; a third structure, a
// coordinator of the territory, a partner with every scope, an anonymous
// caller, a member of A whose session ended and an administrator who is
// no member try every route that touches referrals. None reads the
// person's data or learns that the referral exists (the same answer as for
// an id that does not exist), none changes it, and nothing they did shows
// up as a read in the structures' trail — they read nothing.
func TestReferralOutsidersSeeNothing(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	id := w.send(t)
	if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberA, Body: obj{"body": "Elle viendra mardi, " + personFirst}}); r.Code != 201 {
		t.Fatalf("message: %d %s", r.Code, r.Body)
	}
	ended := login(t, e, "aidant.a@example.fr", "a password for tests")
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: obj{"refresh_token": ended.refresh}}); r.Code != 204 {
		t.Fatalf("logout: %d %s", r.Code, r.Body)
	}
	_, partner := e.Partner("Partenaire", []string{"caf-13"}, models.AllScopes)
	other := w.c
	otherSvc := str(createService(t, e, validService(other, "Atelier"))["id"])
	unknown := models.NewID()

	secrets := []string{personFirst, personLast, "611223344", personSitText, "Le matin", "Merci de la rappeler", "Elle viendra mardi"}
	byID := func(ref string) []apitest.Request {
		p := "/api/v1/referrals/" + ref
		return []apitest.Request{
			{Method: "GET", Path: p},
			{Method: "GET", Path: p + "/messages"},
			{Method: "POST", Path: p + "/messages", Body: obj{"body": "Bonjour"}},
			{Method: "POST", Path: p + "/transitions", Body: obj{"status": "completed"}},
			{Method: "POST", Path: p + "/transitions", Body: obj{"status": "cancelled"}},
			{Method: "POST", Path: p + "/transitions", Body: obj{"status": "completed"}, Header: map[string]string{"If-Match": `"1"`}},
			{Method: "POST", Path: p + "/forward", Body: obj{"to_service_id": otherSvc, "consent": obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}}},
		}
	}
	wide := []apitest.Request{
		{Method: "GET", Path: "/api/v1/referrals"},
		{Method: "GET", Path: "/api/v1/referrals?person_name=" + url.QueryEscape(personFirst)},
		{Method: "GET", Path: "/api/v1/referrals?actor_id=" + w.a},
		{Method: "GET", Path: "/api/v1/referrals", Header: map[string]string{"Accept": "text/csv"}},
		{Method: "GET", Path: "/api/v1/referrals/changes?cursor=0"},
		{Method: "GET", Path: "/api/v1/stats/referrals"},
		{Method: "GET", Path: "/api/v1/stats/referrals", Header: map[string]string{"Accept": "text/csv"}},
		{Method: "GET", Path: "/api/v1/stats/referrals?actor_id=" + w.a},
		{Method: "GET", Path: "/api/v1/changes"},
		{Method: "GET", Path: "/api/v1/trail?limit=200"},
		{Method: "GET", Path: "/api/v1/actors/" + w.a + "/trail?limit=200"},
		{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?limit=200"},
		{Method: "GET", Path: "/api/v1/actors/" + w.a + "/history"},
		{Method: "GET", Path: "/api/v1/services/" + w.s + "/history"},
		{Method: "GET", Path: "/api/v1/actors/" + w.b},
		{Method: "GET", Path: "/api/v1/search/services?q=" + url.QueryEscape(personFirst)},
		{Method: "GET", Path: "/api/v1/search/actors?q=" + url.QueryEscape(personLast)},
	}
	for who, tok := range map[string]string{"member of C": w.memberC, "coordinator": w.coord, "partner": partner, "anonymous": "",
		"ended session of A": ended.access, "administrator": e.Admin} {
		t.Run(who, func(t *testing.T) {
			real, none := byID(id), byID(unknown)
			for i := range real {
				a, b := real[i], none[i]
				a.Token, b.Token = tok, tok
				ra, rb := e.Do(a), e.Do(b)
				if ra.Code < 400 || ra.Code != rb.Code || scrub(ra.Body.String(), id) != scrub(rb.Body.String(), unknown) {
					t.Errorf("%s %s: %d %s\n  an unknown id: %d %s", a.Method, a.Path, ra.Code, ra.Body, rb.Code, rb.Body)
				}
			}
			for _, req := range wide {
				req.Token = tok
				r := e.Do(req)
				for _, s := range secrets {
					if strings.Contains(r.Body.String(), s) && !strings.Contains(req.Path, url.QueryEscape(s)) { // the query echoed in links is the caller's own
						t.Errorf("%s %s: %d carries %q", req.Method, req.Path, r.Code, s)
					}
				}
				if r.Code == 200 && strings.Contains(r.Body.String(), id) && !strings.Contains(req.Path, "/trail") {
					t.Errorf("%s %s names the referral: %s", req.Method, req.Path, r.Body)
				}
			}
		})
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()
	msgs := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB}).Map()
	if got["status"] != "accepted" || len(msgs["data"].([]any)) != 1 {
		t.Errorf("outsiders changed the referral: %v, %v", got["status"], msgs)
	}
	for _, actor := range []string{w.a, w.b} {
		_, mgr := e.Account("trail."+actor[len(actor)-6:]+"@example.fr", map[string]models.Role{actor: models.RoleManager}, models.Territory{})
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + actor + "/trail?action=referral.read", Token: mgr}); len(r.Map()["data"].([]any)) != 0 {
			t.Errorf("reads traced though nobody read: %s", r.Body)
		}
	}
}

// TestRetentionLeavesNothingAnywhere: every way a person's data enters
// Carnet — the referral sent with an Idempotency-Key, e-mails queued to
// the structures, a read by a member who joined later (traced), a name
// search, messages, a refusal's details, a forward with its word — and,
// after retention, not one byte of it anywhere in the database files:
// rows, audit, change log, trail, outbox, idempotency store, FTS tables,
// free pages, WAL.
func TestRetentionLeavesNothingAnywhere(t *testing.T) {
	if dbtest.Engine() == "postgres" {
		t.Skip("reads SQLite's files")
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*3650*time.Hour), apitest.WithNotifications())
	e := w.e
	svcC := str(createService(t, e, validService(w.c, "Atelier"))["id"])
	markers := []string{"Philomène-Aurélie", "Zwingelstein", "677889911", "Jeudi matin seulement", "Situation très particulière de Philomène",
		"Un mot de Zwingelstein", "Refus pour Philomène", "Suite pour Zwingelstein"}
	body := referralBody(w.a, w.s)
	body["situation"] = "Situation très particulière de Philomène"
	body["message"] = "Un mot de Zwingelstein"
	body["person"] = obj{"first_name": "Philomène-Aurélie", "last_name": "Zwingelstein", "contact_channel": "phone", "contact": "06 77 88 99 11", "availability": "Jeudi matin seulement"}
	var ids []string
	for i, end := range []string{"refused", "forwarded"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body, Header: map[string]string{"Idempotency-Key": "k-" + end}})
		if r.Code != 201 {
			t.Fatalf("send: %d %s", r.Code, r.Body)
		}
		id := str(r.Map()["id"])
		ids = append(ids, id)
		e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body, Header: map[string]string{"Idempotency-Key": "k-" + end}})
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": "Rappel pour Philomène-Aurélie Zwingelstein"},
			Header: map[string]string{"Idempotency-Key": "m-" + end}}); r.Code != 201 {
			t.Fatalf("message: %d %s", r.Code, r.Body)
		}
		e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=" + url.QueryEscape("Philomène Zwingelstein"), Token: w.memberB})
		if i == 0 {
			if r := w.move(w.memberB, id, "refused", obj{"reason": "other", "details": "Refus pour Philomène"}); r.Code != 200 {
				t.Fatalf("refuse: %d %s", r.Code, r.Body)
			}
			continue
		}
		r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Header: map[string]string{"Idempotency-Key": "f-" + end},
			Body: obj{"to_service_id": svcC, "message": "Suite pour Zwingelstein", "consent": obj{"given": true, "given_on": "2026-11-22", "referent_commitment": true}}})
		if r.Code != 201 {
			t.Fatalf("forward: %d %s", r.Code, r.Body)
		}
	}
	_, late := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	_ = late
	for _, id := range ids {
		e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: late})
	}
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=Zwingelstein", Token: late})

	mu.Lock()
	now = now.Add(800 * 24 * time.Hour)
	mu.Unlock()
	if _, n, err := e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy); err != nil || n < 3 {
		t.Fatalf("anonymised %d (%v), want 3", n, err)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(e.DBPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) || bytes.Contains(b, []byte(strings.ToLower(m))) {
				t.Errorf("carnet.db%s still holds %q after retention", suffix, m)
			}
		}
	}
}

// TestAdministratorsStatisticsAreTraced: an administrator reads exact
// statistics, which over a narrow window describe single referrals (two
// structures, a status, themes) — a read of referral data by someone
// outside the two structures, so each structure the answer shows with a
// count from 1 to 4, and the structure asked about, lists it in its trail.
// Protected figures (a coordinator's) and a structure's own are not
// traced: they describe no single referral of someone else's.
func TestAdministratorsStatisticsAreTraced(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	w.send(t)
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	_, managerC := e.Account("direction.c@example.fr", map[string]models.Role{w.c: models.RoleManager}, models.Territory{})
	reads := func(token, actor string) []any {
		t.Helper()
		return getAs(t, e, token, "/api/v1/actors/"+actor+"/trail?action=referral.statistics_read", 200)["data"].([]any)
	}
	statsOf(t, w, w.coord, "")
	statsOf(t, w, w.managerA, "?actor_id="+w.a)
	if n := len(reads(w.managerA, w.a)) + len(reads(managerB, w.b)); n != 0 {
		t.Fatalf("%d statistics reads traced for protected or own figures", n)
	}
	statsOf(t, w, e.Admin, "")
	for who, tc := range map[string]struct{ token, actor string }{"A": {w.managerA, w.a}, "B": {managerB, w.b}} {
		got := reads(tc.token, tc.actor)
		if len(got) != 1 {
			t.Errorf("%s: %d statistics reads traced, want 1", who, len(got))
			continue
		}
		if ev := got[0].(map[string]any); ev["who_label"] != models.UnnamedAccountLabel {
			t.Errorf("%s: %v", who, ev)
		}
	}
	statsOf(t, w, e.Admin, "?actor_id="+w.c)
	if got := reads(managerC, w.c); len(got) != 1 {
		t.Errorf("C asked about by an administrator: %d reads traced", len(got))
	}
}

// TestReferralValidationQuotesNoValue: validation reasons on a referral
// name fields, never values. A theme that is not one (the person's name
// and phone typed into it) came back quoted in the 422.
func TestReferralValidationQuotesNoValue(t *testing.T) {
	w := newReferralWorld(t)
	body := referralBody(w.a, w.s)
	body["themes"] = []string{personFirst + " " + personPhone}
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
	if r.Code != 422 || !slices.Contains(fields(t, r), "themes[0]") {
		t.Fatalf("%d %s, want 422 naming themes[0]", r.Code, r.Body)
	}
	if strings.Contains(r.Body.String(), personFirst) || strings.Contains(r.Body.String(), personPhone) {
		t.Errorf("the problem quotes the value: %s", r.Body)
	}
}

// TestReferralStatsToTheEndOfTime: a window to the last moment of 9999
// (« no end ») widened to whole days passed the year 10000, which no JSON
// time writes: the coordinator got 200 with an empty body.
func TestReferralStatsToTheEndOfTime(t *testing.T) {
	w := newReferralWorld(t)
	w.send(t)
	for _, token := range []string{w.coord, w.e.Admin} {
		st := statsOf(t, w, token, "?created_before="+url.QueryEscape("9999-12-31T23:59:59Z"))
		if b, _ := json.Marshal(st); !strings.Contains(string(b), `"created_before":"9999-12-31T23:59:59.000000Z"`) {
			t.Errorf("window: %s", b)
		}
	}
}
