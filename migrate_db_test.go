package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/models/dbtest"
)

// TestMigrateDB fills a SQLite directory through the service and the
// import command (every table gets rows: places from two sources with
// their duplicates, a network and its member, accounts, invitations, a
// join request, a partner client, a suggestion, a referral and its events,
// idempotency keys, rate limits, the maintenance schedule, a webhook
// subscription, its deliveries and the fan-out's cursor, the referral
// feed's key), copies it with
// `carnet migrate-db` into an empty PostgreSQL database, then compares
// every table row by row, and checks the copy serves the same answers and
// goes on from the same feed cursor.
func TestMigrateDB(t *testing.T) {
	base := dbtest.Postgres()
	if base == "" {
		t.Skipf("migrate-db needs a PostgreSQL server: set %s (.ci/run does)", dbtest.EnvPostgres)
	}
	files := []string{
		filepath.Join("..", "shared", "reference", "data", "20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json"),
		filepath.Join("..", "shared", "reference", "data", "20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("%s is absent (%v): this test needs ../shared/reference beside the repository", f, err)
		}
	}
	path := filepath.Join(t.TempDir(), "carnet.db")
	carnetProcess(t, map[string]string{"CARNET_DB": path}, "import", files[0], "--source", "hub-du-sud")
	carnetProcess(t, map[string]string{"CARNET_DB": path}, "import", files[1], "--source", "charente")
	// The same places from a second source: possible duplicates.
	carnetProcess(t, map[string]string{"CARNET_DB": path}, "import", files[1], "--source", "charente-copie")
	srv := startServer(t, map[string]string{"CARNET_DB": path})
	fillEveryTable(t, srv)
	srv.stop()
	// With e-mail on (to a port where nothing listens, so messages stay
	// queued): a self sign-up and its message in the outbox.
	mail := startServer(t, map[string]string{"CARNET_DB": path, "CARNET_SMTP_URL": "smtp://127.0.0.1:9?starttls=none",
		"CARNET_SMTP_FROM": "Carnet <ne-pas-repondre@carnet.example.fr>", "CARNET_APP_BASE_URL": "http://localhost:8080"})
	if resp, m := mail.call(t, "POST", "/api/v1/signup", "", map[string]any{"email": "nouvelle@example.fr",
		"password": "un mot de passe assez long", "display_name": "Nouvelle"}, nil); resp.StatusCode >= 300 {
		t.Fatalf("signup: %d %v", resp.StatusCode, m)
	}
	mail.stop()

	target := dbtest.NewSchema(t, base)
	out := carnetProcess(t, nil, "migrate-db", "--from", "sqlite:"+path, "--to", target)
	if !strings.Contains(out, "rows copied") {
		t.Fatalf("migrate-db:\n%s", out)
	}
	t.Logf("migrate-db:\n%s", out)

	src, dst := dbtest.Raw(t, path), dbtest.Raw(t, target)
	types := pgColumnTypes(t, dst)
	var srcTables []string
	for _, n := range dbtest.Tables(t, src) {
		if n != "sqlite_sequence" && n != "goose_db_version" {
			srcTables = append(srcTables, n)
		}
	}
	var dstTables []string
	for _, n := range dbtest.Tables(t, dst) {
		if n != "goose_db_version" {
			dstTables = append(dstTables, n)
		}
	}
	if !slices.Equal(srcTables, dstTables) {
		t.Fatalf("tables differ:\nsqlite   %v\npostgres %v", srcTables, dstTables)
	}
	var empty []string
	for _, table := range srcTables {
		a, b := tableRows(t, src, table, types[table]), tableRows(t, dst, table, types[table])
		if len(a) != len(b) {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL", table, len(a), len(b))
		}
		for k, row := range a {
			if b[k] != row {
				var others []string
				for k2 := range b {
					if a[k2] == "" {
						others = append(others, k2)
					}
				}
				t.Errorf("%s: a row differs\nsqlite   %s\npostgres rows not in SQLite: %q", table, row, others)
				break
			}
		}
		// deferred_indexes is empty whenever a store has opened the
		// database (it records an import's dropped indexes only while it
		// runs: see models/deferred_index.go).
		if len(a) == 0 && table != "deferred_indexes" {
			empty = append(empty, table)
		}
	}
	// change_cursors holds duplicate detection's cursor (and its lease).
	if len(empty) != 0 {
		t.Errorf("tables left empty by the fixture, so not compared: %v", empty)
	}

	// The copy serves the same directory, and the feed goes on after the
	// copied seqs.
	before := startServer(t, map[string]string{"CARNET_DB": path})
	after := startServer(t, map[string]string{"CARNET_DB": target})
	for _, q := range []string{"/api/v1/search/services?q=mediatheque&limit=5", "/api/v1/actors?limit=50&sort=name", "/api/v1/changes?after=0&limit=300", "/api/v1/stats/territory?departement=16"} {
		_, x := before.call(t, "GET", q, "", nil, nil)
		_, y := after.call(t, "GET", q, "", nil, nil)
		if fmt.Sprint(x) != fmt.Sprint(y) {
			t.Errorf("%s answers differently after the migration:\n%.400v\n%.400v", q, x, y)
		}
	}
	_, last := before.call(t, "GET", "/api/v1/changes?after=0&limit=1", "", nil, nil)
	tok := after.login(t)
	resp, created := after.call(t, "POST", "/api/v1/actors", tok, map[string]any{"name": "Après la migration",
		"address": map[string]any{"street": "1 rue", "postal_code": "16000", "commune": "Angoulême"}}, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("write after the migration: %d %v", resp.StatusCode, created)
	}
	var maxSeq float64
	_, page := before.call(t, "GET", "/api/v1/changes?after=0&limit=1000", "", nil, nil)
	for page != nil {
		for _, e := range page["data"].([]any) {
			maxSeq = max(maxSeq, e.(map[string]any)["seq"].(float64))
		}
		if page["meta"].(map[string]any)["has_more"] != true {
			break
		}
		_, page = before.call(t, "GET", fmt.Sprintf("/api/v1/changes?after=%.0f&limit=1000", maxSeq), "", nil, nil)
	}
	_, next := after.call(t, "GET", fmt.Sprintf("/api/v1/changes?after=%.0f", maxSeq), "", nil, nil)
	data, _ := next["data"].([]any)
	if len(data) != 1 || data[0].(map[string]any)["id"] != created["id"] || data[0].(map[string]any)["seq"].(float64) <= maxSeq {
		t.Errorf("a follower at the last copied seq %.0f (first page %v) gets %v", maxSeq, last["meta"], next["data"])
	}
}

