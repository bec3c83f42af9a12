package opendata_test

import (
	"encoding/json"
	"os"
	"testing"

	"carnet/models/opendata"
)

// TestWithinSourceReport writes, when CARNET_WITHIN_REPORT names a file,
// the links that join two records of one source once the two reference
// files and the national file are imported (probe 40b H1), as JSON lines
// with both records, for reading them by hand.
func TestWithinSourceReport(t *testing.T) {
	out := os.Getenv("CARNET_WITHIN_REPORT")
	if out == "" {
		t.Skip("CARNET_WITHIN_REPORT names the file to write")
	}
	s := openStore(t)
	for i, name := range []string{"hub-du-sud", "charente"} {
		importBytes(t, s, reference(t, realFiles[i]), opendata.ImportOptions{Source: name})
	}
	importBytes(t, s, reference(t, cnfsFile), opendata.ImportOptions{Source: "cnfs"})
	detect(t, s)
	actors, _, linked := storeLinksOf(t, s, "cnfs")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	n := 0
	for _, l := range linked {
		a, b := actors[l.ActorAID], actors[l.ActorBID]
		if a.Source != b.Source {
			continue
		}
		n++
		if err := enc.Encode(map[string]any{"dept": a.Departement, "score": l.Score, "reasons": l.Reasons, "a": a, "b": b}); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d links within one source of %d", n, len(linked))
}
