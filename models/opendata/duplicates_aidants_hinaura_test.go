package opendata_test

import "testing"

// The thirty-fourth set (testdata/duplicates-aidants-hinaura-2023.md):
// Aidants Connect against the Auvergne-Rhône-Alpes hub's own file
// (Hinaura) in the Ain, the Allier, the Ardèche, the Cantal, the
// Haute-Loire and the Puy-de-Dôme: a pairing no set had used (Hinaura's
// file was labelled only against the Conseillers numériques'), and
// Aidants Connect's rows of départements no set had labelled.
var aidantsHinaura = []string{"01", "03", "07", "15", "43", "63"}

// Floors: none yet (the labels are committed before detection runs on
// them); the first measure sets them.
const (
	minPrecisionAidantsHinaura = 0
	minRecallAidantsHinaura    = 0
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
