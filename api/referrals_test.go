package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// referralWorld: structure A sends, B receives (its service S), C is
// unrelated; a coordinator covers the whole département.
type referralWorld struct {
	e                *apitest.Env
	a, b, c, s       string
	memberA, memberB string
	memberC, coord   string
	managerA         string
	bareA            string // a member of A sharing no professional contact
	userA, userB     *models.User
}

func newReferralWorld(t *testing.T, opts ...apitest.Option) *referralWorld {
	e := apitest.New(t, opts...)
	w := &referralWorld{e: e}
	w.a = str(createActor(t, e, validActor("CCAS"))["id"])
	w.b = str(createActor(t, e, validActor("Médiathèque"))["id"])
	w.c = str(createActor(t, e, validActor("Centre social"))["id"])
	w.s = str(createService(t, e, validService(w.b, "Aide aux démarches"))["id"])
	w.userA, w.memberA = e.Account("aidant.a@example.fr", map[string]models.Role{w.a: models.RoleMember}, models.Territory{})
	_, w.managerA = e.Account("responsable.a@example.fr", map[string]models.Role{w.a: models.RoleManager}, models.Territory{})
	w.userB, w.memberB = e.Account("mediatrice.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	_, w.bareA = e.Account("sans-contact.a@example.fr", map[string]models.Role{w.a: models.RoleMember}, models.Territory{})
	name, job, phone, mailB := "Camille Martin", "Conseillère numérique", "04 91 00 00 01", "mediation@mediatheque.example.fr"
	if _, err := e.Store.UpdateProfile(context.Background(), w.userA.ID, models.ProfileUpdate{DisplayName: &name, JobTitle: &job, ProfessionalPhone: &phone}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.UpdateProfile(context.Background(), w.userB.ID, models.ProfileUpdate{ProfessionalEmail: &mailB}); err != nil {
		t.Fatal(err)
	}
	_, w.memberC = e.Account("aidant.c@example.fr", map[string]models.Role{w.c: models.RoleMember}, models.Territory{})
	_, w.coord = e.Account("coordination@example.fr", nil, models.Territory{Departements: []string{"13"}})
	return w
}

// The person's data used in every referral of these tests; the privacy
// test looks for these strings where they must never appear.
const (
	personFirst   = "Zoubida"
	personLast    = "Kervadec-Ménard"
	personPhone   = "06 11 22 33 44"
	personSitText = "Renouvellement du titre de séjour en ligne"
)

func referralBody(from, service string) obj {
	return obj{
		"from_actor_id": from, "to_service_id": service,
		"themes":    []string{"aide-aux-demarches-administratives"},
		"situation": personSitText,
		"person":    obj{"first_name": personFirst, "last_name": personLast, "contact_channel": "phone", "contact": personPhone, "availability": "Le matin"},
		"message":   "Merci de la rappeler",
		"consent":   obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true},
	}
}

func (w *referralWorld) send(t *testing.T) string {
	t.Helper()
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)})
	if r.Code != 201 {
		t.Fatalf("send: %d %s", r.Code, r.Body)
	}
	return str(r.Map()["id"])
}

func (w *referralWorld) move(token, id, status string, extra obj) *apitest.Response {
	body := merge(obj{"status": status}, extra)
	return w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: token, Body: body})
}

