package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// sendAs sends a referral of a person named first last from A, as token.
func (w *referralWorld) sendAs(t *testing.T, token, service, first, last string) string {
	t.Helper()
	body := referralBody(w.a, service)
	body["person"] = obj{"first_name": first, "last_name": last, "contact_channel": "phone", "contact": personPhone}
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: token, Body: body})
	if r.Code != 201 {
		t.Fatalf("send: %d %s", r.Code, r.Body)
	}
	return str(r.Map()["id"])
}

func listIDs(t *testing.T, e *apitest.Env, token, query string) ([]string, float64) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals" + query, Token: token})
	if r.Code != 200 {
		t.Fatalf("%s: %d %s", query, r.Code, r.Body)
	}
	var page struct {
		Data []struct{ ID string }
		Meta struct{ Total float64 }
	}
	r.JSON(&page)
	var ids []string
	for _, d := range page.Data {
		ids = append(ids, d.ID)
	}
	return ids, page.Meta.Total
}

// TestReferralFilters: a structure finds its work by the person's name
// (accents, case, word beginnings), service, sender, « mine », status and
// dates; paging with a name filter neither skips nor repeats.
func TestReferralFilters(t *testing.T) {
	w := newReferralWorld(t)
	s2 := str(createService(t, w.e, validService(w.b, "Atelier tablette"))["id"])
	_, bareAUser := w.bareA, ""
	_ = bareAUser
	ids := map[string]string{
		"helene":  w.sendAs(t, w.memberA, w.s, "Hélène", "Dupont-Ménard"),
		"helena":  w.sendAs(t, w.memberA, s2, "Helena", "Martin"),
		"marc":    w.sendAs(t, w.bareA, w.s, "Marc", "Dupont"),
		"zoe":     w.sendAs(t, w.bareA, s2, "Zoé", "N'Diaye"),
		"menardo": w.sendAs(t, w.memberA, w.s, "Paul", "Menardo"),
	}
	w.move(w.memberB, ids["marc"], "accepted", nil)
	set := func(keys ...string) string {
		var out []string
		for _, k := range keys {
			out = append(out, ids[k])
		}
		return strings.Join(sorted(out), ",")
	}
	q := url.QueryEscape
	cases := []struct {
		token, query string
		want         string
	}{
		{w.memberA, "?person_name=" + q("helene"), set("helene")},
		{w.memberB, "?person_name=" + q("HÉL"), set("helene", "helena")},
		{w.memberB, "?person_name=" + q("dupont"), set("helene", "marc")},
		{w.memberB, "?person_name=" + q("ménard"), set("helene", "menardo")},
		{w.memberB, "?person_name=" + q("dupont menard"), set("helene")},
		{w.memberB, "?person_name=" + q("ndiaye"), ""},
		{w.memberB, "?person_name=" + q("n diaye"), set("zoe")},
		{w.memberB, "?person_name=" + q("artin"), ""}, // word beginnings only
		{w.memberB, "?service_id=" + s2, set("helena", "zoe")},
		{w.memberB, "?service_id=" + s2 + "&person_name=zo", set("zoe")},
		{w.memberA, "?sender_id=" + w.userA.ID, set("helene", "helena", "menardo")},
		{w.memberA, "?mine=true", set("helene", "helena", "menardo")},
		{w.memberB, "?mine=true", set("marc")}, // accepted by B's member
		{w.memberB, "?status=accepted", set("marc")},
		{w.memberB, "?status=sent&person_name=dupont", set("helene")},
		{w.memberB, "?created_after=2000-01-01T00:00:00Z&created_before=2001-01-01T00:00:00Z", ""},
		{w.memberC, "?person_name=helene", ""}, // another structure finds nothing
		{w.coord, "?person_name=helene", ""},
		{w.e.Admin, "?person_name=helene", ""},
	}
	for _, tc := range cases {
		got, total := listIDs(t, w.e, tc.token, tc.query)
		if strings.Join(sorted(got), ",") != tc.want || int(total) != len(got) {
			t.Errorf("%s: %v (total %v), want %s", tc.query, got, total, tc.want)
		}
	}
	// Paging by name: 2 per page over 3 matches, newest first.
	var paged []string
	path := "/api/v1/referrals?limit=2&person_name=" + q("d")
	for path != "" {
		r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.memberB})
		var page struct {
			Data  []struct{ ID string }
			Links struct{ Next *string }
			Meta  struct{ Total int }
		}
		r.JSON(&page)
		if page.Meta.Total != 3 {
			t.Errorf("total %d", page.Meta.Total)
		}
		for _, d := range page.Data {
			paged = append(paged, d.ID)
		}
		path = ""
		if page.Links.Next != nil {
			path = *page.Links.Next
		}
	}
	if strings.Join(paged, ",") != strings.Join([]string{ids["marc"], ids["helene"], ids["zoe"]}, ",") &&
		strings.Join(sorted(paged), ",") != set("helene", "marc", "zoe") {
		t.Errorf("paged by name: %v", paged)
	}
	if len(paged) != 3 || paged[0] < paged[1] || paged[1] < paged[2] {
		t.Errorf("paged by name, newest first: %v", paged)
	}
	// Erased referrals have no name to match.
	if _, err := w.e.Store.AnonymizeReferrals(context.Background(), time.Now().Add(time.Hour), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := listIDs(t, w.e, w.memberB, "?person_name=helene"); len(got) != 0 {
		t.Errorf("an erased name still matches: %v", got)
	}
	for _, bad := range []string{"?service_id=x", "?sender_id=1,2", "?mine=perhaps", "?status=lost", "?person=x"} {
		if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals" + bad, Token: w.memberA}); r.Code != 400 {
			t.Errorf("%s: %d", bad, r.Code)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestReferralCSV: a structure's members download their list as CSV (names,
// never contacts nor situations, formulas neutralised); coordinators and
// administrators download statistics as CSV, without any person.
func TestReferralCSV(t *testing.T) {
	w := newReferralWorld(t)
	id := w.sendAs(t, w.memberA, w.s, "=HYPERLINK(\"http://evil\")", "Ménard")
	w.send(t)
	w.move(w.memberB, id, "refused", obj{"reason": "service_full"})
	csvOf := func(token, path string) (int, [][]string, string) {
		r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: token, Header: map[string]string{"Accept": "text/csv"}})
		if r.Code != 200 {
			return r.Code, nil, r.Body.String()
		}
		if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") || !strings.Contains(r.Header().Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: headers %v", path, r.Header())
		}
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return r.Code, rows, r.Body.String()
	}
	code, rows, body := csvOf(w.memberB, "/api/v1/referrals?direction=received")
	if code != 200 || len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("list CSV: %d %v", code, rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[col["id"]]] = r
	}
	row := byID[id]
	if row == nil || row[col["person_first_name"]] != "'=HYPERLINK(\"http://evil\")" || row[col["person_last_name"]] != "Ménard" ||
		row[col["status"]] != "refused" || row[col["refusal_reason"]] != "service_full" || row[col["direction"]] != "received" ||
		row[col["sender"]] != "Camille Martin" || row[col["to_service"]] != "Aide aux démarches" {
		t.Errorf("row: %v", row)
	}
	for _, s := range []string{"611223344", personSitText, "Le matin", "Merci de la rappeler"} {
		if strings.Contains(body, s) {
			t.Errorf("the list CSV carries %q", s)
		}
	}
	if code, _, _ := csvOf(w.memberC, "/api/v1/referrals?actor_id="+w.b); code != 403 {
		t.Errorf("another structure's CSV: %d", code)
	}
	if _, rows, _ := csvOf(w.memberC, "/api/v1/referrals"); len(rows) != 1 {
		t.Errorf("C's CSV has others' referrals: %v", rows)
	}

	// Statistics as CSV: one row per figure, for those who see statistics;
	// a coordinator's small counts are withheld (empty).
	for _, tc := range []struct {
		token, query string
		want         int
	}{{w.e.Admin, "", 200}, {w.coord, "", 200}, {w.managerA, "?actor_id=" + w.a, 200}, {w.memberA, "", 403}, {w.memberB, "?actor_id=" + w.b, 403}} {
		code, rows, body := csvOf(tc.token, "/api/v1/stats/referrals"+tc.query)
		if code != tc.want {
			t.Errorf("stats CSV %s: %d, want %d", tc.query, code, tc.want)
			continue
		}
		if code != 200 {
			continue
		}
		figures := map[string]string{}
		for _, r := range rows[1:] {
			figures[r[0]+"/"+r[1]] = r[3]
		}
		if tc.token == w.coord {
			if figures["total/referrals"] != "" || figures["status/refused"] != "" || figures["disclosure/threshold"] != "5" || figures["disclosure/noise"] != "2" || len(rows) != 11 {
				t.Errorf("coordinator's stats CSV: %v", rows)
			}
		} else if rows[0][0] != "section" || figures["total/referrals"] != "2" || figures["status/refused"] != "1" || figures["refusal_reason/service_full"] != "1" ||
			figures["structure_sent/"+w.a] != "2" || figures["theme/Aide aux démarches administratives"] != "2" {
			t.Errorf("stats CSV: %v", rows)
		}
		for _, s := range []string{"HYPERLINK", "Ménard", personFirst, "Camille"} {
			if strings.Contains(body, s) {
				t.Errorf("the statistics carry %q", s)
			}
		}
	}
}

