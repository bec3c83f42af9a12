package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestSnapshotIDReadAsAnID: the snapshot_id of a batch is read as every id
// is (the fiftieth session's probe): a value that is no UUID is a client's
// mistake, 400 naming snapshot_id as the contract's format: uuid says, not
// the 404 of a session that does not exist; the open session's id in
// capitals joins it, as ids in capitals name their record on every path.
func TestSnapshotIDReadAsAnID(t *testing.T) {
	e := apitest.New(t)
	s := openSnapshot(t, e, e.Admin, snapSource)
	for _, kind := range []string{"actors", "services"} {
		for _, bad := range []string{"abc", "019372a4-7c1e-7d2a-9a51", s.ID + "0"} {
			r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + snapSource + "/" + kind + "?snapshot_id=" + bad, Token: e.Admin, Body: obj{kind: []obj{}}})
			if r.Code != 400 || !hasAll(fields(t, r), "snapshot_id") {
				t.Errorf("%s with snapshot_id=%s: %d %s, want 400 naming snapshot_id", kind, bad, r.Code, r.Body)
			}
		}
	}
	res := sendBatch(t, e, "?snapshot_id="+strings.ToUpper(s.ID), []obj{snapPlace(1)})
	if res.Counts["created"] != 1 {
		t.Fatalf("a batch joining the session by its id in capitals: %v", res.Counts)
	}
	if code, got := getSnapshot(t, e, s.ID); code != 200 || got.Actors != 1 || got.Batches != 1 {
		t.Errorf("the session after a batch sent with its id in capitals: %d %+v, want 1 actor, 1 batch", code, got)
	}
}
