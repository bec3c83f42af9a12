package commune

import (
	"strings"
	"testing"
)

// TestUnresolvedCommuneFarPoint: when the commune stays unknown, the point
// is still checked against what the address tells (probe 37b H2): « Mairie
// de Maurens », 24140 (Dordogne), with a point in Loir-et-Cher, 300 km away,
// was kept and found at 0 km by near searches there. A point in the postal
// code's département, or near one of its communes, stands.
func TestUnresolvedCommuneFarPoint(t *testing.T) {
	pt := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	for _, tc := range []struct {
		pc, name string
		lat, lon float64
		far      bool
	}{
		{"24140", "Mairie", 47.3324, 1.2434, true},       // Loir-et-Cher
		{"06670", "Plan du Var", 48.8566, 2.3522, true},  // Paris
		{"46100", "Ceint d'Eau", 43.2965, 5.3698, true},  // Marseille
		{"06670", "Plan du Var", 43.8345, 7.1895, false}, // Levens' valley
		{"24140", "Mairie", 44.9236, 0.6044, false},      // in the Dordogne: the point may tell the commune
		{"46100", "Ceint d'Eau", 44.6081, 2.0319, false}, // Figeac, likewise
	} {
		lat, lon := pt(tc.lat, tc.lon)
		r := Resolve(Address{PostalCode: tc.pc, Name: tc.name, Lat: lat, Lon: lon})
		if r.Commune != nil && tc.far {
			t.Errorf("%s %s: resolved to %s; pick an address that stays unknown", tc.pc, tc.name, r.Commune.Name)
			continue
		}
		if r.Conflicting("coordinates") != tc.far {
			t.Errorf("%s %s at %v,%v: conflicts %v, want a far point: %v", tc.pc, tc.name, tc.lat, tc.lon, r.Conflicts, tc.far)
		}
		for _, c := range r.Conflicts {
			if c.Field == "coordinates" && !strings.Contains(c.Reason, "km") {
				t.Errorf("%s: reason %q says no distance", tc.pc, c.Reason)
			}
		}
	}
}