// TestReferralVisibilityByRole runs the roles of the authorization matrix
// against one referral received by OWN: the sender's card, the messages
// and the name search are visible to OWN's members only; every other role
// sees nothing (404 or an empty list), not even that it exists.
func TestReferralVisibilityByRole(t *testing.T) {
	w := newWorld(t)
	id := w.referral(w.otherMbr, w.other, w.ownSvc)
	ctx := context.Background()
	p, _ := w.e.Store.LoadPrincipal(ctx, w.otherMbr.ID)
	if _, err := w.e.Store.PostReferralMessage(models.WithPrincipal(ctx, p), id, w.other, "Un mot pour vous"); err != nil {
		t.Fatal(err)
	}
	for _, role := range roles {
		t.Run(role, func(t *testing.T) {
			sees := role == "manager" || role == "member"
			tok := w.tokens[role]
			r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: tok})
			if sees {
				sender := r.Map()["sender"].(map[string]any)
				if r.Code != 200 || sender["id"] != w.otherMbr.ID || sender["phone"] != "+33491000000" {
					t.Errorf("referral: %d %s", r.Code, r.Body)
				}
			} else if r.Code == 200 || strings.Contains(r.Body.String(), "Nadia") {
				t.Errorf("referral: %d %s", r.Code, r.Body)
			}
			r = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages", Token: tok})
			if sees != (r.Code == 200 && strings.Contains(r.Body.String(), "Un mot pour vous")) || !sees && strings.Contains(r.Body.String(), "Un mot") {
				t.Errorf("messages: %d %s", r.Code, r.Body)
			}
			r = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=nadia", Token: tok})
			found := r.Code == 200 && strings.Contains(r.Body.String(), id)
			if sees != found || !sees && strings.Contains(r.Body.String(), "Nadia") {
				t.Errorf("search: %d %s", r.Code, r.Body)
			}
			r = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=nadia", Token: tok, Header: map[string]string{"Accept": "text/csv"}})
			if sees != strings.Contains(r.Body.String(), id) || !sees && strings.Contains(r.Body.String(), "Nadia") {
				t.Errorf("CSV: %d %s", r.Code, r.Body)
			}
		})
	}
}

