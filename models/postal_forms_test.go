package models

import "testing"

func TestReadPostalCode(t *testing.T) {
	for _, tc := range []struct {
		pc, commune       string
		want, wantCommune string
		read              bool
	}{
		{"13 001", "Marseille", "13001", "Marseille", true},
		{"13\u00a0001", "Marseille", "13001", "Marseille", true},
		{"F-13001", "Marseille", "13001", "Marseille", true},
		{"f 13001", "Marseille", "13001", "Marseille", true},
		{"France 13001", "Marseille", "13001", "Marseille", true},
		{"13344 CEDEX", "Marseille", "13344", "Marseille", true},
		{"13344 cedex 20", "Marseille", "13344", "Marseille", true},
		{"13001 Marseille", "Marseille", "13001", "Marseille", true},
		{"13001 MARSEILLE CEDEX 01", "Marseille 1er", "13001", "Marseille 1er", true},
		{"13001, Marseille", "", "13001", "Marseille", true},
		{"97133 Saint-Barthélemy", "St Barthelemy", "97133", "St Barthelemy", true},
		{"13001", "Marseille", "13001", "Marseille", false},
		// As a probe wrote them: an arrondissement after the code, CEDEX
		// with its accent, a narrow no-break space, the country after it.
		{"13001 Marseille 1er", "Marseille", "13001", "Marseille", true},
		{"13001 MARSEILLE 01", "Marseille", "13001", "Marseille", true},
		{"75015 Paris 15e", "Paris", "75015", "Paris", true},
		{"13344 cédex 20", "Marseille", "13344", "Marseille", true},
		{"13\u202f001", "Marseille", "13001", "Marseille", true},
		{"13001 France", "Marseille", "13001", "Marseille", true},
		{"13001 Marseille, France", "Marseille", "13001", "Marseille", true},
		{"13001 Nice 1er", "Marseille", "13001 Nice 1er", "Marseille", false},
		// Left as written, for Validate to refuse.
		{"13001 Nice", "Marseille", "13001 Nice", "Marseille", false},
		{"1300", "Marseille", "1300", "Marseille", false},
		{"130011", "Marseille", "130011", "Marseille", false},
		{"13 00 1", "Marseille", "13 00 1", "Marseille", false},
		{"13001 04 91 00 00 00", "Marseille", "13001 04 91 00 00 00", "Marseille", false},
		{"CEDEX 13001", "Marseille", "CEDEX 13001", "Marseille", false},
	} {
		a := Address{PostalCode: tc.pc, Commune: tc.commune}
		if read := readPostalCode(&a); read != tc.read || a.PostalCode != tc.want || a.Commune != tc.wantCommune {
			t.Errorf("readPostalCode(%q, %q) = %q %q %v, want %q %q %v", tc.pc, tc.commune, a.PostalCode, a.Commune, read, tc.want, tc.wantCommune, tc.read)
		}
	}
}
