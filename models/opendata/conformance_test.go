package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"carnet/models"
	"carnet/models/opendata"
)

func loadTableSchema(t *testing.T, version string) *opendata.TableSchema {
	t.Helper()
	reference(t, "standard-mediation-num/schema."+version+".json")
	s, err := opendata.LoadTableSchema(filepath.Join(refDir, "standard-mediation-num/schema."+version+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	return rows
}

// TestTableSchemaValidator shows the validator accepts the standard's own
// valid example and catches each kind of violation.
func TestTableSchemaValidator(t *testing.T) {
	s := loadTableSchema(t, "v1.0.2")
	rows := readCSV(t, reference(t, "standard-mediation-num/exemple-valide.v1.0.2.csv"))
	if err := s.ValidateHeader(rows[0]); err != nil {
		t.Fatal(err)
	}
	if errs := s.ValidateRow(rows[1]); len(errs) > 0 {
		t.Fatalf("the standard's valid example fails: %v", errs)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	cases := map[string]struct{ column, value, want string }{
		"required":   {"nom", "", "nom: is required"},
		"pattern":    {"pivot", "1234", "pivot: \"1234\" does not match"},
		"vocabulary": {"services", "Aide aux démarches administratives|Cuisine", "services:"},
		"anchored":   {"itinerance", "Fixe et autre", "itinerance:"},
		"maxLength":  {"presentation_resume", strings.Repeat("a", 281), "longer than 280"},
		"date":       {"date_maj", "02/04/2024", "date_maj:"},
		"number":     {"latitude", "43,5", "latitude:"},
		"phone":      {"telephone", "+33180059880|+33180059881", "telephone:"},
		"unique":     {"id", rows[1][col["id"]], "id: \"structure-1\" is not unique"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			row := append([]string(nil), rows[1]...)
			if name != "unique" {
				row[col["id"]] = "other-" + name
			}
			row[col[c.column]] = c.value
			errs := strings.Join(s.ValidateRow(row), "\n")
			if !strings.Contains(errs, c.want) {
				t.Errorf("errors %q, want one containing %q", errs, c.want)
			}
		})
	}
}

func export(t *testing.T, s *models.Store, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := opendata.Export(context.Background(), s, format, &buf, nil); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return buf.Bytes()
}

func compileDataInclusion(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	rel := "data-inclusion-schema/v1.0.8/" + name + ".v1.0.8.json"
	b := reference(t, rel)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // date, email and uri are checked, not just annotated
	// The schemas' $refs are local ($defs): no loader is needed.
	if err := c.AddResource("file:///"+rel, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("file:///" + rel)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestExportsConformToNationalSchemas imports both real files and checks
// every row of the standard CSV export against schema.v1.0.2.json and every
// data·inclusion object against its JSON Schema.
func TestExportsConformToNationalSchemas(t *testing.T) {
	s := openStore(t)
	for _, f := range realFiles {
		importBytes(t, s, reference(t, f), opendata.ImportOptions{Source: strings.Split(filepath.Base(f), "-")[1]})
	}
	ts := loadTableSchema(t, "v1.0.2")
	rows := readCSV(t, export(t, s, opendata.ExportStandardCSV))
	if err := ts.ValidateHeader(rows[0]); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+646+188 {
		t.Errorf("%d rows, want %d", len(rows)-1, 646+188)
	}
	for i, row := range rows[1:] {
		if errs := ts.ValidateRow(row); len(errs) > 0 {
			t.Errorf("row %d: %v", i+1, errs)
		}
	}

	// The JSON profile carries the same values: joined back, they validate too.
	var places []map[string]any
	if err := json.Unmarshal(export(t, s, opendata.ExportStandardJSON), &places); err != nil {
		t.Fatal(err)
	}
	ts = loadTableSchema(t, "v1.0.2")
	for i, p := range places {
		row := make([]string, len(opendata.Columns))
		for j, c := range opendata.Columns {
			switch v := p[c].(type) {
			case string:
				row[j] = v
			case float64:
				row[j] = strings.TrimRight(strings.TrimRight(jsonNumber(v), "0"), ".")
			case []any:
				parts := make([]string, len(v))
				for k, x := range v {
					parts[k] = x.(string)
				}
				row[j] = strings.Join(parts, "|")
			case nil:
			default:
				t.Fatalf("place %d: %s has type %T", i, c, v)
			}
		}
		if errs := ts.ValidateRow(row); len(errs) > 0 {
			t.Errorf("JSON place %d: %v", i, errs)
		}
	}

	for _, c := range []struct{ format, schema string }{
		{opendata.ExportDataInclusionStructures, "structure"},
		{opendata.ExportDataInclusionServices, "service"},
	} {
		sch := compileDataInclusion(t, c.schema)
		docs, err := jsonschema.UnmarshalJSON(bytes.NewReader(export(t, s, c.format)))
		if err != nil {
			t.Fatalf("%s is not JSON: %v", c.format, err)
		}
		list := docs.([]any)
		if len(list) != 646+188 {
			t.Errorf("%s: %d objects", c.format, len(list))
		}
		for i, d := range list {
			if err := sch.Validate(d); err != nil {
				t.Errorf("%s[%d]: %v", c.format, i, err)
			}
		}
		// The validator does fail: a name too short and a bad date.
		bad := list[0].(map[string]any)
		bad["nom"], bad["date_maj"] = "A", "2024-13-45"
		if err := sch.Validate(bad); err == nil {
			t.Errorf("%s: a broken object passes the schema", c.format)
		}
	}

	var geo struct {
		Type     string
		Features []struct {
			Type     string
			Geometry *struct {
				Type        string
				Coordinates []float64
			}
		}
	}
	if err := json.Unmarshal(export(t, s, opendata.ExportGeoJSON), &geo); err != nil {
		t.Fatal(err)
	}
	if geo.Type != "FeatureCollection" || len(geo.Features) != 646+188 {
		t.Errorf("GeoJSON: %s with %d features", geo.Type, len(geo.Features))
	}
	for _, f := range geo.Features {
		if f.Geometry != nil && (f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 || f.Geometry.Coordinates[1] < 40) {
			t.Fatalf("bad geometry %+v (longitude first)", f.Geometry)
		}
	}
}

func jsonNumber(f float64) string { b, _ := json.Marshal(f); return string(b) }

// TestDataInclusionDefsMatchVocabularies checks that the enums inlined in the
// v1.0.8 schemas ($defs, which the validator uses: the schemas' $refs are all
// local) are exactly the values of the vocabulary files in extra/, so that
// validating against the schemas is validating against the published lists.
func TestDataInclusionDefsMatchVocabularies(t *testing.T) {
	pairs := []struct{ schema, def, extra string }{
		{"service", "Thematique", "thematiques"},
		{"service", "Frais", "frais"},
		{"service", "ModeAccueil", "modes-accueil"},
		{"service", "ModeMobilisation", "modes-mobilisation"},
		{"service", "PersonneMobilisatrice", "personnes-mobilisatrices"},
		{"service", "Public", "publics"},
		{"service", "TypeService", "types-de-services"},
		{"structure", "ReseauPorteur", "reseaux-porteurs"},
	}
	for _, p := range pairs {
		var sch struct {
			Defs map[string]struct {
				Enum []string `json:"enum"`
			} `json:"$defs"`
		}
		if err := json.Unmarshal(reference(t, "data-inclusion-schema/v1.0.8/"+p.schema+".v1.0.8.json"), &sch); err != nil {
			t.Fatal(err)
		}
		var terms []struct{ Value string }
		if err := json.Unmarshal(reference(t, "data-inclusion-schema/v1.0.8/extra/"+p.extra+".v1.0.8.json"), &terms); err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, v := range terms {
			want[v.Value] = true
		}
		got := sch.Defs[p.def].Enum
		if len(got) == 0 || len(got) != len(want) {
			t.Errorf("%s.%s has %d values, extra/%s %d", p.schema, p.def, len(got), p.extra, len(want))
		}
		for _, v := range got {
			if !want[v] {
				t.Errorf("%s.%s: %q is not in extra/%s", p.schema, p.def, v, p.extra)
			}
		}
	}
}
