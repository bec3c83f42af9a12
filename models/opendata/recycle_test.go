package opendata_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"reflect"
	"testing"

	"carnet/models/opendata"
)

// TestRecycledCellsReadAsFresh: rows read into the recycled maps of earlier
// rows (as an import does after each batch) have exactly the cells, and
// every other field, of rows read into fresh maps; a recycled record keeps
// no map.
func TestRecycledCellsReadAsFresh(t *testing.T) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 2500, 7); err != nil {
		t.Fatal(err)
	}
	// Short rows, rows with more cells than the header and blank cells
	// too: a reused map must not keep a cell of its earlier row.
	buf.WriteString("\nshort-1,Un lieu court\n")
	for range 400 {
		buf.WriteString("short-2,Lieu\n,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,beyond\n")
	}
	file := buf.Bytes()
	read := func(recycle bool) []opendata.Record {
		rd, err := opendata.NewReader(bytes.NewReader(file), opendata.FormatCSV)
		if err != nil {
			t.Fatal(err)
		}
		var all, batch []opendata.Record
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			kept := rec
			kept.Cells = maps.Clone(rec.Cells)
			all = append(all, kept)
			batch = append(batch, rec)
			if recycle && len(batch) == 300 {
				rd.Recycle(batch)
				for _, r := range batch {
					if r.Cells != nil {
						t.Fatal("a recycled record keeps its map")
					}
				}
				batch = batch[:0]
			}
		}
		return all
	}
	fresh, recycled := read(false), read(true)
	if len(fresh) != 2500+1+800 || len(recycled) != len(fresh) {
		t.Fatalf("%d and %d rows", len(fresh), len(recycled))
	}
	for i := range fresh {
		if !reflect.DeepEqual(fresh[i], recycled[i]) {
			t.Fatalf("row %d:\n%+v\nrecycled:\n%+v", i+1, fresh[i], recycled[i])
		}
	}
}
