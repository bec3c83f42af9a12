package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// Probe 39b through the router, on the PACA file: the France Services of
// Digne-les-Bains (named so, labelled only Conseillers numériques) is the
// first answer for help with procedures there (H3); « jeunes emploi » in
// Marseille lists its Missions locales (H2); the itinerant filter finds
// the places named as buses, whose records keep the mobility their
// producer sent (M5).
func TestProbe39cOrientationSearchAndItinerantByName(t *testing.T) {
	e := pacaEnv(t)
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{
		"profile": "excluded", "needs": []string{"aide-aux-demarches-administratives"},
		"constraints": obj{"max_distance_km": 15}, "place": obj{"latitude": 44.0925, "longitude": 6.2356}}})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	data := r.Map()["data"].([]any)
	if len(data) == 0 || !strings.Contains(str(data[0].(obj)["service"]), "France Services Digne-les-Bains") {
		t.Fatalf("orientation in Digne: %v", r.Body)
	}
	if !strings.Contains(str(data[0].(obj)["reasons"]), "need_by_kind") {
		t.Errorf("reasons: %v", data[0].(obj)["reasons"])
	}
	found := func(path, name string) {
		t.Helper()
		for _, d := range get(t, e, path)["data"].([]any) {
			if strings.Contains(strings.ToUpper(str(d)), strings.ToUpper(name)) {
				return
			}
		}
		t.Errorf("%s: no %s", path, name)
	}
	found("/api/v1/search/services?near=44.0925,6.2356&radius_km=15&q=retraite", "France Services Digne-les-Bains")
	found("/api/v1/search/actors?q=jeunes+emploi&commune=Marseille&limit=50", "Mission locale de Marseille")
	m := get(t, e, "/api/v1/search/actors?itinerant=true&limit=100")
	if total(m) == 0 {
		t.Fatal("itinerant=true: nothing")
	}
	for _, d := range m["data"].([]any) {
		if a := d.(obj); len(a["mobility"].([]any)) != 0 {
			t.Errorf("%s: mobility %v, the file gives none", a["name"], a["mobility"])
		}
	}
	found("/api/v1/search/actors?itinerant=true&limit=100", "Bus France services")
}
