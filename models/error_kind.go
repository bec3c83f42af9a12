package models

import (
	"errors"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ErrorKind names the kind of a background worker's error for operators
// (readyz, metrics), without its details: "storage_full" (the disk or the
// database is full), "busy" (locked, a deadlock, a lost connection or a
// timeout: usually transient), "unavailable" (another dependency is down),
// else "internal".
func ErrorKind(err error) string {
	if err == nil {
		return ""
	}
	var se sqlite3.Error
	if ErrorCode(err) == ESTORAGEFULL || errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return "storage_full"
	}
	msg := strings.ToLower(err.Error())
	switch {
	// SQLite says "database or disk is full"; PostgreSQL "could not
	// extend file … No space left on device" (SQLSTATE 53100, disk_full).
	case strings.Contains(msg, "disk is full"), strings.Contains(msg, "no space left"), strings.Contains(msg, "53100"):
		return "storage_full"
	case strings.Contains(msg, "database is locked"), strings.Contains(msg, "busy"), strings.Contains(msg, "deadlock"):
		return "busy"
	}
	if ErrorCode(err) == EUNAVAILABLE {
		return "unavailable"
	}
	return "internal"
}
