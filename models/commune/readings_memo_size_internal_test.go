package commune

import (
	"fmt"
	"testing"
)

// TestReadingsMemoHoldsAFilesCommunes (issue 11, item 6): the readings of
// a file's addresses stay remembered while the file names fewer distinct
// ones than a generation of the memo holds, and the memo stays bounded
// beyond. It held 8,192 and was emptied when full: an import of the
// synthetic file read its addresses again three times in four, a
// twentieth of its CPU.
func TestReadingsMemoHoldsAFilesCommunes(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	forgetAll()
	t.Cleanup(forgetAll)
	key := func(i int) (string, string, string) {
		return fmt.Sprintf("%05d", 1000+i%95000), fmt.Sprintf("Commune %d", i), ""
	}
	n := readingsMemoSize + readingsMemoSize/2
	for i := range n {
		readingsOf(key(i))
	}
	for i := range n {
		if pc, name, insee := key(i); !remembered(pc, name, insee) {
			t.Fatalf("address %d of %d read again: the memo holds fewer than a file's %d", i, n, n)
		}
	}
	for i := range 4 * readingsMemoSize {
		readingsOf(key(n + i))
	}
	if held := memoHeld(); held > 2*readingsMemoSize {
		t.Errorf("%d readings held, want at most %d", held, 2*readingsMemoSize)
	}
}

func remembered(pc, name, insee string) bool {
	readingsMemo.mu.Lock()
	defer readingsMemo.mu.Unlock()
	k := readingsKey{pc, name, insee}
	return readingsMemo.m[k] != nil || readingsMemo.older[k] != nil
}

func memoHeld() int {
	readingsMemo.mu.Lock()
	defer readingsMemo.mu.Unlock()
	return len(readingsMemo.m) + len(readingsMemo.older)
}
