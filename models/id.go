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

// ValidID reports whether s is a UUID in canonical lower-case form, the only
// form the API emits; rejecting others early keeps them out of SQL lookups.
func ValidID(s string) bool {
	if len(s) != 36 || strings.ToLower(s) != s {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
