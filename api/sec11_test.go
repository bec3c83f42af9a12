package api_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
)

// sec11 (guard): a phone a structure added while its contacts are hidden
// never reaches the export nor the public record when its producer imports
// the place again (the import writes the file's contacts, which are open
// data, and makes them public; it does not publish the hidden ones).
func TestSec11ImportNeverPublishesHiddenPhone(t *testing.T) {
	e := apitest.New(t)
	row := func(name string) []obj {
		return []obj{{"id": "k-1", "nom": name, "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}}
	}
	imp := func(rows []obj) {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
		if r.Code != 200 {
			t.Fatalf("import: %d %s", r.Code, r.Body)
		}
	}
	imp(row("Maison France services de Gap"))
	actor := get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)
	a := "/api/v1/actors/" + str(actor["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: a, Token: e.Admin, Body: obj{"phones": []string{"06 12 34 56 78"}, "contact_public": false}}); r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	imp(row("Maison France Services de Gap"))
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	if strings.Contains(r.Body.String(), "612345678") {
		t.Errorf("the hidden phone is in the export after the import")
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: a}); strings.Contains(r.Body.String(), "612345678") {
		t.Errorf("the hidden phone is public after the import: %s", r.Body)
	}
}

// sec11 (guard): the standard's telephone column is left unprotected by
// FormulaSafe because an E.164 phone starts with +; a file's cell that is
// a formula never gets there.
func TestSec11ExportTelephoneFormula(t *testing.T) {
	e := apitest.New(t)
	for _, ph := range []string{`+33 4 92 00 00 00+cmd|' /C calc'!A0`, `=HYPERLINK("http://x.fr")`, `-2+3+cmd|' /C calc'!A0`, `+cmd|' /C calc'!A0`} {
		rows := []obj{{"id": "k-1", "nom": "Maison de Gap", "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
			"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives", "telephone": ph}}
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
		if r.Code != 200 {
			t.Fatalf("import %q: %d %s", ph, r.Code, r.Body)
		}
		x := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
		if strings.Contains(x.Body.String(), "calc") || strings.Contains(x.Body.String(), "HYPERLINK") {
			t.Errorf("phone %q exported: %s", ph, x.Body)
		}
	}
}

// A place's scheduled closure starts on a day with no change in the log:
// the export made that day differs (its ETag names the day), and a reuser
// who revalidates with If-Modified-Since, as curl -z and wget -N do, must
// get it, not 304 on the previous day's Last-Modified.
func TestSec11ExportIfModifiedSinceAcrossDays(t *testing.T) {
	now := time.Date(2026, 12, 20, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	id := str(createActor(t, e, validActor("Médiathèque"))["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		Body: obj{"status": "temporarily_closed", "closed_from": "2026-12-24", "closed_until": "2027-01-02", "closure_reason": "Fermeture annuelle"}}); r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	for _, format := range []string{"standard-json", "geojson"} {
		first := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + format})
		lm := first.Header().Get("Last-Modified")
		if first.Code != 200 || lm == "" {
			t.Fatalf("%s: %d, Last-Modified %q", format, first.Code, lm)
		}
		mu.Lock()
		now = now.Add(5 * 24 * time.Hour) // the 25th: closed since yesterday
		mu.Unlock()
		again := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + format, Header: map[string]string{"If-Modified-Since": lm}})
		if again.Code != 200 {
			t.Errorf("%s: If-Modified-Since the previous export's Last-Modified, a day later: %d, want 200 (the export of the day differs: %s → %s)",
				format, again.Code, first.Header().Get("ETag"), again.Header().Get("ETag"))
		}
	}
}

// A closure overseas starts at the place's own midnight, not Paris's: the
// export kept since Paris's midnight must not go on showing the place open
// until the next change or the next Paris day (Tahiti's day begins eleven
// hours after Paris's in winter).
func TestSec11ExportOverseasDayStartsAtLocalMidnight(t *testing.T) {
	now := time.Date(2026, 12, 24, 0, 30, 0, 0, time.UTC) // Paris 24th 01:30, Papeete 23rd 14:30
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	id := str(createActor(t, e, obj{"name": "Médiathèque de Papeete",
		"address": obj{"street": "1 rue Jeanne d'Arc", "postal_code": "98714", "commune": "Papeete", "insee_code": "98735"}})["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		Body: obj{"status": "temporarily_closed", "closed_from": "2026-12-24", "closed_until": "2027-01-02", "closure_reason": "Fermeture annuelle"}}); r.Code != 200 {
		t.Fatalf("PATCH: %d %s", r.Code, r.Body)
	}
	status := func() string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"})
		var fc struct {
			Features []struct {
				Properties struct {
					Status string `json:"status"`
				} `json:"properties"`
			} `json:"features"`
		}
		r.JSON(&fc)
		if r.Code != 200 || len(fc.Features) != 1 {
			t.Fatalf("export: %d %s", r.Code, r.Body)
		}
		return fc.Features[0].Properties.Status
	}
	if got := status(); got != "active" {
		t.Fatalf("before Papeete's midnight: %s, want active", got)
	}
	mu.Lock()
	now = time.Date(2026, 12, 24, 11, 0, 0, 0, time.UTC) // Paris 24th 12:00, Papeete 24th 01:00
	mu.Unlock()
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}); r.Map()["status"] != "temporarily_closed" {
		t.Fatalf("the place itself: %v", r.Map()["status"])
	}
	if got := status(); got != "temporarily_closed" {
		t.Errorf("after Papeete's midnight the export still says %s (kept since Paris's midnight)", got)
	}
}

// Freshness turns with the date of the server's clock (UTC here), an hour
// after Paris's midnight: the export kept since Paris's midnight must not
// go on calling fresh a place that became stale at UTC's.
func TestSec11ExportStaleTurnsAtTheClocksMidnight(t *testing.T) {
	now := time.Date(2025, 12, 20, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*3*time.Hour))
	createActor(t, e, validActor("Médiathèque"))         // checked on 2025-12-20
	set(time.Date(2026, 12, 20, 23, 30, 0, 0, time.UTC)) // Paris 21st 00:30: still fresh (UTC 20th)
	stale := func() string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/quality-csv"})
		lines := strings.Split(strings.TrimSpace(r.Body.String()), "\n")
		if r.Code != 200 || len(lines) != 2 {
			t.Fatalf("export: %d %s", r.Code, r.Body)
		}
		head, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
		for i, h := range head {
			if h == "stale" && i < len(row) {
				return row[i]
			}
		}
		t.Fatalf("no stale column: %s", r.Body)
		return ""
	}
	if got := stale(); got != "false" {
		t.Fatalf("before UTC's midnight: stale %s", got)
	}
	set(time.Date(2026, 12, 21, 0, 30, 0, 0, time.UTC))
	if got := stale(); got != "true" {
		t.Errorf("after UTC's midnight: stale %s, want true", got)
	}
}
