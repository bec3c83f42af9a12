package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigRefusedBeforeTheDatabase: values the probe 39a saw accepted
// silently, or refused by a panic after the migrations (CARNET_CORS_ORIGINS
// without a scheme), are refused by loadConfig with a message naming the
// variable (F4, F8); development defaults still need no variable.
func TestConfigRefusedBeforeTheDatabase(t *testing.T) {
	strong := "Zq3vX9pL2mN8rT5wY1bC7dF4gH6jK0sA"
	prod := func(kv ...string) map[string]string {
		m := map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strong}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	smtp := func(from, base string) map[string]string {
		return map[string]string{"CARNET_SMTP_URL": "smtp://mail.example.fr", "CARNET_SMTP_FROM": from, "CARNET_APP_BASE_URL": base}
	}
	checkConfig(t, []configCase{
		{"CORS origin without a scheme", map[string]string{"CARNET_CORS_ORIGINS": "notaurl"}, "CARNET_CORS_ORIGINS"},
		{"CORS null", map[string]string{"CARNET_CORS_ORIGINS": "null"}, "CARNET_CORS_ORIGINS"},
		{"CORS trailing slash", map[string]string{"CARNET_CORS_ORIGINS": "https://ok.fr/"}, "CARNET_CORS_ORIGINS"},
		{"CORS partial wildcard", map[string]string{"CARNET_CORS_ORIGINS": "http://*.fr"}, "CARNET_CORS_ORIGINS"},
		{"CORS path", map[string]string{"CARNET_CORS_ORIGINS": "https://ok.fr/app"}, "CARNET_CORS_ORIGINS"},
		{"CORS star among origins", map[string]string{"CARNET_CORS_ORIGINS": "*,https://ok.fr"}, "CARNET_CORS_ORIGINS"},
		{"OK CORS", map[string]string{"CARNET_CORS_ORIGINS": "https://ok.fr, http://localhost:5173"}, ""},
		{"OK CORS star", map[string]string{"CARNET_CORS_ORIGINS": "*"}, ""},
		{"short metrics token in production", prod("CARNET_METRICS_TOKEN", "a"), "CARNET_METRICS_TOKEN"},
		{"OK metrics token in production", prod("CARNET_METRICS_TOKEN", "k4Jx9Qm2Vr7Lp3Zt"), ""},
		{"every proxy trusted in production", prod("CARNET_TRUSTED_PROXIES", "10.0.0.1, 0.0.0.0/0"), "CARNET_TRUSTED_PROXIES"},
		{"every IPv6 proxy trusted in production", prod("CARNET_TRUSTED_PROXIES", "::/0"), "CARNET_TRUSTED_PROXIES"},
		{"proxy that is no address", map[string]string{"CARNET_TRUSTED_PROXIES": "proxy.local"}, "CARNET_TRUSTED_PROXIES"},
		{"OK proxies", map[string]string{"CARNET_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12, ::1"}, ""},
		{"http links in production", func() map[string]string {
			m := prod()
			for k, v := range smtp("a@example.fr", "http://carnet.example.fr") {
				m[k] = v
			}
			return m
		}(), "CARNET_APP_BASE_URL"},
		{"OK http links in development", smtp("a@example.fr", "http://localhost:5173"), ""},
		{"sender that is no address", smtp("not-an-address", "https://x.fr"), "CARNET_SMTP_FROM must be an e-mail address"},
		{"body limit without bound", map[string]string{"CARNET_MAX_BODY_BYTES": "99999999999999"}, "CARNET_MAX_BODY_BYTES"},
		{"no read connection", map[string]string{"CARNET_DB_READ_CONNS": "0"}, "CARNET_DB_READ_CONNS"},
		{"OK read connections", map[string]string{"CARNET_DB_READ_CONNS": "8", "CARNET_DB_WRITE_CONNS": "1"}, ""},
		{"one boolean parser: yes", map[string]string{"CARNET_WEBHOOK_ALLOW_PRIVATE": "yes", "CARNET_SIGNUP": "true", "CARNET_WEBHOOK_ALLOW_HTTP": "1"}, ""},
		{"one boolean parser: refuses", map[string]string{"CARNET_WEBHOOK_ALLOW_HTTP": "si"}, "CARNET_WEBHOOK_ALLOW_HTTP must be on or off"},
		{"address without a port", map[string]string{"CARNET_ADDR": "localhost"}, "CARNET_ADDR"},
		{"DB in a missing directory", map[string]string{"CARNET_DB": "/nonexistent-39e/dir/carnet.db"}, "CARNET_DB"},
		{"expiry alone is named", map[string]string{"CARNET_REFERRAL_EXPIRY": "0"}, "CARNET_REFERRAL_EXPIRY"},
		{"OK development", map[string]string{}, ""},
	})
	if _, err := loadConfig(env(map[string]string{"CARNET_REFERRAL_EXPIRY": "0"})); err != nil && strings.Contains(err.Error(), "REMIND_SENT") {
		t.Errorf("an invalid expiry also blames the reminder: %v", err)
	}
	// Nothing touches the database before the configuration is valid.
	db := filepath.Join(t.TempDir(), "carnet.db")
	err := run(context.Background(), nil, env(map[string]string{"CARNET_DB": db, "CARNET_CORS_ORIGINS": "notaurl", "CARNET_ADDR": "127.0.0.1:0"}), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "CARNET_CORS_ORIGINS") {
		t.Errorf("serve with a bad origin: %v", err)
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Error("the database was created before the configuration was refused")
	}
}

// configCase is a configuration and the error it gets ("" for none).
type configCase struct {
	name string
	vars map[string]string
	want string
}

// checkConfig loads each case's configuration and checks its error names
// what it should.
func checkConfig(t *testing.T, cases []configCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConfig(env(tc.vars))
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestSetButEmpty: CARNET_ADDR= or CARNET_DB= (set, empty) is refused rather
// than read as the default (all interfaces; ./carnet.db, perhaps a live
// server's file).
func TestSetButEmpty(t *testing.T) {
	lookup := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	if err := checkSetButEmpty(lookup(map[string]string{"CARNET_DB": " "})); err == nil || !strings.Contains(err.Error(), "CARNET_DB") {
		t.Errorf("CARNET_DB empty: %v", err)
	}
	if err := checkSetButEmpty(lookup(map[string]string{"CARNET_ADDR": ""})); err == nil || !strings.Contains(err.Error(), "CARNET_ADDR") {
		t.Errorf("CARNET_ADDR empty: %v", err)
	}
	if err := checkSetButEmpty(lookup(map[string]string{"CARNET_JWT_ISSUER": ""})); err != nil {
		t.Errorf("an empty variable with a harmless default: %v", err)
	}
}
