package opendata_test

import "testing"

// Figures on the twenty-second set (testdata/duplicates-nouvelle-aquitaine-bretagne-2022.md):
// France Services' list against the Conseillers numériques national file of
// 2022-12 in nine départements no earlier set covered. Held out: labels
// committed in 4b649a4 before detection ran on them; detection as on main
// at 0eaa5d9: precision 0.921 (76 links, 6 wrong), recall 0.933 (70 of 75)
// — the figure on unseen data; every miss and wrong link is a pair labelled
// ambiguous (1.000 / 1.000 without them). Since dup32 0.922 / 0.947 (71
// of 75: « Castelmoron-sur-Lot » no longer read as a lotissement). The
// floors leave one link of slack.
const (
	minPrecisionNouvelleAquitaine = 0.90
	minRecallNouvelleAquitaine    = 0.93
)

// nouvelleAquitaineBretagne are the départements of the twenty-second set:
// Nouvelle-Aquitaine's seven that no earlier set used and Bretagne's two.
var nouvelleAquitaineBretagne = []string{"17", "19", "24", "40", "47", "79", "86", "22", "56"}

// TestDuplicateLabelsNouvelleAquitaineBretagne measures detection on the
// twenty-second set: France Services' rows of the nine départements (read
// by the importer's reading of that format) against the places of the
// Conseillers numériques national file of 2022-12 in them. Neither file is
// beside the repository (see the .md for where to fetch them); the test
// reads them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsNouvelleAquitaineBretagne -v ./models/opendata
func TestDuplicateLabelsNouvelleAquitaineBretagne(t *testing.T) {
	measureListIn(t, "fs", nouvelleAquitaineBretagne, "testdata/duplicates-nouvelle-aquitaine-bretagne-2022", minPrecisionNouvelleAquitaine, minRecallNouvelleAquitaine)
}

// Figures on the twenty-third set (testdata/duplicates-aidants-connect-nouvelle-aquitaine-bretagne-2023.md):
// Aidants Connect against the Conseillers numériques national file of
// 2022-12 in the twenty-second set's nine départements. Held out: labels
// committed in c7dae3d before detection ran on them; detection as on main
// at 0eaa5d9: precision 0.966 (88 links, 3 wrong), recall 0.842 (85 of
// 101) — the figure on unseen data. It has since been looked at for a fix
// (two public bodies' SIRENs at one address, names agreeing: publicSIREN in
// models/dedup) and is no longer unseen: precision 0.967 (90 links, the same
// 3 wrong), recall 0.861 (87 of 101). After dup30 (a France Services with
// no name of its own under another public body's SIRET at its house, a
// camping-car travels): precision 0.978 (91 links, 2 wrong), recall 0.881
// (89 of 101). The floors leave one link of slack.
const (
	minPrecisionAidantsConnectNouvelleAquitaine = 0.96
	minRecallAidantsConnectNouvelleAquitaine    = 0.87
)

// TestDuplicateLabelsAidantsConnectNouvelleAquitaineBretagne measures
// detection on the twenty-third set: Aidants Connect's rows of the nine
// départements (read by the importer's aidants-connect format) against the
// places of the Conseillers numériques national file of 2022-12 in them.
// Neither file is beside the repository (see the .md); the test reads them
// from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsAidantsConnectNouvelleAquitaineBretagne -v ./models/opendata
func TestDuplicateLabelsAidantsConnectNouvelleAquitaineBretagne(t *testing.T) {
	measureListIn(t, "aidants", nouvelleAquitaineBretagne, "testdata/duplicates-aidants-connect-nouvelle-aquitaine-bretagne-2023", minPrecisionAidantsConnectNouvelleAquitaine, minRecallAidantsConnectNouvelleAquitaine)
}

// Figures on the twenty-fourth set (testdata/duplicates-occitanie-2022.md):
// France Services' list against the Conseillers numériques national file
// of 2022-12 in eight départements of Occitanie no earlier set covered.
// Held out: labels committed in c866a65 before detection ran on them;
// detection as on this branch at ee0983c (main at 0eaa5d9 and the
// public-SIREN rule, which changes nothing here): precision 0.962 (53
// links, 2 wrong), recall 0.927 (51 of 55) — the figure on unseen data;
// every miss and one of the two wrong links are pairs labelled ambiguous
// (0.980 / 1.000 without them). The floors leave one link of slack.
const (
	minPrecisionOccitanie = 0.94
	minRecallOccitanie    = 0.90
)

// occitanie are the départements of the twenty-fourth set.
var occitanie = []string{"09", "12", "30", "46", "48", "66", "81", "82"}

// TestDuplicateLabelsOccitanie measures detection on the twenty-fourth
// set, read as the twenty-second's (France Services' rows of the
// départements, the national file's places in them). Neither file is
// beside the repository (see the .md); the test reads them from the
// directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsOccitanie -v ./models/opendata
func TestDuplicateLabelsOccitanie(t *testing.T) {
	measureListIn(t, "fs", occitanie, "testdata/duplicates-occitanie-2022", minPrecisionOccitanie, minRecallOccitanie)
}

