package vocab

import "testing"

// TestSlugifyAllocatesOnce (issue 11, item 6): a slug is built on the
// stack and copied once; grown from nil, a place name's slug was reallocated four or five times.
func TestSlugifyAllocatesOnce(t *testing.T) {
	name := "Espace numérique de la Médiathèque Saint-Denis n°12"
	if n := testing.AllocsPerRun(100, func() { Slugify(name) }); n > 1 {
		t.Errorf("Slugify: %v allocations, want 1", n)
	}
}
