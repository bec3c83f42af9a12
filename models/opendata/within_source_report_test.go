package opendata_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"carnet/models/dedup"
	"carnet/models/opendata"
)

// TestWithinSourceReport writes, when CARNET_WITHIN_REPORT names a file,
// the links that join two records of one source once the two reference
// files and the national file are imported (probe 40b H1), as JSON lines
// with both records, for reading them by hand; it logs the links that
// contacts_elsewhere reads (probe 40b M4).
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
		if slices.ContainsFunc(l.Reasons, func(r dedup.Reason) bool { return r.Code == "contacts_elsewhere" }) {
			t.Logf("contacts_elsewhere %.3f %s (%s) ~ %s (%s)", l.Score, a.Name, a.Source, b.Name, b.Source)
		}
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
