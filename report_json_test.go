package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"carnet/handlers"
	"carnet/models/opendata"
)

// TestReportJSONStreamed holds the command's --report-json, which writes
// a report's issues one at a time, to the bytes of encoding the API's
// report whole: values with quotes, line breaks, HTML characters, the
// marker the writer looks for, and reports with no issue, one and many.
func TestReportJSONStreamed(t *testing.T) {
	toJSON := func(r *opendata.Report) any { return handlers.NewImportReport(r) }
	tricky := []opendata.Issue{
		{Row: 0, Reason: "the file is not UTF-8", Severity: opendata.SeverityWarning},
		{Row: 1, Field: "nom", Value: "\"issues\": []", Reason: "a\n  \"issues\": [] b", Severity: opendata.SeverityError},
		{Row: 2, Field: "site_web", Value: "<a href=\"x\">&amp;</a>", Reason: "« é » \u2028 \t", Severity: opendata.SeverityWarning},
	}
	var many []opendata.Issue
	for i := range 2500 {
		many = append(many, opendata.Issue{Row: i + 1, Field: "horaires", Value: "Mo-Fr", Reason: "dropped", Severity: opendata.SeverityWarning})
	}
	for name, issues := range map[string][]opendata.Issue{"none": {}, "one": tricky[:1], "tricky": tricky, "many": many} {
		rep := &opendata.Report{Source: "s", Format: "csv", Rows: 3, Actors: map[string]int{"created": 2}, Services: map[string]int{},
			Issues: issues, Readings: []opendata.Reading{{Field: "services", How: "v0.1 labels", Rows: "1-3", Count: 3}},
			Diagnosis: &opendata.Diagnosis{Summary: "\"issues\": []", Missing: []string{"id"}}}
		for _, conv := range []struct {
			name string
			f    opendata.ReportJSON
		}{{"api", toJSON}, {"report", nil}} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			var v any = rep
			if conv.f != nil {
				v = conv.f(rep)
			}
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := opendata.WriteReportJSON(&got, rep, conv.f); err != nil {
				t.Fatalf("%s %s: %v", name, conv.name, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s %s: streamed\n%.2000s\nwhole\n%.2000s", name, conv.name, got.String(), want.String())
			}
			if len(rep.Issues) != len(issues) {
				t.Fatalf("%s: the report lost its issues", name)
			}
		}
	}
}
