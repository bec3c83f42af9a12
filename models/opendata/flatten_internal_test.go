package opendata

import (
	"fmt"
	"strings"
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

// TestFlattenedColumnsBounded: a place of a nested format has at most
// MaxColumns columns once flattened, as any place: 6 keys at the top, of
// which one an object of 5,000, were read as 5,006 columns, and the reader
// remembered every column of every row (15,006 after three such rows).
func TestFlattenedColumnsBounded(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`[{"_id":"r1","structureName":"X","contactPhone":"1","structureType":{"name":"x"},"address":{"postcode":"69002","commune":"Lyon"},"categories":{`)
	for i := range MaxColumns + 1 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"k%d":["v"]`, i)
	}
	sb.WriteString(`}}]`)
	rd, err := NewReader(strings.NewReader(sb.String()), FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := rd.Next()
	if err == nil || !strings.Contains(err.Error(), "columns") {
		t.Fatalf("a place of %d columns read: %d cells, error %v", MaxColumns+6, len(rec.Cells), err)
	}
	if len(rd.Columns()) > MaxColumns {
		t.Fatalf("the reader remembers %d columns", len(rd.Columns()))
	}
}
