package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// keepHeader and keepRows are a small file of the standard with a value in
// every column an import keeps when a later file lacks it.
var keepHeader = []string{
	"id", "pivot", "nom", "commune", "code_postal", "adresse", "complement_adresse", "latitude", "longitude",
	"typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail",
	"itinerance", "date_maj", "services", "publics_specifiquement_adresses", "frais_a_charge",
	"dispositif_programmes_nationaux", "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
}

func keepRow(n int) map[string]string {
	return map[string]string{
		"id": fmt.Sprintf("k%d", n), "pivot": "43493312300029", "nom": fmt.Sprintf("Médiathèque %d", n),
		"commune": "Marseille", "code_postal": "13001", "adresse": fmt.Sprintf("%d cours Belsunce", 50+n),
		"complement_adresse": "Rez-de-chaussée", "latitude": "43.2996", "longitude": "5.3786",
		"typologie": "BIB", "telephone": "04 91 55 90 00", "courriels": "contact@example.fr", "site_web": "https://example.fr/",
		"horaires": "Mo-Fr 09:00-12:00", "presentation_resume": "Un lieu de médiation.",
		"presentation_detail": "Un lieu de médiation numérique, avec des ateliers.", "itinerance": "Fixe", "date_maj": "2024-04-02",
		"services": "Aide aux démarches administratives", "publics_specifiquement_adresses": "Jeunes",
		"frais_a_charge": "Gratuit", "dispositif_programmes_nationaux": "Conseillers numériques",
		"modalites_acces": "Se présenter", "modalites_accompagnement": "Accompagnement individuel", "prise_rdv": "https://www.rdv-solidarites.fr/",
		"fiche_acces_libre": "https://acceslibre.beta.gouv.fr/app/13-marseille/a/bibliotheque/erp/alcazar/",
	}
}

