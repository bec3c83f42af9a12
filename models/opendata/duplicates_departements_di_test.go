package opendata_test

import "testing"

// Figures on the twenty-first set (testdata/duplicates-departements-di-2023.md):
// the directories of the Départements of Ille-et-Vilaine and of the Sarthe
// and odspep's directory, as data·inclusion published them, against the
// Conseillers numériques national file of 2022-12, same départements. Held
// out: labels committed in c0285f4 before detection ran on them; detection
// as on main at f0a217a: precision 1.000 (5 links, all right), recall 0.714
// (5 of 7; the two misses are labelled ambiguous) — the figure on unseen
// data. It has since been looked at for fixes (a record named after the
// Département alone at another authority's address, departementguest.go)
// and is no longer unseen: precision 1.000 (6 links, all right), recall
// 0.857 (6 of 7; the miss is labelled ambiguous). The floors leave one link
// of slack.
const (
	minPrecisionDepartementsDI = 0.85
	minRecallDepartementsDI    = 0.71
)

// departementalDIPlaces keeps data·inclusion's records that come from the
// Départements' own directories (cd35, cd72) and from odspep: neither the
// Conseillers numériques programme's own records (matching them would
// measure the programme against itself), nor Hinaura's (the AURA hub's,
// measured by its own set), nor the SIAO's and Dora's (the SIAO-Dora set).
func departementalDIPlaces(t *testing.T, b []byte) []byte {
	t.Helper()
	return withoutOrigins(t, b, "data-inclusion-2023.json", "conseiller-numerique", "Hinaura", "siao", "dora")
}

// TestDuplicateLabelsDepartementsDI measures detection on the twenty-first
// set: data·inclusion's records of the Départements' directories (cd35,
// cd72) and of odspep (see departementalDIPlaces), against the places of
// the Conseillers numériques national file of 2022-12 in their
// départements. Neither file is beside the repository (see the .md for
// where to fetch them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsDepartementsDI -v ./models/opendata
func TestDuplicateLabelsDepartementsDI(t *testing.T) {
	read := extraFiles(t, "data-inclusion-2023.json and cnfs-2022-12.json", "testdata/duplicates-departements-di-2023.md")
	sources := []labelledSource{{"data-inclusion", departementalDIPlaces(t, read("data-inclusion-2023.json"))}}
	cnfs := postalCodeRows(t, read("cnfs-2022-12.json"), "code_postal", "08", "35", "44", "72", "75", "974")
	labels := readLabels(t, "testdata/duplicates-departements-di-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionDepartementsDI, minRecallDepartementsDI)
}
