package api_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestSearchRemoteContradiction: remote=false keeps services not given
// remotely, include_remote=true adds those given only remotely: together
// they asked for rows the filter then removed, and the answer silently
// dropped the second. Refused (422) naming both, as orientation refuses
// remote_only with accept_remote false.
func TestSearchRemoteContradiction(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&remote=false&include_remote=true"})
	if r.Code != 422 {
		t.Fatalf("remote=false&include_remote=true: %d, want 422: %s", r.Code, r.Body)
	}
	if got := fields(t, r); !hasAll(got, "remote", "include_remote") {
		t.Errorf("fields %v, want remote and include_remote", got)
	}
	for _, ok := range []string{"remote=true&include_remote=true", "remote=false&include_remote=false", "remote=false", "include_remote=true"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&" + ok}); r.Code != 200 {
			t.Errorf("%s: %d, want 200: %s", ok, r.Code, r.Body)
		}
	}
}

// TestDisabledMembersAreNoTeam: a structure whose only members are
// disabled accounts counted as having a team: a referral to it was taken
// (201) although nobody could log in to read it, and a coordinator could
// not curate its contacts. Only active accounts make a team, on every path
// of the rule (referral, forward, commitments).
func TestDisabledMembersAreNoTeam(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	d := str(createActor(t, e, validActor("Équipe partie"))["id"])
	svcD := str(createService(t, e, validService(d, "Permanence"))["id"])
	u, _ := e.Account("parti.d@example.fr", map[string]models.Role{d: models.RoleManager}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": true}}); r.Code != 200 {
		t.Fatalf("disable: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)})
	if r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("referral to a structure whose only member is disabled: %d %s", r.Code, r.Body)
	}
	id := w.send(t)
	fwd := obj{"to_service_id": svcD, "consent": forwardConsent}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB, Body: fwd}); r.Code != 422 || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("forward to it: %d %s", r.Code, r.Body)
	}
	// Nobody decides for it: the coordinator curates it as the directory's.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + d, Token: w.coord, Body: obj{"contact_public": true}}); r.Code != 200 {
		t.Errorf("coordinator on a structure whose team is disabled: %d %s", r.Code, r.Body)
	}
	// Enabled again, it has a team again.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"disabled": false}}); r.Code != 200 {
		t.Fatalf("enable: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svcD)}); r.Code != 201 {
		t.Errorf("referral once its member is active: %d %s", r.Code, r.Body)
	}
}

// TestNameSortIsFolded reproduces L3 of probe 35b: sort=name compared
// names case-insensitively only, so accented initials came after z
// (« Élan » after « Zébu ») and, on PostgreSQL, lower(name) put « Œuvre »
// there too. Names are sorted by a stored folded key (accents, case and
// the ligatures œ/æ folded as search folds them; nothing else dropped),
// the same on SQLite and PostgreSQL, forwards, backwards and across pages.
func TestNameSortIsFolded(t *testing.T) {
	e := apitest.New(t)
	// In the order wanted.
	names := []string{"abri", "Ancienne école", "Ancienne mairie", "Bibliothèque Mériadeck", "Bibliothèque municipale",
		"Élan", "espace", "Œuvre", "Orme", "Zébu", "Zone"}
	created := []int{7, 9, 5, 0, 10, 3, 6, 1, 8, 2, 4} // not in that order
	byID := map[string]string{}
	for _, i := range created {
		a := createActor(t, e, validActor(names[i]))
		byID[str(a["id"])] = names[i]
		s := createService(t, e, validService(str(a["id"]), names[i]))
		byID[str(s["id"])] = names[i]
	}
	walk := func(path string) []string {
		t.Helper()
		var out []string
		for _, id := range walkIDs(t, e, path) {
			out = append(out, byID[id])
		}
		return out
	}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	for _, list := range []string{"/api/v1/actors", "/api/v1/services"} {
		for _, limit := range []int{1, 3, 200} {
			if got := walk(fmt.Sprintf("%s?sort=name&limit=%d", list, limit)); !slices.Equal(got, names) {
				t.Errorf("%s sort=name limit=%d:\n got %q\nwant %q", list, limit, got, names)
			}
			if got := walk(fmt.Sprintf("%s?sort=-name&limit=%d", list, limit)); !slices.Equal(got, reversed) {
				t.Errorf("%s sort=-name limit=%d:\n got %q\nwant %q", list, limit, got, reversed)
			}
		}
	}
	// Search's name order is the same.
	if got := walk("/api/v1/search/actors?sort=name&limit=4"); !slices.Equal(got, names) {
		t.Errorf("search sort=name:\n got %q\nwant %q", got, names)
	}
}

