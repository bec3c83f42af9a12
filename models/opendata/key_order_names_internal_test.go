package opendata

import (
	"testing"
)

// TestKeyOrderNamesColumnsAlike: when two keys of a JSON row read as one
// column (Ultra Num's « Latitude » beside « latitude »), the report names
// the column by the same key on every import. keyOrder asked how each
// key reads while sorting them, so the key met first — the one the
// column is named by — followed the map's random order: the report of
// ultra-num.json named « Latitude » or « latitude » from one run to the
// next (import49).
func TestKeyOrderNamesColumnsAlike(t *testing.T) {
	const file = `[{"nom":"A","Latitude":"43.3","latitude":"","Longitude":"5.4","longitude":"","adresse":"1 rue","code_postal":"13001","commune":"Marseille"},` +
		`{"nom":"B","Latitude":"","latitude":"43.2","Longitude":"","longitude":"5.3","adresse":"2 rue","code_postal":"13001","commune":"Marseille"}]`
	names := map[string]bool{}
	for range 40 {
		_, r := readAllRecords(t, file, "json")
		names[r.names["latitude"]+" "+r.names["longitude"]] = true
	}
	if len(names) != 1 {
		t.Errorf("the columns are named differently from one import to the next: %v", names)
	}
}
