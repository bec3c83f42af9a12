package contact

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The real datasets live outside the repository (reference material, not
// ours to ship); the tests skip when they are absent.
const (
	dataGlob   = "../../../shared/reference/data/*.json"
	exampleCSV = "../../../shared/reference/standard-mediation-num/exemple-valide.v1.0.2.csv"
)

// record is one contact value of a real place, with what is needed to
// normalise it and to report it.
type record struct {
	source, field, value, postal string
}

// splitMulti splits a multi-valued cell: v1 of the standard joins values with
// "|", v0 (and the Charente file's older columns) with ";".
func splitMulti(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ';' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func loadRecords(t *testing.T) []record {
	t.Helper()
	files, _ := filepath.Glob(dataGlob)
	if len(files) == 0 {
		t.Skipf("no real datasets at %s (they live in the shared reference folder, outside the repository)", dataGlob)
	}
	var recs []record
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, row := range rows {
			postal, _ := row["code_postal"].(string)
			// "courriel" is the v0 column name, still used by the Charente file.
			for _, field := range []string{"telephone", "courriels", "courriel", "site_web"} {
				v, _ := row[field].(string)
				for _, part := range splitMulti(v) {
					recs = append(recs, record{filepath.Base(f), field, part, postal})
				}
			}
		}
	}
	if f, err := os.Open(exampleCSV); err == nil {
		defer f.Close()
		r := csv.NewReader(f)
		r.LazyQuotes = true
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, row := range rows[1:] {
			for _, field := range []string{"telephone", "courriels", "site_web"} {
				for _, part := range splitMulti(row[col[field]]) {
					recs = append(recs, record{filepath.Base(exampleCSV), field, part, row[col["code_postal"]]})
				}
			}
		}
	}
	return recs
}

func normalize(r record) (string, error) {
	switch r.field {
	case "telephone":
		return NormalizePhone(r.value, r.postal)
	case "courriels", "courriel":
		return NormalizeEmail(r.value)
	default:
		return NormalizeURL(r.value)
	}
}

// TestRealContacts measures how many published contact values are accepted
// and logs every rejected or rewritten one with the reason. The published
// files already passed the standard's patterns, so every value is expected to
// pass; a rejection here means a normaliser became too strict.
func TestRealContacts(t *testing.T) {
	recs := loadRecords(t)
	type tally struct{ total, accepted, rewritten int }
	counts := map[string]*tally{}
	var rejected []string
	for _, r := range recs {
		c := counts[r.field]
		if c == nil {
			c = &tally{}
			counts[r.field] = c
		}
		c.total++
		out, err := normalize(r)
		if err != nil {
			rejected = append(rejected, fmt.Sprintf("%s %s %q: %v", r.source, r.field, r.value, err))
			continue
		}
		c.accepted++
		if out != r.value {
			c.rewritten++
			t.Logf("rewritten: %s %s %q → %q", r.source, r.field, r.value, out)
		}
		if r.field == "telephone" && !ExportPhonePattern.MatchString(out) {
			t.Errorf("%q → %q does not match the export pattern", r.value, out)
		}
		if again, err := normalize(record{r.source, r.field, out, r.postal}); err != nil || again != out {
			t.Errorf("not a fixed point: %q → %q → %q, %v", r.value, out, again, err)
		}
	}
	fields := make([]string, 0, len(counts))
	for f := range counts {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		c := counts[f]
		t.Logf("%-10s %4d values, %4d accepted (%.1f%%), %d rewritten", f, c.total, c.accepted, 100*float64(c.accepted)/float64(c.total), c.rewritten)
	}
	for _, r := range rejected {
		t.Errorf("rejected: %s", r)
	}
	if len(recs) < 600 {
		t.Errorf("only %d contact values read: has the data layout changed?", len(recs))
	}
}

// TestMessyRealWorldContacts covers the forms found in unconverted sources
// (office exports, hand-typed forms) that the published files no longer
// show, with the outcome each must have.
func TestMessyRealWorldContacts(t *testing.T) {
	tests := []struct {
		field, in, postal, want string // want "" means rejected
	}{
		{"telephone", "05.45.93.22.22", "16100", "+33545932222"},
		{"telephone", "05 45 93 22 22 ", "16100", "+33545932222"},
		{"telephone", "+33 (0)4 92 31 43 87", "04000", "+33492314387"},
		{"telephone", "04-92-31-43-87", "04000", "+33492314387"},
		{"telephone", "Tél : 04 92 31 43 87", "04000", ""},
		{"telephone", "04 92 31 43 87 ou 06 03 28 37 49", "04000", ""},
		{"telephone", "3949", "04000", ""},
		{"courriels", " Mairie@Peyruis.FR ", "", "Mairie@peyruis.fr"},
		{"courriels", "Mairie de Peyruis <mairie@peyruis.fr>", "", ""},
		{"courriels", "mairie@peyruis", "", ""},
		{"site_web", "www.peyruis.fr", "", "https://www.peyruis.fr"},
		{"site_web", "WWW.PEYRUIS.FR/mediatheque", "", "https://www.peyruis.fr/mediatheque"},
		{"site_web", "facebook.com/mediatheque.peyruis", "", "https://facebook.com/mediatheque.peyruis"},
		{"site_web", "https://www.peyruis.fr/ https://www.facebook.com/x", "", ""},
	}
	for _, tt := range tests {
		got, err := normalize(record{"table", tt.field, tt.in, tt.postal})
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s %q accepted as %q, want a rejection", tt.field, tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q → %q, %v; want %q", tt.field, tt.in, got, err, tt.want)
		}
	}
}

func TestSplitMulti(t *testing.T) {
	got := splitMulti(" a@b.fr | c@d.fr;e@f.fr||")
	want := []string{"a@b.fr", "c@d.fr", "e@f.fr"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("splitMulti = %q, want %q", got, want)
	}
}
