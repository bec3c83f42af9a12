package models

import "testing"

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
