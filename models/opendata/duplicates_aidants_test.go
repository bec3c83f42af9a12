package opendata_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// Figures on the fifteenth set (testdata/duplicates-aidants-connect-2023.md):
// Aidants Connect's national file (no coordinates, no contacts) against the
// Conseillers numériques national file, in Grand Est, Guadeloupe and Guyane.
// Held out and measured once on detection that had never seen it (labels
// committed in fb1fd3b, detection as on main at 15db994): precision 1.000
// (25 links, all right), recall 0.521 (25 of 48; 13 of the misses are rows
// the importer rejects) — the figure on unseen data. It has since been
// looked at for fixes (a building before « - » in an address line, one
// SIRET on one street without coordinates, a name that is its commune's)
// and is no longer unseen: precision 1.000 (31 links, all right), recall
// 0.646 (31 of 48; the 13 rejected rows bound it at 0.729). After dup26 (a
// street misspelt under one name, two France Services records on one
// street, a library without a name of its own at a library's address):
// precision 1.000 (34 links, all right), recall 0.708 (34 of 48; of the 35
// duplicates whose rows are read, only one pair labelled ambiguous is
// missed). The floors leave one link of slack.
const (
	minPrecisionAidantsConnect = 0.97
	minRecallAidantsConnect    = 0.68
)

// TestDuplicateLabelsAidantsConnect measures detection on the fifteenth
// set: Aidants Connect's rows in the départements of Grand Est, Guadeloupe
// and Guyane, as mednum-cli received the file (read by the importer's own
// reading of that format), against the Conseillers numériques national
// file. Neither file is beside the repository (see the .md for where to
// fetch them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsAidantsConnect -v ./models/opendata
func TestDuplicateLabelsAidantsConnect(t *testing.T) {
	read := extraFiles(t, "aidants-connect.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-aidants-connect-2023.md")
	ac := postalCodeRows(t, read("aidants-connect.json"), "Code postal", "08", "10", "51", "52", "54", "55", "57", "67", "68", "88", "971", "973")
	sources := []labelledSource{{"aidants", ac}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-aidants-connect-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionAidantsConnect, minRecallAidantsConnect)
}

// postalCodeRows keeps the objects of a JSON list whose postal code (column
// col, a number or a string, written on five digits) is in one of deps (the
// first two digits, three overseas), as the producer wrote them: the
// labelled set covers some départements of a national list.
func postalCodeRows(t *testing.T, b []byte, col string, deps ...string) []byte {
	t.Helper()
	return filterRows(t, b, func(r map[string]json.RawMessage) bool {
		return slices.Contains(deps, rowDepartement(r, col))
	})
}

// rowDepartement is the département of a JSON object's postal code (column
// col, a number or a string, written on five digits): its first two
// digits, three overseas; "" when it has none.
func rowDepartement(r map[string]json.RawMessage, col string) string {
	var v any
	if err := json.Unmarshal(r[col], &v); err != nil {
		return ""
	}
	var pc string
	switch x := v.(type) {
	case float64:
		pc = fmt.Sprintf("%05d", int(x))
	case string:
		pc = fmt.Sprintf("%05s", x)
	}
	if len(pc) != 5 {
		return ""
	}
	if pc[:2] == "97" {
		return pc[:3]
	}
	return pc[:2]
}

// filterRows keeps the objects of a JSON list that keep holds, as the
// producer wrote them.
func filterRows(t *testing.T, b []byte, keep func(map[string]json.RawMessage) bool) []byte {
	t.Helper()
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("reading the JSON file: %v", err)
	}
	var out []map[string]json.RawMessage
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return marshalPlaces(t, out)
}
