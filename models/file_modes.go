package models

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"
)

// OwnerOnly is the mode of every file Carnet writes that may hold personal
// data (the database and its companions, a backup): readable and writable
// by the service's user alone, whatever the umask (probe 39a F1: under the
// usual umask 022 the database, its WAL and shared-memory index were
// created 0644, and any local user read referrals' names in them).
const OwnerOnly fs.FileMode = 0o600

// companions are the files SQLite keeps beside a database: the WAL, its
// shared-memory index and the rollback journal (used while a database is
// created, before it switches to WAL). SQLite's unix VFS creates them with
// the mode of the database file itself, so an owner-only database makes
// owner-only companions; those left by an earlier version or a crash are
// tightened with it.
var companions = []string{"", "-wal", "-shm", "-journal"}

// createOwnerOnly creates the empty file path, readable by its owner only,
// and fails if it exists: SQLite then opens it (as an empty database), and
// VACUUM INTO writes into it, both keeping its mode.
func createOwnerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, OwnerOnly)
	if err != nil {
		return err
	}
	return f.Close()
}

// tightenModes makes the database at path and its companions owner-only
// when group or others could read or write them (a database created by an
// earlier version, or copied with cp), and logs it once. A file the
// service may not change (owned by another user) is left as it is, with a
// warning: the database still opens.
func tightenModes(path string, log *slog.Logger) {
	var tightened, failed []string
	for _, suffix := range companions {
		name := path + suffix
		fi, err := os.Stat(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(name, fi.Mode().Perm()&0o700); err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", name, errors.Unwrap(err)))
			continue
		}
		tightened = append(tightened, fmt.Sprintf("%s (was %o)", name, fi.Mode().Perm()))
	}
	if len(tightened) > 0 {
		log.Warn("the database files were readable by other users: made owner-only (they hold personal data)", "files", strings.Join(tightened, ", "))
	}
	if len(failed) > 0 {
		log.Warn("the database files are readable by other users and could not be made owner-only: chmod 600 them (they hold personal data)", "files", strings.Join(failed, ", "))
	}
}
