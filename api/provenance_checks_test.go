package api_test

import (
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
)

// TestStaleListUndatedHasNoMonths (probe 40b L2): an undated place is in
// the stale list whatever months, but its months_since_check said 0 —
// counted from the day Carnet stored it, which nobody checked anything
// on. It is null now: the number of months is unknown, checked_on_undated
// says why.
func TestStaleListUndatedHasNoMonths(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", partnerActor("undated", "Lieu sans date"), merge(partnerActor("old", "Lieu daté"), obj{"producer_updated_on": "2020-01-02"}))
	if res.Results[0].ID == "" || res.Results[1].ID == "" {
		t.Fatalf("sync: %+v", res)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/quality/stale", Token: e.Admin})
	if r.Code != 200 {
		t.Fatalf("stale: %d %s", r.Code, r.Body)
	}
	for _, it := range r.Map()["data"].([]any) {
		m := it.(map[string]any)
		months, present := m["months_since_check"]
		switch m["source_id"] {
		case "undated":
			if months != nil || m["checked_on_undated"] != true {
				t.Errorf("undated: months_since_check %v (present %v), checked_on_undated %v", months, present, m["checked_on_undated"])
			}
		case "old":
			if n, _ := months.(float64); n < 60 {
				t.Errorf("dated: months_since_check %v", months)
			}
		}
	}
}

// TestQualityNamesTheUnreadableRule (probe 40b L1): hours with one rule
// Carnet cannot read (« Sa 10:00 ») were scored « no opening hours »; the
// place has hours. The criterion is still missed (it asks for hours whose
// every rule reads: the score's criteria are met or not), but the gap now
// names the rule to fix.
func TestQualityNamesTheUnreadableRule(t *testing.T) {
	e := apitest.New(t)
	res := syncActors(t, e, "", merge(partnerActor("fol", "Ligue de l'Enseignement"), obj{"opening_hours": "Mo-Th 09:00-12:00,13:00-18:00; Sa 10:00"}))
	if res.Results[0].ID == "" {
		t.Fatalf("sync: %+v", res)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + res.Results[0].ID})
	gap := ""
	for _, m := range r.Map()["quality"].(map[string]any)["missing"].([]any) {
		if m := m.(map[string]any); m["criterion"] == "opening_hours" {
			gap = m["missing"].(string)
		}
	}
	if !strings.Contains(gap, "règle illisible : Sa 10:00") || strings.HasPrefix(gap, "no opening hours") {
		t.Errorf("hours gap: %q", gap)
	}
}

// standardRow returns the standard-csv row of the record whose id column
// is id, by column name.
func standardRow(t *testing.T, e *apitest.Env, id string) map[string]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"}).Body.String())).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("standard-csv: %v %d rows", err, len(rows))
	}
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, col := range rows[0] {
			m[col] = row[i]
		}
		if m["id"] == id {
			return m
		}
	}
	t.Fatalf("no row %s in standard-csv", id)
	return nil
}

// TestEditKeepsProducersDateInExport (probe 40b M2): a manager's edit of
// one field made standard-csv write source=conseiller-numerique with the
// day of the edit as date_maj — crediting the producer with a check it
// never made. The export keeps the producer's date beside its name and
// id; the record says who its checked_on comes from (checked_by).
func TestEditKeepsProducersDateInExport(t *testing.T) {
	e := apitest.New(t)
	today := time.Now().UTC().Format(time.DateOnly)
	rec := merge(partnerActor("cn-1", "Médiathèque chateaubernard"), obj{"producer": "conseiller-numerique", "producer_updated_on": "2023-02-22"})
	res := syncActors(t, e, "", rec, partnerActor("undated-1", "Lieu sans date"))
	id, undated := res.Results[0].ID, res.Results[1].ID
	if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}).Map(); a["checked_by"] != "producer" {
		t.Errorf("after the sync: checked_by %v", a["checked_by"])
	}
	if a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + undated}).Map(); a["checked_by"] != nil {
		t.Errorf("undated: checked_by %v", a["checked_by"])
	}
	for _, x := range []string{id, undated} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + x, Token: e.Admin, Body: obj{"opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
			t.Fatalf("patch: %d %s", r.Code, r.Body)
		}
	}
	a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}).Map()
	if a["checked_on"] != today || a["checked_by"] != "carnet" || a["producer_updated_on"] != "2023-02-22" {
		t.Errorf("after the edit: checked_on %v by %v, producer's date %v", a["checked_on"], a["checked_by"], a["producer_updated_on"])
	}
	if row := standardRow(t, e, "cn-1"); row["source"] != "conseiller-numerique" || row["date_maj"] != "2023-02-22" {
		t.Errorf("export after the edit: source %q date_maj %q", row["source"], row["date_maj"])
	}
	if row := standardRow(t, e, "undated-1"); row["date_maj"] != "1970-01-01" {
		t.Errorf("export of an undated record edited in Carnet: source %q date_maj %q", row["source"], row["date_maj"])
	}
}

