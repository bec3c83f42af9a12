package opendata_test

import "testing"

// The thirty-fourth set (testdata/duplicates-aidants-hinaura-2023.md):
// Aidants Connect against the Auvergne-Rhône-Alpes hub's own file
// (Hinaura) in the Ain, the Allier, the Ardèche, the Cantal, the
// Haute-Loire and the Puy-de-Dôme: a pairing no set had used (Hinaura's
// file was labelled only against the Conseillers numériques'), and
// Aidants Connect's rows of départements no set had labelled.
var aidantsHinaura = []string{"01", "03", "07", "15", "43", "63"}

// Floors: first measure on the importer and detection of main (63737e2),
// which had never run on its pairs (labels committed in a34b7ea):
// precision 0.958 (24 links, 23 right), recall 0.523 (23 of 44), 13 of the
// 21 misses rows the importer rejected; the one link outside the labels
// read after it and labelled a duplicate (1.000 / 0.533 on the 257
// labels). After dup45's reading of a département's body at its chef-lieu
// and of a name listing the structures a place houses: 1.000 (27 links),
// 0.600 (27 of 45). The floors leave one link of slack.
const (
	minPrecisionAidantsHinaura = 0.96
	minRecallAidantsHinaura    = 0.57
)

// TestDuplicateLabelsAidantsHinaura measures detection on the
// thirty-fourth set. Neither file is beside the repository (see the .md);
// the test reads them from the directory named by CARNET_EXTRA_REFERENCE.
func TestDuplicateLabelsAidantsHinaura(t *testing.T) {
	read := extraFiles(t, "aidants-connect.json and source-aura.json", "testdata/duplicates-aidants-hinaura-2023.md")
	sources := []labelledSource{{"aidants", postalCodeRows(t, read("aidants-connect.json"), "Code postal", aidantsHinaura...)}}
	hub := labelledSource{"hinaura", postalCodeRows(t, read("source-aura.json"), "code_postal", aidantsHinaura...)}
	measureDuplicatesAgainst(t, sources, hub, readLabels(t, "testdata/duplicates-aidants-hinaura-2023.csv"), minPrecisionAidantsHinaura, minRecallAidantsHinaura)
}
