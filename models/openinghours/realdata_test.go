package openinghours

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The reference data sets live next to the repository, in the shared
// folder; they are never copied into it.
const (
	realDataDir = "../../../shared/reference/data"
	exampleCSV  = "../../../shared/reference/standard-mediation-num/exemple-valide.v1.0.2.csv"
)

// knownRejected lists the real values we reject, with why. They are not
// valid OSM syntax (opening_hours.js rejects them too). Any other real value
// must parse: a value accepted today must never become rejected.
var knownRejected = map[string]string{
	"Mo-Fr 09:00-19:00; Sa 17:00":                                                                                 "a single time, not a span",
	"Mo-Th 09:00-12:00,13:00-18:00; Fr 09:00-13:00,13:00-18:00; Sa 10:00":                                         "a single time, not a span",
	"We,Th 12:00-14:00-17:00; Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; Fr 12:00":                               "a span with three times; a single time",
	"Tu-Th 08:45-13:45; Mo 08:45-12:00-13:45; Fr 08:45-13:45-17:00":                                               "spans with three times",
	"Mo,Tu 09:30-13:00,14:00-18:00; We 09:30-13:00-18:00; Th 09:30-12:00,16:00-18:00; Fr 09:30-13:00,14:00-17:00": "a span with three times",
	"Tu-Fr 10:00-19:00; Th 14-18:10-19; Sa 10:00-18:14,18:10-19:00":                                               `"14-18:10-19" (":" used as a separator)`,
}

// realValues returns the non-empty "horaires" of every place in the
// reference data sets and the example CSV of the standard, one entry per
// place, or skips the test when the shared folder is absent.
func realValues(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(realDataDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no reference data in %s (the repository was cloned without the shared folder)", realDataDir)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var places []struct {
			Horaires string `json:"horaires"`
		}
		if err := json.Unmarshal(b, &places); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range places {
			if strings.TrimSpace(p.Horaires) != "" {
				out = append(out, p.Horaires)
			}
		}
	}
	if f, err := os.Open(exampleCSV); err == nil {
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", exampleCSV, err)
		}
		if col := slices.Index(rows[0], "horaires"); col >= 0 {
			for _, row := range rows[1:] {
				if col < len(row) && strings.TrimSpace(row[col]) != "" {
					out = append(out, row[col])
				}
			}
		}
	}
	return out
}

func TestRealData(t *testing.T) {
	values := realValues(t)
	accepted := 0
	distinct := map[string]bool{}
	for _, v := range values {
		distinct[v] = true
		h, err := Parse(v)
		if err != nil {
			if _, known := knownRejected[v]; !known {
				t.Errorf("real value rejected: %q: %v", v, err)
			}
			continue
		}
		accepted++
		if _, known := knownRejected[v]; known {
			t.Logf("now accepted, remove from knownRejected: %q", v)
		}
		if again, err := Parse(h.String()); err != nil || again.String() != h.String() {
			t.Errorf("%q: String() %q does not round-trip: %v", v, h.String(), err)
		}
	}
	if len(values) < 400 {
		t.Errorf("only %d non-empty values found; the data sets have about 480", len(values))
	}
	t.Logf("accepted %d of %d non-empty values (%.1f%%), %d distinct, %d known rejections",
		accepted, len(values), 100*float64(accepted)/float64(len(values)), len(distinct), len(knownRejected))
}
