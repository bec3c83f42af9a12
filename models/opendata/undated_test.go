package opendata_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// A file whose every date_maj is a placeholder (1969-12-31: a zero Unix
// time written west of Greenwich) was read as the producer's date:
// exported as such, and stale « since 1969 », without a warning. A file
// with no date at all got the day of the import as every place's date,
// and looked freshly checked (stale=false).

// datedFile is a file of two places whose date_maj is date ("" for a file
// without the column).
func datedFile(date string) []byte {
	var b strings.Builder
	if date == "" {
		b.WriteString("id;nom;adresse;code_postal;commune;services\n")
	} else {
		b.WriteString("id;nom;adresse;code_postal;commune;services;date_maj\n")
	}
	for i := 1; i <= 2; i++ {
		fmt.Fprintf(&b, "%d;Espace %d;%d rue A;13001;Marseille;Aide aux démarches administratives", i, i, i)
		if date != "" {
			b.WriteString(";" + date)
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// TestUndatedPlacesAreNotFresh: a placeholder date is read as no date,
// with a warning saying so; a place without a producer's date exports the
// day it was stored (the standard requires a date) but is stale in the
// quality export until a person changes it.
func TestUndatedPlacesAreNotFresh(t *testing.T) {
	for _, date := range []string{"", "1969-12-31", "1970-01-01", "1900-01-01", "0001-01-01", "1999-12-31", "31/12/1969"} {
		t.Run("date "+date, func(t *testing.T) {
			s := openStore(t)
			rep := importBytes(t, s, datedFile(date), opendata.ImportOptions{Source: "fs"})
			if rep.Actors[models.SyncCreated] != 2 {
				t.Fatalf("actors %v %+v", rep.Actors, rep.Issues)
			}
			warned := 0
			for _, is := range rep.Issues {
				if is.Field == "date_maj" && is.Severity == opendata.SeverityWarning && strings.Contains(is.Reason, "count as checked recently") {
					warned++
					if date != "" && !strings.Contains(is.Reason, "placeholder") {
						t.Errorf("warning %q does not say the date is a placeholder", is.Reason)
					}
				}
			}
			// Each row says it of its own date; a file without the column
			// says it once, naming the two places (keptIssues).
			if want := map[bool]int{true: 1, false: 2}[date == ""]; warned != want {
				t.Errorf("%d warnings on date_maj, want %d: %+v", warned, want, rep.Issues)
			}
			// The standard requires a date_maj: the export writes the
			// placeholder date producers write for none, never the day it
			// was stored (a check nobody made), in data·inclusion's too.
			for _, r := range csvRows(t, export(t, s, opendata.ExportStandardCSV)) {
				if r["date_maj"] != opendata.UnknownDate {
					t.Errorf("%s: date_maj %q, want the placeholder %s", r["nom"], r["date_maj"], opendata.UnknownDate)
				}
			}
			for _, format := range []string{opendata.ExportDataInclusionStructures, opendata.ExportDataInclusionServices} {
				var docs []struct {
					Nom     string `json:"nom"`
					DateMaj string `json:"date_maj"`
				}
				if err := json.Unmarshal(export(t, s, format), &docs); err != nil || len(docs) != 2 {
					t.Fatalf("%s: %v, %d records", format, err, len(docs))
				}
				for _, d := range docs {
					if d.DateMaj != opendata.UnknownDate {
						t.Errorf("%s %s: date_maj %q, want %s", format, d.Nom, d.DateMaj, opendata.UnknownDate)
					}
				}
			}
			// Imported into another directory, the export gives back
			// undated places: not checked today.
			for _, format := range []string{opendata.ExportStandardCSV, opendata.ExportStandardJSON} {
				other := openStore(t)
				importBytes(t, other, export(t, s, format), opendata.ImportOptions{Source: "elsewhere"})
				for _, r := range csvRows(t, export(t, other, opendata.ExportQualityCSV)) {
					if r["producer_updated_on"] != "" || r["stale"] != "true" {
						t.Errorf("%s imported elsewhere: %s producer_updated_on %q stale %s, want undated and stale", format, r["nom"], r["producer_updated_on"], r["stale"])
					}
				}
			}
			for _, r := range csvRows(t, export(t, s, opendata.ExportQualityCSV)) {
				if r["producer_updated_on"] != "" || r["stale"] != "true" || !slices.Contains(strings.Split(r["missing"], "|"), models.QualityFresh) {
					t.Errorf("%s: producer_updated_on %q stale %s missing %q, want no date, stale, missing %s", r["nom"], r["producer_updated_on"], r["stale"], r["missing"], models.QualityFresh)
				}
			}
			// The export imported back changes nothing: its date_maj is
			// no producer's date.
			for _, snapshot := range []bool{false, true} {
				again := importBytes(t, s, export(t, s, opendata.ExportStandardCSV), opendata.ImportOptions{Source: "fs", Snapshot: snapshot})
				if again.Actors[models.SyncUnchanged] != 2 || len(again.Actors) != 1 {
					t.Errorf("export imported back (snapshot %v): actors %v, want 2 unchanged", snapshot, again.Actors)
				}
			}
			for _, r := range csvRows(t, export(t, s, opendata.ExportQualityCSV)) {
				if r["producer_updated_on"] != "" || r["stale"] != "true" {
					t.Errorf("%s after the export imported back: producer_updated_on %q stale %s", r["nom"], r["producer_updated_on"], r["stale"])
				}
			}
			// A person's change is a check.
			a := allActors(t, s)[0]
			if _, err := s.UpdateActor(context.Background(), a.ID, models.Precondition{}, func(a *models.Actor) error {
				a.Description = "Accueil et aide aux démarches en ligne, sur rendez-vous."
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetActor(context.Background(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if q := models.QualityOf(got, s.Now()); q.Stale || got.CheckedOnUndated {
				t.Errorf("after a person's change: stale %v undated %v, want fresh", q.Stale, got.CheckedOnUndated)
			}
		})
	}
}

// TestDatedPlacesStayFresh: a producer's date since the floor is kept and
// counts.
func TestDatedPlacesStayFresh(t *testing.T) {
	s := openStore(t)
	date := s.Now().AddDate(0, -1, 0).Format("2006-01-02")
	importBytes(t, s, datedFile(date), opendata.ImportOptions{Source: "fs"})
	for _, r := range csvRows(t, export(t, s, opendata.ExportQualityCSV)) {
		if r["producer_updated_on"] != date || r["stale"] != "false" {
			t.Errorf("%s: producer_updated_on %q stale %s, want %s and fresh", r["nom"], r["producer_updated_on"], r["stale"], date)
		}
	}
}
