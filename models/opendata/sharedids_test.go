package opendata_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// One id for several places (a structure's SIRET on each of its sites):
// the bare id went to whichever row came first, so that the same file with
// its rows in another order wrote the first place's record over with the
// second's data (« 1 updated »), left the second's record beside it
// (published twice) and created a new record of the first (its history
// and referrals lost); a snapshot was refused as a mass archive.

const sharedHeader = "id;nom;adresse;code_postal;commune;services\n"

// sharedRows are places under one id at three addresses.
var sharedRows = []string{
	"77567267221138;Unité locale Pays de Virdoule;207 Avenue du Général de Gaulle;34400;Lunel;Aide aux démarches administratives\n",
	"77567267221138;Unité locale du Coeur d'Hérault;10 Avenue Maréchal Leclerc;34120;Pézenas;Aide aux démarches administratives\n",
	"77567267221138;Unité locale du Bassin de Thau;36 Rue Paul Valéry;34200;Sète;Accéder à du matériel\n",
}

// sharedFile is the header, the rows in the given order and a place of
// its own id.
func sharedFile(rows []string, order ...int) []byte {
	var b strings.Builder
	b.WriteString(sharedHeader)
	for _, i := range order {
		b.WriteString(rows[i])
	}
	b.WriteString("b1;Bibliothèque;1 rue A;13001;Marseille;Aide aux démarches administratives\n")
	return []byte(b.String())
}

// placesBySourceID maps the live places' source ids to their names.
func placesBySourceID(t *testing.T, s *models.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, a := range allActors(t, s) {
		if _, ok := out[a.SourceID]; ok {
			t.Errorf("source id %s stored twice", a.SourceID)
		}
		out[a.SourceID] = a.Name
	}
	return out
}

// allUnchanged fails unless every actor and service of rep is unchanged.
func allUnchanged(t *testing.T, what string, rep *opendata.Report, places int) {
	t.Helper()
	if rep.Actors[models.SyncUnchanged] != places || len(rep.Actors) != 1 || len(rep.Services) != 1 || rep.Services[models.SyncUnchanged] != places {
		t.Errorf("%s: actors %v services %v, want all %d unchanged", what, rep.Actors, rep.Services, places)
	}
}

// TestSharedIDRowOrder imports the places under one id, then the same
// rows in every other order, with and without a snapshot: every record
// is unchanged, each place under the id it took first.
func TestSharedIDRowOrder(t *testing.T) {
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprintf("%d places", n), func(t *testing.T) {
			var orders [][]int
			permute(seq(n), 0, &orders)
			s := openStore(t)
			first := importBytes(t, s, sharedFile(sharedRows, orders[0]...), opendata.ImportOptions{Source: "shared"})
			if first.Actors[models.SyncCreated] != n+1 {
				t.Fatalf("first import: %v %+v", first.Actors, first.Issues)
			}
			want := placesBySourceID(t, s)
			if len(want) != n+1 {
				t.Fatalf("places: %v", want)
			}
			for _, order := range orders[1:] {
				for _, snapshot := range []bool{false, true} {
					what := fmt.Sprintf("order %v, snapshot %v", order, snapshot)
					rep, err := importFile(s, sharedFile(sharedRows, order...), opendata.ImportOptions{Source: "shared", Snapshot: snapshot})
					if err != nil {
						t.Fatalf("%s: %v", what, err)
					}
					allUnchanged(t, what, rep, n+1)
					if got := placesBySourceID(t, s); !maps.Equal(got, want) {
						t.Errorf("%s: places %v, want %v", what, got, want)
					}
				}
			}
		})
	}
}