// TestSyncKeepsANewerEditInCarnet (probe 40b M3): a producer row dated
// before a change made in Carnet — the very row imported before, sent
// again — erased that change silently (opening_hours 'Tu-Sa 10:00-18:00'
// → ”, « updated », no warning). The stored record, checked in Carnet
// after the producer's date, is kept, with a warning naming the field;
// a row dated after the change wins, with a warning naming what it
// replaced.
func TestSyncKeepsANewerEditInCarnet(t *testing.T) {
	now := time.Now().UTC()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	row := merge(partnerActor("cn-1", "Médiathèque chateaubernard"), obj{"producer": "conseiller-numerique", "producer_updated_on": "2023-02-22"})
	id := syncActors(t, e, "", row).Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	sync := func(row obj) (result string, warnings []string) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{"actors": []obj{row}}})
		var out struct {
			Results []struct {
				Result   string
				Warnings []struct{ Field, Reason string }
			}
		}
		r.JSON(&out)
		if r.Code != 200 || len(out.Results) != 1 {
			t.Fatalf("sync: %d %s", r.Code, r.Body)
		}
		for _, w := range out.Results[0].Warnings {
			warnings = append(warnings, w.Field+": "+w.Reason)
		}
		return out.Results[0].Result, warnings
	}
	hours := func() any {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id}).Map()["opening_hours"]
	}

	result, warns := sync(row)
	if hours() != "Tu-Sa 10:00-18:00" || result != "unchanged" || len(warns) != 1 || !strings.HasPrefix(warns[0], "opening_hours: ") {
		t.Errorf("an older row: hours %v, result %s, warnings %q", hours(), result, warns)
	}
	// It sends its hours, empty: a key left out keeps the stored value
	// whatever the dates (TestSyncOmittedKeyKeepsStoredValue).
	newer := merge(row, obj{"producer_updated_on": clock().Format(time.DateOnly), "opening_hours": ""})
	// The producer's date of the same day as the change does not say it
	// came after: kept too (the row's date is written).
	if result, warns := sync(newer); hours() != "Tu-Sa 10:00-18:00" || result != "updated" || len(warns) != 1 {
		t.Errorf("a row of the day of the change: hours %v, result %s", hours(), result)
	}
	mu.Lock()
	now = now.Add(48 * time.Hour)
	mu.Unlock()
	newer["producer_updated_on"] = clock().Format(time.DateOnly)
	result, warns = sync(newer)
	if hours() != nil && hours() != "" || result != "updated" || len(warns) != 1 || !strings.Contains(warns[0], "Tu-Sa 10:00-18:00") {
		t.Errorf("a newer row: hours %v, result %s, warnings %q", hours(), result, warns)
	}
}

