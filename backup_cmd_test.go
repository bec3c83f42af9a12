package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/models"
)

// TestBackupCommand: carnet backup copies CARNET_DB into a new owner-only
// file and says what it copied; it refuses to write over a file, and
// sends a PostgreSQL database to pg_dump (probe 39a F5).
func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "carnet.db")
	s, err := models.Open(context.Background(), db, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	to := filepath.Join(dir, "backup.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", "--to", to}, env(map[string]string{"CARNET_DB": db}), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "copied "+db+" into "+to) || !strings.Contains(out.String(), "check ok") {
		t.Errorf("output: %s", out.String())
	}
	if fi, err := os.Stat(to); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the copy: %v %v", fi, err)
	}
	err = run(context.Background(), []string{"backup", "--db", db, "--to", to}, env(nil), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("a backup over the last one: %v", err)
	}
	err = run(context.Background(), []string{"backup", "--to", filepath.Join(dir, "pg.db")}, env(map[string]string{"CARNET_DB": "postgres://u@localhost/carnet"}), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("a backup of PostgreSQL: %v", err)
	}
}
