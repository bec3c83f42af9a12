package api_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
)

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
	w.send(t)
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
	if d["created_since"] != day.Format(time.RFC3339) || d["created_before"] != day.Add(24*time.Hour).Format(time.RFC3339) {
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

	// Secondary suppression: 5 more referrals, one refused: sent 5 and
	// refused 1 of a total of 6 — withholding refused alone, total minus
	// sent would give it back.
	for range 4 {
		w.send(t)
	}
	if r := w.move(w.memberB, w.send(t), "refused", obj{"reason": "service_full"}); r.Code != 200 {
		t.Fatalf("refuse: %d %s", r.Code, r.Body)
	}
	st := statsOf(t, w, w.coord, "")
	byStatus := st["by_status"].(map[string]any)
	if st["total"] != float64(6) || byStatus["refused"] != nil || byStatus["sent"] != nil {
		t.Errorf("total %v, by_status %v: want 6 with sent and refused both withheld", st["total"], byStatus)
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
