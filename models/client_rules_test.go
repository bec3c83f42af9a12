package models

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// referenceNames are the structures' names in the reference files
// (../shared/reference), each once as written; absent files are skipped.
func referenceNames(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	add := func(name string) {
		if name != "" {
			seen[name] = true
		}
	}
	for _, rel := range []string{
		"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
		"data/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
		"second-source/20220720-conseiller-numerique-permanences-hors-auvergne-rhone-alpes.json",
	} {
		b, err := os.ReadFile(filepath.Join("../../shared/reference", rel))
		if err != nil {
			t.Logf("%s is absent (%v): not read", rel, err)
			continue
		}
		var rows []struct{ Nom string }
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatal(rel, err)
		}
		for _, r := range rows {
			add(r.Nom)
		}
	}
	for rel, column := range map[string]string{
		"standard-mediation-num/exemple-valide.v1.0.2.csv": "nom",
		"hsds/v3.0/examples/csv/organizations.csv":         "name",
	} {
		f, err := os.Open(filepath.Join("../../shared/reference", rel))
		if err != nil {
			t.Logf("%s is absent (%v): not read", rel, err)
			continue
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) == 0 {
			t.Fatal(rel, err)
		}
		col := slices.Index(rows[0], column)
		for _, r := range rows[1:] {
			add(r[col])
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// TestClientNameKeysOverReferenceNames runs the partner clients' name rule
// over every structure name of the reference files (2,736 names, 2,675
// once folded by NameKey): the names it makes one that NameKey kept apart
// are the same structure's names written otherwise (« C.C.A.S » and
// « CCAS », « La Poste » and « Laposte »), never two names that differ.
func TestClientNameKeysOverReferenceNames(t *testing.T) {
	names := referenceNames(t)
	if len(names) < 2700 {
		t.Skipf("%d names: a reference file is missing", len(names))
	}
	byKey := map[string][]string{}
	for _, n := range names {
		keys := clientNameKeys(n)
		for _, k := range keys[1:] {
			byKey[k] = append(byKey[k], NameKey(n))
		}
	}
	var merged []string // the NameKeys made one, a pair a line
	for _, group := range byKey {
		for _, a := range group {
			for _, b := range group {
				if a < b && !slices.Contains(merged, a+" = "+b) {
					merged = append(merged, a+" = "+b)
				}
			}
		}
	}
	slices.Sort(merged)
	want := []string{"c-c-a-s = ccas", "e-s-c-a-l-e = escale", "la-poste = laposte", "utop-lab-factory = utoplab-factory"}
	if !slices.Equal(merged, want) {
		t.Errorf("names made one:\n%s\nwant:\n%s", strings.Join(merged, "\n"), strings.Join(want, "\n"))
	}
}