// TestSyncWarningNamesAPrivateFieldWithoutItsValue (session 41): a
// re-import warning quoted the value a person set and the row's, fine for
// public place data, but a phone or an e-mail that is not public (the API
// hides it from anonymous readers) went to whoever runs the import. The
// warning names the field, never such a value; a public one is still
// quoted.
func TestSyncWarningNamesAPrivateFieldWithoutItsValue(t *testing.T) {
	e := apitest.New(t)
	row := merge(partnerActor("cn-2", "Médiathèque de Cognac"), obj{"producer": "conseiller-numerique", "producer_updated_on": "2023-02-22",
		"phones": []string{"05 45 00 00 01"}, "emails": []string{"accueil@cognac.example"}, "contact_public": false, "opening_hours": "Mo 10:00-12:00"})
	id := syncActors(t, e, "", row).Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
		Body: obj{"phones": []string{"05 45 99 88 77"}, "emails": []string{"direction@cognac.example"}, "opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors", Token: e.Admin, Body: obj{"actors": []obj{row}}})
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	var out struct {
		Results []struct {
			Warnings []struct{ Field, Reason string }
		}
	}
	r.JSON(&out)
	fields := map[string]string{}
	for _, w := range out.Results[0].Warnings {
		fields[w.Field] = w.Reason
	}
	for _, f := range []string{"phones", "emails", "opening_hours"} {
		if _, ok := fields[f]; !ok {
			t.Errorf("no warning on %s: %v", f, fields)
		}
	}
	for _, secret := range []string{"99 88 77", "998877", "direction@", "0 01", "450000", "accueil@"} {
		if strings.Contains(r.Body.String(), secret) {
			t.Errorf("the answer quotes a private contact (%s): %s", secret, r.Body)
		}
	}
	if !strings.Contains(fields["opening_hours"], "Tu-Sa 10:00-18:00") {
		t.Errorf("a public value is no longer quoted: %q", fields["opening_hours"])
	}
}

// TestReimportKeepingAnEditKeepsItsDate (session 41): a re-import dated
// 2023 that changes another field (the name) while a person's newer hours
// are kept dated the whole record by the producer's 2023 date
// (checked_by producer): the place read stale, and its kept hours looked
// checked in 2023. checked_on is the day the record was last known true;
// the record still holds the person's value of that day, so checked_on
// stays that day (checked_by carnet) while the producer's own date is
// kept as producer_updated_on, which the export's date_maj still writes.
func TestReimportKeepingAnEditKeepsItsDate(t *testing.T) {
	e := apitest.New(t)
	row := merge(partnerActor("cn-3", "Médiathèque de Jarnac"), obj{"producer": "conseiller-numerique", "producer_updated_on": "2023-02-22"})
	id := syncActors(t, e, "", row).Results[0].ID
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"opening_hours": "Tu-Sa 10:00-18:00"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	edited := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
	if edited["checked_by"] != "carnet" {
		t.Fatalf("after the edit: checked_by %v", edited["checked_by"])
	}
	renamed := merge(row, obj{"name": "Médiathèque municipale de Jarnac", "producer_updated_on": "2023-03-01"})
	if got := syncActors(t, e, "", renamed).Results[0].Result; got != "updated" {
		t.Fatalf("re-import: %s", got)
	}
	a := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
	if a["name"] != "Médiathèque municipale de Jarnac" || a["opening_hours"] != "Tu-Sa 10:00-18:00" {
		t.Fatalf("name %v, hours %v", a["name"], a["opening_hours"])
	}
	if a["checked_on"] != edited["checked_on"] || a["checked_by"] != "carnet" || a["producer_updated_on"] != "2023-03-01" {
		t.Errorf("checked_on %v by %v (producer's date %v), want %v by carnet with the producer's 2023-03-01",
			a["checked_on"], a["checked_by"], a["producer_updated_on"], edited["checked_on"])
	}
	if q := a["quality"].(map[string]any); q["stale"] != false {
		t.Errorf("stale: %v", q["stale"])
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("export: %v %s", err, r.Body)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, row := range rows[1:] {
		if row[col["id"]] == "cn-3" && row[col["date_maj"]] != "2023-03-01" {
			t.Errorf("export date_maj %s, want the producer's own 2023-03-01", row[col["date_maj"]])
		}
	}
}

// hubActor is the one actor of source hub with source_id id, read by the
// administrator.
func hubActor(t *testing.T, e *apitest.Env, id string) obj {
	t.Helper()
	for _, x := range get(t, e, "/api/v1/actors?source=hub&limit=100")["data"].([]any) {
		if a := x.(obj); a["source_id"] == id {
			return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(a["id"]), Token: e.Admin}).Map()
		}
	}
	t.Fatalf("no actor %s in source hub", id)
	return nil
}

