package opendata_test

import "testing"

// Figures on the sixteenth set (testdata/duplicates-cities-2023.md): the
// cities of Mulhouse and Aix-en-Provence, and data·inclusion's structures
// of the Sarthe and Ille-et-Vilaine, against the Conseillers numériques
// national file. Held out: labels committed in cfc9ee5 before detection
// ran on them; detection as on main at 7d0417a with the Mulhouse format's
// reading of « geom » (d4b0552): precision 1.000 (5 links, all right),
// recall 0.500 (5 of 10) — the figure on unseen data. It has since been
// looked at for fixes (a name joining two structures' names by « et », a
// digital space named after its structure at the next house) and is no
// longer unseen: precision 1.000 (7 links, all right), recall 0.700 (7 of
// 10; the three misses are labelled ambiguous). After dup26 (a complement
// that is a digital space named after the other place, at one address):
// precision 1.000 (10 links, all right), recall 1.000 (10 of 10). The
// floors leave one link of slack.
const (
	minPrecisionCities = 0.90
	minRecallCities    = 0.89
)

// dataInclusionPlaces keeps data·inclusion's records of the Sarthe and
// Ille-et-Vilaine that come neither from the Conseillers numériques
// programme (its own records: matching them would measure the programme
// against itself) nor from Hinaura (the AURA hub's, measured by its own
// set).
func dataInclusionPlaces(t *testing.T, b []byte) []byte {
	t.Helper()
	return postalCodeRows(t, withoutOrigins(t, b, "data-inclusion-2023.json", "conseiller-numerique", "Hinaura"), "code_postal", "72", "35")
}

// TestDuplicateLabelsCities measures detection on the sixteenth set:
// Mulhouse's and Aix-en-Provence's files and data·inclusion's structures
// of the Sarthe and Ille-et-Vilaine (see dataInclusionPlaces), against the
// Conseillers numériques national file's places of those four
// départements. None is beside the repository (see the .md for where to
// fetch them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsCities -v ./models/opendata
func TestDuplicateLabelsCities(t *testing.T) {
	read := extraFiles(t, "mulhouse.json, aix-en-provence.json, data-inclusion-2023.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-cities-2023.md")
	sources := []labelledSource{
		{"mulhouse", read("mulhouse.json")},
		{"aix-en-provence", read("aix-en-provence.json")},
		{"data-inclusion", dataInclusionPlaces(t, read("data-inclusion-2023.json"))},
	}
	cnfs := postalCodeRows(t, read("lieux-de-mediation-numerique.cnfs.json"), "code_postal", "68", "13", "72", "35")
	labels := readLabels(t, "testdata/duplicates-cities-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionCities, minRecallCities)
}
