package contact

import "testing"

// TestCompactPhoneCopiesOnlyWhatChanged (issue 11, item 6): a number
// already compact is returned as it is, another built once, as before.
func TestCompactPhoneCopiesOnlyWhatChanged(t *testing.T) {
	for in, want := range map[string]string{"+33492135909": "+33492135909", "04 92 13-59.09": "0492135909", "(0)4 92": "0492"} {
		if got, ok := compactPhone(in); !ok || got != want {
			t.Errorf("compactPhone(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"04+92", "04 92 x", "tél 04"} {
		if _, ok := compactPhone(in); ok {
			t.Errorf("compactPhone(%q) read", in)
		}
	}
	if n := testing.AllocsPerRun(100, func() { compactPhone("+33492135909") }); n != 0 {
		t.Errorf("a compact number: %v allocations, want 0", n)
	}
}