// TestNameKeyOnEveryWrite: every path that writes a name writes its sort
// key with it (REST create, PUT, PATCH, a suggestion accepted, a sync's
// bulk insert and update, a restore), so that no row sorts by a stale key.
func TestNameKeyOnEveryWrite(t *testing.T) {
	w := newChangeWorld(t)
	e := w.e
	a := str(createActor(t, e, validActor("Zébu"))["id"])
	s := str(createService(t, e, validService(a, "Œuvre"))["id"])
	put := merge(validActor("Élan"), obj{"summary": "Permanences"})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + a, Token: e.Admin, Body: put}); r.Code != 200 {
		t.Fatalf("put: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/services/" + s, Token: e.Admin, Body: obj{"name": "Âtre"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	if r := w.accept(e.Admin, w.suggest(t, "/api/v1/actors/"+w.x, obj{"name": "Structure Ÿ"})); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	syncActors(t, e, "", partnerActor("p1", "Étoile"), partnerActor("p2", "Ïle"))
	syncActors(t, e, "", partnerActor("p1", "Éclair"), partnerActor("p2", "Ïle"))
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + a, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	checkNameKeys(t, e.DBPath, 7)
}

// checkNameKeys checks that every actor and service of the database has
// the key of its name, and that there are at least n rows.
func checkNameKeys(t *testing.T, dsn string, n int) {
	t.Helper()
	raw := dbtest.Raw(t, dsn)
	rows, err := raw.Query("SELECT name, name_key FROM actors UNION ALL SELECT name, name_key FROM services")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var name, key string
		if err := rows.Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		seen++
		if key != models.NameKey(name) {
			t.Errorf("%q: name_key %q, want %q", name, key, models.NameKey(name))
		}
	}
	if seen < n {
		t.Errorf("%d rows, want at least %d", seen, n)
	}
}

// TestHoursWithNoReadableRuleKept: REST and sync refused (422) hours of
// which no rule reads, where the import dropped them; all paths keep them
// as written now, listed in opening_hours_unreadable with every day
// unknown (probe 35b, L5).
func TestHoursWithNoReadableRuleKept(t *testing.T) {
	e := apitest.New(t)
	check := func(what string, got obj) {
		t.Helper()
		u, _ := got["opening_hours_unreadable"].([]any)
		if got["opening_hours"] != "We 08:00" || len(u) != 1 || u[0].(obj)["text"] != "We 08:00" {
			t.Errorf("%s: opening_hours %v, unreadable %v", what, got["opening_hours"], got["opening_hours_unreadable"])
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Lieu A"), obj{"opening_hours": "We 08:00"})})
	if r.Code != 201 {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	check("REST", r.Map())
	a := str(r.Map()["id"])
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(a, "Atelier"), obj{"opening_hours": "We 08:00"})})
	if r.Code != 201 {
		t.Fatalf("create service: %d %s", r.Code, r.Body)
	}
	check("REST service", r.Map())
	res := syncActors(t, e, "", merge(partnerActor("h1", "Lieu B"), obj{"opening_hours": "We 08:00"}))
	if res.Counts["created"] != 1 {
		t.Fatalf("sync: %+v", res)
	}
	check("sync", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[0].ID}).Map())
}

// unreadableReason is the reason of the first unreadable rule of an
// answered record, "" when none.
func unreadableReason(r *apitest.Response) string {
	u, _ := r.Map()["opening_hours_unreadable"].([]any)
	if len(u) == 0 {
		return ""
	}
	return str(u[0].(obj)["reason"])
}

// TestTimestampsHaveOneWidth reproduces L4 of probe 35b: timestamps were
// written with RFC3339Nano, which drops trailing zeros (« …:05.1Z » beside
// « …:05.123456Z »), so clients comparing them as text misordered them.
// Every timestamp of an answer has six fraction digits, in UTC, and sent
// back as updated_since it selects its own row again (at or after).
func TestTimestampsHaveOneWidth(t *testing.T) {
	var tick atomic.Int64
	base := time.Date(2026, 12, 5, 18, 38, 33, 100000000, time.UTC) // .100000: five zeros to drop
	e := apitest.New(t, apitest.WithClock(func() time.Time { return base.Add(time.Duration(tick.Add(1)) * 100 * time.Millisecond) }))
	a := str(createActor(t, e, validActor("Horodaté"))["id"])
	createService(t, e, validService(a, "Atelier"))
	wide := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	var check func(path string, v any)
	check = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && strings.HasSuffix(k, "_at") && !wide.MatchString(s) {
					t.Errorf("%s: %s = %q, want six fraction digits in UTC", path, k, s)
				}
				check(path, x)
			}
		case []any:
			for _, x := range v {
				check(path, x)
			}
		}
	}
	for _, path := range []string{"/api/v1/actors", "/api/v1/services", "/api/v1/actors/" + a, "/api/v1/changes", "/api/v1/users"} {
		r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", path, r.Code, r.Body)
		}
		var v any
		r.JSON(&v)
		check(path, v)
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a}).Map()
	since := str(got["updated_at"])
	if !strings.HasSuffix(since, "00000Z") {
		t.Fatalf("updated_at %q: the clock should give trailing zeros", since)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?updated_since=" + url.QueryEscape(since)})
	if ids := r.Map()["data"].([]any); len(ids) != 1 || ids[0].(obj)["id"] != a {
		t.Errorf("updated_since=%s: %v, want the actor itself", since, r.Body)
	}
}
