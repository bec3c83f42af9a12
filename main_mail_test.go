package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"carnet/models/mail"
)

// TestRunSendsNotificationsAcrossRestarts runs the whole program with an
// SMTP server that is down: an invitation is queued, the program stops, the
// server comes back, the program starts again and the invitation arrives
// (once), with a link that works; a second restart sends nothing twice.
// Credentials travel to the server and never reach the logs.
func TestRunSendsNotificationsAcrossRestarts(t *testing.T) {
	sink := &mail.Sink{Username: "carnet", Password: "smtp-S3cret-pw"}
	if err := sink.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	addr := sink.Addr()
	sink.Close() // the outage
	defer sink.Close()
	db := filepath.Join(t.TempDir(), "carnet.db")
	vars := map[string]string{"CARNET_ADDR": "127.0.0.1:0", "CARNET_DB": db, "CARNET_JWT_SECRET": strings.Repeat("k", 48),
		"CARNET_SMTP_URL": "smtp://carnet:smtp-S3cret-pw@" + addr + "?starttls=none", "CARNET_SMTP_FROM": "Carnet <ne-pas-repondre@carnet.test>",
		"CARNET_APP_BASE_URL": "https://app.carnet.test", "CARNET_SMTP_RETRY": "200ms"}
	var logs syncBuffer
	start := func() (string, func()) {
		ctx, cancel := context.WithCancel(context.Background())
		var out syncBuffer
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, nil, env(vars), strings.NewReader(""), io.MultiWriter(&out, &logs), io.Discard)
		}()
		base := "http://" + waitForAddr(t, &out, done)
		return base, func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the program did not stop")
			}
		}
	}
	post := func(url, token, body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", url, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for len(sink.Messages()) < n && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := len(sink.Messages()); got != n {
			t.Fatalf("%d messages received, want %d", got, n)
		}
	}

	base, stop := start()
	var created bytes.Buffer
	if err := run(context.Background(), []string{"admin", "create", "--email", "root@example.fr", "--password", "a long enough passphrase for tests"}, env(vars), nil, &created, io.Discard); err != nil {
		t.Fatal(err)
	}
	_, tok := post(base+"/api/v1/auth/login", "", `{"email":"root@example.fr","password":"a long enough passphrase for tests"}`)
	admin := tok["access_token"].(string)
	code, inv := post(base+"/api/v1/invitations", admin, `{"email":"coordination@example.fr","platform_admin":true}`)
	if code != 201 || inv["token"] != "" || inv["delivery"] != "email" {
		t.Fatalf("invitation: %d %v", code, inv)
	}
	time.Sleep(500 * time.Millisecond) // attempts fail while the server is down
	stop()
	if err := sink.Listen(addr); err != nil {
		t.Fatalf("restart the SMTP server: %v", err)
	}
	base, stop = start()
	waitFor(1)
	m := sink.Messages()[0]
	text := m.Text()
	i := strings.Index(text, "#token=")
	if m.To[0] != "coordination@example.fr" || i < 0 || !strings.Contains(text, "https://app.carnet.test/invitations/accept#token=") {
		t.Fatalf("invitation e-mail to %v:\n%s", m.To, text)
	}
	token, _ := url.QueryUnescape(strings.Fields(text[i+len("#token="):])[0])
	if code, _ := post(base+"/api/v1/invitations/accept", "", `{"token":"`+token+`","password":"a coordinator's password"}`); code != 202 {
		t.Errorf("accept the e-mailed invitation: %d", code)
	}
	_, tok = post(base+"/api/v1/auth/login", "", `{"email":"root@example.fr","password":"a long enough passphrase for tests"}`)
	post(base+"/api/v1/invitations", tok["access_token"].(string), `{"email":"second@example.fr","platform_admin":true}`)
	waitFor(2)
	stop()
	_, stop = start()
	time.Sleep(700 * time.Millisecond)
	stop()
	if got := len(sink.Messages()); got != 2 {
		t.Errorf("%d messages after a graceful restart, want 2", got)
	}
	out := logs.String()
	if !strings.Contains(out, "e-mail notifications enabled") || !strings.Contains(out, "notification not sent, will retry") || !strings.Contains(out, `"msg":"notification sent"`) {
		t.Errorf("logs lack the notification lines:\n%s", out)
	}
	if strings.Contains(out, "smtp-S3cret-pw") || strings.Contains(out, token) {
		t.Error("the SMTP password or an invitation token reached the logs")
	}
}
