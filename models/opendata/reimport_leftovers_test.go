package opendata_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/opendata"
)

func anyIssue(rep *opendata.Report, f func(opendata.Issue) bool) bool {
	for _, is := range rep.Issues {
		if f(is) {
			return true
		}
	}
	return false
}

// TestReimportWithoutCoordinatesKeepsTheSettledAddress: the first file
// gives a postal code shared by 17 communes (46120), no commune, and the
// coordinates, which settle the commune (Leyme) and its INSEE code. The
// producer's next file, without coordinate columns, repeats the same
// address cells: read alone they name no commune, and the row was rejected
// or re-read with a warning that its address had changed. The address is
// the one imported: it keeps its settled commune and coordinates, without
// a word of a change. A place whose address cells changed is re-read.
func TestReimportWithoutCoordinatesKeepsTheSettledAddress(t *testing.T) {
	s := openStore(t)
	leyme := func(n int) map[string]string {
		r := keepRow(n)
		r["commune"], r["code_postal"], r["adresse"] = "", "46120", "2 place de la Mairie"
		r["latitude"], r["longitude"] = "44.78537", "1.90045"
		return r
	}
	rows := []map[string]string{leyme(1), keepRow(2)}
	rep := importBytes(t, s, keepCSV(t, keepHeader, rows), opendata.ImportOptions{Source: "settled"})
	if rep.Rejected != 0 {
		t.Fatalf("first import: %+v", rep.Issues)
	}
	first := actorOf(t, s, "settled", "k1")
	if first.Address.Commune != "Leyme" || first.Address.InseeCode != "46170" || first.Latitude == nil {
		t.Fatalf("first import: %+v %v", first.Address, first.Latitude)
	}
	rep = importBytes(t, s, keepCSV(t, keepHeader, rows, "latitude", "longitude"), opendata.ImportOptions{Source: "settled"})
	if rep.Rejected != 0 {
		t.Fatalf("without coordinates: rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	a := actorOf(t, s, "settled", "k1")
	if a.Address.Commune != first.Address.Commune || a.Address.InseeCode != first.Address.InseeCode || a.Address.PostalCode != "46120" ||
		a.Latitude == nil || a.Longitude == nil || *a.Latitude != *first.Latitude || *a.Longitude != *first.Longitude {
		t.Errorf("without coordinates: %+v %v %v, want the settled %+v %v %v", a.Address, a.Latitude, a.Longitude, first.Address, *first.Latitude, *first.Longitude)
	}
	if anyIssue(rep, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "address changed") }) {
		t.Errorf("a warning that the address changed, for the same cells: %+v", rep.Issues)
	}
	if w := keptWarning(rep, "latitude"); w == nil || !strings.Contains(w.Reason, "2 places") {
		t.Errorf("the kept coordinates are not reported: %+v", rep.Issues)
	}
	// The street written in other capitals is no move: the coordinates
	// stay (« 3 cours National » → « 3 Cours National » dropped them).
	recased := []map[string]string{leyme(1), keepRow(2)}
	recased[0]["adresse"] = "2 PLACE DE LA MAIRIE"
	rep = importBytes(t, s, keepCSV(t, keepHeader, recased, "latitude", "longitude"), opendata.ImportOptions{Source: "settled"})
	if a := actorOf(t, s, "settled", "k1"); rep.Rejected != 0 || a.Latitude == nil || a.Address.InseeCode != "46170" {
		t.Errorf("street in capitals: %+v %v %+v", a.Address, a.Latitude, rep.Issues)
	}
	if anyIssue(rep, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "address changed") }) {
		t.Errorf("street in capitals: a warning that the address changed: %+v", rep.Issues)
	}
	// The address cells changed: re-read, as before (the commune given).
	moved := leyme(1)
	moved["adresse"], moved["commune"] = "5 route de Figeac", "Leyme"
	rep = importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{moved, keepRow(2)}, "latitude", "longitude"), opendata.ImportOptions{Source: "settled"})
	if rep.Rejected != 0 {
		t.Fatalf("moved: %+v", rep.Issues)
	}
	if a := actorOf(t, s, "settled", "k1"); a.Latitude != nil || a.Address.Street != "5 route de Figeac" {
		t.Errorf("moved: %+v %v", a.Address, a.Latitude)
	}
	if !anyIssue(rep, func(is opendata.Issue) bool { return is.Row == 1 && strings.Contains(is.Reason, "address changed") }) {
		t.Errorf("moved: no warning of the dropped coordinates: %+v", rep.Issues)
	}
}