// TestReferralWalkthrough is the story: A refers a person to B; B
// accepts then completes; A follows through the changes feed; C and a
// coordinator get 404; after retention the person's data is erased and
// the statistics remain.
func TestReferralWalkthrough(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))

	id := w.send(t)
	got := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()
	person := got["person"].(map[string]any)
	if got["status"] != "sent" || person["first_name"] != personFirst || person["contact"] != "+33611223344" || got["to_actor"].(map[string]any)["name"] != "Médiathèque" {
		t.Fatalf("received: %v", got)
	}
	for who, tok := range map[string]string{"member of C": w.memberC, "coordinator": w.coord, "administrator": w.e.Admin} {
		if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: tok}); r.Code != 404 {
			t.Errorf("%s reads the referral: %d", who, r.Code)
		}
	}
	advance(3 * time.Hour)
	if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	advance(48 * time.Hour)
	if r := w.move(w.memberB, id, "completed", nil); r.Code != 200 || r.Map()["closed_at"] == nil {
		t.Fatalf("complete: %d %s", r.Code, r.Body)
	}

	// A's tool follows the changes with a cursor.
	var statuses []string
	cursor := ""
	for {
		path := "/api/v1/referrals/changes?limit=2"
		if cursor != "" {
			path += "&after=" + cursor
		}
		r := w.e.Do(apitest.Request{Method: "GET", Path: path, Token: w.managerA})
		var page struct {
			Data []struct {
				Status, Direction, Link string
			}
			NextCursor string `json:"next_cursor"`
			HasMore    bool   `json:"has_more"`
		}
		r.JSON(&page)
		for _, ch := range page.Data {
			statuses = append(statuses, ch.Status)
			if ch.Direction != "sent" || ch.Link != "/api/v1/referrals/"+id {
				t.Errorf("change %+v", ch)
			}
		}
		if strings.Contains(r.Body.String(), personFirst) {
			t.Error("the changes feed carries personal data")
		}
		cursor = page.NextCursor
		if !page.HasMore {
			break
		}
	}
	if strings.Join(statuses, ",") != "sent,accepted,completed" {
		t.Errorf("feed: %v", statuses)
	}
	if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?after=" + cursor, Token: w.managerA}); len(r.Map()["data"].([]any)) != 0 {
		t.Errorf("a follower that caught up gets nothing new: %s", r.Body)
	}

	// After the retention period the person's data is gone, the statistics stay.
	before := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/referrals", Token: w.e.Admin}).Body.String()
	advance(100 * 24 * time.Hour)
	if _, n, _ := w.e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy); n != 0 {
		t.Errorf("anonymised %d referrals before the retention period", n)
	}
	advance(90 * 24 * time.Hour)
	if _, n, err := w.e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy); err != nil || n != 1 {
		t.Fatalf("anonymised %d (%v), want 1", n, err)
	}
	got = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberA}).Map()
	if got["anonymized_at"] == nil || got["situation"] != "" || got["message"] != "" || got["status"] != "completed" || str(got["themes"]) != "[Aide aux démarches administratives]" {
		t.Errorf("anonymised referral: %v", got)
	}
	for k, v := range got["person"].(map[string]any) {
		if k != "contact_channel" && v != "" {
			t.Errorf("person.%s survived retention: %v", k, v)
		}
	}
	assertNoPersonalData(t, w.e, "database after retention")
	after := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/referrals", Token: w.e.Admin}).Body.String()
	if before != after {
		t.Errorf("statistics changed with anonymisation:\n%s\n%s", before, after)
	}
	var st struct {
		Total    int
		ByStatus map[string]int `json:"by_status"`
		Median   *float64       `json:"median_hours_to_acceptance"`
	}
	json.Unmarshal([]byte(after), &st)
	if st.Total != 1 || st.ByStatus["completed"] != 1 || st.Median == nil || *st.Median != 3 {
		t.Errorf("stats: %s", after)
	}
}

