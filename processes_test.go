package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"carnet/api"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestMain lets the tests run the test binary itself as the carnet
// command, in a process of its own: CARNET_TEST_RUN_MAIN=1 with the
// command's arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("CARNET_TEST_RUN_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		if err := run(context.Background(), args, os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "carnet:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// carnetProcess runs the carnet command in another process with the given
// environment and arguments, and returns its output.
func carnetProcess(t *testing.T, vars map[string]string, args ...string) string {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "CARNET_TEST_RUN_MAIN=1")
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("carnet %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// server is a carnet serve started by a test, on port 0.
type server struct {
	base string
	out  *syncBuffer
	stop func()
}

const testSecret = "Zq3vX9pL2mN8rT5wY1bC7dF4gH6jK0sAqW2eR4tY"

func startServer(t *testing.T, vars map[string]string) *server {
	t.Helper()
	all := map[string]string{"CARNET_ADDR": "127.0.0.1:0", "CARNET_JWT_SECRET": testSecret,
		"CARNET_BOOTSTRAP_ADMIN_EMAIL": "admin@example.fr", "CARNET_BOOTSTRAP_ADMIN_PASSWORD": "a long enough passphrase for tests"}
	for k, v := range vars {
		all[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, env(all), strings.NewReader(""), out, io.Discard) }()
	s := &server{base: "http://" + waitForAddr(t, out, done), out: out}
	stopped := false
	s.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop")
		}
	}
	t.Cleanup(s.stop)
	return s
}

// call sends a request and decodes a JSON answer into a map (nil for other
// bodies); it returns the response too.
func (s *server) call(t *testing.T, method, path, token string, body any, header map[string]string) (*http.Response, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp, m
}

func (s *server) login(t *testing.T) string {
	t.Helper()
	resp, m := s.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": "admin@example.fr", "password": "a long enough passphrase for tests"}, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %v", resp.StatusCode, m)
	}
	return m["access_token"].(string)
}

// total returns meta.total of a list or search answer.
func total(t *testing.T, m map[string]any) int {
	t.Helper()
	meta, ok := m["meta"].(map[string]any)
	if !ok {
		t.Fatalf("no meta in %v", m)
	}
	return int(meta["total"].(float64))
}