// TestReimportRealFileWithoutCoordinates: the Charente file published
// again without latitude and longitude: every place keeps its address and
// coordinates, and no row is said to have moved.
func TestReimportRealFileWithoutCoordinates(t *testing.T) {
	for _, f := range append(slicesOf(realFiles), modeltest.NationalFile) {
		t.Run(f[strings.LastIndex(f, "/")+1:], func(t *testing.T) {
			body := reference(t, f)
			s := openStore(t)
			first := importBytes(t, s, body, opendata.ImportOptions{Source: "nocoords"})
			stored := map[string]models.Actor{}
			for _, a := range allActors(t, s) {
				stored[a.SourceID] = a
			}
			var places []map[string]any
			if err := json.Unmarshal(body, &places); err != nil {
				t.Skip("not an array of places")
			}
			for _, p := range places {
				delete(p, "latitude")
				delete(p, "longitude")
			}
			without, _ := json.Marshal(places)
			rep := importBytes(t, s, without, opendata.ImportOptions{Source: "nocoords"})
			if rep.Rejected != first.Rejected {
				t.Errorf("rejected %d, first %d", rep.Rejected, first.Rejected)
			}
			lost := 0
			for _, a := range allActors(t, s) {
				b := stored[a.SourceID]
				if a.Address != b.Address || (b.Latitude != nil) != (a.Latitude != nil) {
					if lost++; lost < 5 {
						t.Errorf("%s: %+v %v, stored %+v %v", a.SourceID, a.Address, a.Latitude, b.Address, b.Latitude)
					}
				}
			}
			if lost > 0 {
				t.Errorf("%d places of %d lost their address or coordinates", lost, len(stored))
			}
			if anyIssue(rep, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "address changed") }) {
				t.Errorf("a place said to have moved")
			}
		})
	}
}

func slicesOf(s []string) []string { return append([]string(nil), s...) }

// TestReimportWithoutDateKeepsTheProducerDate: date_maj is the day the
// producer last checked the place. A file without the column says nothing
// of it: a place the import updates keeps its stored date, a new one has
// none (the day of the import is its check date), and the report says
// which rows did which.
func TestReimportWithoutDateKeepsTheProducerDate(t *testing.T) {
	s := openStore(t)
	rows := []map[string]string{keepRow(1), keepRow(2)}
	importBytes(t, s, keepCSV(t, keepHeader, rows), opendata.ImportOptions{Source: "dated"})
	changed := keepRow(1)
	changed["horaires"] = "Mo-Sa 09:00-12:00"
	rep := importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{changed, keepRow(2), keepRow(3)}, "date_maj"), opendata.ImportOptions{Source: "dated"})
	if rep.Rejected != 0 {
		t.Fatalf("%+v", rep.Issues)
	}
	for _, id := range []string{"k1", "k2"} {
		if a := actorOf(t, s, "dated", id); a.ProducerUpdatedOn != "2024-04-02" {
			t.Errorf("%s: producer date %q, want the stored 2024-04-02", id, a.ProducerUpdatedOn)
		}
	}
	if a := actorOf(t, s, "dated", "k1"); a.OpeningHours != "Mo-Sa 09:00-12:00" {
		t.Errorf("k1 not updated: %q", a.OpeningHours)
	}
	if a := actorOf(t, s, "dated", "k3"); a.ProducerUpdatedOn != "" || a.CheckedOn != time.Now().UTC().Format(time.DateOnly) && a.CheckedOn != time.Now().Format(time.DateOnly) {
		t.Errorf("k3, new: producer date %q checked %q", a.ProducerUpdatedOn, a.CheckedOn)
	}
	w := keptWarning(rep, "date_maj")
	if w == nil || !strings.Contains(w.Reason, "2 places") || !strings.Contains(w.Reason, "rows 1-2") || !strings.Contains(w.Reason, "rows 3") {
		t.Errorf("the warning does not say which rows kept their date and which took the import's: %+v", rep.Issues)
	}
	for _, row := range []int{1, 2} {
		for _, is := range issuesOf(rep, row, "date_maj") {
			if strings.Contains(is.Reason, "day of the import") {
				t.Errorf("row %d says it took the import's day: %+v", row, is)
			}
		}
	}
}

