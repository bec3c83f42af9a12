package modeltest

import (
	"os"
	"path/filepath"
	"strings"
)

// StandardFiles are the two files of the national standard in
// shared/reference (paths relative to it): PACA and Charente.
var StandardFiles = []string{
	"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
	"data/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
}

// NationalFile is the Conseillers numériques national file (2,421 places),
// relative to shared/reference.
const NationalFile = "second-source/20220720-conseiller-numerique-permanences-hors-auvergne-rhone-alpes.json"

// ReferenceFile is one real file: a short name for subtests and its path.
type ReferenceFile struct {
	Name, Path string
	// Large: the national file, whose tests may sample under the race
	// detector.
	Large bool
}

// ReferenceFiles lists every real file the tests read: StandardFiles and
// NationalFile under refDir (shared/reference) and, when
// CARNET_EXTRA_REFERENCE names a directory, each of its .json and .csv
// files (producers' own formats). note says why that directory was not
// read when it was set but is absent.
func ReferenceFiles(refDir string) (files []ReferenceFile, note string) {
	for _, f := range append(append([]string(nil), StandardFiles...), NationalFile) {
		files = append(files, ReferenceFile{strings.SplitN(filepath.Base(f), "-", 3)[1], filepath.Join(refDir, f), f == NationalFile})
	}
	dir := os.Getenv("CARNET_EXTRA_REFERENCE")
	if dir == "" {
		return files, ""
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return files, dir + " is absent (" + err.Error() + "): its files are not read"
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".csv") {
			files = append(files, ReferenceFile{Name: n, Path: filepath.Join(dir, n)})
		}
	}
	return files, ""
}
