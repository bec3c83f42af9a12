package vocab

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The reference files live beside the repository, in the shared folder of
// the team; they are never copied into it. Tests that need them skip when
// the folder is absent (a clone on its own), and fail on anything else.
const refDir = "../../../shared/reference"

// readRef decodes a JSON reference file into v, or skips the test.
func readRef(t *testing.T, rel string, v any) {
	t.Helper()
	b := readRefBytes(t, rel)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func readRefBytes(t *testing.T, rel string) []byte {
	t.Helper()
	p := filepath.Join(refDir, rel)
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		t.Skipf("reference file %s is absent (the shared reference folder is not beside the repository); skipping", p)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tableSchema is the part of a Frictionless Table Schema the tests read.
type tableSchema struct {
	Version string `json:"version"`
	Fields  []struct {
		Name        string `json:"name"`
		Constraints struct {
			Pattern string `json:"pattern"`
		} `json:"constraints"`
	} `json:"fields"`
}

func readStandard(t *testing.T, version string) tableSchema {
	t.Helper()
	var s tableSchema
	readRef(t, "standard-mediation-num/schema."+version+".json", &s)
	if len(s.Fields) == 0 {
		t.Fatalf("schema %s has no fields", version)
	}
	return s
}

// pattern returns the pattern of a column, failing when there is none.
func (s tableSchema) pattern(t *testing.T, column string) string {
	t.Helper()
	for _, f := range s.Fields {
		if f.Name == column {
			if f.Constraints.Pattern == "" {
				t.Fatalf("column %s has no pattern", column)
			}
			return f.Constraints.Pattern
		}
	}
	t.Fatalf("schema has no column %s", column)
	return ""
}

// patternAlternatives extracts the allowed values of a multi-value pattern
// of the standard, `(?:(?:^|SEP)(A|B|…))+$` with SEP `\|` (v1) or `;`
// (v0.1.1), and unescapes them: `\(` is "(". An unescaped "." stays a "."
// ("ORDI 3.0"), which is what the standard means. The pattern is also
// compiled, and every alternative must match it, so a parsing mistake here
// cannot hide a difference.
func patternAlternatives(t *testing.T, pattern string) []string {
	t.Helper()
	var inner string
	for _, prefix := range []string{`(?:(?:^|\|)(`, `(?:(?:^|;)(`} {
		if rest, ok := strings.CutPrefix(pattern, prefix); ok {
			inner, ok = strings.CutSuffix(rest, `))+$`)
			if !ok {
				t.Fatalf("unexpected pattern end: %q", pattern)
			}
			break
		}
	}
	if inner == "" {
		t.Fatalf("unexpected pattern shape: %q", pattern)
	}
	var alts []string
	var cur strings.Builder
	escaped := false
	for _, r := range inner {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped = true
		case r == '|':
			alts = append(alts, cur.String())
			cur.Reset()
		case r == '(' || r == ')' || r == '[' || r == '*' || r == '+' || r == '?':
			t.Fatalf("unexpected regex syntax %q in %q", r, pattern)
		default:
			cur.WriteRune(r)
		}
	}
	alts = append(alts, cur.String())
	re := regexp.MustCompile(pattern)
	for _, a := range alts {
		if !re.MatchString(a) {
			t.Fatalf("alternative %q does not match its own pattern %q", a, pattern)
		}
	}
	return alts
}

// standardColumns maps each vocabulary taken from the standard to its column.
var standardColumns = map[string]string{
	NameThemes:             "services",
	NamePublics:            "publics_specifiquement_adresses",
	NameSpecificSupport:    "prise_en_charge_specifique",
	NameFees:               "frais_a_charge",
	NameNationalProgrammes: "dispositif_programmes_nationaux",
	NameTrainingLabels:     "formations_labels",
	NameAccessModes:        "modalites_acces",
	NameAccompanimentModes: "modalites_accompagnement",
	NameMobility:           "itinerance",
}

// readDatasets returns the rows of every real dataset, by file name.
func readDatasets(t *testing.T) map[string][]map[string]any {
	t.Helper()
	dir := filepath.Join(refDir, "data")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no dataset in %s (the shared reference folder is not beside the repository); skipping", dir)
	}
	out := make(map[string][]map[string]any, len(files))
	for _, f := range files {
		var rows []map[string]any
		readRef(t, filepath.Join("data", filepath.Base(f)), &rows)
		if len(rows) == 0 {
			t.Fatalf("%s has no rows", f)
		}
		out[filepath.Base(f)] = rows
	}
	return out
}

// cell returns a string cell of a dataset row, "" when absent or not a string.
func cell(row map[string]any, column string) string {
	s, _ := row[column].(string)
	return s
}
