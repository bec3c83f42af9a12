package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestGeoJSONZoneAndClosure: a map app reading the GeoJSON export shows
// « open now » from opening_hours; overseas, the hours are in another
// zone, which the export did not give (HSDS says it), and a closure the
// API gives (closed_from, closed_until, closure_reason) was missing, so a
// place closed for works was shown open on its hours.
func TestGeoJSONZoneAndClosure(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, merge(validActor("Cyberbase du Lamentin"), obj{
		"address":  obj{"street": "1 rue Schœlcher", "postal_code": "97232", "commune": "Le Lamentin"},
		"latitude": 14.61, "longitude": -60.99, "opening_hours": "Mo-Fr 08:00-12:00",
		"closed_from": "2030-01-05", "closed_until": "2030-02-27", "closure_reason": "Travaux",
	}))
	createActor(t, e, validActor("Médiathèque de Marseille"))
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var doc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	r.JSON(&doc)
	want := map[string]map[string]any{
		"Cyberbase du Lamentin":    {"time_zone": "America/Martinique", "closed_from": "2030-01-05", "closed_until": "2030-02-27", "closure_reason": "Travaux"},
		"Médiathèque de Marseille": {"time_zone": "Europe/Paris", "closed_from": "", "closed_until": "", "closure_reason": ""},
	}
	for _, f := range doc.Features {
		w, ok := want[str(f.Properties["name"])]
		if !ok {
			continue
		}
		delete(want, str(f.Properties["name"]))
		for k, v := range w {
			if f.Properties[k] != v {
				t.Errorf("%s: %s = %v, want %v", f.Properties["name"], k, f.Properties[k], v)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("not exported: %v", want)
	}
}

// TestGeoJSONCarriesVersionAndCheckedBy (session 41): the README tells a
// copy to compare versions, not times, but the GeoJSON export had no
// version, and it wrote checked_on without saying whose date it is
// (checked_by), which the API and the quality list say. Each feature now
// carries both, as GET /api/v1/actors/{id} gives them to anyone.
func TestGeoJSONCarriesVersionAndCheckedBy(t *testing.T) {
	e := apitest.New(t)
	made := str(createActor(t, e, validActor("Médiathèque de Marseille"))["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + made, Token: e.Admin, Body: obj{"opening_hours": "Mo-Fr 09:00-12:00"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	row := merge(partnerActor("cn-7", "Espace numérique d'Aubagne"), obj{"producer": "conseiller-numerique", "producer_updated_on": "2023-02-22"})
	synced := syncActors(t, e, "", row).Results[0].ID
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var doc struct {
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	r.JSON(&doc)
	seen := 0
	for _, f := range doc.Features {
		if f.ID != made && f.ID != synced {
			continue
		}
		seen++
		api := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + f.ID}).Map()
		for _, k := range []string{"version", "checked_by", "checked_on"} {
			got, ok := f.Properties[k]
			if !ok || got != api[k] {
				t.Errorf("%s: %s = %v (present %v), the API says %v", f.Properties["name"], k, got, ok, api[k])
			}
		}
	}
	if seen != 2 {
		t.Fatalf("%d of the 2 places exported", seen)
	}
}
