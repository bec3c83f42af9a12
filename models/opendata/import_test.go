package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/opendata"
)

// refDir is shared/reference, beside the repository.
const refDir = "../../../shared/reference"

// realFiles are the two files of the standard (PACA, Charente).
var realFiles = modeltest.StandardFiles

func reference(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(refDir, rel))
	if err != nil {
		t.Skipf("reference file %s is absent (%v): these tests need ../shared/reference beside the repository", rel, err)
	}
	return b
}

func openStore(t testing.TB) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "carnet.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// detect runs duplicate detection as the service does, following the
// change log, and waits until it has compared every actor written so far; it
// returns how many links exist. Call it once per store to start it.
func detect(t testing.TB, s *models.Store) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := s.CatchUp(ctx, models.DuplicatesFollower); err != nil {
		if _, err := s.FollowDuplicates(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.CatchUp(ctx, models.DuplicatesFollower); err != nil {
			t.Fatalf("duplicate detection: %v", err)
		}
	}
	page, err := s.ListDuplicates(ctx, models.DuplicateFilter{ListParams: models.ListParams{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return int(page.Total)
}

func importBytes(t testing.TB, s *models.Store, b []byte, opt opendata.ImportOptions) *opendata.Report {
	t.Helper()
	rep, err := opendata.Import(context.Background(), s, bytes.NewReader(b), opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// TestImportRealFiles imports each real file (roundTripFiles) into an
// empty directory, then again unchanged: every row is created or
// rejected, and the second import changes nothing. A file the importer
// cannot read as places, or with no row, is logged and skipped.
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestImportRealFiles -v ./models/opendata
func TestImportRealFiles(t *testing.T) {
	for _, f := range roundTripFiles(t) {
		t.Run(f.name, func(t *testing.T) {
			b := f.data(t)
			s := openStore(t)
			rep, err := opendata.Import(context.Background(), s, bytes.NewReader(b), opendata.ImportOptions{Source: "cartographie"})
			if err != nil || rep.Rows == 0 {
				t.Skipf("%s is not read as places (%v, %d rows): skipped", f.name, err, reportRows(rep))
			}
			t.Logf("rows %d rejected %d warnings %d actors %v services %v", rep.Rows, rep.Rejected, rep.Warnings, rep.Actors, rep.Services)
			for _, is := range rep.Issues {
				if is.Severity == opendata.SeverityError {
					t.Logf("%+v", is)
				}
			}
			if rep.Rows == 0 || rep.Actors[models.SyncCreated]+rep.Rejected != rep.Rows {
				t.Errorf("rows %d, created %d, rejected %d", rep.Rows, rep.Actors[models.SyncCreated], rep.Rejected)
			}
			again := importBytes(t, s, b, opendata.ImportOptions{Source: "cartographie"})
			// Rows refused as read count in actors.rejected (session 45,
			// L7), the same again.
			if again.Actors[models.SyncRejected] != rep.Actors[models.SyncRejected] {
				t.Errorf("re-import: %d rejected, first %d", again.Actors[models.SyncRejected], rep.Actors[models.SyncRejected])
			}
			delete(again.Actors, models.SyncRejected)
			if again.Actors[models.SyncUnchanged] != rep.Actors[models.SyncCreated] || len(again.Actors) > 1 ||
				again.Services[models.SyncUnchanged] != rep.Services[models.SyncCreated] || len(again.Services) > 1 {
				t.Errorf("re-import: actors %v services %v, want all unchanged", again.Actors, again.Services)
			}
			seen := map[string]int{}
			for _, is := range rep.Issues {
				k := is.Field + ": " + is.Reason
				if seen[k]++; seen[k] == 1 {
					t.Logf("%s (%q)", k, is.Value)
				}
			}
		})
	}
}

func synthetic(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, n, 7); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// firstRows keeps the header and the first n places of a synthetic CSV.
func firstRows(b []byte, n int) []byte {
	lines := bytes.SplitAfter(b, []byte("\n"))
	return bytes.Join(lines[:n+1], nil)
}

func TestImportSnapshot(t *testing.T) {
	s := openStore(t)
	all := synthetic(t, 10)
	importBytes(t, s, all, opendata.ImportOptions{Source: "snap"})

	rep := importBytes(t, s, firstRows(all, 9), opendata.ImportOptions{Source: "snap", Snapshot: true, DryRun: true})
	if rep.Actors[models.SyncArchived] != 1 || rep.Actors[models.SyncUnchanged] != 9 {
		t.Fatalf("dry run: %+v", rep.Actors)
	}
	if _, err := opendata.Import(context.Background(), s, bytes.NewReader(firstRows(all, 5)), opendata.ImportOptions{Source: "snap", Snapshot: true}); models.ErrorCode(err) != models.ECONFLICT {
		t.Fatalf("mass archive guard: %v", err)
	}
	rep = importBytes(t, s, firstRows(all, 9), opendata.ImportOptions{Source: "snap", Snapshot: true})
	// The place's offer is archived with it, and counted.
	if rep.Actors[models.SyncArchived] != 1 || rep.Services[models.SyncArchived] != 1 {
		t.Fatalf("snapshot: actors %+v services %+v", rep.Actors, rep.Services)
	}
	rep = importBytes(t, s, firstRows(all, 5), opendata.ImportOptions{Source: "snap", Snapshot: true, AllowMassArchive: true})
	if rep.Actors[models.SyncArchived] != 4 {
		t.Fatalf("allowed mass archive: %+v", rep.Actors)
	}
	if n := len(allActors(t, s)); n != 5 {
		t.Errorf("%d live places, want 5", n)
	}
}

// withCell returns a CSV file of places with the cell of one row (from 1)
// under column set to value.
func withCell(t *testing.T, file []byte, row int, column, value string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[row][slices.Index(rows[0], column)] = value
	var b bytes.Buffer
	if err := csv.NewWriter(&b).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSnapshotKeepsThePlacesOfRejectedRows: a snapshot archives the places
// absent from the file. A row that is in the file but cannot be stored (an
// address emptied by mistake) rejected the row and archived its place with
// its offer, as if the producer had removed it: one typo took a place out
// of the directory. Its place stays as stored.
func TestSnapshotKeepsThePlacesOfRejectedRows(t *testing.T) {
	s := openStore(t)
	all := synthetic(t, 10)
	importBytes(t, s, all, opendata.ImportOptions{Source: "snap"})
	rep := importBytes(t, s, withCell(t, all, 3, "adresse", ""), opendata.ImportOptions{Source: "snap", Snapshot: true})
	if rep.Rejected != 1 || rep.Actors[models.SyncArchived] != 0 || rep.Services[models.SyncArchived] != 0 {
		t.Fatalf("snapshot with a rejected row: rejected %d, actors %+v, services %+v", rep.Rejected, rep.Actors, rep.Services)
	}
	if n := len(allActors(t, s)); n != 10 {
		t.Errorf("%d live places, want 10", n)
	}
}

// TestImportArchivesTheOfferARowNoLongerNames: a producer empties a
// place's services. The report said « no service listed: the place is
// imported without an offer », but the offer its earlier row named stayed
// published, counted nowhere. It is archived with the place kept, and
// counted; importing the file again changes nothing.
func TestImportArchivesTheOfferARowNoLongerNames(t *testing.T) {
	s := openStore(t)
	all := synthetic(t, 5)
	importBytes(t, s, all, opendata.ImportOptions{Source: "prod"})
	edited := withCell(t, all, 2, "services", "")
	for round, want := range []int{1, 0} {
		rep := importBytes(t, s, edited, opendata.ImportOptions{Source: "prod"})
		if rep.Services[models.SyncArchived] != want || rep.Actors[models.SyncArchived] != 0 || rep.Rejected != 0 {
			t.Fatalf("round %d: actors %+v services %+v rejected %d, want %d offer archived", round, rep.Actors, rep.Services, rep.Rejected, want)
		}
	}
	if n := len(allActors(t, s)); n != 5 {
		t.Errorf("%d live places, want 5", n)
	}
	live, err := s.ListServices(context.Background(), models.ServiceFilter{ListParams: models.ListParams{Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	if len(live.Items) != 4 {
		t.Errorf("%d live offers, want 4", len(live.Items))
	}
}

func TestImportDuplicatesAcrossSources(t *testing.T) {
	b := reference(t, realFiles[1])
	s := openStore(t)
	importBytes(t, s, b, opendata.ImportOptions{Source: "charente"})
	// The same places published again by another source, renamed a little.
	other := bytes.ReplaceAll(b, []byte(`"id": "`), []byte(`"id": "fs-`))
	other = bytes.ReplaceAll(other, []byte("Médiathèque"), []byte("Mediatheque"))
	importBytes(t, s, other, opendata.ImportOptions{Source: "france-services"})
	links := detect(t, s)
	t.Logf("%d links", links)
	if links < 180 {
		t.Errorf("%d duplicates linked, want one per place (188)", links)
	}
	importBytes(t, s, other, opendata.ImportOptions{Source: "france-services"})
	if again := detect(t, s); again != links {
		t.Errorf("an unchanged re-import: %d links, then %d", links, again)
	}
	p, err := s.ListActors(context.Background(), models.ActorFilter{ExcludeDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exclude_duplicates: %d left", p.Total)
	if p.Total > 188+8 {
		t.Errorf("exclude_duplicates leaves %d of %d", p.Total, 2*188)
	}
}

// TestImportVariants: the variants real producers publish are read, the
// report says how, and no row is imported without the offer it names.
func TestImportVariants(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services;conditions_access;labels_nationaux;courriel\n" +
		// v0.1.1 services joined with commas, a misspelt column, labels with commas
		"a1;EPN;1 rue A;13001;Marseille;Prendre en main un ordinateur, Approfondir ma culture numérique;Gratuit;CNFS, France Services;epn@example.fr\n" +
		// v1 services joined with |
		"a2;Médiathèque;2 rue B;13001;Marseille;Aide aux démarches administratives|Loisirs et créations numériques;Payant;;\n" +
		// services named, none readable: rejected, not imported without its offer
		"a3;Club;3 rue C;13001;Marseille;cours de cuisine, jardinage;;;\n" +
		// one unreadable value among readable ones: kept with a warning
		"a4;Tiers-lieu;4 rue D;13001;Marseille;Aide aux démarches administratives|cours de cuisine;;;\n" +
		// no services at all: imported without an offer, with a warning
		"a5;Mairie;5 rue E;13001;Marseille;;;;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "variants"})
	if rep.Actors["created"] != 4 || rep.Services["created"] != 3 || rep.Rejected != 1 {
		t.Fatalf("actors %v services %v rejected %d: %+v", rep.Actors, rep.Services, rep.Rejected, rep.Issues)
	}
	var rejectedA3 bool
	for _, is := range rep.Issues {
		if is.Row == 3 && is.Field == "services" && is.Severity == opendata.SeverityError && strings.Contains(is.Reason, "not imported without the offer") {
			rejectedA3 = true
		}
	}
	if !rejectedA3 {
		t.Errorf("row 3 not rejected for its unreadable services: %+v", rep.Issues)
	}
	want := map[string]string{ // field: how → rows
		"conditions_acces: column « conditions_access » read as conditions_acces (misspelt)": "1-2", // where not empty
		"services: values separated by commas (the standard joins them with |)":              "1",
		"labels_nationaux: values separated by commas (the standard joins them with |)":      "1",
	}
	got := map[string]string{}
	for _, r := range rep.Readings {
		got[r.Field+": "+r.How] = r.Rows
	}
	for k, rows := range want {
		if got[k] != rows {
			t.Errorf("reading %q: rows %q, want %q (all: %v)", k, got[k], rows, got)
		}
	}
	var mapped bool
	for k, rows := range got {
		if strings.HasPrefix(k, "services: values of the standard v0.1.1 mapped") && rows == "1" {
			mapped = true
		}
	}
	if !mapped {
		t.Errorf("no reading says row 1's v0.1.1 services were mapped: %v", got)
	}
	sv := serviceOf(t, s, "variants", "a1")
	if len(sv.Themes) != 2 || len(sv.Fees) != 1 || sv.Fees[0] != "Gratuit" {
		t.Errorf("row 1's offer: themes %v fees %v", sv.Themes, sv.Fees)
	}
}

func serviceOf(t *testing.T, s *models.Store, source, sourceID string) models.Service {
	t.Helper()
	page, err := s.ListServices(context.Background(), models.ServiceFilter{Sources: []string{source}, IncludeArchived: true, ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range page.Items {
		if sv.SourceID == sourceID+opendata.OfferSuffix {
			return sv
		}
	}
	t.Fatalf("no offer for %s", sourceID)
	return models.Service{}
}

// TestImportConseillersNumeriques: the national file of the Conseillers
// numériques' permanences (pre-v1 columns) arrives with its offers.
func TestImportConseillersNumeriques(t *testing.T) {
	b := reference(t, cnfsFile)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "conseiller-numerique"})
	t.Logf("rows %d rejected %d actors %v services %v", rep.Rows, rep.Rejected, rep.Actors, rep.Services)
	for _, r := range rep.Readings {
		t.Logf("reading %s: %s (%d rows)", r.Field, r.How, r.Count)
	}
	if rep.Services["created"] != rep.Actors["created"] || rep.Actors["created"] < rep.Rows-5 {
		t.Errorf("%d places, %d offers: every place names its services", rep.Actors["created"], rep.Services["created"])
	}
	for _, is := range rep.Issues {
		if is.Severity == opendata.SeverityError {
			t.Logf("rejected: %+v", is)
		}
	}
	fees := map[string]int{}
	page, err := s.ListServices(context.Background(), models.ServiceFilter{ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range page.Items {
		for _, f := range sv.Fees {
			fees[f]++
		}
		if len(sv.Themes) == 0 {
			t.Errorf("offer without themes: %+v", sv)
		}
	}
	if fees["Gratuit"] != len(page.Items) {
		t.Errorf("fees from conditions_access: %v of %d", fees, len(page.Items))
	}
}

// TestReimportSkipsOnlyIdenticalRows: a re-import skips the rows identical
// to the last import's, and only while nothing else wrote their places: a
// change in Carnet to a place or to its offer makes its row read again. A
// field a person changed in Carnet after the row's date stays Carnet's,
// with a warning, at every import until the producer's row is newer
// (probe 40b M3: the producer's row used to win, erasing the change); the
// offer's own name, which the standard has no column for, is kept since
// sec16.
func TestReimportSkipsOnlyIdenticalRows(t *testing.T) {
	s := openStore(t)
	file := synthetic(t, 20)
	importBytes(t, s, file, opendata.ImportOptions{Source: "skip"})
	ctx := context.Background()
	actors := allActors(t, s)
	if _, err := s.UpdateActor(ctx, actors[0].ID, models.Precondition{}, func(a *models.Actor) error { a.Summary = "Changé dans Carnet"; return nil }); err != nil {
		t.Fatal(err)
	}
	offer := serviceOf(t, s, "skip", actors[1].SourceID)
	if _, err := s.UpdateService(ctx, offer.ID, models.Precondition{}, func(sv *models.Service) error { sv.Name = "Changé dans Carnet"; return nil }); err != nil {
		t.Fatal(err)
	}
	rep := importBytes(t, s, file, opendata.ImportOptions{Source: "skip"})
	if rep.Actors[models.SyncUpdated] != 0 || rep.Actors[models.SyncUnchanged] != 20 || rep.Services[models.SyncUpdated] != 1 || !keptSaid(rep) {
		t.Errorf("after two changes in Carnet: actors %v services %v warnings %d %+v", rep.Actors, rep.Services, rep.Warnings, rep.Issues)
	}
	var skipped int
	for _, r := range rep.Readings {
		if strings.HasPrefix(r.How, "identical to the row") {
			skipped = r.Count
		}
	}
	if skipped != 18 {
		t.Errorf("%d rows skipped, want 18 (the two changed places are read again): %+v", skipped, rep.Readings)
	}
	if a := allActors(t, s)[0]; a.Summary != "Changé dans Carnet" {
		t.Errorf("the change in Carnet, after the row's date, was lost: %q", a.Summary)
	}
	// All identical again but the place whose change in Carnet is kept:
	// read again, and said again.
	again := importBytes(t, s, file, opendata.ImportOptions{Source: "skip"})
	if again.Actors[models.SyncUnchanged] != 20 || again.Services[models.SyncUnchanged] != 20 || len(again.Readings) != 1 || again.Readings[0].Count != 19 || !keptSaid(again) {
		t.Errorf("third import: actors %v services %v readings %+v", again.Actors, again.Services, again.Readings)
	}
}

// keptSaid reports whether rep names a value changed in Carnet and kept.
func keptSaid(rep *opendata.Report) bool {
	return slices.ContainsFunc(rep.Issues, func(i opendata.Issue) bool {
		return i.Field == "presentation_resume" && strings.Contains(i.Reason, "Carnet's value \"Changé dans Carnet\" is kept")
	})
}

// TestImportWeekNumberHours: the fortnightly hours of itinerant services
// (« week 1-53/2 Tu 09:00-12:30 », as the France Services buses of the
// Charente file write them) are kept as written, without a warning; they
// were dropped as unreadable.
func TestImportWeekNumberHours(t *testing.T) {
	const hours = "week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30; PH off"
	in := "id;nom;adresse;code_postal;commune;services;date_maj;horaires\n" +
		"bus;Bus France Services;Place du Marché;16700;Ruffec;Aide aux démarches administratives;2023-07-11;\"" + hours + "\"\n" +
		"bad;Bus France Services 2;Place de l'Église;16700;Ruffec;Aide aux démarches administratives;2023-07-11;\"week 1-53/2 Tu 09:00-12:30; Sa 17:00\"\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: "bus"})
	var reasons []string
	for _, is := range rep.Issues {
		if is.Field == "horaires" {
			reasons = append(reasons, is.Value+": "+is.Reason)
		}
	}
	// Only the point in time of the second place is reported, for Saturday.
	if len(reasons) != 1 || !strings.Contains(reasons[0], "Sa 17:00: ") || !strings.Contains(reasons[0], "hours unknown on Saturday") {
		t.Errorf("horaires issues: %q", reasons)
	}
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.OpeningHours
	}
	if got["bus"] != hours || got["bad"] != "week 1-53/2 Tu 09:00-12:30; Sa 17:00" {
		t.Errorf("stored hours: %q", got)
	}
}

// TestImportIssuesInFileOrder: a report lists its issues in the file's
// order, the file's own first, whatever the timing between the reader and
// the writer — a batch's reading issues used to be added when the writer
// took it, and its write outcomes when its transaction committed, so that
// batches sharing a transaction interleaved differently from run to run.
// Synthetic rows carry both (made-up commune names, corrected INSEE codes),
// in batches of 7 places.
func TestImportIssuesInFileOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 3000, 1); err != nil {
		t.Fatal(err)
	}
	data := append([]byte(nil), buf.Bytes()...)
	// A column no version of the standard has: a file-level issue.
	data = bytes.Replace(data, []byte("prise_rdv\n"), []byte("prise_rdv,colonne_inconnue\n"), 1)
	for run := range 3 {
		s := openStore(t)
		rep := importBytes(t, s, data, opendata.ImportOptions{Source: "order", BatchSize: 7})
		if len(rep.Issues) < 3000 {
			t.Fatalf("run %d: %d issues, the synthetic file should give more", run, len(rep.Issues))
		}
		if rep.Issues[0].Row != 0 || rep.Issues[0].Field != "colonne_inconnue" {
			t.Fatalf("run %d: first issue %+v, want the unknown column's", run, rep.Issues[0])
		}
		for i := 1; i < len(rep.Issues); i++ {
			if rep.Issues[i].Row < rep.Issues[i-1].Row {
				t.Fatalf("run %d: issue %d (row %d) after issue %d (row %d)", run, i, rep.Issues[i].Row, i-1, rep.Issues[i-1].Row)
			}
		}
	}
}
