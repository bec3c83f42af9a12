package opendata_test

import (
	"strings"
	"testing"

	"carnet/models/opendata"
)

// TestIDsEqualOnceNormalised: two rows whose ids are the same once read
// as Unicode NFC, one written composed (« é ») and one decomposed (« e »
// and U+0301), at two addresses, are two places under one id, as two rows
// written alike: the second takes its own id (« id~hash »), with the
// warning of a shared id. It was refused as a duplicate of the first. At
// one address, they are the same place written twice, read once. A second
// import changes nothing.
func TestIDsEqualOnceNormalised(t *testing.T) {
	composed, decomposed := "café-12", "cafe\u0301-12"
	for _, c := range []struct {
		name              string
		second            string // the second row's address
		created, rejected int
		own               bool
	}{
		{"two addresses", "8 rue B;69001;Lyon", 3, 0, true},
		{"one address", "1 rue A;13001;Marseille", 2, 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := []byte(sharedHeader +
				composed + ";Café numérique;1 rue A;13001;Marseille;Aide aux démarches administratives\n" +
				decomposed + ";Café numérique;" + c.second + ";Aide aux démarches administratives\n" +
				"b1;Bibliothèque;1 rue A;13001;Marseille;Aide aux démarches administratives\n")
			s := openStore(t)
			rep := importBytes(t, s, file, opendata.ImportOptions{Source: "nfc"})
			if rep.Actors["created"] != c.created || rep.Rejected != c.rejected {
				t.Fatalf("created %v, rejected %d, want %d and %d: %+v", rep.Actors, rep.Rejected, c.created, c.rejected, rep.Issues)
			}
			ids := placesBySourceID(t, s)
			if _, ok := ids[composed]; !ok {
				t.Errorf("no place under %q: %v", composed, ids)
			}
			owns := 0
			for id := range ids {
				if strings.HasPrefix(id, composed+"~") {
					owns++
				}
				if strings.Contains(id, "\u0301") {
					t.Errorf("an id stored decomposed: %q", id)
				}
			}
			if c.own && (owns != 1 || !hasIssue(rep, 2, "id", opendata.SeverityWarning, "a place of its own")) {
				t.Errorf("the second place's own id: %v %+v", ids, issuesOf(rep, 2, "id"))
			}
			if !c.own && !hasIssue(rep, 2, "id", opendata.SeverityError, "appears twice in the file for the same address") {
				t.Errorf("the same place twice: %+v", issuesOf(rep, 2, "id"))
			}
			if !hasIssue(rep, 2, "id", opendata.SeverityWarning, "Unicode NFC") && c.own {
				t.Errorf("the id's reading not said: %+v", issuesOf(rep, 2, "id"))
			}
			again := importBytes(t, s, file, opendata.ImportOptions{Source: "nfc"})
			if again.Actors["unchanged"] != c.created || again.Rejected != c.rejected {
				t.Errorf("a second import: %v, rejected %d", again.Actors, again.Rejected)
			}
		})
	}
}