// TestForwardRules: only the receiving structure forwards, only an open
// referral, only to another structure's open service, with consent.
func TestForwardRules(t *testing.T) {
	w := newReferralWorld(t)
	svcC := str(createService(t, w.e, validService(w.c, "Ailleurs"))["id"])
	other := str(createService(t, w.e, validService(w.b, "Chez B"))["id"])
	id := w.send(t)
	consent := obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}
	fwd := func(token string, body obj, hdr map[string]string) *apitest.Response {
		return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: token, Body: body, Header: hdr})
	}
	cases := []struct {
		name   string
		token  string
		body   obj
		hdr    map[string]string
		want   int
		fields []string
	}{
		{"ErrForbidden the sender", w.memberA, obj{"to_service_id": svcC, "consent": consent}, nil, 403, nil},
		{"ErrNotFound a stranger", w.memberC, obj{"to_service_id": svcC, "consent": consent}, nil, 404, nil},
		{"ErrValidation own structure", w.memberB, obj{"to_service_id": other, "consent": consent}, nil, 422, []string{"to_service_id"}},
		{"ErrValidation no consent", w.memberB, obj{"to_service_id": svcC, "consent": obj{"given": false}}, nil, 422, []string{"consent.given"}},
		{"ErrValidation no commitment", w.memberB, obj{"to_service_id": svcC, "consent": obj{"given": true, "given_on": "2026-11-20"}}, nil, 422, []string{"consent.referent_commitment"}},
		{"ErrValidation unknown service", w.memberB, obj{"to_service_id": models.NewID(), "consent": consent}, nil, 422, []string{"to_service_id"}},
		{"ErrBadRequest unknown field", w.memberB, obj{"to_service_id": svcC, "consent": consent, "person": obj{}}, nil, 400, []string{"person"}},
		{"ErrPrecondition stale", w.memberB, obj{"to_service_id": svcC, "consent": consent}, map[string]string{"If-Match": `"7"`}, 412, nil},
		{"OK", w.memberB, obj{"to_service_id": svcC, "consent": consent}, map[string]string{"If-Match": `"1"`}, 201, nil},
		{"ErrConflict already forwarded", w.memberB, obj{"to_service_id": svcC, "consent": consent}, nil, 409, nil},
	}
	for _, tc := range cases {
		r := fwd(tc.token, tc.body, tc.hdr)
		if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
			t.Errorf("%s: %d %s", tc.name, r.Code, r.Body)
		}
	}
	// A refused referral cannot be forwarded either.
	id = w.send(t)
	w.move(w.memberB, id, "refused", obj{"reason": "wrong_service"})
	if r := fwd(w.memberB, obj{"to_service_id": svcC, "consent": consent}, nil); r.Code != 409 {
		t.Errorf("forward a refused referral: %d", r.Code)
	}
	// The transitions endpoint does not forward.
	if r := w.move(w.memberB, w.send(t), "forwarded", nil); r.Code != 422 {
		t.Errorf("forwarded through transitions: %d", r.Code)
	}
}

