package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestLockSourceAllocatesNothingOnSQLite (issue 11, item 6): SQLite's
// lockKey does nothing (its single writer serialises write transactions),
// so lockSource builds no key there; it was called once a record of a
// sync batch, 200,000 strings of a 100,000-place first import.
func TestLockSourceAllocatesNothingOnSQLite(t *testing.T) {
	s := openTestStore(t)
	source := string([]byte("bench")) // not a constant the compiler could fold
	if n := testing.AllocsPerRun(100, func() {
		if err := lockSource(s.w, source); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("lockSource allocated %v objects a call on SQLite", n)
	}
}

// TestCheckProducerDateAllocatesNothing (issue 11, item 6): a producer's
// date within bounds is checked without a string of the latest day (one
// a created actor before); a date past it still names that day.
func TestCheckProducerDateAllocatesNothing(t *testing.T) {
	now := time.Date(2026, 12, 7, 23, 30, 0, 0, time.UTC)
	a := &Actor{ProducerUpdatedOn: "2026-12-01"}
	if n := testing.AllocsPerRun(100, func() {
		if err := CheckProducerDate(nil, a, now); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("CheckProducerDate allocated %v objects a call", n)
	}
	err := CheckProducerDate(nil, &Actor{ProducerUpdatedOn: "2026-12-09"}, now)
	var e *Error
	if !errors.As(err, &e) || len(e.Fields) != 1 || !strings.HasSuffix(e.Fields[0].Reason, "the day after today in UTC (2026-12-08)") {
		t.Fatalf("a date past the day after today: %v", err)
	}
}