// eventually polls check every 20 ms until it returns true or the deadline
// passes, and returns how long it took. The follower polls every 200 ms, so
// a write by another process shows up within about a second; the deadline
// is generous because the machine is shared and the race detector slow.
func eventually(t *testing.T, what string, check func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 15*time.Second {
		if check() {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: still not true after %s", what, time.Since(start))
	return 0
}

// TestImportBesideServer is the first story: `carnet import` of
// the PACA file, run in another process while the service runs on the same
// database, makes the places searchable in the running service within
// about a second, without a restart. The running index must then answer
// exactly as an index built from scratch on the same database.
func TestImportBesideServer(t *testing.T) {
	file := filepath.Join("..", "shared", "reference", "data", "20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json")
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s is absent (%v): this test needs ../shared/reference beside the repository", file, err)
	}
	dsn := dbtest.DSN(t)
	srv := startServer(t, map[string]string{"CARNET_DB": dsn})
	queries := []string{"/api/v1/search/services?limit=1", "/api/v1/search/actors?limit=1", "/api/v1/search/services?q=mediatheque&limit=1",
		"/api/v1/search/services?departement=13&open_on=saturday&limit=1"}
	for _, q := range queries {
		if _, m := srv.call(t, "GET", q, "", nil, nil); total(t, m) != 0 {
			t.Fatalf("%s before the import: %v", q, m["meta"])
		}
	}

	out := carnetProcess(t, map[string]string{"CARNET_DB": dsn}, "import", file, "--source", "hub-du-sud")
	if !strings.Contains(out, "646 created") && !strings.Contains(out, "created") {
		t.Fatalf("import output:\n%.800s", out)
	}
	imported := time.Now()
	took := eventually(t, "the imported places are searchable", func() bool {
		_, m := srv.call(t, "GET", queries[0], "", nil, nil)
		return total(t, m) > 600
	})
	t.Logf("the import's places were searchable %s after the import process exited (%s after it was checked)", time.Since(imported).Round(time.Millisecond), took.Round(time.Millisecond))

	// The followed index equals a fresh one on the same database.
	store, err := models.Open(context.Background(), dsn, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	tokens, err := api.NewTokens(api.TokenConfig{Secret: []byte(testSecret), Issuer: "carnet", Audience: "carnet-api"})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := api.NewServer(api.Config{Store: store, Tokens: tokens, OpenAPI: openapiYAML})
	if err != nil {
		t.Fatal(err)
	}
	ref := httptest.NewServer(fresh)
	defer ref.Close()
	refSrv := &server{base: ref.URL}
	eventually(t, "the running index answers as a fresh one", func() bool {
		for _, q := range queries {
			_, got := srv.call(t, "GET", q, "", nil, nil)
			_, want := refSrv.call(t, "GET", q, "", nil, nil)
			if total(t, got) != total(t, want) || total(t, want) == 0 {
				return false
			}
		}
		return true
	})
	for _, q := range []string{"/api/v1/stats/territory?departement=13", "/api/v1/stats/territory?departement=06&gap_km=5"} {
		_, got := srv.call(t, "GET", q, "", nil, nil)
		_, want := refSrv.call(t, "GET", q, "", nil, nil)
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w || !strings.Contains(w, "typologies") {
			t.Errorf("%s: the running server answers\n%.300s\na fresh one\n%.300s", q, g, w)
		}
	}
	body := map[string]any{"profile": "excluded", "needs": []string{"aide-aux-demarches-administratives"},
		"place": map[string]any{"latitude": 43.2965, "longitude": 5.3698}}
	_, got := srv.call(t, "POST", "/api/v1/orientation/suggestions", "", body, nil)
	_, want := refSrv.call(t, "POST", "/api/v1/orientation/suggestions", "", body, nil)
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want["data"].([]any)) == 0 {
		t.Errorf("orientation: the running server answers %.300v, a fresh one %.300v", got, want)
	}
}

// TestTwoReplicas starts two servers on one database, as two replicas
// behind a load balancer: a write through one is found by search, the
// change feed and the exports through the other; rate limits and
// idempotency keys are shared; the referral maintenance job runs once, not
// once per replica.
func TestTwoReplicas(t *testing.T) {
	dsn := dbtest.DSN(t)
	a := startServer(t, map[string]string{"CARNET_DB": dsn})
	b := startServer(t, map[string]string{"CARNET_DB": dsn})
	tokA, tokB := a.login(t), b.login(t)

	for i, pair := range []struct {
		from, to *server
		token    string
	}{{a, b, tokA}, {b, a, tokB}} {
		name := fmt.Sprintf("Médiathèque Répliquée %d", i)
		resp, actor := pair.from.call(t, "POST", "/api/v1/actors", pair.token, map[string]any{
			"name": name, "address": map[string]any{"street": "1 rue", "postal_code": "13001", "commune": "Marseille", "insee_code": "13055"},
			"latitude": 43.2965, "longitude": 5.3698}, nil)
		if resp.StatusCode != 201 {
			t.Fatalf("create: %d %v", resp.StatusCode, actor)
		}
		resp, svc := pair.from.call(t, "POST", "/api/v1/services", pair.token, map[string]any{
			"actor_id": actor["id"], "name": "Aide aux démarches", "kind": "procedures_done_with",
			"themes": []string{"Aide aux démarches administratives"}}, nil)
		if resp.StatusCode != 201 {
			t.Fatalf("create service: %d %v", resp.StatusCode, svc)
		}
		// Read-your-writes on the replica that took the write: at once.
		q := fmt.Sprintf("/api/v1/search/services?q=%s&limit=5", strings.ReplaceAll(name, " ", "+"))
		if _, m := pair.from.call(t, "GET", q, "", nil, nil); total(t, m) != 1 {
			t.Errorf("search on the replica that wrote: %v", m["meta"])
		}
		took := eventually(t, "search on the other replica", func() bool {
			_, m := pair.to.call(t, "GET", q, "", nil, nil)
			return total(t, m) == 1
		})
		t.Logf("write %d: found by search on the other replica after %s", i, took.Round(time.Millisecond))
		// The feed and the exports read the database: at once.
		_, feed := pair.to.call(t, "GET", "/api/v1/changes?limit=1000", "", nil, nil)
		if !strings.Contains(fmt.Sprint(feed["data"]), svc["id"].(string)) {
			t.Errorf("the other replica's feed lacks the service")
		}
		resp, _ = pair.to.call(t, "GET", "/api/v1/exports/standard-json", "", nil, nil)
		exported, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(string(exported), name) {
			t.Errorf("the other replica's export lacks %s: %d", name, resp.StatusCode)
		}
	}

	// Idempotency: a retry sent to the other replica gets the first answer.
	key := map[string]string{"Idempotency-Key": "replica-retry-1"}
	body := map[string]any{"name": "Une seule fois", "address": map[string]any{"street": "2 rue", "postal_code": "13002", "commune": "Marseille"}}
	r1, first := a.call(t, "POST", "/api/v1/actors", tokA, body, key)
	r2, second := b.call(t, "POST", "/api/v1/actors", tokA, body, key)
	if r1.StatusCode != 201 || r2.StatusCode != 201 || first["id"] != second["id"] || r2.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("idempotent retry across replicas: %d %v / %d %v %q", r1.StatusCode, first["id"], r2.StatusCode, second["id"], r2.Header.Get("Idempotent-Replayed"))
	}

	// Rate limits: 5 wrong passwords per account in a burst, across both.
	refused := 0
	for i := range 8 {
		s := []*server{a, b}[i%2]
		resp, _ := s.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": "victim@example.fr", "password": "wrong guess"}, nil)
		switch resp.StatusCode {
		case 401:
		case 429:
			refused++
		default:
			t.Errorf("login attempt %d: %d", i, resp.StatusCode)
		}
	}
	if refused != 3 {
		t.Errorf("%d of 8 attempts refused across the two replicas, want 3 (a burst of 5 per account)", refused)
	}

	// The maintenance job ran once at start, by one replica.
	a.stop()
	b.stop()
	runs := strings.Count(a.out.String(), `"msg":"referral maintenance","expired"`) + strings.Count(b.out.String(), `"msg":"referral maintenance","expired"`)
	if runs != 1 {
		t.Errorf("the referral maintenance ran %d times across two replicas, want 1", runs)
	}
}
