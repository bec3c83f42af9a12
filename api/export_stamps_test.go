package api_test

import (
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// sixDigits is the one width every answer writes a timestamp with.
var sixDigits = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

// TestExportStampsHaveOneWidth: the GeoJSON export wrote updated_at in
// whole seconds, and the referrals' CSV its created_at, accepted_at and
// closed_at, while every other answer writes six fraction digits (verify36
// N3): a client comparing them as text, or sending one back as
// updated_since, read another instant.
func TestExportStampsHaveOneWidth(t *testing.T) {
	w := newReferralWorld(t)
	id := w.send(t)
	w.move(w.memberB, id, "refused", obj{"reason": "service_full"})

	r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"})
	var doc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	r.JSON(&doc)
	if r.Code != 200 || len(doc.Features) == 0 {
		t.Fatalf("geojson: %d %s", r.Code, r.Body)
	}
	for _, f := range doc.Features {
		if s := str(f.Properties["updated_at"]); !sixDigits.MatchString(s) {
			t.Errorf("geojson %s: updated_at %q, want six fraction digits", f.Properties["name"], s)
		}
	}

	r = w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?direction=received", Token: w.memberB, Header: map[string]string{"Accept": "text/csv"}})
	rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	if r.Code != 200 || err != nil || len(rows) < 2 {
		t.Fatalf("referrals CSV: %d %v %s", r.Code, err, r.Body)
	}
	for i, col := range rows[0] {
		if !strings.HasSuffix(col, "_at") {
			continue
		}
		for _, row := range rows[1:] {
			if row[i] != "" && !sixDigits.MatchString(row[i]) {
				t.Errorf("referrals CSV: %s %q, want six fraction digits", col, row[i])
			}
		}
	}
}