// Figures on the twenty-fifth set (testdata/duplicates-aidants-connect-occitanie-2023.md):
// Aidants Connect against the Conseillers numériques national file of
// 2022-12 in the twenty-fourth set's eight départements. Held out: labels
// committed in d5f2502 before detection ran on them; detection as on this
// branch at d5f2502 (main at 0eaa5d9 and the public-SIREN rule): precision
// 0.972 (36 links, 1 wrong), recall 0.875 (35 of 40) — the figure on unseen
// data. It has since been looked at for a fix (a digital space with no name
// of its own and a named one on one street: digitalSpaceOnOneStreet in
// models/dedup) and is no longer unseen: precision 0.973 (37 links, the
// same 1 wrong), recall 0.900 (36 of 40). The floors leave one link of
// slack.
const (
	minPrecisionAidantsConnectOccitanie = 0.94
	minRecallAidantsConnectOccitanie    = 0.87
)

// TestDuplicateLabelsAidantsConnectOccitanie measures detection on the
// twenty-fifth set, read as the twenty-third's. Neither file is beside the
// repository (see the .md); the test reads them from the directory named
// by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsAidantsConnectOccitanie -v ./models/opendata
func TestDuplicateLabelsAidantsConnectOccitanie(t *testing.T) {
	measureListIn(t, "aidants", occitanie, "testdata/duplicates-aidants-connect-occitanie-2023", minPrecisionAidantsConnectOccitanie, minRecallAidantsConnectOccitanie)
}

// measureListIn measures a national list's rows of the départements deps
// (source « fs »: France Services' list, by its « insee_dep »; « aidants »:
// Aidants Connect's, by its postal code) against the places of the
// Conseillers numériques national file of 2022-12 in them, with the labels
// of base+".csv" (its .md says where to fetch the files).
func measureListIn(t *testing.T, source string, deps []string, base string, minP, minR float64) {
	measureListFileIn(t, source, "france-services.csv", deps, base, minP, minR)
}

// measureListFileIn is measureListIn with France Services' list read from
// the file list (« france-services.csv », the list of 2022-12;
// « france-services-2024.csv », that of 2024-08); Aidants Connect's file
// is always « aidants-connect.json ».
func measureListFileIn(t *testing.T, source, list string, deps []string, base string, minP, minR float64) {
	file, col, rows := list, "insee_dep", departementRows
	if source == "aidants" {
		file, col, rows = "aidants-connect.json", "Code postal", postalCodeRows
	}
	read := extraFiles(t, file+" and cnfs-2022-12.json", base+".md")
	sources := []labelledSource{{source, rows(t, read(file), col, deps...)}}
	cnfs := postalCodeRows(t, read("cnfs-2022-12.json"), "code_postal", deps...)
	measureDuplicates(t, sources, cnfs, readLabels(t, base+".csv"), minP, minR)
}

// The thirty-first set (testdata/duplicates-france-services-2024-cnfs.md):
// France Services' list of 2024-08-01 (coordinates and contacts, as a
// hub's file) against the Conseillers numériques national file of 2022-12
// in seven départements whose France Services had never been labelled
// against it: the Allier, the Ardèche, the Haute-Loire (Auvergne-Rhône-
// Alpes), the Haute-Marne, the Meuse, the Vosges (Grand Est) and Guyane.
var franceServices2024CNFS = []string{"03", "07", "43", "52", "55", "88", "973"}

// Held out: labels committed in 8ec74e3 before detection ran on them;
// detection as on main at 911244e: precision 0.935 (31 links, 2 wrong),
// recall 0.725 (29 of 40) — the figure on unseen data; 0.964 / 0.900
// without the pairs labelled ambiguous. It has since been looked at for a
// fix (a France Services writing from an organisation's own domain is not
// La Poste's: postOffice in models/dedup) and is no longer unseen:
// precision 0.967 (30 links, 1 wrong, labelled ambiguous), recall 0.725.
// The floors leave one link of slack.
const (
	minPrecisionFranceServices2024CNFS = 0.93
	minRecallFranceServices2024CNFS    = 0.70
)

// TestDuplicateLabelsFranceServices2024CNFS measures detection on the
// thirty-first set. Neither file is beside the repository (see the .md);
// the test reads them from the directory named by CARNET_EXTRA_REFERENCE.
func TestDuplicateLabelsFranceServices2024CNFS(t *testing.T) {
	measureListFileIn(t, "fs", "france-services-2024.csv", franceServices2024CNFS, "testdata/duplicates-france-services-2024-cnfs", minPrecisionFranceServices2024CNFS, minRecallFranceServices2024CNFS)
}
