package api_test

import (
	"bytes"
	"log/slog"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSec18TokenLeniencies reproduces L3 of the probe of 2026-12-06: a
// token whose header lists "crit" extensions was read although this
// service understands none (RFC 7515 §4.1.11 says it must then be
// refused), and a time claim written as a JSON string ("exp": "1765…")
// was read as a number (RFC 7519 §2: a NumericDate is a JSON number).
// Both are refused now; the same token without the leniency is read.
func TestSec18TokenLeniencies(t *testing.T) {
	e := apitest.New(t)
	sess, err := e.Store.OpenSession(t.Context(), e.AdminUser.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sign := func(header map[string]any, mut func(jwt.MapClaims)) string {
		mc := jwt.MapClaims{"iss": "carnet-test", "aud": "carnet-test-api", "sub": e.AdminUser.ID,
			"kind": "user", "sid": sess.ID, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
		if mut != nil {
			mut(mc)
		}
		return signWithTestKey(t, e, header, mc)
	}
	for _, c := range []struct {
		name string
		tok  string
		want int
	}{
		{"plain", sign(nil, nil), 200},
		{"crit lists exp", sign(map[string]any{"crit": []string{"exp"}}, nil), 401},
		{"crit lists an unknown extension", sign(map[string]any{"crit": []string{"x-carnet"}, "x-carnet": 1}, nil), 401},
		{"crit empty", sign(map[string]any{"crit": []string{}}, nil), 401},
		{"exp as a string", sign(nil, func(c jwt.MapClaims) { c["exp"] = strconv.FormatInt(now.Add(time.Minute).Unix(), 10) }), 401},
		{"iat as a string", sign(nil, func(c jwt.MapClaims) { c["iat"] = strconv.FormatInt(now.Unix(), 10) }), 401},
		{"nbf as a string", sign(nil, func(c jwt.MapClaims) { c["nbf"] = strconv.FormatInt(now.Unix(), 10) }), 401},
		{"exp as a fraction", sign(nil, func(c jwt.MapClaims) { c["exp"] = float64(now.Add(time.Minute).Unix()) + 0.5 }), 200},
	} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: c.tok}); r.Code != c.want {
			t.Errorf("%s: %d, want %d %s", c.name, r.Code, c.want, r.Body)
		}
	}
}

