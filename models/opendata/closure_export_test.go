package opendata_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// A temporarily closed place was exported by the standard and
// data·inclusion with its usual hours and nothing else (neither has a
// closure field), so an import of the file said it open during the
// closure. Its hours now end with an OSM rule closing the closure's days,
// which a re-import keeps: never open during the closure.
func TestClosureTravelsInTheHours(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte("id;nom;adresse;code_postal;commune;services;horaires;date_maj\n"+
		"1;Espace fermé;1 rue A;13001;Marseille;Aide aux démarches administratives;Mo-Sa 09:00-19:00;2026-01-05\n"+
		"2;Espace ouvert;2 rue A;13001;Marseille;Aide aux démarches administratives;Mo-Sa 09:00-19:00;2026-01-05\n"), opendata.ImportOptions{Source: "fs"})
	paris, _ := time.LoadLocation("Europe/Paris")
	now := s.Now().In(paris)
	day := func(d int) time.Time { return time.Date(now.Year(), now.Month(), now.Day()+d, 10, 0, 0, 0, paris) }
	var closed string
	for _, a := range allActors(t, s) {
		if a.SourceID != "1" {
			continue
		}
		closed = a.ID
		if _, err := s.UpdateActor(context.Background(), a.ID, models.Precondition{}, func(a *models.Actor) error {
			a.Status, a.ClosedFrom, a.ClosedUntil, a.ClosureReason = vocab.ActorTemporarilyClosed,
				day(-2).Format(time.DateOnly), day(3).Format(time.DateOnly), "Travaux"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	// openDuring says whether hours (as exported) are open two days into
	// the closure, and on the day after it ends.
	openDuring := func(t *testing.T, what, hours string) (during, after bool) {
		t.Helper()
		h, err := openinghours.Parse(hours)
		if err != nil {
			t.Fatalf("%s: hours %q: %v", what, hours, err)
		}
		// A Sunday is closed anyway: take the next weekday.
		during, after = h.OpenAt(day(0)) || h.OpenAt(day(1)), h.OpenAt(day(4)) || h.OpenAt(day(5))
		return during, after
	}
	for _, format := range []string{opendata.ExportStandardCSV, opendata.ExportStandardJSON} {
		out := export(t, s, format)
		other := openStore(t)
		importBytes(t, other, out, opendata.ImportOptions{Source: "elsewhere"})
		for _, a := range allActors(t, other) {
			during, after := openDuring(t, format+" "+a.Name, a.OpeningHours)
			if a.SourceID == "1" && (during || !after) || a.SourceID != "1" && !during {
				t.Errorf("%s re-imported, %s: hours %q open during the closure %v, after %v", format, a.Name, a.OpeningHours, during, after)
			}
		}
	}
	for _, format := range []string{opendata.ExportDataInclusionStructures, opendata.ExportDataInclusionServices} {
		var docs []struct {
			ID          string `json:"id"`
			StructureID string `json:"structure_id"`
			Horaires    string `json:"horaires_accueil"`
		}
		if err := json.Unmarshal(export(t, s, format), &docs); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			of := d.StructureID + d.ID
			during, _ := openDuring(t, format, d.Horaires)
			if strings.Contains(of, closed) == during {
				t.Errorf("%s %s: hours %q open during the closure %v", format, of, d.Horaires, during)
			}
		}
	}
}