// assertNoPersonalData scans every table except referrals for the test
// person's data: audit history, change logs, idempotency caches…
func assertNoPersonalData(t *testing.T, e *apitest.Env, where string) {
	t.Helper()
	db := openRaw(t, e)
	for _, table := range tableNames(t, db) {
		eachCell(t, db, table, func(col, s string) {
			if strings.Contains(s, personFirst) || strings.Contains(s, personLast) || strings.Contains(s, "611223344") || strings.Contains(s, personSitText) {
				t.Errorf("%s: personal data in %s.%s", where, table, col)
			}
		})
	}
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

func TestReferralTransitions(t *testing.T) {
	w := newReferralWorld(t)
	// Every (from, to, who) combination: the lifecycle decides 200 or 409,
	// the side decides 200 or 403.
	path := map[string][]struct {
		status, token string
		extra         obj
	}{
		"sent":      nil,
		"accepted":  {{"accepted", "B", nil}},
		"refused":   {{"refused", "B", obj{"reason": "service_full"}}},
		"cancelled": {{"cancelled", "A", nil}},
		"completed": {{"accepted", "B", nil}, {"completed", "B", nil}},
		"no_show":   {{"accepted", "B", nil}, {"no_show", "B", nil}},
	}
	tok := map[string]string{"A": w.memberA, "B": w.memberB}
	allowed := map[string]map[string]string{ // from → to → side
		"sent":     {"accepted": "B", "refused": "B", "cancelled": "A"},
		"accepted": {"completed": "B", "no_show": "B", "cancelled": "A"},
	}
	for from, steps := range path {
		for _, to := range []string{"accepted", "refused", "completed", "no_show", "cancelled", "expired", "sent"} {
			for _, side := range []string{"A", "B"} {
				t.Run(from+"→"+to+" by "+side, func(t *testing.T) {
					id := w.send(t)
					for _, s := range steps {
						if r := w.move(tok[s.token], id, s.status, s.extra); r.Code != 200 {
							t.Fatalf("setup %s: %d %s", s.status, r.Code, r.Body)
						}
					}
					var extra obj
					if to == "refused" {
						extra = obj{"reason": "other", "details": "Hors de notre secteur"}
					}
					want := 409
					if to == "expired" || to == "sent" {
						want = 422 // set by the platform only
					} else if need, ok := allowed[from][to]; ok {
						want = 403
						if need == side {
							want = 200
						}
					}
					if r := w.move(tok[side], id, to, extra); r.Code != want {
						t.Errorf("%d, want %d: %s", r.Code, want, r.Body)
					}
				})
			}
		}
	}
	// Refusals need a reason from the list, and a precision with other.
	id := w.send(t)
	for _, extra := range []obj{nil, {"reason": "bored"}, {"reason": "other"}, {"reason": "service_full", "details": strings.Repeat("x", 501)}} {
		if r := w.move(w.memberB, id, "refused", extra); r.Code != 422 {
			t.Errorf("refusal %v: %d", extra, r.Code)
		}
	}
	if r := w.move(w.memberB, id, "accepted", obj{"reason": "service_full"}); r.Code != 422 {
		t.Errorf("a reason when accepting: %d", r.Code)
	}
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: w.memberB, Body: obj{"status": "accepted"}, Header: map[string]string{"If-Match": `"9"`}})
	if r.Code != 412 {
		t.Errorf("stale If-Match: %d", r.Code)
	}
}