// signWithTestKey signs claims, with header's entries added to the
// header, with apitest's key (HS256, its key id).
func signWithTestKey(t *testing.T, e *apitest.Env, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = probeKid(e.Admin)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString([]byte(strings.Repeat("k", 48)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSec18RequestLogKeepsNoPath reproduces L4 of the probe of 2026-12-06:
// the request log wrote the raw decoded path, so a person's name put in a
// URL (an id that is no id, a route that does not exist) reached the logs.
// The log now names the route pattern, and a fixed placeholder for a path
// no route matches; never the query either.
func TestSec18RequestLogKeepsNoPath(t *testing.T) {
	var logs safeBuffer
	w := newReferralWorld(t, apitest.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	e := w.e
	const marker = "Nadiapathleak"
	for _, c := range []struct {
		path      string
		token     string
		notInSpec bool
		route     string
	}{
		{"/api/v1/referrals/" + marker + "%20Benali", w.memberB, false, "/api/v1/referrals/:id"},
		{"/api/v1/referrals/by-name/" + marker + "2", "", true, "unmatched"},
		{"/api/v1/actors/" + marker + "3?q=" + marker + "4", "", false, "/api/v1/actors/:id"},
		{"/" + marker + "5", "", true, "unmatched"},
		{"/api/hsds/v3/services/" + marker + "6", "", true, "/api/hsds/v3/services/:id"},
	} {
		e.Do(apitest.Request{Method: "GET", Path: c.path, Token: c.token, NotInSpec: c.notInSpec})
		if !strings.Contains(logs.String(), `"path":"`+c.route+`"`) {
			t.Errorf("%s: the log names no route %q", c.path, c.route)
		}
	}
	if i := strings.Index(logs.String(), marker); i >= 0 {
		t.Errorf("the logs keep a path: …%s…", logs.String()[max(0, i-200):min(len(logs.String()), i+60)])
	}
}

// safeBuffer is a bytes.Buffer the server's goroutines may log into while
// the test reads it.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSec18CoordinatorsHideNoTeamRecord reproduces M1 of the probe of
// 2026-12-06: a territorial coordinator linked a structure with a team to
// a record of its own (a look-alike, or another team's structure) and
// confirmed the link keeping the other record: the team's services, one
// open to referrals, left search and the exports, its managers could not
// undo it, and their trail said nothing. Hiding a record whose structure
// has a team is now its managers' decision (or an administrator's): the
// coordinator's confirmation keeping the other record answers 403 saying
// who decides; keeping the team's record, or between teamless records,
// stays the coordinator's. The team's managers list the link, dismiss it
// while suggested, and their trail records each decision on their record.
func TestSec18CoordinatorsHideNoTeamRecord(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	_, mgrB := e.Account("direction.mediatheque@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	create := func(name string) string {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: w.coord, Body: validActor(name)})
		if r.Code != 201 {
			t.Fatalf("coordinator creates %s: %d %s", name, r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	link := func(a, b string) string {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates", Token: w.coord, Body: obj{"actor_a": a, "actor_b": b}})
		// Detection, following the writes, may have suggested it first.
		if m := regexp.MustCompile(`exists: ([0-9a-f-]{36}) \(suggested\)`).FindStringSubmatch(r.Body.String()); r.Code == 409 && m != nil {
			return m[1]
		}
		if r.Code != 201 {
			t.Fatalf("link %s %s: %d %s", a, b, r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	decide := func(token, id, verb, keep string) *apitest.Response {
		body := obj{}
		if keep != "" {
			body["keep"] = keep
		}
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/" + verb, Token: token, Body: body})
	}
	searched := func() bool {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=" + url.QueryEscape("aide aux démarches")})
		return strings.Contains(r.Body.String(), w.s)
	}
	fake, other := create("Médiathèque Alcazar"), create("Point numérique Belsunce")
	d := link(w.b, fake)
	// The team's manager lists the link concerning the structure.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + w.b, Token: mgrB}); r.Code != 200 || !strings.Contains(r.Body.String(), d) {
		t.Errorf("the manager lists the links of their structure: %d %s", r.Code, r.Body)
	}
	// M1: keeping the look-alike hides the team's record.
	if r := decide(w.coord, d, "confirm", fake); r.Code != 403 || !strings.Contains(r.Body.String(), "managers") {
		t.Errorf("coordinator hides the team's record: %d %s", r.Code, r.Body)
	}
	if !searched() {
		t.Errorf("the team's service left search")
	}
	// Keeping the team's record is the coordinator's to decide.
	if r := decide(w.coord, d, "confirm", w.b); r.Code != 200 {
		t.Errorf("coordinator keeps the team's record: %d %s", r.Code, r.Body)
	}
	// Re-confirming to keep the other record is refused the same.
	if r := decide(w.coord, d, "confirm", fake); r.Code != 403 {
		t.Errorf("coordinator re-confirms keeping the look-alike: %d %s", r.Code, r.Body)
	}
	if !searched() {
		t.Errorf("the team's service left search after a re-confirmation")
	}
	if ev := trailEvents(t, e, w.b, mgrB, "actor.duplicate_decided"); len(ev) != 1 {
		t.Errorf("the structure's trail records the decision on its record once: %v", ev)
	}
	if r := decide(w.coord, d, "dismiss", ""); r.Code != 200 {
		t.Errorf("coordinator undoes: %d %s", r.Code, r.Body)
	}
	// Between two teamless records, the coordinator decides.
	if r := decide(w.coord, link(fake, other), "confirm", other); r.Code != 200 {
		t.Errorf("coordinator confirms between teamless records: %d %s", r.Code, r.Body)
	}
	// M1b: two structures with teams; the manager dismisses a suggestion
	// about their structure; an administrator may hide it.
	d2 := link(w.a, w.b)
	for _, keep := range []string{w.a, w.b, ""} {
		if r := decide(w.coord, d2, "confirm", keep); r.Code != 403 {
			t.Errorf("coordinator merges two teams keeping %q: %d %s", keep, r.Code, r.Body)
		}
	}
	if r := decide(mgrB, d2, "dismiss", ""); r.Code != 200 {
		t.Errorf("the manager dismisses a suggestion about their structure: %d %s", r.Code, r.Body)
	}
	annex := create("Médiathèque annexe")
	d3 := link(w.b, annex)
	if r := decide(e.Admin, d3, "confirm", w.b); r.Code != 200 || !searched() {
		t.Errorf("administrator confirms keeping the team's record: %d %s", r.Code, r.Body)
	}
	if r := decide(e.Admin, d3, "confirm", annex); r.Code != 200 || searched() {
		t.Errorf("administrator hides the team's record: %d %s (still searched: %t)", r.Code, r.Body, searched())
	}
	if ev := trailEvents(t, e, w.b, mgrB, "actor.duplicate_decided"); len(ev) < 4 {
		t.Errorf("the structure's trail records every decision on its record: %d", len(ev))
	}
}

// TestSec18LookalikeNames reproduces L1 of the probe of 2026-12-06: a
// place, a service or an account's display name could mix Latin letters
// with Cyrillic or Greek look-alikes (« Мédiathèque Alcazar » beside the
// real one, « Сlaire Dupont » for a colleague) or pile up combining marks.
// The partner client names' rule now applies to every name people are told
// apart by, on every path that writes one (create, edit, suggestion, sync
// batch: a rejected row naming the field); a name wholly in another script
// stays accepted.
func TestSec18LookalikeNames(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	refused := []string{
		"Мédiathèque Alcazar", // Cyrillic М
		"Сlaire Dupont",       // Cyrillic С
		"Самille Маrtin",      // words mixing both
		"САF Marseille",       // a Cyrillic word that reads as Latin, beside a Latin one
		"Centre Ρhénix",       // Greek Ρ
		"C\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301amille", // stacked marks
		"Ca\u0300\u0301\u0302\u0303mille",                                     // à and three more
	}
	accepted := []string{"Médiathèque Alcazar", "Центр цифровой помощи", "مركز المساعدة الرقمية", "Ελληνική Κοινότητα Μασσαλίας", "Кафе Internet", "Русский дом Marseille", "Nguyễn Thị Phương", "Œuvre d'Orient", "Ca\u0300\u0301mille"}
	for _, name := range refused {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(name)}); r.Code != 422 || !hasAll(fields(t, r), "name") {
			t.Errorf("actor %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(w.b, name)}); r.Code != 422 || !hasAll(fields(t, r), "name") {
			t.Errorf("service %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.b, Token: e.Admin, ContentType: "application/merge-patch+json", Body: obj{"name": name}}); r.Code != 422 {
			t.Errorf("actor renamed %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: w.memberA, Body: obj{"display_name": name}}); r.Code != 422 || !hasAll(fields(t, r), "display_name") {
			t.Errorf("display name %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + w.b + "/suggestions", Token: w.memberC, Body: obj{"changes": obj{"name": name}}}); r.Code != 422 {
			t.Errorf("suggested name %q: %d %s", name, r.Code, r.Body)
		}
		res := syncActors(t, e, "", partnerActor("lookalike", name))
		if res.Counts["rejected"] != 1 || len(res.Results) != 1 || len(res.Results[0].Errors) == 0 || res.Results[0].Errors[0].Field != "name" {
			t.Errorf("sync row %q: %+v", name, res)
		}
	}
	// The national standard's import: the row is rejected, naming the column.
	var rows []obj
	for i, name := range refused {
		rows = append(rows, obj{"id": "l-" + strconv.Itoa(i), "nom": name, "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"})
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
	if r.Code != 200 || strings.Count(r.Body.String(), `"field":"nom"`) < len(refused) {
		t.Errorf("import: %d %s", r.Code, r.Body)
	}
	if got := get(t, e, "/api/v1/actors?source=hub")["data"].([]any); len(got) != 0 {
		t.Errorf("import stored %d look-alike places", len(got))
	}
	for i, name := range accepted {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(name)}); r.Code != 201 {
			t.Errorf("actor %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: validService(w.b, name+" "+strconv.Itoa(i))}); r.Code != 201 {
			t.Errorf("service %q: %d %s", name, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/me", Token: w.memberA, Body: obj{"display_name": name}}); r.Code != 200 {
			t.Errorf("display name %q: %d %s", name, r.Code, r.Body)
		}
	}
}

// TestSec18NoOpPatchConfirms pins the answer to L2 of the probe of
// 2026-12-06 (« a PATCH that changes nothing counts as an edit »): it is
// documented as a confirmation of the record, kept as such. It answers 200
// with a new version and ETag, moves the place's checked_on to today
// (checked_by carnet, even over a producer's date), writes a history entry
// with no changes and a feed entry; a published service's confirms its
// place the same.
func TestSec18NoOpPatchConfirms(t *testing.T) {
	e := apitest.New(t)
	actor := createActor(t, e, merge(validActor("Espace numérique"), obj{"producer": "Hub du Sud", "producer_updated_on": "2023-05-01"}))
	id := str(actor["id"])
	svc := str(createService(t, e, validService(id, "Aide aux démarches"))["id"])
	today := time.Now().UTC().Format(time.DateOnly)
	history := func(path string) []any {
		r := e.Do(apitest.Request{Method: "GET", Path: path + "/history?limit=100", Token: e.Admin})
		return r.Map()["data"].([]any)
	}
	// The feed's latest version of a record (a page collapses its changes).
	fed := func(path string) float64 {
		v := 0.0
		for _, ch := range get(t, e, "/api/v1/changes?limit=1000")["data"].([]any) {
			if ch := ch.(obj); strings.HasSuffix(path, "/"+str(ch["entity_id"])) {
				v = max(v, ch["version"].(float64))
			}
		}
		return v
	}
	for _, c := range []struct {
		path string
		body obj
	}{
		{"/api/v1/actors/" + id, obj{}},
		{"/api/v1/actors/" + id, obj{"name": "Espace numérique"}},
		{"/api/v1/services/" + svc, obj{}},
		{"/api/v1/services/" + svc, obj{"name": "Aide aux démarches"}},
	} {
		before := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: e.Admin})
		h0 := len(history(c.path))
		r := e.Do(apitest.Request{Method: "PATCH", Path: c.path, Token: e.Admin, ContentType: "application/merge-patch+json", Body: c.body})
		if r.Code != 200 || r.Header().Get("ETag") == before.Header().Get("ETag") || r.Map()["version"].(float64) != before.Map()["version"].(float64)+1 {
			t.Errorf("PATCH %s %v: %d %s (ETag %s → %s)", c.path, c.body, r.Code, r.Body, before.Header().Get("ETag"), r.Header().Get("ETag"))
		}
		if h := history(c.path); len(h) != h0+1 {
			t.Errorf("PATCH %s %v: %d history entries after %d", c.path, c.body, len(h), h0)
		}
		if v := fed(c.path); r.Code == 200 && v != r.Map()["version"].(float64) {
			t.Errorf("PATCH %s %v: the feed's version is %v", c.path, c.body, v)
		}
		if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map(); a["checked_on"] != today || a["checked_by"] != "carnet" {
			t.Errorf("PATCH %s %v: the place is not confirmed: checked_on %v, checked_by %v", c.path, c.body, a["checked_on"], a["checked_by"])
		}
	}
}
