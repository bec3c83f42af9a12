package opendata_test

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Figures on the RhinOcc set (testdata/duplicates-rhinocc-2022.md), the
// eighteenth, of the shape of the judges' unseen set: a regional hub's own
// file (Occitanie) against the Conseillers numériques national file, same
// région. Held out: labels committed in 6f0a945 before detection ran on
// them; detection as on main at 1238889: precision 0.952 (21 links, one
// wrong, labelled ambiguous), recall 0.769 (20 of 26; five of the six
// misses are labelled ambiguous) — the figure on unseen data. It has since
// been looked at for fixes (a name and its kind joined by a colon, a first
// name's initial in a street's name) and is no longer unseen: precision
// 0.957 (23 links, the same one wrong), recall 0.846 (22 of 26; the four
// misses are labelled ambiguous); once a France Services with no name of
// its own is housed only at its number, in one building or at one point
// (dup24), precision 1.000 (22 links), recall unchanged; with one street
// and an own contact read as one door (dup25), 1.000 (23 links), 0.885 (23
// of 26). The floors leave one link of slack.
const (
	minPrecisionRhinOcc = 0.95
	minRecallRhinOcc    = 0.84
)

// Figures on the nineteenth set (testdata/duplicates-rhinocc-31-2022.md),
// of the same shape: the hub's own records in Haute-Garonne. Held out:
// labels committed in 3498b61 before detection ran on them; detection as
// on main at 8c18a83: precision 0.941 (17 links, one wrong, labelled
// ambiguous), recall 0.889 (16 of 18) — the figure on unseen data. It has
// since been looked at for fixes (a first name's initial in a name, two
// words joined by a slash) and is no longer unseen: precision 0.947 (19
// links, the same one wrong), recall 1.000 (18 of 18). The floors leave
// one link of slack.
const (
	minPrecisionRhinOccHauteGaronne = 0.89
	minRecallRhinOccHauteGaronne    = 0.94
)

// Figures on the thirty-second set (testdata/duplicates-rhinocc-34-2022.md),
// of the judges' shape: RhinOcc's records in the Hérault, which no set had
// read. Held out: labels committed in 138cc81 before detection ran on them;
// detection as on main at 7a2d0e5: precision 1.000 (12 links), recall
// 0.750 (12 of 16; three of the four misses are labelled ambiguous) — the
// figure on unseen data. It has since been looked at for a fix (« de la
// ville de X » after a name is the commune as owner, not a mairie) and is
// no longer unseen: precision 1.000 (13 links), recall 0.812 (13 of 16).
// The floors leave one link of slack.
const (
	minPrecisionRhinOccHerault = 0.92
	minRecallRhinOccHerault    = 0.75
)

// rhinOccPhoneSeparators are the words and signs the hub writes between two
// phones of one cell (« 06 76 08 88 39 ou 06 01 22 32 91 »,
// « 05.62.36.21.34 - 06.10.78.05.87 », « 04 68 47 22 71 / 04 68 25 80 32 »).
var rhinOccPhoneSeparators = regexp.MustCompile(`\s+(?:ou|-|/)\s+|\s*/\s*`)

// rhinOccPlaces writes the hub's own records of the départements deps
// (column « departement ») as a file of the standard, keeping what
// detection reads: name, address and its complement, postal code (the hub
// drops the leading zero of 09…), commune, coordinates, phones, e-mail and
// website. The export's services are codes (« ORDM », « ACCDA ») the
// standard does not name; every place gets one service, which detection
// does not read.
func rhinOccPlaces(t *testing.T, b []byte, deps ...string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("rhinocc.csv: %v", err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		cell := func(c string) string { return strings.TrimSpace(r[col[c]]) }
		if !slices.Contains(deps, cell("departement")) {
			continue
		}
		cp := cell("code_postal")
		if len(cp) == 4 {
			cp = "0" + cp
		}
		p := map[string]string{
			"id": cell("n_ref"), "nom": cell("nom"), "adresse": cell("adresse"),
			"complement_adresse": cell("adresse_suite"), "code_postal": cp, "commune": cell("ville"),
			"latitude": cell("lat"), "longitude": cell("lon"),
			"telephone": rhinOccPhoneSeparators.ReplaceAllString(cell("tel_structure"), ";"),
			"courriel":  cell("email_structure"), "site_web": cell("site_internet"),
			"services": "Utiliser le numérique au quotidien",
		}
		for k, v := range p {
			if v == "" {
				delete(p, k)
			}
		}
		out = append(out, p)
	}
	return marshalPlaces(t, out)
}

// TestDuplicateLabelsRhinOcc measures detection on the eighteenth set:
// RhinOcc's own records in Aude, Gers and Hautes-Pyrénées, in the hub's
// columns (read by rhinOccPlaces), against the Conseillers numériques
// national file. Neither file is beside the repository (see the .md for
// where to fetch them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsRhinOcc -v ./models/opendata
func TestDuplicateLabelsRhinOcc(t *testing.T) {
	measureRhinOcc(t, "testdata/duplicates-rhinocc-2022", minPrecisionRhinOcc, minRecallRhinOcc, "11", "32", "65")
}

// TestDuplicateLabelsRhinOccHauteGaronne measures detection on the
// nineteenth set (testdata/duplicates-rhinocc-31-2022.md): RhinOcc's own
// records in Haute-Garonne, which the eighteenth set left for later, read
// by the same converter, against the Conseillers numériques national file.
// Held out: labels committed in 3498b61 before detection ran on them.
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run 'TestDuplicateLabelsRhinOccHauteGaronne$' -v ./models/opendata
func TestDuplicateLabelsRhinOccHauteGaronne(t *testing.T) {
	measureRhinOcc(t, "testdata/duplicates-rhinocc-31-2022", minPrecisionRhinOccHauteGaronne, minRecallRhinOccHauteGaronne, "31")
}

// TestDuplicateLabelsRhinOccHerault measures detection on RhinOcc's records in
// the Hérault (testdata/duplicates-rhinocc-34-2022.md): the hub's directory
// of the département's LAM, France Services and public desks, read by the
// same converter, against the Conseillers numériques national file of July
// 2022.
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run 'TestDuplicateLabelsRhinOccHerault$' -v ./models/opendata
func TestDuplicateLabelsRhinOccHerault(t *testing.T) {
	measureRhinOcc(t, "testdata/duplicates-rhinocc-34-2022", minPrecisionRhinOccHerault, minRecallRhinOccHerault, "34")
}

// measureRhinOcc measures detection on a RhinOcc set: the hub's records of
// the départements deps (rhinOccPlaces) against the Conseillers numériques
// national file of July 2022, labelled in set's .csv and described in its
// .md (which says where to fetch the two files).
func measureRhinOcc(t *testing.T, set string, minP, minR float64, deps ...string) {
	t.Helper()
	read := extraFiles(t, "rhinocc.csv and lieux-de-mediation-numerique.cnfs.json", set+".md")
	sources := []labelledSource{{"rhinocc", rhinOccPlaces(t, read("rhinocc.csv"), deps...)}}
	measureDuplicates(t, sources, read("lieux-de-mediation-numerique.cnfs.json"), readLabels(t, set+".csv"), minP, minR)
}
