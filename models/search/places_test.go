package search_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/search"
)

// loadRecords imports records of the national standard into a fresh store
// and indexes it.
func loadRecords(t *testing.T, records []map[string]string) *search.Memory {
	t.Helper()
	s := openStore(t)
	path := filepath.Join(t.TempDir(), "lieux.json")
	b, err := json.Marshal(records)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := modeltest.LoadStandardFile(context.Background(), s, path)
	if err != nil || rep.Loaded != len(records) {
		t.Fatalf("loaded %d of %d: %v %v", rep.Loaded, len(records), err, rep.Skipped)
	}
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func record(id, name, commune, postal, street string, extra ...string) map[string]string {
	r := map[string]string{"id": id, "nom": name, "commune": commune, "code_postal": postal, "adresse": street,
		"services": "Aide aux démarches administratives", "source": "test", "date_maj": "2023-05-11"}
	for i := 0; i+1 < len(extra); i += 2 {
		r[extra[i]] = extra[i+1]
	}
	return r
}

func actorNames(r search.Result[models.Actor]) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Item.Name)
	}
	return out
}

// A place is found by what its services offer: a helper searching places
// for « seniors » or « malvoyant » wants a place serving them, and the
// filters on actors mean « offers a service with one of these values ».
func TestPlacesAreFoundByWhatTheirServicesOffer(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a", "Espace numérique Bellevue", "Marseille", "13003", "12 rue Bellevue",
			"publics_specifiquement_adresses", "Seniors", "prise_en_charge_specifique", "Déficience visuelle"),
		record("b", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur"),
	})
	ctx := context.Background()
	for _, tc := range []struct {
		q    search.Query
		want []string
	}{
		{search.Query{Text: "seniors"}, []string{"Espace numérique Bellevue"}},
		{search.Query{Text: "personnes âgées"}, []string{"Espace numérique Bellevue"}},
		{search.Query{Text: "malvoyant"}, []string{"Espace numérique Bellevue"}},
		{search.Query{Filters: map[string][]string{search.FieldPublics: {"Seniors"}}}, []string{"Espace numérique Bellevue"}},
		{search.Query{Filters: map[string][]string{search.FieldSpecificSupport: {"Déficience visuelle"}}}, []string{"Espace numérique Bellevue"}},
	} {
		r, err := m.SearchActors(ctx, tc.q)
		if err != nil {
			t.Fatalf("%+v: %v", tc.q, err)
		}
		if got := actorNames(r); len(got) != len(tc.want) || got[0] != tc.want[0] {
			t.Errorf("%+v: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// Only a commune of the official reference is a place a query can name:
// a source's « Mairie » in the commune field (an unresolved address) does
// not turn the word « mairie » into a filter on that one record, and a
// commune whose name is also a need (« Cours ») does not hide the need.
func TestOnlyRealCommunesArePlacesOfAQuery(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a", "Mairie de Maurens", "Mairie", "24140", "centre"),
		record("b", "Mairie de Bergerac", "Bergerac", "24100", "19 rue Neuve d'Argenson", "typologie", "MUNI"),
		record("c", "Mairie de Sarlat", "Sarlat-la-Canéda", "24200", "Place de la Liberté", "typologie", "MUNI"),
		record("d", "Foyer rural", "Cours", "79220", "1 place de l'Église"),
		record("e", "Cours d'informatique du Centre social", "Niort", "79000", "3 rue de la Gare",
			"modalites_accompagnement", "Dans un atelier collectif"),
	})
	ctx := context.Background()
	r, err := m.SearchActors(ctx, search.Query{Text: "mairie"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 3 || len(r.NamedPlaces) != 0 {
		t.Errorf("mairie: %d results %v, named places %+v; want the three town halls and no place", r.Total, actorNames(r), r.NamedPlaces)
	}
	r, err = m.SearchActors(ctx, search.Query{Text: "cours"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NamedPlaces) != 0 || r.Total < 2 || r.Hits[0].Item.Name != "Cours d'informatique du Centre social" {
		t.Errorf("cours: %v, named places %+v; want the course first, not a filter on Cours", actorNames(r), r.NamedPlaces)
	}
	// A commune that is only a commune is still a place filter.
	r, err = m.SearchActors(ctx, search.Query{Text: "bergerac"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NamedPlaces) != 1 || !r.NamedPlaces[0].Filter || r.Total != 1 {
		t.Errorf("bergerac: %v, named places %+v", actorNames(r), r.NamedPlaces)
	}
}
