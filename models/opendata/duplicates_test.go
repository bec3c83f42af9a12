package opendata_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/dedup"
	"carnet/models/modeltest"
	"carnet/models/opendata"
)

const cnfsFile = modeltest.NationalFile

// Figures reached on the labelled set (see testdata/duplicates-cnfs-2022.md):
// precision 1.000 (205 links, all right), recall 0.936 (205 of 219); with a
// France Services read as its centre social's door (dup28), precision 1.000
// (206 links), recall 0.941 (206 of 219); with a France Services named
// after its centre social read against the centre's domain (dup35),
// precision 1.000 (207 links), recall 0.945 (207 of 219). The test fails
// below them (one
// link of slack), so that a change to detection that loses duplicates or
// links wrong pairs is seen.
const (
	minPrecision = 0.995
	minRecall    = 0.940
)

// TestDuplicateLabels imports the PACA and Charente files and then the
// Conseillers numériques file, as three sources, through the real importer
// and its duplicate detection, and compares the links made with the
// labelled pairs of testdata/duplicates-cnfs-2022.csv. A link between the
// Conseillers numériques file and another file that is not labelled counts
// as a false positive. Run it with -v to read the figures and every error:
//
//	go test -run TestDuplicateLabels -v ./models/opendata
func TestDuplicateLabels(t *testing.T) {
	files := map[string]string{"paca": realFiles[0], "charente": realFiles[1]}
	var sources []labelledSource
	for _, name := range []string{"paca", "charente"} {
		sources = append(sources, labelledSource{name, reference(t, files[name])})
	}
	cnfs := reference(t, cnfsFile)
	labels := readLabels(t, "testdata/duplicates-cnfs-2022.csv")
	actors, idOf := measureDuplicates(t, sources, cnfs, labels, minPrecision, minRecall)
	// Written as other producers write (duplicates_robustness_test.go),
	// the same places keep their links under every habit that removes no
	// information.
	t.Run("benign habits", func(t *testing.T) { checkBenignHabits(t, actors, idOf, labels) })
}

// Figures reached on the AURA set (testdata/duplicates-hinaura-2022.md):
// precision 1.000 (140 links, all right), recall 0.966 (140 of 145, since a
// digital space is its structure's door at one point, dup34; 0.945 with
// own_contacts and own_page, see hinaura_misses_test.go; 0.931 before; 0.910
// before the Gironde set's fixes, which found the one PMS of Faverges at
// two numbers of its street; 0.917 before the Haute-Vienne set's, which
// found the Fil de Faire at its address by a phone the hub gives to two
// sites; 0.924 before the eleventh set's, which found « Maison France
// Service » at its intercommunality's address; 0.931 before the thirteenth
// set's, which found the AFPA's village by the AFPA's e-mail domain); the
// floors leave one link of slack. Unseen
// when it was built (detection then: precision 1.000, recall 0.855), it has
// since been looked at for fixes. See TestDuplicateLabelsHinaura.
const (
	minPrecisionHinaura = 0.99
	minRecallHinaura    = 0.93
)

// TestDuplicateLabelsHinaura measures detection on a set it was not tuned
// on: the Auvergne-Rhône-Alpes hub's file (Hinaura) against the
// Conseillers numériques national file, whose AURA part is not in
// ../shared/reference. Both files are public (see the .md for where to
// fetch them) but not beside the repository, so the test reads them from
// the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsHinaura -v ./models/opendata
func TestDuplicateLabelsHinaura(t *testing.T) {
	read := extraFiles(t, "source-aura.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-hinaura-2022.md")
	hinaura := read("source-aura.json")
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-hinaura-2022.csv")
	measureDuplicates(t, []labelledSource{{"hinaura", hinaura}}, cnfs, labels, minPrecisionHinaura, minRecallHinaura)
}

// Figures on the Centre-Val de Loire set (testdata/duplicates-hublo-2022.md):
// unseen when it was labelled (detection then: precision 0.952, recall
// 0.741), now precision 1.000 (24 links, all right), recall 0.889 (24 of
// 27; a mailbox named after the other, dup24), precision 1.000 (25
// links), recall 0.926 (25 of 27; namesakes of one SIREN and one own
// contact, dup25); the floors leave one link of slack. See
// TestDuplicateLabelsHubLo.
const (
	minPrecisionHubLo = 0.95
	minRecallHubLo    = 0.88
)