// TestReferralMessagesRules: length, erased referrals, and a message's text
// never reaches the logs, the audit or another table.
func TestReferralMessagesRules(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return logs.Write(p) }), &slog.HandlerOptions{Level: slog.LevelDebug}))
	w := newReferralWorld(t, apitest.WithLogger(logger))
	id := w.send(t)
	post := func(token string, body obj) *apitest.Response {
		return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: token, Body: body})
	}
	const secret = "Son fils Karim la dépose le mardi"
	for _, tc := range []struct {
		name  string
		token string
		body  obj
		want  int
	}{
		{"OK", w.memberB, obj{"body": secret}, 201},
		{"ErrValidation empty", w.memberB, obj{"body": "   "}, 422},
		{"ErrValidation too long", w.memberB, obj{"body": strings.Repeat("é", 2001)}, 422},
		{"ErrForbidden another structure as actor_id", w.memberB, obj{"body": "x", "actor_id": w.a}, 403},
		{"ErrNotFound a stranger", w.memberC, obj{"body": "x"}, 404},
		{"ErrNotFound the coordinator", w.coord, obj{"body": "x"}, 404},
		{"ErrBadRequest unknown field", w.memberA, obj{"body": "x", "to": "y"}, 400},
	} {
		if r := post(tc.token, tc.body); r.Code != tc.want || r.Code >= 400 && strings.Contains(r.Body.String(), "é") {
			t.Errorf("%s: %d %s", tc.name, r.Code, r.Body)
		}
	}
	mu.Lock()
	out := logs.String()
	mu.Unlock()
	if strings.Contains(out, "Karim") {
		t.Error("a message reached the logs")
	}
	db := openRaw(t, w.e)
	for _, table := range tableNames(t, db) {
		if table == "referral_messages" {
			continue
		}
		eachCell(t, db, table, func(col, v string) {
			if strings.Contains(v, "Karim") {
				t.Errorf("the message is in %s.%s", table, col)
			}
		})
	}
}

