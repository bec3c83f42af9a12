package models

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlaceWarningsText (issue 11, item 6): placeWarnings quotes a value
// with strconv.Quote instead of fmt's %q and sizes its slice once; the
// text is the same as fmt wrote it, for values with quotes, control and
// invalid bytes, accents and more than the 80 runes kept, and a row
// without a warning still has none (nil).
func TestPlaceWarningsText(t *testing.T) {
	values := []string{"", "13001", `a "quoted" name`, "tab\there", "\xff\xfe", "Saint-Étienne", "\u200b", "\\", strings.Repeat("é", 81), strings.Repeat("ab", 50)}
	var ws []PlaceWarning
	for i, v := range values {
		ws = append(ws, PlaceWarning{Field: fmt.Sprint("f", i), Value: v, Reason: "why %s " + v})
	}
	got := placeWarnings(ws)
	if len(got) != len(ws) {
		t.Fatalf("%d warnings, want %d", len(got), len(ws))
	}
	for i, w := range ws {
		want := FieldError{Field: w.Field, Reason: fmt.Sprintf("%q: %s", clip(w.Value), w.Reason), Value: clip(w.Value)}
		if got[i] != want {
			t.Errorf("warning %d = %#v, want %#v", i, got[i], want)
		}
	}
	if got := placeWarnings(nil); got != nil {
		t.Errorf("no warning: %#v, want nil", got)
	}
}
