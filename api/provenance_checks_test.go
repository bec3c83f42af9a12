package api_test

import (
	"strings"
	"testing"

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
