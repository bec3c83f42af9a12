package ident

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// The real datasets live outside the repository (they are reference
// material, not ours to ship); the tests skip when they are absent.
const (
	dataGlob   = "../../../shared/reference/data/*.json"
	exampleCSV = "../../../shared/reference/standard-mediation-num/exemple-valide.v1.0.2.csv"
)

func loadRows(t *testing.T) map[string][]map[string]any {
	t.Helper()
	files, _ := filepath.Glob(dataGlob)
	if len(files) == 0 {
		t.Skipf("no real datasets at %s (they live in the shared reference folder, outside the repository)", dataGlob)
	}
	out := map[string][]map[string]any{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = rows
	}
	return out
}

func str(row map[string]any, key string) string {
	s, _ := row[key].(string)
	return s
}

// TestRealPivots parses every pivot of the published datasets. All must be
// accepted except the one known typo, which the check digit catches: the
// Charente file gives the head office of the Communauté de communes La
// Rochefoucauld – Porte du Périgord both as 20006891400015 (valid) and as
// 20006801400015 (a 9 turned into a 0).
func TestRealPivots(t *testing.T) {
	knownBad := map[string]bool{"20006801400015": true}
	kinds := map[Kind]int{}
	total := 0
	var rejected []string
	for name, rows := range loadRows(t) {
		for _, row := range rows {
			total++
			raw := str(row, "pivot")
			p, err := ParsePivot(raw)
			if err != nil {
				rejected = append(rejected, raw)
				t.Logf("%s %s: %v", name, str(row, "id"), err)
				if !knownBad[raw] {
					t.Errorf("real pivot %q rejected: %v", raw, err)
				}
				continue
			}
			kinds[p.Kind]++
			if p.Export() != raw {
				t.Errorf("pivot %q exports as %q", raw, p.Export())
			}
		}
	}
	sort.Strings(rejected)
	t.Logf("%d pivots: %v; rejected %d: %v", total, kinds, len(rejected), rejected)
	if len(rejected) != len(knownBad) {
		t.Errorf("rejected %d pivots, expected exactly the %d known typos", len(rejected), len(knownBad))
	}
}

func TestExampleCSVPivot(t *testing.T) {
	f, err := os.Open(exampleCSV)
	if err != nil {
		t.Skipf("no example CSV at %s: %v", exampleCSV, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "pivot" {
			col = i
		}
	}
	if col < 0 || len(recs) < 2 {
		t.Fatal("example CSV has no pivot column or no rows")
	}
	for _, rec := range recs[1:] {
		p, err := ParsePivot(rec[col])
		if err != nil || p.Kind != KindSIRET {
			t.Errorf("example pivot %q: %+v, %v", rec[col], p, err)
		}
	}
}

// TestRealPostalAndINSEECodes checks every place of the datasets gets a
// département and a time zone, and measures how often the postal code and
// the INSEE code disagree on the département.
func TestRealPostalAndINSEECodes(t *testing.T) {
	places, withINSEE, disagree := 0, 0, 0
	for name, rows := range loadRows(t) {
		for _, row := range rows {
			places++
			cp, insee := str(row, "code_postal"), str(row, "code_insee")
			if !ValidPostalCode(cp) {
				t.Errorf("%s %s: postal code %q refused", name, str(row, "id"), cp)
				continue
			}
			dep := DepartementFromPostalCode(cp)
			if TimeZoneForDepartement(dep) == "" {
				t.Errorf("%s: postal code %q gives département %q without time zone", name, cp, dep)
			}
			if insee == "" {
				continue
			}
			withINSEE++
			if !ValidINSEE(insee) {
				t.Errorf("%s: INSEE code %q refused", name, insee)
				continue
			}
			if d := DepartementFromINSEE(insee); d != dep {
				disagree++
				t.Logf("%s: postal %s → %s but INSEE %s → %s", name, cp, dep, insee, d)
			}
		}
	}
	t.Logf("%d places, %d with an INSEE code, %d postal/INSEE disagreements", places, withINSEE, disagree)
}
