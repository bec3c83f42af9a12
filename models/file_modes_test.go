package models

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"
)

// withUmask runs the test under umask, the usual 022 that made the
// database world-readable (probe 39a F1), and restores the previous one.
func withUmask(t *testing.T, umask int) {
	old := syscall.Umask(umask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// checkOwnerOnly fails for every file of dir that group or others may
// read or write.
func checkOwnerOnly(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no file in the directory")
	}
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: mode %o, want owner-only", e.Name(), fi.Mode().Perm())
		}
	}
}

// writeSomething commits a write, so that the WAL and its index exist.
func writeSomething(t *testing.T, s *Store) {
	t.Helper()
	err := s.write(context.Background(), func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO rate_limits (key, tat) VALUES (?, ?)", NewID(), time.Now().UnixNano()).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDatabaseFilesOwnerOnly: the database, its WAL and shared-memory
// index hold referrals' personal data; under umask 022 they were created
// 0644, readable by every local user (probe 39a F1).
func TestDatabaseFilesOwnerOnly(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	s, err := Open(context.Background(), filepath.Join(dir, "carnet.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeSomething(t, s)
	checkOwnerOnly(t, dir)
	for _, name := range []string{"carnet.db", "carnet.db-wal", "carnet.db-shm"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestExistingDatabaseTightened: a database created world-readable by an
// earlier version is made owner-only when opened, with its WAL and index
// left by a crash, and the log says so once.
func TestExistingDatabaseTightened(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	path := filepath.Join(dir, "carnet.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeSomething(t, s)
	s.Close()
	for _, name := range []string{"carnet.db", "carnet.db-wal", "carnet.db-shm"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			if err := os.WriteFile(p, nil, 0o644); err != nil { // as a crash leaves them
				t.Fatal(err)
			}
		}
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var logs bytes.Buffer
	s, err = Open(context.Background(), path, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeSomething(t, s)
	checkOwnerOnly(t, dir)
	if n := strings.Count(logs.String(), "owner-only"); n != 1 {
		t.Errorf("%d log lines about the modes, want 1:\n%s", n, logs.String())
	}
}