func TestReferralCreation(t *testing.T) {
	w := newReferralWorld(t)
	closed := str(createService(t, w.e, merge(validService(w.b, "Complet"), obj{"accepts_referrals": false}))["id"])
	draft := str(createService(t, w.e, merge(validService(w.b, "Brouillon"), obj{"status": "draft"}))["id"])
	own := str(createService(t, w.e, validService(w.a, "Chez nous"))["id"])
	cases := []struct {
		name   string
		token  string
		body   obj
		want   int
		fields []string
	}{
		{"OK referent contact", w.memberA, merge(referralBody(w.a, w.s), obj{"person": obj{"first_name": "A", "last_name": "B", "contact_channel": "referent"}}), 201, nil},
		{"ErrValidation referent without a contact to share", w.bareA, merge(referralBody(w.a, w.s), obj{"person": obj{"first_name": "A", "last_name": "B", "contact_channel": "referent"}}), 422, []string{"person.contact_channel"}},
		{"OK own contact without a contact to share", w.bareA, referralBody(w.a, w.s), 201, nil},
		{"ErrForbidden not a member of the sender", w.memberC, referralBody(w.a, w.s), 403, nil},
		{"ErrForbidden administrator", w.e.Admin, referralBody(w.a, w.s), 403, nil},
		{"ErrValidation service closed to referrals", w.memberA, referralBody(w.a, closed), 422, []string{"to_service_id"}},
		{"ErrValidation draft service", w.memberA, referralBody(w.a, draft), 422, []string{"to_service_id"}},
		{"ErrValidation own structure", w.memberA, referralBody(w.a, own), 422, []string{"to_service_id"}},
		{"ErrValidation no consent", w.memberA, merge(referralBody(w.a, w.s), obj{"consent": obj{"given": false, "given_on": "2026-11-20", "referent_commitment": true}}), 422, []string{"consent.given"}},
		{"ErrValidation no commitment", w.memberA, merge(referralBody(w.a, w.s), obj{"consent": obj{"given": true, "given_on": "2030-01-01", "referent_commitment": false}}), 422, []string{"consent.referent_commitment", "consent.given_on"}},
		{"ErrValidation person", w.memberA, merge(referralBody(w.a, w.s), obj{"themes": []string{}, "person": obj{"first_name": "", "last_name": strings.Repeat("x", 101), "contact_channel": "phone", "contact": "12"}}), 422,
			[]string{"themes", "person.first_name", "person.last_name", "person.contact"}},
		{"ErrBadRequest no birth date", w.memberA, merge(referralBody(w.a, w.s), obj{"person": obj{"first_name": "A", "last_name": "B", "contact_channel": "referent", "birth_date": "1950-01-01"}}), 400, []string{"person.birth_date"}},
		{"ErrBadRequest no social security number", w.memberA, merge(referralBody(w.a, w.s), obj{"nir": "1 50 01 75 123 456 78"}), 400, []string{"nir"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: tc.token, Body: tc.body})
			if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
				t.Errorf("%d %s", r.Code, r.Body)
			}
			if r.Code >= 400 && (strings.Contains(r.Body.String(), personFirst) || strings.Contains(r.Body.String(), personLast) || strings.Contains(r.Body.String(), "\"12\"")) {
				t.Errorf("an error message repeats the person's data: %s", r.Body)
			}
		})
	}
	// Lists: each side sees its referrals, in its direction.
	w.send(t)
	count := func(tok, q string) float64 {
		r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals" + q, Token: tok})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", q, r.Code, r.Body)
		}
		return r.Map()["meta"].(map[string]any)["total"].(float64)
	}
	if count(w.memberA, "?direction=sent") != 3 || count(w.memberA, "?direction=received") != 0 || count(w.memberB, "?direction=received&status=sent") != 3 ||
		count(w.memberC, "") != 0 || count(w.coord, "") != 0 || count(w.e.Admin, "") != 0 {
		t.Error("list counts")
	}
	if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?actor_id=" + w.b, Token: w.memberA}); r.Code != 403 {
		t.Errorf("another structure's list: %d", r.Code)
	}
}

func TestReferralExpiry(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	old := w.send(t)
	accepted := w.send(t)
	w.move(w.memberB, accepted, "accepted", nil)
	mu.Lock()
	now = now.Add(29 * 24 * time.Hour)
	mu.Unlock()
	fresh := w.send(t)
	mu.Lock()
	now = now.Add(2 * 24 * time.Hour)
	mu.Unlock()
	expired, _, err := w.e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy)
	if err != nil || expired != 1 {
		t.Fatalf("expired %d (%v), want 1", expired, err)
	}
	for id, want := range map[string]string{old: "expired", accepted: "accepted", fresh: "sent"} {
		got := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberA}).Map()
		if got["status"] != want {
			t.Errorf("%s: %v, want %s", id, got["status"], want)
		}
	}
	if r := w.move(w.memberB, old, "accepted", nil); r.Code != 409 {
		t.Errorf("accepting an expired referral: %d", r.Code)
	}
	// Any referral, even open, is anonymised 24 months after creation.
	mu.Lock()
	now = now.Add(731 * 24 * time.Hour)
	mu.Unlock()
	if _, n, _ := w.e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy); n != 3 {
		t.Errorf("anonymised %d after 24 months, want 3", n)
	}
	assertNoPersonalData(t, w.e, "after 24 months")
}