// TestSharedIDStoredByTheFirstRow: a database imported when the first row
// kept the bare id (and the others the id of their address) is found again
// by the same file in any order: nothing created, nothing archived.
func TestSharedIDStoredByTheFirstRow(t *testing.T) {
	// The id of each place of its own: the id, « ~ » and 32 bits of the
	// hash of its folded address — pinned, since databases hold them.
	own := map[string]string{
		"Unité locale Pays de Virdoule":   "77567267221138~cf899529",
		"Unité locale du Coeur d'Hérault": "77567267221138~443fac79",
		"Unité locale du Bassin de Thau":  "77567267221138~0df723a2",
	}
	for _, holder := range []int{0, 1, 2} {
		t.Run(fmt.Sprintf("row %d first", holder+1), func(t *testing.T) {
			// What the first-row rule stored: the bare id on the row that came
			// first, the others under their own id.
			old := slices.Clone(sharedRows)
			for i := range old {
				if i != holder {
					name := strings.Split(old[i], ";")[1]
					old[i] = strings.Replace(old[i], "77567267221138", own[name], 1)
				}
			}
			s := openStore(t)
			importBytes(t, s, sharedFile(old, 0, 1, 2), opendata.ImportOptions{Source: "shared"})
			want := placesBySourceID(t, s)
			if want["77567267221138"] != strings.Split(sharedRows[holder], ";")[1] {
				t.Fatalf("setup: %v", want)
			}
			var orders [][]int
			permute(seq(3), 0, &orders)
			for _, order := range orders {
				what := fmt.Sprintf("order %v", order)
				rep, err := importFile(s, sharedFile(sharedRows, order...), opendata.ImportOptions{Source: "shared", Snapshot: true})
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if rep.Actors[models.SyncCreated]+rep.Actors[models.SyncArchived]+rep.Services[models.SyncCreated]+rep.Services[models.SyncArchived] != 0 {
					t.Errorf("%s: actors %v services %v, want nothing created or archived", what, rep.Actors, rep.Services)
				}
				if got := placesBySourceID(t, s); !maps.Equal(got, want) {
					t.Errorf("%s: places %v, want %v", what, got, want)
				}
			}
		})
	}
}

// TestSharedIDSameAddress: the same id at the same address is the same
// place written twice, in whichever order and beside a place of the id at
// another address: the first row kept, the next rejected as such.
func TestSharedIDSameAddress(t *testing.T) {
	// Row 0 again, written differently.
	again := "77567267221138;Unité locale Pays de Virdoule (Lunel);207 avenue du Général-de-Gaulle;34400;Lunel;Accéder à du matériel\n"
	rows := []string{sharedRows[0], again, sharedRows[1]}
	for _, c := range []struct {
		order  []int
		places int
	}{{[]int{0, 1}, 2}, {[]int{1, 0}, 2}, {[]int{0, 1, 2}, 3}, {[]int{2, 1, 0}, 3}, {[]int{1, 2, 0}, 3}} {
		s := openStore(t)
		for run := 0; run < 2; run++ {
			rep := importBytes(t, s, sharedFile(rows, c.order...), opendata.ImportOptions{Source: "shared"})
			what := fmt.Sprintf("order %v, import %d", c.order, run+1)
			if rep.Rejected != 1 || rep.Actors[models.SyncCreated]+rep.Actors[models.SyncUnchanged] != c.places {
				t.Errorf("%s: actors %v, %d rejected", what, rep.Actors, rep.Rejected)
			}
			// The second of the two rows at one address, at its row.
			second := slices.Index(c.order, 0)
			if j := slices.Index(c.order, 1); j > second {
				second = j
			}
			if is := issuesOf(rep, second+1, "id"); len(is) != 1 || is[0].Severity != opendata.SeverityError || !strings.Contains(is[0].Reason, "same address") {
				t.Errorf("%s: row %d, the place again: %+v", what, second+1, is)
			}
			names := placesBySourceID(t, s)
			firstName := strings.Split(rows[c.order[min(slices.Index(c.order, 0), slices.Index(c.order, 1))]], ";")[1]
			var kept bool
			for _, name := range names {
				kept = kept || name == firstName
			}
			if len(names) != c.places || !kept {
				t.Errorf("%s: places %v, want the first of the two rows (%s) kept", what, names, firstName)
			}
			if c.places == 2 && names["77567267221138"] == "" {
				t.Errorf("%s: one place under the id, not stored under it: %v", what, names)
			}
		}
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// permute appends every order of a[k:] after a[:k] to out.
func permute(a []int, k int, out *[][]int) {
	if k == len(a) {
		*out = append(*out, slices.Clone(a))
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		permute(a, k+1, out)
		a[k], a[i] = a[i], a[k]
	}
}

// importFile imports b and returns the import's error (a snapshot refused).
func importFile(s *models.Store, b []byte, opt opendata.ImportOptions) (*opendata.Report, error) {
	return opendata.Import(context.Background(), s, bytes.NewReader(b), opt)
}