// keepCSV writes rows under header, without the columns drop.
func keepCSV(t *testing.T, header []string, rows []map[string]string, drop ...string) []byte {
	t.Helper()
	var cols []string
	for _, c := range header {
		if !slices.Contains(drop, c) {
			cols = append(cols, c)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(cols)
	for _, r := range rows {
		line := make([]string, len(cols))
		for i, c := range cols {
			line[i] = r[c]
		}
		w.Write(line)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// keepJSON writes rows as the standard's JSON, each object without the
// keys its drop lists.
func keepJSON(t *testing.T, rows []map[string]string, drop ...[]string) []byte {
	t.Helper()
	var out []map[string]string
	for i, r := range rows {
		o := map[string]string{}
		for k, v := range r {
			if i < len(drop) && slices.Contains(drop[i], k) {
				continue
			}
			o[k] = v
		}
		out = append(out, o)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func actorOf(t *testing.T, s *models.Store, source, sourceID string) models.Actor {
	t.Helper()
	for _, a := range allActors(t, s) {
		if a.Source == source && a.SourceID == sourceID {
			return a
		}
	}
	t.Fatalf("no live actor %s/%s", source, sourceID)
	return models.Actor{}
}

// keptWarning returns the report's warning of row 0 about column, or nil.
func keptWarning(rep *opendata.Report, column string) *opendata.Issue {
	for i, is := range rep.Issues {
		if is.Row == 0 && is.Field == column && is.Severity == opendata.SeverityWarning && strings.Contains(is.Reason, "kept") {
			return &rep.Issues[i]
		}
	}
	return nil
}

// TestReimportWithoutAColumnKeepsStoredValues: a producer's next file
// lacks a column its first file had. The column is absent, not empty: the
// producer said nothing of that field, and the values the first import
// stored are kept on the places the file updates, with one warning per
// column; a column present with an empty cell still clears the value. A
// place new in the file has none. Importing the file again (rows skipped as
// identical) keeps them too.
func TestReimportWithoutAColumnKeepsStoredValues(t *testing.T) {
	cases := []struct {
		drop   []string // the columns the second file lacks
		column string   // the column the report's warning names
		has    func(a models.Actor, offer models.Service) bool
	}{
		{[]string{"horaires"}, "horaires", func(a models.Actor, _ models.Service) bool { return a.OpeningHours != "" }},
		{[]string{"telephone"}, "telephone", func(a models.Actor, _ models.Service) bool { return len(a.Phones) > 0 }},
		{[]string{"courriels"}, "courriels", func(a models.Actor, _ models.Service) bool { return len(a.Emails) > 0 }},
		{[]string{"site_web"}, "site_web", func(a models.Actor, _ models.Service) bool { return len(a.Websites) > 0 }},
		{[]string{"presentation_detail"}, "presentation_detail", func(a models.Actor, _ models.Service) bool { return a.Description != "" }},
		{[]string{"latitude", "longitude"}, "latitude", func(a models.Actor, _ models.Service) bool { return a.Latitude != nil && a.Longitude != nil }},
		{[]string{"pivot"}, "pivot", func(a models.Actor, _ models.Service) bool { return a.Pivot != "" }},
		{[]string{"typologie"}, "typologie", func(a models.Actor, _ models.Service) bool { return len(a.Typologies) > 0 }},
		{[]string{"prise_rdv"}, "prise_rdv", func(a models.Actor, _ models.Service) bool { return a.BookingURL != "" }},
		{[]string{"dispositif_programmes_nationaux"}, "dispositif_programmes_nationaux", func(a models.Actor, _ models.Service) bool { return len(a.NationalProgrammes) > 0 }},
		{[]string{"publics_specifiquement_adresses"}, "publics_specifiquement_adresses", func(_ models.Actor, o models.Service) bool { return len(o.Publics) > 0 }},
		{[]string{"frais_a_charge"}, "frais_a_charge", func(_ models.Actor, o models.Service) bool { return len(o.Fees) > 0 }},
		{[]string{"services"}, "services", func(_ models.Actor, o models.Service) bool { return o.ArchivedAt == nil && len(o.Themes) > 0 }},
	}
	for _, c := range cases {
		t.Run(c.column, func(t *testing.T) {
			s := openStore(t)
			rows := []map[string]string{keepRow(1), keepRow(2)}
			importBytes(t, s, keepCSV(t, keepHeader, rows), opendata.ImportOptions{Source: "keep"})
			check := func(id string, want bool, when string) {
				t.Helper()
				if got := c.has(actorOf(t, s, "keep", id), serviceOf(t, s, "keep", id)); got != want {
					t.Errorf("%s: %s has a value: %v, want %v", when, id, got, want)
				}
			}
			// The second file lacks the column, and brings a new place.
			without := keepCSV(t, keepHeader, append(rows, keepRow(3)), c.drop...)
			rep := importBytes(t, s, without, opendata.ImportOptions{Source: "keep"})
			if rep.Rejected != 0 || rep.Actors[models.SyncCreated] != 1 || rep.Services[models.SyncArchived] != 0 {
				t.Fatalf("without %v: rejected %d, actors %v, services %v: %+v", c.drop, rep.Rejected, rep.Actors, rep.Services, rep.Issues)
			}
			check("k1", true, "without the column")
			check("k2", true, "without the column")
			if c.column != "services" {
				check("k3", false, "a new place without the column")
			}
			if w := keptWarning(rep, c.column); w == nil {
				t.Errorf("no warning of row 0 names %s: %+v", c.column, rep.Issues)
			} else if !strings.Contains(w.Reason, "2 places") || !strings.Contains(w.Reason, "rows 1-2") {
				t.Errorf("the warning does not say which values were kept: %q", w.Reason)
			}
			// Again, unchanged: the rows are skipped and nothing moves.
			rep = importBytes(t, s, without, opendata.ImportOptions{Source: "keep"})
			if rep.Actors[models.SyncUnchanged] != 3 || rep.Services[models.SyncArchived] != 0 {
				t.Fatalf("again: actors %v services %v", rep.Actors, rep.Services)
			}
			check("k1", true, "again without the column")
			// The column back with an empty cell: the producer emptied it.
			emptied := keepRow(1)
			for _, col := range c.drop {
				emptied[col] = ""
			}
			rep = importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{emptied, keepRow(2), keepRow(3)}), opendata.ImportOptions{Source: "keep"})
			if rep.Rejected != 0 {
				t.Fatalf("emptied: %+v", rep.Issues)
			}
			check("k1", false, "the column with an empty cell")
			check("k2", true, "the column with a value")
			if keptWarning(rep, c.column) != nil {
				t.Errorf("a warning of kept values for a file that has the column: %+v", rep.Issues)
			}
		})
	}
}

// TestReimportJSONWithoutAKeyKeepsStoredValues: in a JSON file a key is
// absent when no object of the file has it; an object without a key that
// others have says nothing of it either way, and is read as empty, as a
// CSV row's empty cell.
func TestReimportJSONWithoutAKeyKeepsStoredValues(t *testing.T) {
	s := openStore(t)
	rows := []map[string]string{keepRow(1), keepRow(2)}
	importBytes(t, s, keepJSON(t, rows), opendata.ImportOptions{Source: "keepjson"})
	none := []string{"horaires", "telephone", "services"}
	for round := range 2 { // the second time, the rows are identical to the last import's
		rep := importBytes(t, s, keepJSON(t, rows, none, none), opendata.ImportOptions{Source: "keepjson"})
		if rep.Rejected != 0 || rep.Services[models.SyncArchived] != 0 {
			t.Fatalf("round %d: rejected %d services %v: %+v", round, rep.Rejected, rep.Services, rep.Issues)
		}
		for _, id := range []string{"k1", "k2"} {
			a, o := actorOf(t, s, "keepjson", id), serviceOf(t, s, "keepjson", id)
			if a.OpeningHours == "" || len(a.Phones) == 0 || o.ArchivedAt != nil || len(o.Themes) == 0 {
				t.Errorf("round %d: %s lost what the file says nothing of: hours %q phones %v offer archived %v", round, id, a.OpeningHours, a.Phones, o.ArchivedAt != nil)
			}
		}
		if round == 0 && (keptWarning(rep, "horaires") == nil || keptWarning(rep, "telephone") == nil || keptWarning(rep, "services") == nil) {
			t.Errorf("no warning of the kept values: %+v", rep.Issues)
		}
	}
	// The second object has the keys: the first, without them, is read
	// as having them empty, even though its own text did not change.
	rep := importBytes(t, s, keepJSON(t, rows, none, nil), opendata.ImportOptions{Source: "keepjson"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected: %+v", rep.Issues)
	}
	a, o := actorOf(t, s, "keepjson", "k1"), serviceOf(t, s, "keepjson", "k1")
	if a.OpeningHours != "" || len(a.Phones) != 0 || o.ArchivedAt == nil {
		t.Errorf("k1 without keys another object has: hours %q phones %v offer archived %v, want them cleared", a.OpeningHours, a.Phones, o.ArchivedAt != nil)
	}
}

// TestSnapshotWithoutServicesKeepsOffers: a snapshot of a file without a
// services column archives no offer of the places it has.
func TestSnapshotWithoutServicesKeepsOffers(t *testing.T) {
	s := openStore(t)
	rows := []map[string]string{keepRow(1), keepRow(2), keepRow(3)}
	importBytes(t, s, keepCSV(t, keepHeader, rows), opendata.ImportOptions{Source: "keepsnap"})
	rep := importBytes(t, s, keepCSV(t, keepHeader, rows[:2], "services"), opendata.ImportOptions{Source: "keepsnap", Snapshot: true, AllowMassArchive: true})
	if rep.Actors[models.SyncArchived] != 1 || rep.Services[models.SyncArchived] != 1 {
		t.Fatalf("snapshot: actors %v services %v, want k3 and its offer archived only", rep.Actors, rep.Services)
	}
	for _, id := range []string{"k1", "k2"} {
		if o := serviceOf(t, s, "keepsnap", id); o.ArchivedAt != nil {
			t.Errorf("%s's offer archived by a snapshot of a file without services", id)
		}
	}
}

// TestReimportProducerFormatWithoutColumns: a file in a producer's format
// (France Services) whose next export lacks the day columns of hours, the
// e-mail and « prise_rdv » (which the ANCT's mapping reads as access
// modes): the places keep them. The values the format gives every place
// (typologie, services) are the format's: never absent.
func TestReimportProducerFormatWithoutColumns(t *testing.T) {
	header := []string{"id_fs", "lib_fs", "lib_com", "code_postal", "adresse", "latitude", "longitude", "telephone", "mail", "h_lundi", "h_mardi", "prise_rdv", "format_fs", "labellisation"}
	row := map[string]string{"id_fs": "fs1", "lib_fs": "France Services de Belsunce", "lib_com": "Marseille", "code_postal": "13001",
		"adresse": "58 cours Belsunce", "latitude": "43.2996", "longitude": "5.3786", "telephone": "04 91 55 90 00", "mail": "fs@example.fr",
		"h_lundi": "09:00 - 12:00", "h_mardi": "09:00 - 12:00 / 13:30 - 17:00", "prise_rdv": "Oui", "format_fs": "Fixe", "labellisation": "02/01/2024"}
	s := openStore(t)
	rep := importBytes(t, s, keepCSV(t, header, []map[string]string{row}), opendata.ImportOptions{Source: "fs"})
	if rep.Producer == nil || rep.Actors[models.SyncCreated] != 1 {
		t.Fatalf("not read as France Services: %+v %+v", rep.Producer, rep.Issues)
	}
	before, offer := actorOf(t, s, "fs", "fs1"), serviceOf(t, s, "fs", "fs1")
	if before.OpeningHours == "" || len(before.Emails) == 0 || len(offer.AccessModes) == 0 {
		t.Fatalf("first import: hours %q e-mails %v access %v", before.OpeningHours, before.Emails, offer.AccessModes)
	}
	rep = importBytes(t, s, keepCSV(t, header, []map[string]string{row}, "mail", "h_lundi", "h_mardi", "prise_rdv"), opendata.ImportOptions{Source: "fs"})
	if rep.Rejected != 0 {
		t.Fatalf("second import: %+v", rep.Issues)
	}
	after, offer2 := actorOf(t, s, "fs", "fs1"), serviceOf(t, s, "fs", "fs1")
	if after.OpeningHours != before.OpeningHours || !slices.Equal(after.Emails, before.Emails) || !slices.Equal(offer2.AccessModes, offer.AccessModes) {
		t.Errorf("without the columns: hours %q e-mails %v access %v, want %q %v %v", after.OpeningHours, after.Emails, offer2.AccessModes, before.OpeningHours, before.Emails, offer.AccessModes)
	}
	if !slices.Equal(after.Typologies, before.Typologies) || offer2.ArchivedAt != nil {
		t.Errorf("the format's own values moved: typologies %v, offer archived %v", after.Typologies, offer2.ArchivedAt != nil)
	}
	for _, col := range []string{"horaires", "courriels", "modalites_acces"} {
		if keptWarning(rep, col) == nil {
			t.Errorf("no warning of the kept %s: %+v", col, rep.Issues)
		}
	}
	for _, col := range []string{"typologie", "services", "telephone"} {
		if w := keptWarning(rep, col); w != nil {
			t.Errorf("a warning of kept %s, which the file gives: %+v", col, w)
		}
	}
}

// TestReimportRealFileWithoutAKey: the Charente file of the standard (JSON)
// published again without « horaires » and « telephone »: no place loses
// its hours or phones, and the file imported again is skipped as
// identical.
func TestReimportRealFileWithoutAKey(t *testing.T) {
	body := reference(t, realFiles[1])
	s := openStore(t)
	first := importBytes(t, s, body, opendata.ImportOptions{Source: "charente"})
	stored := map[string]models.Actor{}
	withHours := 0
	for _, a := range allActors(t, s) {
		stored[a.SourceID] = a
		if a.OpeningHours != "" {
			withHours++
		}
	}
	var places []map[string]any
	if err := json.Unmarshal(body, &places); err != nil {
		t.Fatal(err)
	}
	for _, p := range places {
		delete(p, "horaires")
		delete(p, "telephone")
	}
	without, err := json.Marshal(places)
	if err != nil {
		t.Fatal(err)
	}
	rep := importBytes(t, s, without, opendata.ImportOptions{Source: "charente"})
	if rep.Rejected != first.Rejected || rep.Actors[models.SyncCreated] != 0 {
		t.Fatalf("second import: rejected %d (first %d), actors %v", rep.Rejected, first.Rejected, rep.Actors)
	}
	for _, a := range allActors(t, s) {
		if b := stored[a.SourceID]; a.OpeningHours != b.OpeningHours || !slices.Equal(a.Phones, b.Phones) {
			t.Errorf("%s: hours %q phones %v, stored %q %v", a.SourceID, a.OpeningHours, a.Phones, b.OpeningHours, b.Phones)
		}
	}
	if w := keptWarning(rep, "horaires"); withHours > 0 && (w == nil || !strings.Contains(w.Reason, fmt.Sprintf("%d places", withHours))) {
		t.Errorf("%d places with hours, warning %+v", withHours, w)
	}
	again := importBytes(t, s, without, opendata.ImportOptions{Source: "charente"})
	if n := again.Actors[models.SyncUnchanged]; n != len(stored) || again.Readings[0].Count != n {
		t.Errorf("again: actors %v, readings %+v: want every row skipped as identical", again.Actors, again.Readings)
	}
}

// TestReimportMovedPlaceWithoutCoordinates: a place whose address changed,
// in a file without coordinates, does not keep those of its former address.
func TestReimportMovedPlaceWithoutCoordinates(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{keepRow(1), keepRow(2)}), opendata.ImportOptions{Source: "moved"})
	moved := keepRow(1)
	moved["adresse"] = "2 rue de la République"
	rep := importBytes(t, s, keepCSV(t, keepHeader, []map[string]string{moved, keepRow(2)}, "latitude", "longitude"), opendata.ImportOptions{Source: "moved"})
	if a := actorOf(t, s, "moved", "k1"); a.Latitude != nil || a.Longitude != nil {
		t.Errorf("the moved place kept the coordinates of its former address: %v, %v", *a.Latitude, *a.Longitude)
	}
	if a := actorOf(t, s, "moved", "k2"); a.Latitude == nil {
		t.Errorf("the place that did not move lost its coordinates")
	}
	var said bool
	for _, is := range rep.Issues {
		said = said || is.Row == 1 && is.Field == "latitude" && strings.Contains(is.Reason, "address changed")
	}
	if !said || !strings.Contains(keptWarning(rep, "latitude").Reason, "1 place ") {
		t.Errorf("the report does not say it: %+v", rep.Issues)
	}
}
