package opendata_test

import (
	"context"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// An export writes a service held elsewhere as a place of its own, under
// the service's id (see api's TestServiceHeldElsewhereIsAPlaceOfItsOwn).
// Imported back into its source, that row must not create a place in the
// service's town: it is left, and the service stays as stored.
func TestServiceElsewhereRowBackIntoItsSource(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte("id;nom;adresse;code_postal;commune;services;horaires;date_maj\n"+
		"1;Espace;1 rue A;13001;Marseille;Aide aux démarches administratives;Mo-Sa 09:00-19:00;2026-01-05\n"), opendata.ImportOptions{Source: "hub"})
	a := allActors(t, s)[0]
	lat, lon := 43.6961, 7.2756
	sv := &models.Service{ActorID: a.ID, Name: "Permanence", Kind: "one_off_help", Themes: models.StringList{"Aide aux démarches administratives"},
		Address: models.Address{Street: "1 place Masséna", PostalCode: "06000", Commune: "Nice"}, Latitude: &lat, Longitude: &lon,
		OpeningHours: "We 14:00-17:00", OnSite: true}
	if err := s.CreateService(context.Background(), sv); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{opendata.ExportStandardCSV, opendata.ExportStandardJSON} {
		for _, snapshot := range []bool{false, true} {
			rep := importBytes(t, s, export(t, s, format), opendata.ImportOptions{Source: "hub", Snapshot: snapshot})
			if rep.Actors[models.SyncCreated] != 0 || rep.Rejected != 0 || len(rep.Issues) != 0 {
				t.Errorf("%s (snapshot %v) back into its source: actors %v, %d rejected, issues %+v", format, snapshot, rep.Actors, rep.Rejected, rep.Issues)
			}
		}
	}
	actors, services := allActors(t, s), servicesByActor(t, s)
	if len(actors) != 1 || len(services[a.ID]) != 2 {
		t.Fatalf("%d places, %d services of the first", len(actors), len(services[a.ID]))
	}
	for _, got := range services[a.ID] {
		if got.ID == sv.ID && (got.Address.Commune != "Nice" || got.OpeningHours != "We 14:00-17:00" || got.ArchivedAt != nil) {
			t.Errorf("the service elsewhere after the round trip: %+v", got)
		}
	}
}
