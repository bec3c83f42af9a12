package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestRunServesAndShutsDown starts the whole program on port 0, creates an
// administrator with the CLI, logs in over real HTTP, then stops it.
func TestRunServesAndShutsDown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "carnet.db")
	vars := map[string]string{"CARNET_ADDR": "127.0.0.1:0", "CARNET_DB": db, "CARNET_LOG_LEVEL": "debug"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, env(vars), strings.NewReader(""), &out, io.Discard) }()

	addr := waitForAddr(t, &out, done)
	base := "http://" + addr

	var created bytes.Buffer
	err := run(context.Background(), []string{"admin", "create", "--email", "root@example.fr", "--password-stdin"}, env(vars), strings.NewReader("a long enough passphrase for tests\n"), &created, io.Discard)
	if err != nil || !strings.Contains(created.String(), "administrator root@example.fr created") {
		t.Fatalf("admin create: %v %s", err, created.String())
	}
	err = run(context.Background(), []string{"admin", "create", "--email", "root@example.fr", "--password", "a long enough passphrase for tests"}, env(vars), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second admin create: %v", err)
	}

	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"email":"root@example.fr","password":"a long enough passphrase for tests"}`))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if resp.StatusCode != 200 || tok.AccessToken == "" {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/actors", strings.NewReader(`{"name":"Médiathèque","address":{"street":"1 rue","postal_code":"13001","commune":"Marseille"}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Errorf("create actor: %d", resp.StatusCode)
	}
	var hc bytes.Buffer
	if err := run(context.Background(), []string{"healthcheck", "--url", base + "/readyz"}, env(vars), nil, &hc, io.Discard); err != nil || strings.TrimSpace(hc.String()) != "ok" {
		t.Errorf("healthcheck: %v %q", err, hc.String())
	}

	cancel()
	if err := stopped(t, done); err != nil {
		t.Errorf("run returned %v after shutdown", err)
	}
	logs := out.String()
	for _, want := range []string{`"msg":"shutting down"`, `"route":"/api/v1/actors"`, `"status":201`, "e-mail notifications disabled"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	if strings.Contains(logs, "a long enough passphrase for tests") || strings.Contains(logs, tok.AccessToken) {
		t.Error("a secret reached the logs")
	}
}

// stopped waits for run, its context cancelled, to return, and returns
// its error.
func stopped(t *testing.T, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("run did not stop after its context was cancelled")
		return nil
	}
}

