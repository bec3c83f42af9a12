package opendata

import (
	"testing"
)

// TestFlattenJSONDepthBounded: a place nested as deep as the JSON decoder
// allows (10,000 levels, 20 kB of brackets) is not written out level by
// level: each level would copy its path again, about 100 MB of paths for
// one row. Producers' formats name columns a few levels down at most.
func TestFlattenJSONDepthBounded(t *testing.T) {
	var deep any = "x"
	for range 10000 {
		deep = []any{deep, map[string]any{"k": "v"}}
	}
	out := flattenJSON(map[string]any{"services": deep, "nom": "A"})
	if out["nom"] != "A" {
		t.Fatalf("plain column lost: %v", out["nom"])
	}
	for k := range out {
		if len(k) > 200 {
			t.Fatalf("a path of %d bytes: the flattening followed the nesting all the way", len(k))
		}
	}
	// A format's columns stay readable: « services.etre_aidee.0.tarif ».
	out = flattenJSON(map[string]any{"services": map[string]any{"etre_aidee": []any{map[string]any{"tarif": "gratuit"}}}})
	if out["services.etre_aidee.0.tarif"] != "gratuit" {
		t.Fatalf("nested column not flattened: %v", out)
	}
}
