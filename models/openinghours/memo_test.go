package openinghours

import (
	"fmt"
	"sync"
	"testing"
)

// TestParseMemo: Parse answers a value seen lately from memory, and what
// it answers is what parsing gives — for thousands of distinct values
// sharing the memo's slots, from several goroutines at once; a value that
// does not parse is refused every time.
func TestParseMemo(t *testing.T) {
	a, err := Parse("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := Parse("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"); err != nil || b != a {
		t.Errorf("a value parsed again: %p %v, want the memo's %p", b, err, a)
	}
	values := make([]string, 3000)
	for i := range values {
		values[i] = fmt.Sprintf("Mo %02d:%02d-%02d:%02d", i%12, i%60, 12+i%12, (i/60)%60)
	}
	want := make([]string, len(values))
	for i, v := range values {
		h, err := parse(v)
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		want[i] = h.String()
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 3 {
				for i := range values {
					i := (i + g*round*7) % len(values)
					h, err := Parse(values[i])
					if err != nil || h.String() != want[i] {
						t.Errorf("%q: %v %v, want %s", values[i], h, err, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	for range 2 {
		if _, err := Parse("Mo 25:00-26:00"); err == nil {
			t.Error("an invalid value parsed")
		}
	}
}
