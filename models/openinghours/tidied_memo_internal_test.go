package openinghours

import (
	"slices"
	"testing"
)

// TestTidiedMemo: Tidied answers from its memo what tidied computes, for
// texts read again, texts that share a slot, and texts changed or not; a
// caller appending to what it was told changes nothing the next one hears.
func TestTidiedMemo(t *testing.T) {
	texts := []string{
		"Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
		"Th 08:30-12:00,08:30-16:00",
		"Mo 09:00-12:00; Mo 14:00-17:00",
		"Mo 9:00-12:00, 11:00-13:00",
		"Mo-Fr 09:00-12:00,12:00-14:00+",
		"24/7",
		"",
		"not hours at all",
	}
	for i := 0; i < 3000; i++ { // more texts than slots: some share one
		texts = append(texts, "Mo "+string(rune('0'+i%10))+"0:00-12:00,1"+string(rune('0'+i%7))+":00-18:00 \"x"+string(rune('a'+i%26))+"\" "+string(rune('A'+i/26%26)))
	}
	for round := 0; round < 3; round++ {
		for _, s := range texts {
			want, wantSaid := tidied(s)
			got, said := Tidied(s)
			if got != want || !slices.Equal(said, wantSaid) {
				t.Fatalf("round %d, Tidied(%q) = %q %q, want %q %q", round, s, got, said, want, wantSaid)
			}
			if len(said) > 0 {
				said[0] = "changed by a caller"
				if _, again := Tidied(s); again[0] == said[0] {
					t.Fatalf("Tidied(%q): a caller's change reached the memo", s)
				}
			}
		}
	}
}
