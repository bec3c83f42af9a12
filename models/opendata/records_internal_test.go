package opendata

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// readAllRecords reads every record of in, as format, with a Reader it
// returns too (for what it remembers: names, counts).
func readAllRecords(t *testing.T, in, format string) ([]Record, *Reader) {
	t.Helper()
	rd, err := NewReader(strings.NewReader(in), format)
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out, rd
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
}
