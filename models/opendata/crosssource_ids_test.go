package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// Producers number their places 1, 2, 3…: two sources carry the same ids.
// The export gave every place of a shared id Carnet's id, so that
// importing one source changed the ids another source had published, and
// an export imported back into its directory did not find the places it
// had written under Carnet's id (created again; archived by a snapshot).

// numberedFile is a file of source whose places are numbered 1..n.
func numberedFile(what string, n int) []byte {
	var b strings.Builder
	b.WriteString("id;nom;adresse;code_postal;commune;services;date_maj\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d;%s %d;%d rue %s;13001;Marseille;Aide aux démarches administratives;2024-03-0%d\n", i, what, i, i, what, i)
	}
	return []byte(b.String())
}

// csvRows reads an export in CSV as maps of column → value.
func csvRows(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// exportedIDs maps each place's name to its id in the standard CSV and in
// the quality CSV (which must agree), failing on an id written twice.
func exportedIDs(t *testing.T, s *models.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	seen := map[string]bool{}
	for _, r := range csvRows(t, export(t, s, opendata.ExportStandardCSV)) {
		if seen[r["id"]] {
			t.Errorf("id %q written twice in the export", r["id"])
		}
		seen[r["id"]] = true
		out[r["nom"]] = r["id"]
	}
	for _, r := range csvRows(t, export(t, s, opendata.ExportQualityCSV)) {
		if out[r["nom"]] != r["id"] {
			t.Errorf("%s: quality-csv id %q, standard-csv %q", r["nom"], r["id"], out[r["nom"]])
		}
	}
	return out
}

// TestSharedIDKeptByTheFirstSource: the places that published the ids
// first keep them when another source imports places under the same ids;
// only the later ones are exported under Carnet's id, and the id passes to
// the next place only when its holder leaves the export.
func TestSharedIDKeptByTheFirstSource(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, numberedFile("Espace", 3), opendata.ImportOptions{Source: "fs"})
	before := exportedIDs(t, s)
	for i := 1; i <= 3; i++ {
		if got := before[fmt.Sprintf("Espace %d", i)]; got != fmt.Sprint(i) {
			t.Fatalf("Espace %d exported as %q", i, got)
		}
	}
	importBytes(t, s, numberedFile("Bus", 2), opendata.ImportOptions{Source: "bus"})
	after := exportedIDs(t, s)
	for name, id := range before {
		if after[name] != id {
			t.Errorf("%s: exported as %q after another source's import, %q before", name, after[name], id)
		}
	}
	carnet := map[string]string{}
	for _, a := range allActors(t, s) {
		carnet[a.Name] = a.ID
	}
	for _, name := range []string{"Bus 1", "Bus 2"} {
		if after[name] != carnet[name] {
			t.Errorf("%s: exported as %q, want Carnet's id %s (its producer's id is the older place's)", name, after[name], carnet[name])
		}
	}
	// The holder leaves and comes back: no published id moves (the
	// other place taking « 1 » and giving it back made a reuser see an id
	// pass from one place to another and back).
	if _, err := s.ArchiveActor(context.Background(), carnet["Espace 1"], models.Precondition{}); err != nil {
		t.Fatal(err)
	}
	if got := exportedIDs(t, s)["Bus 1"]; got != carnet["Bus 1"] {
		t.Errorf("Bus 1 exported as %q once Espace 1 is archived, want its Carnet id still", got)
	}
	if _, err := s.RestoreActor(context.Background(), carnet["Espace 1"], models.Precondition{}, models.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := exportedIDs(t, s); got["Espace 1"] != "1" || got["Bus 1"] != carnet["Bus 1"] {
		t.Errorf("after the restore: Espace 1 %q, Bus 1 %q", got["Espace 1"], got["Bus 1"])
	}
	// A third source keys a place by Bus 2's Carnet id (the id an export
	// gave Bus 2): Bus 2 keeps it, the newcomer is exported under its own
	// (exportedIDs fails on an id written twice).
	usurper := fmt.Sprintf("id;nom;adresse;code_postal;commune;services;date_maj\n%s;Usurpateur;9 rue Z;13001;Marseille;Aide aux démarches administratives;2024-03-09\n", carnet["Bus 2"])
	importBytes(t, s, []byte(usurper), opendata.ImportOptions{Source: "other"})
	got := exportedIDs(t, s)
	if got["Bus 2"] != carnet["Bus 2"] || got["Usurpateur"] == carnet["Bus 2"] {
		t.Errorf("Bus 2 %q, Usurpateur %q: Bus 2's Carnet id %s belongs to Bus 2", got["Bus 2"], got["Usurpateur"], carnet["Bus 2"])
	}
}

// TestSharedIDExportReimported: each source's rows of the export, imported
// back into the directory (plain and as a snapshot), change nothing:
// nothing created or archived, the stored producers' ids kept, the export
// the same.
func TestSharedIDExportReimported(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, numberedFile("Espace", 3), opendata.ImportOptions{Source: "fs"})
	importBytes(t, s, numberedFile("Bus", 2), opendata.ImportOptions{Source: "bus"})
	stored := func() map[string]string {
		out := map[string]string{}
		for _, a := range allActors(t, s) {
			out[a.ID] = a.Source + "/" + a.SourceID
		}
		return out
	}
	wantStored := stored()
	exp := export(t, s, opendata.ExportStandardCSV)
	recs, err := csv.NewReader(bytes.NewReader(exp)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for _, source := range []string{"fs", "bus"} {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(recs[0])
		for _, r := range recs[1:] {
			if r[col["source"]] == source {
				w.Write(r)
			}
		}
		w.Flush()
		for _, snapshot := range []bool{false, true} {
			what := fmt.Sprintf("%s, snapshot %v", source, snapshot)
			rep, err := importFile(s, b.Bytes(), opendata.ImportOptions{Source: source, Snapshot: snapshot})
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if n := rep.Actors[models.SyncCreated] + rep.Actors[models.SyncArchived] + rep.Services[models.SyncCreated] + rep.Services[models.SyncArchived]; n != 0 {
				t.Errorf("%s: actors %v services %v, want nothing created or archived", what, rep.Actors, rep.Services)
			}
			if rep.Actors[models.SyncUpdated] != 0 {
				t.Errorf("%s: actors %v, want none updated", what, rep.Actors)
			}
			got := stored()
			if len(got) != len(wantStored) {
				t.Errorf("%s: %d places, want %d", what, len(got), len(wantStored))
			}
			for id, key := range wantStored {
				if got[id] != key {
					t.Errorf("%s: place %s stored as %q, want %q", what, id, got[id], key)
				}
			}
			if again := export(t, s, opendata.ExportStandardCSV); !bytes.Equal(again, exp) {
				t.Errorf("%s: the export changed:\n%s\nwant\n%s", what, again, exp)
			}
		}
	}
}