// tableNames lists the database's tables.
func tableNames(t *testing.T, db *dbtest.DB) []string { return dbtest.Tables(t, db) }

// eachCell calls fn with every text cell of table.
func eachCell(t *testing.T, db *dbtest.DB, table string, fn func(column, value string)) {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		rows.Scan(ptrs...)
		for i, v := range vals {
			fn(cols[i], toString(v))
		}
	}
}

// TestRetentionLeavesNoMessageBytes: once retention erased a referral, its
// messages are gone from the database file and its WAL, not just from the
// tables (a copy of the files must not hold what was erased).
func TestRetentionLeavesNoMessageBytes(t *testing.T) {
	if dbtest.Engine() == "postgres" {
		t.Skip("reads SQLite's files; PostgreSQL keeps erased row versions until VACUUM (README, PostgreSQL: privacy)")
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	const marker = "Rendez-vous-confidentiel-Xq7Zk"
	for range 20 {
		id := w.send(t)
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": marker + " " + strings.Repeat("détails ", 50)}})
		if r.Code != 201 {
			t.Fatalf("message: %d %s", r.Code, r.Body)
		}
		w.move(w.memberB, id, "refused", obj{"reason": "service_full"})
	}
	mu.Lock()
	now = now.Add(200 * 24 * time.Hour)
	mu.Unlock()
	if rep, err := w.e.Store.Maintain(context.Background(), models.DefaultReferralPolicy); err != nil || rep.Anonymized != 20 {
		t.Fatalf("retention: %+v %v", rep, err)
	}
	for _, path := range []string{w.e.DBPath, w.e.DBPath + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, s := range []string{marker, personLast, personSitText} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s still holds %q after retention", filepath.Base(path), s)
			}
		}
	}
}

// TestMessageAndForwardRetries: a retried message or forward (same
// Idempotency-Key) creates nothing twice, and the replay store keeps
// neither the message's text nor the person's data.
func TestMessageAndForwardRetries(t *testing.T) {
	w := newReferralWorld(t)
	svcC := str(createService(t, w.e, validService(w.c, "Ailleurs"))["id"])
	id := w.send(t)
	post := func(key string) *apitest.Response {
		return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB,
			Body: obj{"body": "Rappeler Zoubida jeudi"}, Header: map[string]string{"Idempotency-Key": key}})
	}
	first, again := post("msg-1"), post("msg-1")
	if first.Code != 201 || again.Code != 201 || again.Header().Get("Idempotent-Replayed") != "true" || first.Map()["id"] != again.Map()["id"] {
		t.Fatalf("message retry: %d %s / %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberA}); r.Map()["meta"].(map[string]any)["total"].(float64) != 1 {
		t.Errorf("messages after a retry: %s", r.Body)
	}
	fwd := func(key string) *apitest.Response {
		return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Header: map[string]string{"Idempotency-Key": key},
			Body: obj{"to_service_id": svcC, "consent": obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}}})
	}
	f1, f2 := fwd("fwd-1"), fwd("fwd-1")
	if f1.Code != 201 || f2.Code != 201 || f1.Map()["id"] != f2.Map()["id"] || f2.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("forward retry: %d %s / %d %s", f1.Code, f1.Body, f2.Code, f2.Body)
	}
	if got, _ := listIDs(t, w.e, w.memberC, ""); len(got) != 1 {
		t.Errorf("C received %d referrals after a retried forward", len(got))
	}
	db := openRaw(t, w.e)
	eachCell(t, db, "idempotency_keys", func(col, v string) {
		if strings.Contains(v, "Zoubida") || strings.Contains(v, personLast) {
			t.Errorf("the replay store holds personal data in %s", col)
		}
	})
}

