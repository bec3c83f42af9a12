package models

import "testing"

// TestCarnetReadings: Carnet's name is read in any case, spacing or
// punctuation and in letters that look alike; the ASCII shortcut of
// IsCarnetProducer answers as the skeleton does.
func TestCarnetReadings(t *testing.T) {
	for s, want := range map[string]bool{
		"Carnet": true, " carnet ": true, "CARNET": true, "car-net": true, "c.a.r.n.e.t": true, "C A R N E T": true,
		"camet": true, "Cárnet": true, "CАRNET": true, "саrnеt": true, "ｃａｒｎｅｔ": true,
		"carnets": false, "carne": false, "carnet13": false, "conseiller-numerique": false, "Carnet de santé": false, "": false,
	} {
		if got := IsCarnetProducer(s); got != want {
			t.Errorf("IsCarnetProducer(%q) = %v", s, got)
		}
		if ascii, _ := asciiLetters(s); ascii && s != "" && (carnetSkeleton(s) == carnetKey) != want {
			t.Errorf("the ASCII shortcut and the skeleton disagree on %q", s)
		}
	}
}
