package opendata_test

import "testing"

// The thirty-third set (testdata/duplicates-aidants-paca-hub-2023.md):
// Aidants Connect against the Provence-Alpes-Côte d'Azur hub's own file
// (Hub du Sud, 2023-05-17) in the Alpes-de-Haute-Provence, the
// Hautes-Alpes, the Var and the Vaucluse: a pairing no set had used (the
// hub's file was labelled only against the Conseillers numériques'), and
// Aidants Connect's rows of départements no set had labelled.
var aidantsPACAHub = []string{"04", "05", "83", "84"}

// Floors: set from the first measure (see the .md).
const (
	minPrecisionAidantsPACAHub = 0
	minRecallAidantsPACAHub    = 0
)

// TestDuplicateLabelsAidantsPACAHub measures detection on the thirty-third
// set. Aidants Connect's file is not beside the repository (see the .md);
// the test reads it from the directory named by CARNET_EXTRA_REFERENCE.
func TestDuplicateLabelsAidantsPACAHub(t *testing.T) {
	read := extraFiles(t, "aidants-connect.json", "testdata/duplicates-aidants-paca-hub-2023.md")
	sources := []labelledSource{{"aidants", postalCodeRows(t, read("aidants-connect.json"), "Code postal", aidantsPACAHub...)}}
	hub := labelledSource{"hub", postalCodeRows(t, reference(t, "data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json"), "code_postal", aidantsPACAHub...)}
	measureDuplicatesAgainst(t, sources, hub, readLabels(t, "testdata/duplicates-aidants-paca-hub-2023.csv"), minPrecisionAidantsPACAHub, minRecallAidantsPACAHub)
}
