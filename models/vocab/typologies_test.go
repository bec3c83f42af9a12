package vocab

import "testing"

// anctTypologies are the codes ANCT added to data·inclusion's list.
var anctTypologies = []string{"ESAT", "FABRIQUE", "MDH", "RELAIS_LECTURE"}

// TestTypologiesMatchDataInclusion proves that every code of data·inclusion
// v0.27.0 is present with its label, byte for byte, and that the only other
// codes are ANCT's four.
func TestTypologiesMatchDataInclusion(t *testing.T) {
	var ref []struct {
		Value string `json:"value"`
		Label string `json:"label"`
	}
	readRef(t, "data-inclusion-schema/v0.27.0/extra/typologies-de-structures.v0.27.0.json", &ref)
	if len(ref) == 0 {
		t.Fatal("empty typologies file")
	}
	v := MustGet(NameTypologies)
	known := map[string]bool{}
	for _, r := range ref {
		known[r.Value] = true
		term, ok := v.Lookup(r.Value)
		if !ok {
			t.Errorf("missing typology %q", r.Value)
			continue
		}
		if term.Label != r.Label {
			t.Errorf("%s: label %q, want %q", r.Value, term.Label, r.Label)
		}
	}
	for _, c := range anctTypologies {
		if known[c] {
			t.Errorf("%s is now in data·inclusion's list: drop its ANCT description", c)
		}
		if term, ok := v.Lookup(c); !ok || term.Description != descANCT {
			t.Errorf("ANCT typology %s missing or not marked (%+v)", c, term)
		}
		known[c] = true
	}
	for _, term := range v.Terms {
		if !known[term.Value] {
			t.Errorf("typology %q comes from neither data·inclusion nor ANCT", term.Value)
		}
	}
}
