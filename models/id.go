package models

import (
	"strings"

	"github.com/google/uuid"
)

// NewID returns a UUIDv7: random enough to be unguessable, and sorted by
// creation time, which keeps primary-key order meaningful for cursors and
// B-tree inserts append-only.
func NewID() string {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source does; nothing
		// sensible can continue without it.
		panic(err)
	}
	return id.String()
}

// NormalID is an id as a client may write it (capitals, surrounding
// spaces) in ValidID's form when it is a UUID: every body field naming a
// record reads its id through it, so that one id is one record on every
// path, membership checks included.
func NormalID(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// ValidID reports whether s is a UUID in canonical lower-case form, the only
// form the API emits; rejecting others early keeps them out of SQL lookups.
func ValidID(s string) bool {
	if len(s) != 36 || strings.ToLower(s) != s {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
