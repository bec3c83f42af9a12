package api_test

import (
	"fmt"
	"testing"

	"carnet/api/apitest"
)

// TestDuplicateDecisionInHistory reproduces session 37's leftover: a
// confirmed duplicate moved both records' versions (replicas follow the
// change log, and the representations change) and wrote an update with no
// changed field in each record's history, so an integrator whose If-Match
// then failed saw a record change with nothing changed. The history says
// the decision: the newer record's duplicate_of and the older one's
// stands_for, old and new, on the confirmation and on its undoing. The
// versions still move.
func TestDuplicateDecisionInHistory(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := confirmedPair(t, e)
	last := func(id string) (int64, string) {
		t.Helper()
		h := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id + "/history?limit=1", Token: e.Admin})
		if h.Code != 200 {
			t.Fatalf("history: %d %s", h.Code, h.Body)
		}
		ev := h.Map()["data"].([]any)[0].(map[string]any)
		return int64(ev["version"].(float64)), fmt.Sprint(ev["action"], " ", ev["changes"])
	}
	vOlder, _ := last(older)
	vNewer, _ := last(newer)
	decide(t, e, link, "confirm")
	want := map[string]string{
		older: "update [map[field:stands_for new:[" + newer + "] old:[]]]",
		newer: "update [map[field:duplicate_of new:" + older + " old:<nil>]]",
	}
	for id, v := range map[string]int64{older: vOlder, newer: vNewer} {
		if got, changes := last(id); got != v+1 || changes != want[id] {
			t.Errorf("confirmed: version %d (was %d), %s, want %s", got, v, changes, want[id])
		}
	}
	decide(t, e, link, "dismiss")
	want = map[string]string{
		older: "update [map[field:stands_for new:[] old:[" + newer + "]]]",
		newer: "update [map[field:duplicate_of new:<nil> old:" + older + "]]",
	}
	for id, v := range map[string]int64{older: vOlder, newer: vNewer} {
		if got, changes := last(id); got != v+2 || changes != want[id] {
			t.Errorf("undone: version %d (was %d), %s, want %s", got, v, changes, want[id])
		}
	}
}
