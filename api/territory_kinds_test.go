package api_test

import (
	"testing"

	"carnet/api/apitest"
	"carnet/models/vocab"
)

// A kind means the same for places and services, in the territory
// diagnostic and in the lists its figures stand for: a service is of a
// kind when it is its own or when its accompaniment modes show it gives it
// (models.Service.FoundKinds). A workshop « En autonomie » counted 2 places
// offering equipment access through 0 services, and /services?kind= found
// none where the search found 2.
func TestTerritoryKindsAgreeWithTheLists(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Médiathèque des kinds"))
	workshop := validService(str(a["id"]), "Atelier en autonomie")
	workshop["kind"], workshop["themes"] = vocab.KindCollectiveWorkshop, []string{vocab.ThemeEverydayDigitalTools}
	workshop["accompaniment_modes"] = []string{vocab.AccompanimentAutonomous}
	createService(t, e, workshop)
	help := validService(str(a["id"]), "Aide individuelle aux démarches")
	help["kind"], help["accompaniment_modes"] = vocab.KindOneOffHelp, []string{vocab.AccompanimentIndividual}
	createService(t, e, help)

	rep := get(t, e, "/api/v1/stats/territory?departement=13")
	checked := 0
	for _, k := range rep["kinds"].([]any) {
		k := k.(map[string]any)
		kind, actors, services := str(k["value"]), k["actors"].(float64), k["services"].(float64)
		list := total(get(t, e, "/api/v1/services?departement=13&kind="+kind))
		found := total(get(t, e, "/api/v1/search/services?departement=13&kind="+kind))
		places := total(get(t, e, "/api/v1/search/actors?departement=13&kind="+kind))
		if (actors == 0) != (services == 0) || list != services || found != services || places != actors {
			t.Errorf("%s: diagnostic %v places, %v services; /services %v, search/services %v, search/actors %v",
				kind, actors, services, list, found, places)
		}
		if services > 0 {
			checked++
		}
	}
	if checked != 4 {
		t.Errorf("%d kinds with services, want 4 (workshop, equipment access, one-off help, procedures)", checked)
	}
}
