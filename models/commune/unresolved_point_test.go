package commune

import (
	"slices"
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

// TestPointAloneAgainstThePostalCode (verify 37b N5): « Mairie, 24140 »
// (a postal code of several communes, a name of none) with a point in
// Sarlat, 60 km from every commune of 24140 but in the same département,
// resolved to Sarlat-la-Canéda by the point alone and had 24140 replaced
// by 24200 on imports, while the API refused it. A point whose commune is
// none of the postal code's, and near none of them, is a coordinates
// conflict: the postal code stands, the point is dropped (imports) or
// refused (API). A point near one of them still stands.
func TestPointAloneAgainstThePostalCode(t *testing.T) {
	pt := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	for _, tc := range []struct {
		pc, name string
		lat, lon float64
		far      bool
	}{
		{"24140", "Mairie", 44.8890, 1.2160, true},          // Sarlat, 60 km
		{"06670", "Hameau Inconnu", 43.9540, 6.8090, false}, // Entrevaux (04), across the border
		{"24140", "Mairie", 44.9236, 0.6044, false},         // among 24140's communes
	} {
		lat, lon := pt(tc.lat, tc.lon)
		r := Resolve(Address{PostalCode: tc.pc, Name: tc.name, Lat: lat, Lon: lon})
		if r.Conflicting("coordinates") != tc.far {
			t.Errorf("%s %s at %v,%v: conflicts %v, want a far point: %v", tc.pc, tc.name, tc.lat, tc.lon, r.Conflicts, tc.far)
		}
		if !tc.far {
			continue
		}
		if r.Commune != nil && !slices.Contains(ByPostalCode(tc.pc), r.Commune) {
			t.Errorf("%s %s: moved by the point alone to %s (%s)", tc.pc, tc.name, r.Commune.Name, r.Commune.Code)
		}
		if r.Conflicting("postal_code") || r.Doubted("postal_code") || r.PostalCodeRefuted {
			t.Errorf("%s %s: the postal code doubted for the point: %v %v", tc.pc, tc.name, r.Conflicts, r.Doubts)
		}
	}
}
