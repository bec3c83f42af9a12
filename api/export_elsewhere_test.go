package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"carnet/api/apitest"
	"carnet/models/opendata"
)

// A service held elsewhere than its structure (a Marseille place's
// Wednesday permanence in Nice) was, in the GeoJSON export, one more
// entry of the Marseille feature's services with no address nor hours, and
// in the standard exports (one row per place) lost in the Marseille row,
// with Marseille's hours: a map put the permanence in Marseille and a
// re-import lost it. It is now a place of its own in each: a feature at
// its point, a row with its address, point and hours, the structure's name
// and its id (structure_id, structure_parente).
func TestServiceHeldElsewhereIsAPlaceOfItsOwn(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, merge(validActor("Médiathèque du Panier"), obj{"opening_hours": "Mo-Sa 09:00-19:00", "latitude": 43.2996, "longitude": 5.3786}))
	id := str(a["id"])
	createService(t, e, validService(id, "Aide sur place"))
	nice := createService(t, e, merge(validService(id, "Permanence à Nice"), obj{
		"address":  obj{"street": "1 place Masséna", "postal_code": "06000", "commune": "Nice"},
		"latitude": 43.6961, "longitude": 7.2756, "opening_hours": "We 14:00-17:00"}))

	var geo struct {
		Features []struct {
			ID       string `json:"id"`
			Geometry *struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	get := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"})
	get.JSON(&geo)
	if len(geo.Features) != 2 {
		t.Fatalf("%d features, want the place and its service elsewhere: %s", len(geo.Features), get.Body)
	}
	for _, f := range geo.Features {
		p, services := f.Properties, f.Properties["services"].([]any)
		elsewhere := f.ID == str(nice["id"])
		want := map[bool][]any{false: {43.2996, "Marseille", "Mo-Sa 09:00-19:00", "Aide sur place"}, true: {43.6961, "Nice", "We 14:00-17:00", "Permanence à Nice"}}[elsewhere]
		if f.Geometry == nil || f.Geometry.Coordinates[1] != want[0] || p["commune"] != want[1] || p["opening_hours"] != want[2] ||
			len(services) != 1 || services[0].(map[string]any)["name"] != want[3] || p["structure_id"] != id || p["name"] != "Médiathèque du Panier" {
			t.Errorf("feature %s: geometry %+v, properties %v", f.ID, f.Geometry, p)
		}
	}

	std := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-json"})
	var rows []map[string]any
	if err := json.Unmarshal(std.Body.Bytes(), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("standard-json: %v, %d rows: %s", err, len(rows), std.Body)
	}
	for _, r := range rows {
		if r["commune"] == "Nice" && (r["horaires"] != "We 14:00-17:00" || r["latitude"] != 43.6961 || r["structure_parente"] != id || r["nom"] != "Médiathèque du Panier") {
			t.Errorf("the row of the service elsewhere: %v", r)
		}
	}

	// Imported into another directory: two places, each with its address
	// and hours.
	other := apitest.New(t)
	if _, err := opendata.Import(context.Background(), other.Store, bytes.NewReader(std.Body.Bytes()), opendata.ImportOptions{Source: "elsewhere"}); err != nil {
		t.Fatal(err)
	}
	list := other.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=name", Token: other.Admin}).Map()
	hours := map[string]string{}
	for _, x := range list["data"].([]any) {
		x := x.(map[string]any)
		hours[str(x["address"].(map[string]any)["commune"])] = str(x["opening_hours"])
	}
	if hours["Nice"] != "We 14:00-17:00" || hours["Marseille"] != "Mo-Sa 09:00-19:00" {
		t.Errorf("re-imported: hours by commune %v", hours)
	}
}