// TestReimportWithoutServicesUpdatesTheOffer: a file without « services »
// says nothing of the offer's themes, but its other offer columns say
// what they say: the stored offer takes the fees, publics and access modes
// the file gives, and keeps its themes and what the file lacks.
func TestReimportWithoutServicesUpdatesTheOffer(t *testing.T) {
	s := openStore(t)
	rows := []map[string]string{keepRow(1), keepRow(2)}
	importBytes(t, s, keepCSV(t, keepHeader, rows), opendata.ImportOptions{Source: "offer"})
	before := serviceOf(t, s, "offer", "k1")
	changed := keepRow(1)
	changed["frais_a_charge"] = "Payant"
	changed["publics_specifiquement_adresses"] = "Seniors"
	changed["modalites_acces"] = "Téléphoner"
	rep := importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{changed, keepRow(2), keepRow(3)}, "services", "modalites_accompagnement"), opendata.ImportOptions{Source: "offer"})
	if rep.Rejected != 0 {
		t.Fatalf("%+v", rep.Issues)
	}
	after := serviceOf(t, s, "offer", "k1")
	if after.ArchivedAt != nil || strings.Join(after.Themes, ",") != strings.Join(before.Themes, ",") || strings.Join(after.AccompanimentModes, ",") != strings.Join(before.AccompanimentModes, ",") || after.Kind != before.Kind {
		t.Errorf("k1's offer lost what the file lacks: %+v, before %+v", after, before)
	}
	if strings.Join(after.Fees, ",") == strings.Join(before.Fees, ",") || strings.Join(after.Publics, ",") == strings.Join(before.Publics, ",") || strings.Join(after.AccessModes, ",") == strings.Join(before.AccessModes, ",") {
		t.Errorf("k1's offer not updated from the columns the file has: fees %v publics %v access %v (before %v %v %v)", after.Fees, after.Publics, after.AccessModes, before.Fees, before.Publics, before.AccessModes)
	}
	if o := serviceOf(t, s, "offer", "k2"); strings.Join(o.Fees, ",") != strings.Join(before.Fees, ",") {
		t.Errorf("k2 changed: %v", o.Fees)
	}
	if w := keptWarning(rep, "services"); w == nil || strings.Contains(w.Reason, "neither withdrawn nor updated") {
		t.Errorf("the services warning: %+v", rep.Issues)
	}
	// Again: identical, nothing moves.
	rep = importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{changed, keepRow(2), keepRow(3)}, "services", "modalites_accompagnement"), opendata.ImportOptions{Source: "offer"})
	if rep.Actors[models.SyncUnchanged] != 3 {
		t.Errorf("again: %v", rep.Actors)
	}
}

// TestImportSaysAnIdWasTrimmed: spaces around an id are removed (the
// place's key); the row says so, so that the producer knows the key Carnet
// stored.
func TestImportSaysAnIdWasTrimmed(t *testing.T) {
	for _, format := range []string{"csv", "json"} {
		t.Run(format, func(t *testing.T) {
			s := openStore(t)
			r := keepRow(1)
			r["id"] = "  k1 "
			body := keepCSV(t, keepHeader, []map[string]string{r, keepRow(2)})
			if format == "json" {
				body = keepJSON(t, []map[string]string{r, keepRow(2)})
			}
			rep := importBytes(t, s, body, opendata.ImportOptions{Source: "trim"})
			actorOf(t, s, "trim", "k1")
			is := issuesOf(rep, 1, "id")
			if len(is) != 1 || is[0].Severity != opendata.SeverityWarning || !strings.Contains(is[0].Reason, "« k1 »") {
				t.Errorf("row 1's id: %+v", rep.Issues)
			}
			if len(issuesOf(rep, 2, "id")) != 0 {
				t.Errorf("row 2's id: %+v", issuesOf(rep, 2, "id"))
			}
		})
	}
}
