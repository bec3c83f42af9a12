package opendata_test

import (
	"encoding/json"
	"testing"
	"time"

	"carnet/models/opendata"
)

// TestDataInclusionServicesDateIsTheProducers imports the PACA file and
// exports data·inclusion's services: each service's date_maj is the
// producer's date of its place, as the structure's is, not the day of the
// import (every one of the 646 services said today). Only the places
// whose producer gave no date (or a placeholder: 99 rows of 1970-01-01)
// say the day of the import, as their structures do.
func TestDataInclusionServicesDateIsTheProducers(t *testing.T) {
	b := reference(t, "data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json")
	s := openStore(t)
	importBytes(t, s, b, opendata.ImportOptions{Source: "hub"})
	type doc struct {
		ID          string `json:"id"`
		StructureID string `json:"structure_id"`
		DateMaj     string `json:"date_maj"`
	}
	var structures, services []doc
	if err := json.Unmarshal(export(t, s, opendata.ExportDataInclusionStructures), &structures); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(export(t, s, opendata.ExportDataInclusionServices), &services); err != nil {
		t.Fatal(err)
	}
	if len(services) == 0 {
		t.Fatal("no service exported")
	}
	structureDate := map[string]string{}
	for _, d := range structures {
		structureDate[d.ID] = d.DateMaj
	}
	undated := map[string]bool{}
	for _, a := range allActors(t, s) {
		undated[a.ID] = a.ProducerUpdatedOn == ""
	}
	today := time.Now().UTC().Format(time.DateOnly)
	wrong := 0
	for _, d := range services {
		if d.DateMaj == today && !undated[d.StructureID] || d.DateMaj != structureDate[d.StructureID] {
			if wrong++; wrong <= 3 {
				t.Errorf("service %s: date_maj %s, its structure's %s (today %s)", d.ID, d.DateMaj, structureDate[d.StructureID], today)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d services do not give the producer's date", wrong, len(services))
	}
}
