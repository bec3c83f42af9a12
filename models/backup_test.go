package models

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestBackupWhileWriting: a backup taken while the service writes is a
// consistent database holding every write committed before it started
// (`cp carnet.db` lacked those still in the WAL: probe 39a F5), readable
// by its owner only, and never written over an existing file.
func TestBackupWhileWriting(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	src := filepath.Join(dir, "carnet.db")
	s, err := Open(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	insert := func(key string) error {
		return s.write(ctx, func(tx *gorm.DB) error {
			return tx.Exec("INSERT INTO rate_limits (key, tat) VALUES (?, ?)", key, time.Now().UnixNano()).Error
		})
	}
	var before []string
	for range 200 {
		k := "before-" + NewID()
		if err := insert(k); err != nil {
			t.Fatal(err)
		}
		before = append(before, k)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := insert("during-" + NewID()); err != nil {
				t.Error(err)
				return
			}
		}
	})
	dst := filepath.Join(t.TempDir(), "copy.db")
	res, err := Backup(ctx, src, dst)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes == 0 || res.Tables == 0 || res.Integrity != "ok" {
		t.Errorf("result: %+v", res)
	}
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != OwnerOnly {
		t.Errorf("copy's mode %o, want %o", fi.Mode().Perm(), OwnerOnly)
	}
	cp, err := sql.Open("sqlite3", "file:"+dst+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var check string
	if err := cp.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the copy: %q %v", check, err)
	}
	for _, k := range before {
		var n int
		if err := cp.QueryRow("SELECT count(*) FROM rate_limits WHERE key = ?", k).Scan(&n); err != nil || n != 1 {
			t.Fatalf("the copy lacks %s, committed before the backup (%d, %v)", k, n, err)
		}
	}
	if _, err := Backup(ctx, src, dst); !errors.Is(err, fs.ErrExist) {
		t.Errorf("a backup over an existing file: %v", err)
	}
	if _, err := Backup(ctx, "postgres://u@h/db", filepath.Join(dir, "pg.db")); err == nil || ErrorCode(err) != EINVALID {
		t.Errorf("a backup of PostgreSQL: %v", err)
	}
}