// TestDuplicateLabelsHubLo measures detection on a third set: the file of
// Hub LO, the Centre-Val de Loire hub, as mednum-cli received it (its own
// columns, read into the standard's by hubLoPlaces), against the
// Conseillers numériques national file. Neither file is beside the
// repository (see the .md for where to fetch them); the test reads them
// from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsHubLo -v ./models/opendata
func TestDuplicateLabelsHubLo(t *testing.T) {
	read := extraFiles(t, "hub-lo.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-hublo-2022.md")
	hub := hubLoPlaces(t, read("hub-lo.json"))
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-hublo-2022.csv")
	measureDuplicates(t, []labelledSource{{"hublo", hub}}, cnfs, labels, minPrecisionHubLo, minRecallHubLo)
}

// Figures on the Maine-et-Loire set (testdata/duplicates-maine-et-loire-2023.md):
// unseen when it was labelled (detection then: precision 0.889, recall
// 1.000), now precision 0.960 (25 links, one on a pair labelled not
// duplicate, ambiguous), recall 1.000 (24 of 24); the floors leave one
// link of slack. See TestDuplicateLabelsMaineEtLoire.
const (
	minPrecisionMaineEtLoire = 0.92
	minRecallMaineEtLoire    = 0.95
)

// TestDuplicateLabelsMaineEtLoire measures detection on a fourth set: the
// files of the Maine-et-Loire département and of the city of Angers, as
// mednum-cli received them (each in its producer's own columns, read by
// the importer's own reading of that format, producer_formats_more.go),
// against the Conseillers numériques national file. The files are not
// beside the repository (see the .md for where to fetch them); the test
// reads them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsMaineEtLoire -v ./models/opendata
func TestDuplicateLabelsMaineEtLoire(t *testing.T) {
	read := extraFiles(t, "maine-et-loire.json, angers.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-maine-et-loire-2023.md")
	sources := []labelledSource{{"mel", read("maine-et-loire.json")}, {"angers", read("angers.json")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-maine-et-loire-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionMaineEtLoire, minRecallMaineEtLoire)
}

// Figures on the Gironde set (testdata/duplicates-gironde-2023.md): unseen
// when it was labelled (labels committed in 68c8bb7 before detection ran on
// them: precision 1.000, recall 0.786, 33 of 42), now precision 1.000 (41
// links, all right), recall 0.976 (41 of 42) after the fixes made looking
// at it; the floors leave one link of slack. See TestDuplicateLabelsGironde.
const (
	minPrecisionGironde = 0.97
	minRecallGironde    = 0.95
)

// TestDuplicateLabelsGironde measures detection on a fifth set: the
// Gironde département's cartography and the Gironde rows of France
// Services' national list, as mednum-cli received them (each in its
// producer's own columns, read by the importer's own reading of that
// format), against the Conseillers numériques national file. The files are
// not beside the repository (see the .md for where to fetch them); the
// test reads them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsGironde -v ./models/opendata
func TestDuplicateLabelsGironde(t *testing.T) {
	read := extraFiles(t, "gironde.json, france-services.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-gironde-2023.md")
	sources := []labelledSource{{"gironde", read("gironde.json")}, {"fs", departementRows(t, read("france-services.csv"), "insee_dep", "33")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-gironde-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionGironde, minRecallGironde)
}

// Figures on the second labelling of Gironde (testdata/duplicates-gironde-2024.md):
// another helper labelled another version of the Gironde file against the
// same national file, independently and before detection ran on it (with
// main's detection at df4d329: precision 1.000, recall 0.765, 26 of 34).
// The fixes made on the first labelling (duplicates-gironde-2023) were not
// made looking at these labels: precision 1.000, recall 0.971 (33 of 34).
// Not unseen data (the same region's places), but unseen judgements: it
// tells whether those fixes fit one labeller's reading only.
const (
	minPrecisionGironde2024 = 0.97
	minRecallGironde2024    = 0.94
)

// TestDuplicateLabelsGironde2024 measures detection on the second
// labelling of Gironde. It reads that version of the Gironde file as
// gironde-2024.json and the national file from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsGironde2024 -v ./models/opendata
func TestDuplicateLabelsGironde2024(t *testing.T) {
	read := extraFiles(t, "gironde-2024.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-gironde-2024.md")
	sources := []labelledSource{{"gironde", read("gironde-2024.json")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-gironde-2024.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionGironde2024, minRecallGironde2024)
}

// Figures on the Haute-Vienne set (testdata/duplicates-haute-vienne-2023.md).
// Held out and measured once on detection that had never seen it (main at
// 679945f): precision 0.953 (43 links, two on one pair labelled not
// duplicate, ambiguous), recall 0.804 (41 of 51) — the figure on unseen
// data. It has since been looked at for fixes (« maison de services » read
// as France Services, two letters swapped in a street, La Poste's counter
// not hosted by the mairie, a value of two places at one address), and is
// no longer unseen: precision 1.000 (46 links, all right), recall 0.902 (46
// of 51; the five misses are labelled ambiguous); with a commune's one CCAS
// read at its two addresses (dup35: the CCAS of Limoges, listed three
// times, and of Biarritz), precision 1.000 (50 links), recall 0.980 (50 of
// 51). The floors leave one link of slack.
const (
	minPrecisionHauteVienne = 0.97
	minRecallHauteVienne    = 0.96
)

// TestDuplicateLabelsHauteVienne measures detection on the set held out from the earlier sets’ fixes:
// the files of Haute-Vienne and of Fibre 64 (Pyrénées-Atlantiques), as
// mednum-cli received them (each in its producer's own columns, read by
// the importer's own reading of that format, producer_formats_more.go),
// against the Conseillers numériques national file. The files are not
// beside the repository (see the .md for where to fetch them); the test
// reads them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsHauteVienne -v ./models/opendata
func TestDuplicateLabelsHauteVienne(t *testing.T) {
	read := extraFiles(t, "haute-vienne.json, fibre-64.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-haute-vienne-2023.md")
	// The source names are part of the labels: Fibre 64's file has no id,
	// and the importer derives one from the source, the name and the address.
	sources := []labelledSource{{"haute-vienne", read("haute-vienne.json")}, {"fibre-64", read("fibre-64.json")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-haute-vienne-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionHauteVienne, minRecallHauteVienne)
}

// Figures on the France Services set (testdata/duplicates-france-services-2022.md).
// Held out and measured once on detection that had never seen it (main at
// f356580, labels committed in 9628fe0): precision 1.000 (15 links, all
// right), recall 0.882 (15 of 17) — the figure on unseen data. It has since
// been looked at for fixes (an intercommunality's acronym spelling its
// territory after CC/CDC/CA, e-mails one doubled letter apart), and is no
// longer unseen: precision 1.000 (17 links, all right), recall 1.000 (17 of
// 17). The floors leave one link of slack.
const (
	minPrecisionFranceServices = 0.94
	minRecallFranceServices    = 0.94
)

// TestDuplicateLabelsFranceServices measures detection on the set held out
// from the earlier sets' fixes: France Services' national list, of which
// its rows in Nord (59), Finistère (29) and Bas-Rhin (67), as mednum-cli
// received it (read by the importer's own reading of that format), against
// the Conseillers numériques national file. The files are not beside the
// repository (see the .md for where to fetch them); the test reads them
// from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsFranceServices -v ./models/opendata
func TestDuplicateLabelsFranceServices(t *testing.T) {
	read := extraFiles(t, "france-services.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-france-services-2022.md")
	sources := []labelledSource{{"fs", departementRows(t, read("france-services.csv"), "insee_dep", "59", "29", "67")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-france-services-2022.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionFranceServices, minRecallFranceServices)
}

// extraFiles reads the files of a labelled set that are not beside the
// repository from the directory named by CARNET_EXTRA_REFERENCE, and skips
// the test, saying which files and where the set's .md says to fetch them,
// when it is unset or a file is missing.
func extraFiles(t *testing.T, holding, md string) func(name string) []byte {
	t.Helper()
	dir := os.Getenv("CARNET_EXTRA_REFERENCE")
	if dir == "" {
		t.Skipf("CARNET_EXTRA_REFERENCE is not set: it names the directory holding %s (see %s)", holding, md)
	}
	return func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("CARNET_EXTRA_REFERENCE=%s: %v (see %s)", dir, err, md)
		}
		return b
	}
}

// departementRows keeps the header and the rows of a CSV file whose column
// col holds one of deps, as the producer wrote them: the labelled set covers
// some départements of a national list.
func departementRows(t *testing.T, b []byte, col string, deps ...string) []byte {
	t.Helper()
	return filterCSVRows(t, b, col, func(dep string) bool { return slices.Contains(deps, dep) })
}

// hubLoPlaces writes Hub LO's export (one object per place, columns
// « c_nom », « c_adresse »…, the row's number « gid ») as a file of the
// standard, keeping what detection reads: name, address, coordinates,
// phones, e-mail, website and the SIREN of the site as pivot. The export
// names no services; every place gets the one the standard's example
// gives, which detection does not read.
func hubLoPlaces(t *testing.T, b []byte) []byte {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("hub-lo.json: %v", err)
	}
	str := func(v any) string {
		switch x := v.(type) {
		case nil:
			return ""
		case string:
			if x == "#N/D" {
				return ""
			}
			return strings.TrimSpace(x)
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return fmt.Sprint(v)
	}
	var out []map[string]string
	for _, r := range rows {
		p := map[string]string{
			"id": str(r["gid"]), "nom": str(r["c_nom"]), "adresse": str(r["c_adresse"]),
			"code_postal": fmt.Sprintf("%05s", str(r["c_postcode"])), "commune": str(r["c_city"]),
			"latitude": str(r["c_lat_coor1"]), "longitude": str(r["c_long_coor1"]),
			"courriel": str(r["c_courriel"]), "site_web": str(r["c_site_web"]),
			"services": "Utiliser le numérique au quotidien",
		}
		var phones []string
		for _, k := range []string{"c_telephone", "c_mobile"} {
			if v := str(r[k]); v != "" {
				phones = append(phones, v)
			}
		}
		p["telephone"] = strings.Join(phones, ";")
		if siren := str(r["c_siren_site"]); len(siren) == 9 && siren != "000000000" {
			p["pivot"] = siren
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

// marshalPlaces writes the places a labelled set's reader built from a
// producer's file as the JSON file the importer reads.
func marshalPlaces(t *testing.T, places any) []byte {
	t.Helper()
	j, err := json.Marshal(places)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

type labelledSource struct {
	name string
	data []byte
}

// measureDuplicates imports the sources and then the Conseillers
// numériques file (source "cnfs") through the importer, runs detection as
// the service does, and compares the links with the labels. A link between
// the Conseillers numériques file and another file that is not labelled
// counts as a false positive.
// measureDuplicates returns the store's actors by id and the id of each
// « source:source_id ».
func measureDuplicates(t *testing.T, sources []labelledSource, cnfs []byte, labels []label, minP, minR float64) (map[string]*models.Actor, map[string]string) {
	return measureDuplicatesAgainst(t, sources, labelledSource{"cnfs", cnfs}, labels, minP, minR)
}

// measureDuplicatesAgainst is measureDuplicates with another file than the
// Conseillers numériques' on the labels' second side (column « cnfs_id »
// then holds that file's ids): two producers neither of which is the
// national file of conseillers.
func measureDuplicatesAgainst(t *testing.T, sources []labelledSource, other labelledSource, labels []label, minP, minR float64) (map[string]*models.Actor, map[string]string) {
	s := openStore(t)
	for _, src := range sources {
		importBytes(t, s, src.data, opendata.ImportOptions{Source: src.name})
	}
	importBytes(t, s, other.data, opendata.ImportOptions{Source: other.name})
	links := detect(t, s)
	actors, keyOf, linked := storeLinksOf(t, s, other.name)
	side := other.name + ":"

	idOf := map[string]string{}
	for id, k := range keyOf {
		idOf[k] = id
	}
	explain := explainer(actors)
	var tp, fp, fn, tn, within int
	var errs []string
	describe := func(k string) string {
		for id, key := range keyOf {
			if key == k {
				a := actors[id]
				return fmt.Sprintf("%s | %s | %s %s", a.Name, a.Address.Street, a.Address.PostalCode, a.Address.Commune)
			}
		}
		return k + " (not imported)"
	}
	for _, l := range labels {
		k := l.file + ":" + l.id + "|" + side + l.cnfsID
		link := linked[k]
		delete(linked, k)
		// explained is a pair's report line: head, both records as
		// stored, the label's note and how detection scored them.
		explained := func(head string) string {
			return fmt.Sprintf("%s %s\n    %s\n    %s  (%s)\n    %s", head, k, describe(l.file+":"+l.id), describe(side+l.cnfsID), l.note,
				explain(idOf[l.file+":"+l.id], idOf[side+l.cnfsID]))
		}
		switch {
		case l.dup && link != nil:
			tp++
			// CARNET_DUP_TRACE=1 lists the right links too, with their parts.
			if os.Getenv("CARNET_DUP_TRACE") != "" {
				errs = append(errs, fmt.Sprintf("RIGHT %.3f n%.2f p%.2f i%.2f %v %s\n    %s\n    %s  (%s)", link.Score, link.NameScore, link.AddressScore, link.IdentityScore, link.Reasons, k, describe(l.file+":"+l.id), describe(side+l.cnfsID), l.note))
			}
		case l.dup:
			fn++
			errs = append(errs, explained("MISSED"))
		case link != nil:
			fp++
			errs = append(errs, explained(fmt.Sprintf("WRONG %.3f %v", link.Score, link.Reasons)))
		default:
			tn++
			// CARNET_DUP_NEAR=1 lists the pairs labelled not duplicates
			// with their score too: how far below the threshold they
			// stand says what a weighting would cost.
			if os.Getenv("CARNET_DUP_NEAR") != "" {
				errs = append(errs, explained("NEAR"))
			}
		}
	}
	for k, link := range linked {
		// Some hubs' ids hold a « | » (PACA's « …|aidants-connect-3485 »);
		// the national file's never do.
		i := strings.LastIndex(k, "|")
		parts := []string{k[:i], k[i+1:]}
		if sourceOfKey(parts[0]) == sourceOfKey(parts[1]) {
			// Two records of one file (two producers' rows, or one
			// SIRET at one address): the labels pair two files, so
			// such links are counted apart, not as false positives.
			within++
			continue
		}
		if !strings.HasPrefix(parts[1], side) {
			continue // two pairs of other files, not labelled
		}
		fp++
		errs = append(errs, fmt.Sprintf("UNLABELLED %.3f %v %s\n    %s\n    %s", link.Score, link.Reasons, k, describe(parts[0]), describe(parts[1])))
	}
	sort.Strings(errs)
	for _, e := range errs {
		t.Log(e)
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("labelled pairs %d (%d duplicates); links made %d", len(labels), tp+fn, links)
	t.Logf("true positives %d, false positives %d, false negatives %d, true negatives %d", tp, fp, fn, tn)
	t.Logf("precision %.3f, recall %.3f", precision, recall)
	t.Logf("links within one source, not labelled nor counted: %d", within)
	reportHabits(t, actors, idOf, labels)
	if precision < minP || recall < minR {
		t.Errorf("precision %.3f (min %.3f), recall %.3f (min %.3f)", precision, minP, recall, minR)
	}
	return actors, idOf
}

// sourceOfKey is the source of a « source:source_id » key.
func sourceOfKey(k string) string {
	src, _, _ := strings.Cut(k, ":")
	return src
}

type label struct {
	file, id, cnfsID string
	dup              bool
	note             string
}

func readLabels(t *testing.T, path string) []label {
	t.Helper()
	var out []label
	for _, r := range readCSVFile(t, path)[1:] {
		out = append(out, label{file: r[0], id: r[1], cnfsID: r[2], dup: r[3] == "1", note: r[5]})
	}
	return out
}

// explainer compares two places as detection does, in their département's
// block, for the error lines of -v runs.
func explainer(actors map[string]*models.Actor) func(idA, idB string) string {
	blocks := map[string]*dedup.Block{}
	return func(idA, idB string) string {
		a, b := actors[idA], actors[idB]
		if a == nil || b == nil {
			return "not imported"
		}
		blk := blocks[a.Departement]
		if blk == nil {
			var places []dedup.Place
			for _, x := range actors {
				if x.Departement == a.Departement {
					places = append(places, dedupPlace(x))
				}
			}
			blk = dedup.NewBlock(places)
			blocks[a.Departement] = blk
		}
		r, ok := blk.Compare(idA, idB)
		if !ok {
			return "not in one block"
		}
		out := fmt.Sprintf("score %.3f = name %.2f, place %.2f, identity %.2f: %v", r.Score, r.Name, r.Place, r.Identity, r.Reasons)
		if os.Getenv("CARNET_DUP_DUMP") != "" {
			// Both places as detection reads them, a dedup.Place literal
			// (and the points) to copy into a rule's unit test.
			for _, x := range []*models.Actor{a, b} {
				out += fmt.Sprintf("\n      DUMP %#v", dedupPlace(x))
				if x.Latitude != nil {
					out += fmt.Sprintf(" lat=%v lon=%v", *x.Latitude, *x.Longitude)
				}
			}
		}
		return out
	}
}

// Figures on the set of new régions (testdata/duplicates-new-regions-2023.md).
// Held out and measured once on detection that had never seen it (labels
// committed in 609e239, detection as on main at e1b8418): precision 0.966
// (29 links, one wrong), recall 0.800 (28 of 35) — the figure on unseen
// data. It has since been looked at for fixes (a building named before the
// street, a name one source gives to three sites or more, La Poste's
// France Services, the commune's own e-mail domain, « st » for « saint »
// in domains), and is no longer unseen: precision 1.000 (32 links, all
// right), recall 0.914 (32 of 35; the three misses are labelled
// ambiguous). The floors leave one link of slack.
const (
	minPrecisionNewRegions = 0.96
	minRecallNewRegions    = 0.88
)

// TestDuplicateLabelsNewRegions measures detection on the set held out
// from the earlier sets' fixes: the files of Corse, Épernay, La Creuse and
// Ultra Num (La Réunion), as mednum-cli received them (each read by the
// importer's own reading of its format), and France Services' rows in
// Corse (2A, 2B), Marne (51), Creuse (23) and La Réunion (974), against the
// Conseillers numériques national file. The files are not beside the
// repository (see the .md for where to fetch them); the test reads them
// from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsNewRegions -v ./models/opendata
func TestDuplicateLabelsNewRegions(t *testing.T) {
	read := extraFiles(t, "corse.json, epernay.json, la-creuse.json, ultra-num.json, france-services.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-new-regions-2023.md")
	// The source names are part of the labels: Corse's and Ultra Num's
	// files have no id, and the importer derives one from the source, the
	// name and the address.
	sources := []labelledSource{
		{"corse", read("corse.json")}, {"epernay", read("epernay.json")},
		{"la-creuse", read("la-creuse.json")}, {"ultra-num", read("ultra-num.json")},
		{"fs", departementRows(t, read("france-services.csv"), "insee_dep", "2A", "2B", "51", "23", "974")},
	}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-new-regions-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionNewRegions, minRecallNewRegions)
}

// Figures on the set of new départements
// (testdata/duplicates-new-departements-2022.md). Held out and measured
// once on detection that had never seen it (labels committed in 9113794,
// detection as on main at 07ad1f9): precision 1.000 (21 links, all right),
// recall 0.840 (21 of 25) — the figure on unseen data. It has since been
// looked at for a fix (a building both addresses name, at one point, is
// one address), and is no longer unseen: precision 1.000 (22 links, all
// right), recall 0.880 (22 of 25; the three misses are labelled
// ambiguous); 0.920 (23 of 25) after the eleventh set's fixes found Espace
// Lagleyze at its France Services' number. The floors leave one link of
// slack.
const (
	minPrecisionNewDepartements = 0.95
	minRecallNewDepartements    = 0.87
)

// TestDuplicateLabelsNewDepartements measures detection on the set held
// out from the earlier sets' fixes: France Services' national list, of
// which its rows in Seine-Saint-Denis (93), Haute-Garonne (31),
// Seine-Maritime (76) and Côte-d'Or (21), four régions no earlier set had
// used, as mednum-cli received it (read by the importer's own reading of
// that format), against the Conseillers numériques national file. The
// files are not beside the repository (see the .md for where to fetch
// them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsNewDepartements -v ./models/opendata
func TestDuplicateLabelsNewDepartements(t *testing.T) {
	read := extraFiles(t, "france-services.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-new-departements-2022.md")
	sources := []labelledSource{{"fs", departementRows(t, read("france-services.csv"), "insee_dep", "93", "31", "76", "21")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-new-departements-2022.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionNewDepartements, minRecallNewDepartements)
}

// Figures on the set of the five départements left unseen by the tenth
// (testdata/duplicates-unseen-departements-2022.md). Held out and measured
// once on detection that had never seen it (labels committed in 6fc7c68,
// detection as on main at 01ddd4c): precision 1.000 (25 links, all
// right), recall 0.694 (25 of 36) — the figure on unseen data. It has
// since been looked at for fixes (a France Services with no name of its
// own is the public structure at its address, or the place carrying its
// own phone and e-mail nearby; « X Intercom » is an intercommunality), and
// is no longer unseen: precision 1.000 (33 links, all right), recall 0.917
// (33 of 36; the three misses are labelled ambiguous). The floors leave
// one link of slack.
const (
	minPrecisionUnseenDepartements = 0.95
	minRecallUnseenDepartements    = 0.88
)

// TestDuplicateLabelsUnseenDepartements measures detection on the set held
// out from the earlier sets' fixes: France Services' national list, of
// which its rows in Val-d'Oise (95), Seine-et-Marne (77), Hérault (34),
// Calvados (14) and Doubs (25), the départements the previous set left
// unseen, as mednum-cli received it (read by the importer's own reading of
// that format), against the Conseillers numériques national file. The
// files are not beside the repository (see the .md for where to fetch
// them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsUnseenDepartements -v ./models/opendata
func TestDuplicateLabelsUnseenDepartements(t *testing.T) {
	read := extraFiles(t, "france-services.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-unseen-departements-2022.md")
	sources := []labelledSource{{"fs", departementRows(t, read("france-services.csv"), "insee_dep", "95", "77", "34", "14", "25")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-unseen-departements-2022.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionUnseenDepartements, minRecallUnseenDepartements)
}

// Figures on the Bourgogne-Franche-Comté set (testdata/duplicates-bfc-2023.md),
// the twelfth, of the shape of the judges' unseen set: a regional hub's own
// file (Mednum BFC) against the Conseillers numériques national file, same
// région. Held out: labels committed in 114ed4d before detection ran on
// them; detection as on main at 20fc0f3: precision 0.939 (33 links, 2 wrong),
// recall 0.738 (31 of 42) — the figure on unseen data. It has since been
// looked at for fixes (two communes' mairies, a domain of the other's
// initials, SIRENE's cut words, a digital space with no name of its own,
// La Poste's France Services by its e-mail) and is no longer unseen:
// precision 1.000 (35 links, all right), recall 0.833 (35 of 42; five of
// the seven misses are labelled ambiguous); with a commune's record read
// by its leading words (dup24), 1.000 (36 links), 0.857 (36 of 42); with
// one numbered address read as one location and a commune's record on the
// mairie's street (dup25), 1.000 (38 links), 0.905 (38 of 42). The floors
// leave one link of slack.
const (
	minPrecisionBFC = 0.97
	minRecallBFC    = 0.88
)

// TestDuplicateLabelsBFC measures detection on the twelfth set: the file of
// Mednum BFC, the Bourgogne-Franche-Comté hub, in its producer's own
// columns (« bfc_id », « nom_structure »…, read by the importer's
// mednum-bfc format), against the Conseillers numériques national file.
// Neither file is beside the repository (see the .md for where to fetch
// them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsBFC -v ./models/opendata
func TestDuplicateLabelsBFC(t *testing.T) {
	read := extraFiles(t, "bfc-ternum.csv and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-bfc-2023.md")
	sources := []labelledSource{{"bfc", read("bfc-ternum.csv")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-bfc-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionBFC, minRecallBFC)
}

// Figures on the Mednum Hub Antilles set (testdata/duplicates-antilles-2023.md),
// the thirteenth, of the shape of the judges' unseen set: a regional hub's
// file (Martinique) against the Conseillers numériques national file, same
// région. Held out: labels committed in e6a4112 before detection ran on
// them; detection as on main at dc8aaa5: precision 0.800 (20 links, 4
// wrong, all four labelled ambiguous), recall 0.696 (16 of 23; three of the
// seven misses are rows the importer rejects) — the figure on unseen data.
// Without the eleven pairs labelled ambiguous: precision 1.000, recall
// 0.813 (13 of 16). 11 of the 23 duplicates are the hub's copies of the
// national records. It has since been looked at for a fix (an
// organisation's own e-mail domain, mail_domain) and is no longer unseen:
// precision 0.810 (21 links, the same 4 wrong), recall 0.739 (17 of 23);
// once the importer read the rows whose service labels run together
// (imp10), precision 0.826 (23 links, the same 4 wrong), recall 0.826 (19
// of 23); with dup24's rules (an authority's contacts that another door
// near it carries take the host reading away; a France Services named
// after its host; a building both name within 150 m), precision 0.955 (22
// links, 1 wrong, labelled ambiguous), recall 0.913 (21 of 23). The floors leave
// one link of slack (20 of 23 found; 21 right of 23 links).
const (
	minPrecisionAntilles = 0.91
	minRecallAntilles    = 0.86
)

// TestDuplicateLabelsAntilles measures detection on the thirteenth set: the
// file of Mednum Hub Antilles as mednum-cli received it (a file of the
// standard, v0.1 values), against the Conseillers numériques national file.
// Neither file is beside the repository (see the .md for where to fetch
// them); the test reads them from the directory named by
// CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsAntilles -v ./models/opendata
func TestDuplicateLabelsAntilles(t *testing.T) {
	read := extraFiles(t, "mednum-hub-antilles.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-antilles-2023.md")
	sources := []labelledSource{{"antilles", read("mednum-hub-antilles.json")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-antilles-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionAntilles, minRecallAntilles)
}

// Figures on the Normandie set (testdata/duplicates-normandie-2023.md), the
// fourteenth: Numi's records from France Services, odspep and France
// Tiers-Lieux, and Le Havre's file, against the Conseillers numériques
// national file, same région. Held out: labels committed in d3a4e0e before
// detection ran on them; detection as on main at 15db994: precision 0.814
// (43 links, 8 wrong), recall 0.814 (35 of 43) — the figure on unseen data.
// It has since been looked at for fixes (a complement repeating the name,
// a France Services' own mailbox, a charity at the mairie's address, La
// Poste's France Services in its street) and is no longer unseen:
// precision 0.974 (38 links, 1 wrong, labelled ambiguous), recall 0.860
// (37 of 43; five of the six misses are labelled ambiguous); with the
// Maison du Département read as the Département's premises (dup24),
// precision 0.974 (39 links, the same one wrong), recall 0.884 (38 of 43);
// with a name of two structures read without its gloss (dup28), precision
// 0.975 (40 links, the same one wrong), recall 0.907 (39 of 43).
// The floors leave one link of slack.
const (
	minPrecisionNormandie = 0.94
	minRecallNormandie    = 0.88
)

// numiPlaces keeps Numi's records that do not come from the Conseillers
// numériques programme: those are its own records (153 under the id of a
// place of the national file), and matching them would measure the
// programme against itself, not two sources.
func numiPlaces(t *testing.T, b []byte) []byte {
	t.Helper()
	return withoutOrigins(t, b, "numi.json", "conseiller-numerique")
}

// withoutOrigins removes from a data·inclusion list (file, for errors) the
// records whose « source » is one of origins.
func withoutOrigins(t *testing.T, b []byte, file string, origins ...string) []byte {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	rows = slices.DeleteFunc(rows, func(r map[string]any) bool {
		o, _ := r["source"].(string)
		return slices.Contains(origins, o)
	})
	return marshalPlaces(t, rows)
}

// TestDuplicateLabelsNormandie measures detection on the fourteenth set:
// Numi, the Normandie hub, as data·inclusion merged it (its Conseillers
// numériques records left out, see numiPlaces), and the city of Le Havre's
// file, against the Conseillers numériques national file. None is beside
// the repository (see the .md for where to fetch them); the test reads
// them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsNormandie -v ./models/opendata
func TestDuplicateLabelsNormandie(t *testing.T) {
	read := extraFiles(t, "numi.json, le-havre.json and lieux-de-mediation-numerique.cnfs.json", "testdata/duplicates-normandie-2023.md")
	sources := []labelledSource{{"numi", numiPlaces(t, read("numi.json"))}, {"le-havre", read("le-havre.json")}}
	cnfs := read("lieux-de-mediation-numerique.cnfs.json")
	labels := readLabels(t, "testdata/duplicates-normandie-2023.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionNormandie, minRecallNormandie)
}

// Figures on the Étapes numériques set (testdata/duplicates-etapes-numerique-2024.md),
// the twentieth: La Poste's digital spaces in post offices against the
// Conseillers numériques national file of December 2022, same département.
// Held out: labels committed in 721119d before detection ran on them;
// detection as on main at f846617: precision 0.962 (26 links, 1 wrong),
// recall 0.694 (25 of 36) — the figure on unseen data. It has since been
// looked at for fixes (two records of La Poste's at one address, along one
// street front or, under one SIRET, at one point; « Étape numérique » as La
// Poste's name; a commune's name alone under a private SIREN hosts nothing)
// and is no longer unseen: precision 0.971 (34 links, 1 wrong), recall
// 0.917 (33 of 36). The floors leave one link of slack.
const (
	minPrecisionEtapes = 0.94
	minRecallEtapes    = 0.88
)

// TestDuplicateLabelsEtapesNumeriques measures detection on the twentieth
// set: the file of Étapes numériques, in its producer's columns, against
// the Conseillers numériques national file of 2022-12. Neither file is
// beside the repository (see the .md for where to fetch them); the test
// reads them from the directory named by CARNET_EXTRA_REFERENCE:
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestDuplicateLabelsEtapesNumeriques -v ./models/opendata
func TestDuplicateLabelsEtapesNumeriques(t *testing.T) {
	read := extraFiles(t, "etapes-numerique.json and cnfs-2022-12.json", "testdata/duplicates-etapes-numerique-2024.md")
	sources := []labelledSource{{"etapes", read("etapes-numerique.json")}}
	cnfs := read("cnfs-2022-12.json")
	labels := readLabels(t, "testdata/duplicates-etapes-numerique-2024.csv")
	measureDuplicates(t, sources, cnfs, labels, minPrecisionEtapes, minRecallEtapes)
}
