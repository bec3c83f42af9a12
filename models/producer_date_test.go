package models_test

import (
	"testing"
	"time"

	"carnet/models"
)

// A producer's date before ProducerDateFloor is a tool's zero date: every
// write through the API refuses it as it refuses a date in the future
// (an import reads it as no date before it gets here); a record keeps a
// date it already has when another field changes.
func TestCheckProducerDateFloor(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		before, after string
		ok            bool
	}{
		{"", "0001-01-01", false},
		{"", "1899-12-30", false},
		{"", "1900-01-01", false},
		{"", "1969-12-31", false},
		{"", "1970-01-01", false},
		{"", "1999-12-31", false},
		{"2024-01-01", "1970-01-01", false},
		{"", models.ProducerDateFloor, true},
		{"", "2026-03-04", true},
		{"", "", true},
		{"1970-01-01", "1970-01-01", true},
	} {
		var before *models.Actor
		if c.before != "" {
			before = &models.Actor{ProducerUpdatedOn: c.before}
		}
		err := models.CheckProducerDate(before, &models.Actor{ProducerUpdatedOn: c.after}, now)
		if (err == nil) != c.ok {
			t.Errorf("%q → %q: %v", c.before, c.after, err)
		}
	}
}
