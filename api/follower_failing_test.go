package api_test

import (
	"errors"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestWebhookWorkerSurvivesFullDiskAtStart: started while the database
// refuses the fan-out cursor's creation (a full disk: probe 39a, F2), the
// webhook worker keeps trying instead of stopping for good; meanwhile
// /readyz lists it as failing with its error's kind (status degraded) and
// /metrics says so and measures its lag; once the error goes, a change is
// delivered.
func TestWebhookWorkerSurvivesFullDiskAtStart(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	if models.IsPostgresURL(e.DBPath) {
		t.Skip("the fault is a SQLite trigger")
	}
	rcv := newReceiver(t)
	sub := rcv.subscribe(e, e.Admin, nil)
	createActor(t, e, validActor("Lieu avant la panne"))
	db := dbtest.Raw(t, e.DBPath)
	if _, err := db.Exec(`CREATE TRIGGER full_disk BEFORE INSERT ON change_cursors WHEN NEW.consumer = 'webhooks'
		BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	e.RunWebhooks(false) // the server's own service, which /metrics reports
	var webhooks map[string]any
	waitFor(t, "the failing start in /readyz", func() bool {
		webhooks = readyFollower(t, e, "webhooks")
		return webhooks != nil && webhooks["errors"].(float64) >= 2
	})
	if webhooks["state"] != "failing" || webhooks["last_error"] != "storage_full" || webhooks["lag"].(float64) < 1 {
		t.Errorf("/readyz's webhooks follower: %v", webhooks)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"}); r.Code != 200 || r.Map()["status"] != "degraded" {
		t.Errorf("/readyz with a failing follower: %d %s", r.Code, r.Body)
	}
	metrics := serve(e, "GET", "/metrics", "").Body.String()
	for _, want := range []string{`carnet_follower_up{follower="webhooks"} 0`, `carnet_follower_up{follower="search"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(metrics, "carnet_webhook_fanout_lag_changes 0") {
		t.Error("/metrics says the fan-out that cannot start is not behind")
	}
	if _, err := db.Exec(`DROP TRIGGER full_disk`); err != nil {
		t.Fatal(err)
	}
	createActor(t, e, validActor("Lieu après la panne"))
	waitFor(t, "a delivery once the disk has room", func() bool { return len(rcv.accepted()) >= 1 })
	if len(deliveries(t, e, e.Admin, str(sub["id"]), "")) == 0 {
		t.Error("no delivery logged")
	}
	if f := readyFollower(t, e, "webhooks"); f["state"] != "running" {
		t.Errorf("after recovery: %v", f)
	}
}

// readyFollower returns the follower named name in /readyz, nil if absent.
func readyFollower(t *testing.T, e *apitest.Env, name string) map[string]any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
	fs, _ := r.Map()["followers"].([]any)
	for _, f := range fs {
		if m := f.(map[string]any); m["name"] == name {
			return m
		}
	}
	return nil
}

// TestReadyzMissingIndexes: indexes an import dropped and did not create
// again (its process died) are counted by /readyz, degraded, until the
// server creates them again (probe 39a, F6).
func TestReadyzMissingIndexes(t *testing.T) {
	e := apitest.New(t)
	if models.IsPostgresURL(e.DBPath) {
		t.Skip("SQLite's deferred indexes")
	}
	db := dbtest.Raw(t, e.DBPath)
	if _, err := db.Exec(`INSERT INTO deferred_indexes (name, tbl_name, sql) VALUES ('actors_probe_ix', 'actors', 'CREATE INDEX actors_probe_ix ON actors (name)')`); err != nil {
		t.Fatal(err)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
	if m := r.Map(); r.Code != 200 || m["status"] != "degraded" || m["missing_indexes"] != 1.0 {
		t.Errorf("/readyz with an index missing: %d %s", r.Code, r.Body)
	}
	if n, err := e.Store.RepairDeferredIndexes(t.Context()); err != nil || n != 1 {
		t.Fatalf("repair: %d %v", n, err)
	}
	var present int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'actors_probe_ix'`).Scan(&present); err != nil || present != 1 {
		t.Errorf("the index after the repair: %d %v", present, err)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
	if m := r.Map(); m["status"] != "ok" || m["missing_indexes"] != 0.0 {
		t.Errorf("/readyz after the repair: %s", r.Body)
	}
}

// TestReadyzFailingWorker: a background job whose turn failed (maintenance
// on a full disk) is listed failing with its error's kind, status
// degraded, until a turn succeeds.
func TestReadyzFailingWorker(t *testing.T) {
	e := apitest.New(t)
	e.Store.WorkerResult("maintenance", errors.New("database or disk is full"))
	r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
	ws, _ := r.Map()["workers"].([]any)
	if r.Map()["status"] != "degraded" || len(ws) != 1 || ws[0].(map[string]any)["last_error"] != "storage_full" || ws[0].(map[string]any)["state"] != "failing" {
		t.Errorf("/readyz with a failing worker: %s", r.Body)
	}
	e.Store.WorkerResult("maintenance", nil)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"}); r.Map()["status"] != "ok" {
		t.Errorf("/readyz after a good turn: %s", r.Body)
	}
}