// TestReimportWithoutTheEditedColumnKeepsItsDate (fix41c): a coordinator
// wrote the description of an imported place; a re-import dated before
// that day, from a file with no presentation_detail column (the PACA
// file), changing the phone, kept the description (no column: untouched)
// but dated the record back to the row's day, checked by the producer,
// where the same row with the column kept the person's day. The record
// still holds the person's value: checked_on stays that day either way.
func TestReimportWithoutTheEditedColumnKeepsItsDate(t *testing.T) {
	e := apitest.New(t)
	importHub(t, e, gapPlace(obj{"presentation_detail": "Accueil le matin.", "telephone": "0492000000"}))
	id := str(hubActor(t, e, "g-1")["id"])
	patchAsAdmin(t, e, "/api/v1/actors/"+id, obj{"description": "Accueil le matin et le jeudi après-midi."})
	edited := hubActor(t, e, "g-1")
	if edited["checked_by"] != "carnet" {
		t.Fatalf("after the edit: checked_by %v", edited["checked_by"])
	}
	importHub(t, e, gapPlace(obj{"date_maj": "2023-06-01", "telephone": "0492111111"}))
	a := hubActor(t, e, "g-1")
	if a["description"] != "Accueil le matin et le jeudi après-midi." || a["producer_updated_on"] != "2023-06-01" {
		t.Fatalf("description %v, producer's date %v", a["description"], a["producer_updated_on"])
	}
	if a["checked_on"] != edited["checked_on"] || a["checked_by"] != "carnet" {
		t.Errorf("checked_on %v by %v, want %v by carnet", a["checked_on"], a["checked_by"], edited["checked_on"])
	}
}

// TestReimportDatedInTheFuture (fix41c): a row whose date_maj is after
// today was read as undated: the result warned « sent empty (null): the
// stored date … is removed » of a row that was not empty, and, undated
// rows being taken as current, its values replaced a person's newer
// edit. A date in the future is no check: the stored producer's date is
// kept (as for a file without date_maj), the warning says the date is in
// the future, and the person's value stays — also on a place with no
// stored date.
func TestReimportDatedInTheFuture(t *testing.T) {
	e := apitest.New(t)
	// Two days ahead: after today in every time zone the import may use.
	future := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	for _, c := range []struct{ name, stored string }{{"dated", "2023-03-16"}, {"undated", ""}} {
		t.Run(c.name, func(t *testing.T) {
			sid := "f-" + c.name
			row := func(extra obj) []obj { return gapPlace(merge(obj{"id": sid, "date_maj": c.stored}, extra)) }
			importHub(t, e, row(obj{"presentation_detail": "Accueil le matin."}))
			id := str(hubActor(t, e, sid)["id"])
			patchAsAdmin(t, e, "/api/v1/actors/"+id, obj{"description": "Accueil le matin et le jeudi."})
			edited := hubActor(t, e, sid)
			report := importHub(t, e, row(obj{"date_maj": future, "presentation_detail": "Accueil le soir.", "telephone": "0492111111"}))
			text := fmt.Sprint(report)
			if strings.Contains(text, "sent empty") || !strings.Contains(text, "in the future") {
				t.Errorf("report: %s", text)
			}
			a := hubActor(t, e, sid)
			if a["description"] != "Accueil le matin et le jeudi." {
				t.Errorf("description %v: the person's edit was replaced", a["description"])
			}
			want := any(c.stored)
			if c.stored == "" {
				want = nil
			}
			if a["producer_updated_on"] != want {
				t.Errorf("producer's date %v, want %v", a["producer_updated_on"], want)
			}
			if a["checked_on"] != edited["checked_on"] || a["checked_by"] != "carnet" {
				t.Errorf("checked_on %v by %v, want %v by carnet", a["checked_on"], a["checked_by"], edited["checked_on"])
			}
		})
	}
}
