package opendata_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// Rows of the Région Sud's directory of 2022 (mednum-cli
// assets/input/paca/paca.json at 3ae228e, rows 193–194 and 272–275): a
// village library with no id, named « Bibliothèque », at « le village »,
// in two communes of one postal code. The derived id and the check for a
// place written twice read the name, the street line and the postal code:
// the second village's library was refused as « appears twice in the file
// for the same address », 5 village libraries of that file lost.
const villageHead = "nom,adresse,code_postal,commune,latitude,longitude\n"

var (
	saintMartin = "Bibliothèque,le village,04300,SAINT-MARTIN-LES-EAUX,43.868092,5.743462\n"
	sigonce     = "Bibliothèque,le village,04300,SIGONCE,44.0045227576,5.85658315569\n"
	jarjayes    = "Bibliothèque,le village,05130,JARJAYES,44.504939,6.110404\n"
	valserres   = "Bibliothèque,le village,05130,VALSERRES,44.48825,6.127105\n"
	venterol    = "Bibliothèque,le village,05130,VENTEROL,44.446943,6.092408\n"
)

// TestVillagesOfOnePostalCodeAreTwoPlaces: two rows alike but for their
// communes, two communes of the postal code, are two places — the second
// under an id of its own, said — on every import and in any order; the
// same place written twice with its commune spelt two ways is still read
// once.
func TestVillagesOfOnePostalCodeAreTwoPlaces(t *testing.T) {
	s := openStore(t)
	opt := opendata.ImportOptions{Source: "region-sud"}
	file := villageHead + saintMartin + sigonce + jarjayes + valserres + venterol
	rep := importBytes(t, s, []byte(file), opt)
	if rep.Rejected != 0 {
		t.Fatalf("%d rows refused: %+v", rep.Rejected, rep.Issues)
	}
	byCommune := func() map[string]string {
		out := map[string]string{}
		for _, a := range allActors(t, s) {
			if a.ArchivedAt == nil {
				out[a.Address.Commune] = a.SourceID
			}
		}
		return out
	}
	first := byCommune()
	want := []string{"Jarjayes", "Saint-Martin-les-Eaux", "Sigonce", "Valserres", "Venterol"}
	if got := slices.Sorted(maps.Keys(first)); !slices.Equal(got, want) {
		t.Fatalf("places in %v, want %v (issues %+v)", got, want, rep.Issues)
	}
	if !hasIssue(rep, 2, "id", opendata.SeverityWarning, "SIGONCE") {
		t.Errorf("row 2 took an id of its own without a word of why: %+v", issuesOfRow(rep, 2))
	}

	// Again, the rows in the reverse order: each place keeps its id.
	lines := strings.SplitAfter(strings.TrimPrefix(file, villageHead), "\n")
	slices.Reverse(lines)
	rep = importBytes(t, s, []byte(villageHead+strings.Join(lines, "")), opt)
	if again := byCommune(); len(again) != len(first) || rep.Rejected != 0 {
		t.Errorf("reversed: places %v, want %v (issues %+v)", again, first, rep.Issues)
	} else {
		for c, id := range first {
			if again[c] != id {
				t.Errorf("reversed: %s's place is %s, was %s", c, again[c], id)
			}
		}
	}

	// One place written twice, its commune spelt two ways: read once.
	s2 := openStore(t)
	rep = importBytes(t, s2, []byte(villageHead+saintMartin+strings.Replace(saintMartin, "SAINT-MARTIN-LES-EAUX", "St Martin les Eaux", 1)), opt)
	if n := len(allActors(t, s2)); n != 1 || !hasIssue(rep, 2, "id", opendata.SeverityError, "appears twice") {
		t.Errorf("one place written twice made %d places: %+v", n, rep.Issues)
	}
}
