package opendata

import (
	"runtime"
	"testing"
	"unsafe"
)

// TestToPlaceKeepsItsPlaceOnTheStack (issue 11, item 6): the Place a row
// is mapped into is not moved to the heap — about 600 bytes a row, 8 % of
// the bytes a 100,000-place import allocated, when an actor handed to a
// reading through a function value (communeOf's among) or inside a
// literal of pairs (contacts' first20) escaped. Mapping a plain row
// allocates nothing as large as a Place (1,248 bytes).
func TestToPlaceKeepsItsPlaceOnTheStack(t *testing.T) {
	rec := func() Record {
		return Record{Row: 1, unmarked: true, Cells: map[string]string{
			"id": "p1", "nom": "Médiathèque", "adresse": "1 rue de la Paix", "code_postal": "75002", "commune": "Paris",
			"telephone": "01 42 00 00 00", "courriels": "contact@exemple.fr", "services": "Accès internet et matériel informatique",
		}}
	}
	ToPlace(rec(), "x") // the commune reference and the memos loaded
	size := uint32(unsafe.Sizeof(Place{}))
	large := func(m *runtime.MemStats) (n uint64) {
		for _, c := range m.BySize {
			if c.Size >= size {
				n += c.Mallocs
			}
		}
		return n
	}
	var before, after runtime.MemStats
	for range 3 {
		r := rec()
		runtime.GC()
		runtime.ReadMemStats(&before)
		p := ToPlace(r, "x")
		runtime.ReadMemStats(&after)
		if p.Rejected {
			t.Fatalf("row rejected: %+v", p.Issues)
		}
		if n := large(&after) - large(&before); n == 0 {
			return
		}
	}
	t.Errorf("mapping a row allocated a block of %d bytes or more, the size of its Place, three times out of three", size)
}
