package opendata

import (
	"testing"

	"carnet/models/commune"
)

// TestChefLieuxAreCommunesOfTheirDepartement: every chef-lieu of the table
// is one commune of its département in the commune reference, so that a
// misspelt name cannot silently turn the rule off.
func TestChefLieuxAreCommunesOfTheirDepartement(t *testing.T) {
	for dep, name := range chefLieux {
		n := 0
		for _, c := range commune.ByName(name) {
			if c.Departement == dep && c.City == "" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s %s: %d communes of that name in the département", dep, name, n)
		}
	}
}
