package ident

import "testing"

// TestNormalizePivotCopiesOnlyWhatChanged (issue 11, item 6): a pivot
// already normal is returned as it is, another built once, as before.
func TestNormalizePivotCopiesOnlyWhatChanged(t *testing.T) {
	for in, want := range map[string]string{"13002603200016": "13002603200016", "130 026 032-00016": "13002603200016", "w751234567": "W751234567"} {
		if got, ok := normalizePivot(in); !ok || got != want {
			t.Errorf("normalizePivot(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", " . ", "1300/2603", "123456789012345678901234567890123"} {
		if got, ok := normalizePivot(in); ok {
			t.Errorf("normalizePivot(%q) = %q", in, got)
		}
	}
	if n := testing.AllocsPerRun(100, func() { normalizePivot("13002603200016") }); n != 0 {
		t.Errorf("a normal pivot: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { parseDottedRIDET("13002603200016") }); n != 0 {
		t.Errorf("parseDottedRIDET of a SIRET: %v allocations, want 0", n)
	}
}