// TestReferralETagFollowsMessages: a referral's representation holds its
// messages and the contact cards of who sent and accepted it, which move
// without its version; its ETag was the version alone, so a client's
// If-None-Match got 304 and never saw the new message.
func TestReferralETagFollowsMessages(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	path := "/api/v1/referrals/" + id
	first := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.memberA})
	etag := first.Header().Get("ETag")
	if first.Code != 200 || etag == "" {
		t.Fatalf("%d %s", first.Code, first.Body)
	}
	if r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.memberA, Header: map[string]string{"If-None-Match": etag}}); r.Code != 304 {
		t.Fatalf("unchanged: %d, want 304", r.Code)
	}
	if r := w.e.Do(apitest.Request{Method: "POST", Path: path + "/messages", Token: w.memberB, Body: obj{"body": "Rendez-vous pris pour jeudi"}}); r.Code != 201 {
		t.Fatalf("message: %d %s", r.Code, r.Body)
	}
	r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.memberA, Header: map[string]string{"If-None-Match": etag}})
	if r.Code != 200 || r.Header().Get("ETag") == etag {
		t.Fatalf("after a message: %d, ETag %s (was %s); want 200 and a new tag", r.Code, r.Header().Get("ETag"), etag)
	}
	// The tag still names the version for If-Match: a message does not
	// block a transition.
	if r := w.e.Do(apitest.Request{Method: "POST", Path: path + "/transitions", Token: w.memberB, Body: obj{"status": "accepted"}, Header: map[string]string{"If-Match": etag}}); r.Code != 200 {
		t.Errorf("accept with the tag read before the message: %d %s", r.Code, r.Body)
	}
}

// TestErasureForgetsIdempotentRequests: after retention erased a referral,
// a retry of its creation with the same Idempotency-Key and the same body
// answered 201 « replayed » where another body got 422: the key's request
// hash confirmed the erased data. Now every body gets the same 422.
func TestErasureForgetsIdempotentRequests(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	body := referralBody(w.a, w.s)
	const key = "retry-0001"
	send := func(b obj) *apitest.Response {
		return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: b, Header: map[string]string{"Idempotency-Key": key}})
	}
	r := send(body)
	if r.Code != 201 {
		t.Fatalf("send: %d %s", r.Code, r.Body)
	}
	id := str(r.Map()["id"])
	msg := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB,
		Body: obj{"body": "Rappeler Zoubida jeudi"}, Header: map[string]string{"Idempotency-Key": "msg-0001"}})
	if msg.Code != 201 {
		t.Fatalf("message: %d %s", msg.Code, msg.Body)
	}
	w.move(w.memberB, id, "refused", obj{"reason": "service_full"})
	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	policy := models.DefaultReferralPolicy
	policy.Retention = time.Hour
	if rep, err := w.e.Store.Maintain(context.Background(), policy); err != nil || rep.Anonymized != 1 {
		t.Fatalf("retention: %+v %v", rep, err)
	}
	other := merge(referralBody(w.a, w.s), obj{"situation": "Une autre situation, sans rapport."})
	same, different := send(body), send(other)
	if same.Code != different.Code || same.Code != 422 {
		t.Errorf("after erasure, the same body got %d and another %d; want 422 for both", same.Code, different.Code)
	}
	again := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB,
		Body: obj{"body": "Rappeler Zoubida jeudi"}, Header: map[string]string{"Idempotency-Key": "msg-0001"}})
	if again.Code != 422 {
		t.Errorf("the erased message's retry: %d %s, want 422", again.Code, again.Body)
	}
}