// fillEveryTable writes through the running service what the import does
// not: accounts, roles, a network, a referral…
func fillEveryTable(t *testing.T, srv *server) {
	t.Helper()
	tok := srv.login(t)
	must := func(want int, method, path, token string, body any, header map[string]string) map[string]any {
		t.Helper()
		resp, m := srv.call(t, method, path, token, body, header)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, m)
		}
		return m
	}
	place := func(name, postal string, extra map[string]any) string {
		body := map[string]any{"name": name, "address": map[string]any{"street": "1 rue", "postal_code": postal, "commune": "Marseille"}}
		for k, v := range extra {
			body[k] = v
		}
		return must(201, "POST", "/api/v1/actors", tok, body, map[string]string{"Idempotency-Key": fmt.Sprintf("create-%x", name)})["id"].(string)
	}
	// A webhook subscription to an endpoint where nothing listens (a
	// development server may call loopback): its deliveries stay queued,
	// and the fan-out's cursor is in change_cursors.
	hook := must(201, "POST", "/api/v1/webhooks", tok, map[string]any{"url": "http://127.0.0.1:9/carnet"}, nil)["id"].(string)
	network := place("Réseau des médiathèques", "13001", nil)
	lib := place("Médiathèque du réseau", "13001", map[string]any{"parent_id": network})
	center := place("Centre social", "13003", nil)
	svc := must(201, "POST", "/api/v1/services", tok, map[string]any{"actor_id": center, "name": "Accompagnement aux démarches",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}, nil)["id"].(string)
	gone := place("Fermé pour de bon", "13002", nil)
	must(204, "DELETE", "/api/v1/actors/"+gone, tok, nil, nil)

	invite := func(email, actor, role string) string {
		inv := must(201, "POST", "/api/v1/invitations", tok, map[string]any{"email": email, "actor_id": actor, "role": role}, nil)
		must(202, "POST", "/api/v1/invitations/accept", "", map[string]any{"token": inv["token"], "password": "un mot de passe assez long"}, nil)
		resp, m := srv.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": "un mot de passe assez long"}, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("login %s: %d %v", email, resp.StatusCode, m)
		}
		return m["access_token"].(string)
	}
	aidant := invite("aidante@example.fr", lib, "member")
	me := must(200, "GET", "/api/v1/me", aidant, nil, nil)
	must(201, "POST", "/api/v1/users/"+me["user"].(map[string]any)["id"].(string)+"/password-reset", tok, map[string]any{}, nil)
	receiver := invite("mediateur@example.fr", center, "manager")
	must(201, "POST", "/api/v1/actors/"+center+"/join-requests", aidant, map[string]any{"message": "Je voudrais aider"}, nil)
	must(201, "POST", "/api/v1/actors/"+lib+"/suggestions", receiver, map[string]any{"changes": map[string]any{"summary": "Ordinateurs en libre accès"}}, nil)
	must(201, "POST", "/api/v1/clients", tok, map[string]any{"name": "CAF 13", "sources": []string{"caf-13"}, "scopes": []string{"directory:write"}}, nil)
	ref := must(201, "POST", "/api/v1/referrals", aidant, map[string]any{
		"from_actor_id": lib, "to_service_id": svc, "themes": []string{"Aide aux démarches administratives"},
		"situation": "Doit déclarer ses revenus en ligne",
		"person":    map[string]any{"first_name": "Nadia", "last_name": "B.", "contact_channel": "phone", "contact": "06 12 34 56 78"},
		"consent":   map[string]any{"given": true, "given_on": time.Now().Format(time.DateOnly), "referent_commitment": true}}, nil)
	must(200, "POST", "/api/v1/referrals/"+ref["id"].(string)+"/transitions", receiver, map[string]any{"status": "accepted"}, nil)
	must(201, "POST", "/api/v1/referrals/"+ref["id"].(string)+"/messages", receiver, map[string]any{"body": "Elle viendra mardi à 10 h."}, nil)
	// A snapshot session of the hub, open, with the keys of its first batch
	// (one place sent unchanged): a copy lets the partner go on.
	snap := must(201, "POST", "/api/v1/sync/hub-du-sud/snapshots", tok, nil, nil)["id"].(string)
	must(200, "PUT", "/api/v1/sync/hub-du-sud/actors?snapshot_id="+snap, tok, map[string]any{"actors": []map[string]any{{"source_id": "session-1",
		"name": "Point numérique de la session", "address": map[string]any{"street": "3 rue", "postal_code": "13001", "commune": "Marseille"}}}}, nil)
	// Reading the referral feed draws its key (service_keys): copied, the
	// followers' cursors stay valid.
	must(200, "GET", "/api/v1/referrals/changes", receiver, nil, nil)
	srv.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": "nobody@example.fr", "password": "wrong"}, nil)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if d := must(200, "GET", "/api/v1/webhooks/"+hook+"/deliveries", tok, nil, nil)["data"].([]any); len(d) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no webhook delivery was queued")
		}
	}
}

