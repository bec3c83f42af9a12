package opendata_test

import (
	"encoding/json"
	"testing"
)

// Figures on the seventeenth set (testdata/duplicates-siao-dora-2023.md):
// data·inclusion's structures from the SIAO and from Dora outside the
// Sarthe and Ille-et-Vilaine, against the Conseillers numériques national
// file. Held out: labels committed in 32445c0 before detection ran on
// them; detection as on main at 1238889: precision 1.000 (30 links, all
// right), recall 0.938 (30 of 32) — the figure on unseen data. It has since
// been looked at for a fix (a place on a street named after the mairie,
// near the mairie's record) and is no longer unseen: precision 1.000 (31
// links, all right), recall 0.969 (31 of 32; the miss is labelled
// ambiguous); since dup33 (far namesakes with one door's e-mail), 1.000 /
// 1.000. The floors leave one link of slack.
const (
	minPrecisionSiaoDora = 0.96
	minRecallSiaoDora    = 0.93
)

// siaoDoraPlaces keeps data·inclusion's records from the SIAO and from
// Dora whose postal code is outside the Sarthe and Ille-et-Vilaine (those
// are the sixteenth set's, see dataInclusionPlaces).
func siaoDoraPlaces(t *testing.T, b []byte) []byte {
	t.Helper()
	return filterRows(t, b, func(r map[string]json.RawMessage) bool {
		var origin string
		_ = json.Unmarshal(r["source"], &origin)
		dep := rowDepartement(r, "code_postal")
		return (origin == "siao" || origin == "dora") && dep != "" && dep != "72" && dep != "35"
	})
}

// TestDuplicateLabelsSiaoDora measures detection on the seventeenth set:
// data·inclusion's SIAO and Dora structures outside the Sarthe and
// Ille-et-Vilaine (see siaoDoraPlaces) against the Conseillers numériques
// national file. Neither file is beside the repository (see the .md for
// where to fetch them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsSiaoDora -v ./models/opendata
func TestDuplicateLabelsSiaoDora(t *testing.T) {
	read := extraFiles(t, "data-inclusion-2023.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-siao-dora-2023.md")
	sources := []labelledSource{{"siao-dora", siaoDoraPlaces(t, read("data-inclusion-2023.json"))}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-siao-dora-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionSiaoDora, minRecallSiaoDora)
}
