package vocab

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// TestStandardVocabulariesMatchSchema proves that each vocabulary taken from
// the standard holds exactly the alternatives of its column's pattern in
// schema.v1.0.2.json: same strings byte for byte, same set, same order.
func TestStandardVocabulariesMatchSchema(t *testing.T) {
	s := readStandard(t, "v1.0.2")
	if s.Version != "v1.0.2" {
		t.Fatalf("schema file says version %q, want v1.0.2", s.Version)
	}
	for name, column := range standardColumns {
		t.Run(name, func(t *testing.T) {
			v := MustGet(name)
			if v.Column != column {
				t.Errorf("Column = %q, want %q", v.Column, column)
			}
			want := patternAlternatives(t, s.pattern(t, column))
			got := v.Values()
			for _, w := range want {
				if !v.Contains(w) {
					t.Errorf("missing standard value %q (% x)", w, w)
				}
			}
			for _, g := range got {
				if !slices.Contains(want, g) {
					t.Errorf("value %q (% x) is not in the standard's pattern", g, g)
				}
			}
			if !slices.Equal(got, want) && !t.Failed() {
				t.Errorf("order differs from the standard:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestEveryStandardListIsCovered fails when the standard gains a controlled
// column that no vocabulary covers.
func TestEveryStandardListIsCovered(t *testing.T) {
	s := readStandard(t, "v1.0.2")
	covered := map[string]bool{}
	for _, c := range standardColumns {
		covered[c] = true
	}
	for _, f := range s.Fields {
		if !strings.HasPrefix(f.Constraints.Pattern, `(?:(?:^|\|)(`) {
			continue // identifiers, postcodes, phones: not vocabularies
		}
		if !covered[f.Name] {
			t.Errorf("column %s has a controlled list but no vocabulary", f.Name)
		}
	}
}

// TestOlderV1ValuesAreCurrent proves that v1.0.0 and v1.0.1 files need no
// value mapping: every value of their lists is a v1.0.2 value.
func TestOlderV1ValuesAreCurrent(t *testing.T) {
	for _, version := range []string{"v1.0.0", "v1.0.1"} {
		s := readStandard(t, version)
		for name, column := range standardColumns {
			for _, old := range patternAlternatives(t, s.pattern(t, column)) {
				if !MustGet(name).Contains(old) {
					t.Errorf("%s %s: %q is not a v1.0.2 value", version, column, old)
				}
			}
		}
	}
}

// TestExampleCSV reads the standard's valid example: each controlled cell
// must already be canonical, value by value.
func TestExampleCSV(t *testing.T) {
	b := readRefBytes(t, "standard-mediation-num/exemple-valide.v1.0.2.csv")
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) < 2 {
		t.Fatal("example has no data row")
	}
	header := records[0]
	columns := map[string]string{"typologie": NameTypologies}
	for name, col := range standardColumns {
		columns[col] = name
	}
	checked := 0
	for _, row := range records[1:] {
		for i, col := range header {
			name, ok := columns[col]
			if !ok || row[i] == "" {
				continue
			}
			for _, val := range SplitCell(row[i]) {
				checked++
				if !MustGet(name).Contains(val) {
					t.Errorf("example %s: %q is not canonical", col, val)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no controlled value checked")
	}
}

// TestRealDatasetsCurrentColumns checks the v1 columns of the published
// datasets: every value must be canonical already (they were produced by
// ANCT's tooling), or the importer would rewrite them.
func TestRealDatasetsCurrentColumns(t *testing.T) {
	columns := map[string]string{"typologie": NameTypologies}
	for name, col := range standardColumns {
		columns[col] = name
	}
	for file, rows := range readDatasets(t) {
		seen := 0
		for _, row := range rows {
			for col, name := range columns {
				for _, val := range SplitCell(cell(row, col)) {
					seen++
					if !MustGet(name).Contains(val) {
						t.Errorf("%s: %s value %q is not canonical", file, col, val)
					}
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s: no v1 value found", file)
		}
	}
}