// TestReferralPrivacyInLogs runs a referral's life with the server's logs
// captured at debug level and checks the person's data never reaches them,
// nor the audit history.
func TestReferralPrivacyInLogs(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return logs.Write(p) }), &slog.HandlerOptions{Level: slog.LevelDebug}))
	w := newReferralWorld(t, apitest.WithLogger(logger))
	id := w.send(t)
	w.move(w.memberB, id, "refused", obj{"reason": "other", "details": "Rappeler " + personFirst + " plus tard"})
	w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: merge(referralBody(w.a, w.s), obj{"person": obj{"first_name": personFirst, "last_name": personLast, "contact_channel": "phone", "contact": "not a phone " + personFirst}})})
	w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?status=" + personFirst, Token: w.memberA})
	mu.Lock()
	out := logs.String()
	mu.Unlock()
	if !strings.Contains(out, `"route":"/api/v1/referrals"`) {
		t.Fatalf("no access log captured: %q", out)
	}
	for _, s := range []string{personFirst, personLast, "611223344", personSitText} {
		if strings.Contains(out, s) {
			t.Errorf("the logs contain %q", s)
		}
	}
	db := openRaw(t, w.e)
	var n int
	db.QueryRow("SELECT count(*) FROM audit_events WHERE entity NOT IN ('actor', 'service')").Scan(&n)
	if n != 0 {
		t.Errorf("%d audit events about referrals", n)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

var _ io.Writer = writerFunc(nil)

func TestReferralStatsAccess(t *testing.T) {
	w := newReferralWorld(t)
	w.send(t)
	for _, tc := range []struct {
		token, query string
		want         int
	}{
		{w.e.Admin, "", 200}, {w.coord, "", 200}, {w.managerA, "?actor_id=" + w.a, 200},
		{w.managerA, "", 403}, {w.memberA, "?actor_id=" + w.a, 403}, {w.memberC, "", 403}, {w.managerA, "?actor_id=" + w.b, 403},
		{w.e.Admin, "?from=yesterday", 400},
	} {
		if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/referrals" + tc.query, Token: tc.token}); r.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.query, r.Code, tc.want)
		}
	}
	_ = api.DefaultPerIP
}

// TestReferralSenderAsWritten: the sending structure's id is read as the
// receiving service's is (case and surrounding spaces ignored) before the
// caller's membership is checked; an id of no shape is named as the
// invalid field, not refused as a structure the caller is no member of
// (probe49: memberA's own id in capitals answered 403, naming no field,
// while to_service_id in capitals was accepted).
func TestReferralSenderAsWritten(t *testing.T) {
	w := newReferralWorld(t)
	cases := []struct {
		name   string
		token  string
		from   string
		want   int
		fields []string
	}{
		{"OK in capitals", w.memberA, strings.ToUpper(w.a), 201, nil},
		{"OK with spaces", w.memberA, " " + w.a + "\t", 201, nil},
		{"ErrValidation not an id", w.memberA, "abc", 422, []string{"from_actor_id"}},
		{"ErrValidation only spaces", w.memberA, "   ", 422, []string{"from_actor_id"}},
		{"ErrForbidden another structure in capitals", w.memberC, strings.ToUpper(w.a), 403, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: tc.token, Body: referralBody(tc.from, strings.ToUpper(w.s))})
			if r.Code != tc.want || !hasAll(fields(t, r), tc.fields...) {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if r.Code == 201 {
				if got := str(r.Map()["from_actor"].(map[string]any)["id"]); got != w.a {
					t.Errorf("stored sender %q, want %q", got, w.a)
				}
			}
		})
	}
}