// pgColumnTypes returns each table's columns' PostgreSQL types.
func pgColumnTypes(t *testing.T, db *dbtest.DB) map[string]map[string]string {
	t.Helper()
	rows, err := db.Query("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var tb, c, ty string
		if err := rows.Scan(&tb, &c, &ty); err != nil {
			t.Fatal(err)
		}
		if out[tb] == nil {
			out[tb] = map[string]string{}
		}
		out[tb][c] = ty
	}
	return out
}

// tableRows reads a table into its rows, each normalised to one string
// (columns by name; booleans, times, JSON and numbers written one way
// whatever the engine), keyed by itself: the comparison needs no order.
func tableRows(t *testing.T, db *dbtest.DB, table string, types map[string]string) map[string]string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := map[string]string{}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		order := slices.Clone(cols)
		slices.Sort(order)
		for _, c := range order {
			fmt.Fprintf(&b, "%s=%s; ", c, normalise(vals[slices.Index(cols, c)], types[c]))
		}
		out[b.String()] = b.String()
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func normalise(v any, pgType string) string {
	if v == nil {
		return "NULL"
	}
	if b, ok := v.([]byte); ok && pgType != "bytea" {
		v = string(b)
	}
	switch pgType {
	case "boolean":
		switch x := v.(type) {
		case int64:
			return fmt.Sprint(x != 0)
		}
	case "jsonb":
		var j any
		if s, ok := v.(string); ok && json.Unmarshal([]byte(s), &j) == nil {
			v = j
		}
		b, _ := json.Marshal(v)
		return string(b)
	case "timestamp with time zone":
		if x, ok := v.(time.Time); ok {
			// PostgreSQL keeps microseconds (the copy truncates the
			// nanoseconds a few rows hold); SQLite what it was given.
			return x.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
		}
	case "bytea":
		return fmt.Sprintf("%x", v)
	}
	return fmt.Sprint(v)
}
