package commune_test

import (
	"slices"
	"testing"

	"carnet/models/commune"
)

// FormerNames lists a commune nouvelle's merged and delegated communes by
// name, not its own (Val d'Arry's delegated Noyers-Bocage carries its
// code), and nothing for a commune that merged none.
func TestFormerNames(t *testing.T) {
	if err := commune.Load(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code string
		want []string
	}{
		{"14098", []string{"Cheux"}},
		{"14475", []string{"Le Locheur", "Missy", "Noyers-Bocage", "Tournay-sur-Odon"}},
		{"74010", []string{"Seynod", "Cran-Gevrier"}},
		{"75056", nil},
	} {
		got := commune.FormerNames(commune.ByCode(c.code))
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("FormerNames(%s) = %q, want %q among them", c.code, got, w)
			}
		}
		if c.want == nil && len(got) > 0 {
			t.Errorf("FormerNames(%s) = %q, want none", c.code, got)
		}
		if slices.Contains(got, commune.ByCode(c.code).Name) {
			t.Errorf("FormerNames(%s) = %q holds the commune's own name", c.code, got)
		}
	}
	if commune.FormerNames(nil) != nil {
		t.Error("FormerNames(nil) is not nil")
	}
}