func waitForAddr(t *testing.T, out *syncBuffer, done chan error) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		sc := bufio.NewScanner(strings.NewReader(out.String()))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				return line.Addr
			}
		}
		select {
		case err := <-done:
			t.Fatalf("run stopped before listening: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("the server did not start:\n%s", out.String())
	return ""
}

func TestConfigErrors(t *testing.T) {
	strong := "Zq3vX9pL2mN8rT5wY1bC7dF4gH6jK0sA"
	checkConfig(t, []configCase{
		{"production needs a secret", map[string]string{"CARNET_ENV": "production"}, "CARNET_JWT_SECRET is required"},
		{"short secret", map[string]string{"CARNET_JWT_SECRET": "short"}, "at least 32 bytes"},
		{"weak secret in production", map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strings.Repeat("a", 40)}, "looks weak"},
		{"bad env", map[string]string{"CARNET_ENV": "staging"}, "CARNET_ENV"},
		{"bad ttl", map[string]string{"CARNET_TOKEN_TTL": "forever"}, "CARNET_TOKEN_TTL"},
		{"bad body limit", map[string]string{"CARNET_MAX_BODY_BYTES": "12"}, "CARNET_MAX_BODY_BYTES"},
		{"bad log level", map[string]string{"CARNET_LOG_LEVEL": "loud"}, "CARNET_LOG_LEVEL"},
		{"bad SMTP URL", map[string]string{"CARNET_SMTP_URL": "mail.example.fr", "CARNET_SMTP_FROM": "a@example.fr", "CARNET_APP_BASE_URL": "https://x.fr"}, "CARNET_SMTP_URL"},
		{"SMTP without a sender", map[string]string{"CARNET_SMTP_URL": "smtp://mail.example.fr"}, "CARNET_SMTP_FROM is required"},
		{"SMTP without links", map[string]string{"CARNET_SMTP_URL": "smtp://mail.example.fr", "CARNET_SMTP_FROM": "Carnet <a@example.fr>"}, "CARNET_APP_BASE_URL"},
		{"bad retry", map[string]string{"CARNET_SMTP_URL": "smtp://mail.example.fr", "CARNET_SMTP_FROM": "a@example.fr", "CARNET_APP_BASE_URL": "https://x.fr", "CARNET_SMTP_RETRY": "1ms"}, "CARNET_SMTP_RETRY"},
		{"reminder after expiry", map[string]string{"CARNET_REFERRAL_REMIND_SENT": "800h"}, "CARNET_REFERRAL_REMIND_SENT must be shorter"},
		{"reminder after closing", map[string]string{"CARNET_REFERRAL_REMIND_ACCEPTED": "100h", "CARNET_REFERRAL_NO_OUTCOME": "50h"}, "CARNET_REFERRAL_REMIND_ACCEPTED must be shorter"},
		{"bad no outcome", map[string]string{"CARNET_REFERRAL_NO_OUTCOME": "soon"}, "CARNET_REFERRAL_NO_OUTCOME"},
		{"bad signup", map[string]string{"CARNET_SIGNUP": "maybe"}, "CARNET_SIGNUP"},
		{"bad webhook queue bound", map[string]string{"CARNET_WEBHOOK_MAX_PENDING": "5"}, "CARNET_WEBHOOK_MAX_PENDING"},
		{"OK reminders off", map[string]string{"CARNET_REFERRAL_REMIND_SENT": "0", "CARNET_REFERRAL_NO_OUTCOME": "off", "CARNET_SIGNUP": "off", "CARNET_WEBHOOK_MAX_PENDING": "5000"}, ""},
		{"OK SMTP", map[string]string{"CARNET_SMTP_URL": "smtps://u:p@mail.example.fr", "CARNET_SMTP_FROM": "Carnet <ne-pas-repondre@carnet.example.fr>", "CARNET_APP_BASE_URL": "https://carnet.example.fr"}, ""},
		{"OK production", map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strong}, ""},
		{"public URL without scheme", map[string]string{"CARNET_PUBLIC_URL": "carnet.example.fr"}, "CARNET_PUBLIC_URL"},
		{"public URL with a query", map[string]string{"CARNET_PUBLIC_URL": "https://carnet.example.fr/?x=1"}, "CARNET_PUBLIC_URL"},
		{"public URL of another scheme", map[string]string{"CARNET_PUBLIC_URL": "javascript://carnet.example.fr"}, "CARNET_PUBLIC_URL"},
		{"OK public URL", map[string]string{"CARNET_PUBLIC_URL": "https://carnet.example.fr/"}, ""},
		{"OK development", map[string]string{}, ""},
	})
	if err := run(context.Background(), []string{"frobnicate"}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("an unknown command succeeded")
	}
	if err := run(context.Background(), []string{"admin", "create", "--email", "x@example.fr"}, env(map[string]string{"CARNET_DB": filepath.Join(t.TempDir(), "x.db")}), nil, io.Discard, io.Discard); err == nil {
		t.Error("admin create without a password succeeded")
	}
	err := run(context.Background(), []string{"admin", "create", "--email", "x@example.fr", "--password", "short"}, env(map[string]string{"CARNET_DB": filepath.Join(t.TempDir(), "x.db")}), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "password must be at least 15 characters") {
		t.Errorf("short password: %v", err)
	}
}

// TestHelpAndVersion: every command's --help prints its usage and exits 0
// (scripts and operators call it to check a flag), and --version names the
// build.
func TestHelpAndVersion(t *testing.T) {
	for _, cmd := range commandsInUsage(t) {
		for _, flag := range []string{"--help", "-h"} {
			var out bytes.Buffer
			if err := run(context.Background(), []string{cmd, flag}, env(nil), nil, &out, io.Discard); err != nil {
				t.Errorf("carnet %s %s: %v", cmd, flag, err)
			}
			if !strings.Contains(out.String(), "Usage:") {
				t.Errorf("carnet %s %s printed %q", cmd, flag, out.String())
			}
		}
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, env(nil), nil, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "carnet ") {
			t.Errorf("%v: %v %q", args, err, out.String())
		}
	}
	version = "v1.2.3"
	defer func() { version = "" }()
	if buildVersion() != "v1.2.3" {
		t.Errorf("the link-time version is not used: %s", buildVersion())
	}
}

// commandsInUsage lists the commands the top-level usage names, so that a
// command added there without its own help fails the test.
func commandsInUsage(t *testing.T) []string {
	t.Helper()
	var cmds []string
	for _, line := range strings.Split(usage, "\n") {
		if !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		name := strings.Fields(line)[0]
		if name == "help" || name == "version" {
			continue
		}
		if _, ok := commandHelp[name]; !ok {
			t.Errorf("command %s has no help of its own", name)
		}
		cmds = append(cmds, name)
	}
	if len(cmds) < 6 {
		t.Fatalf("found only %v in the usage", cmds)
	}
	return cmds
}
