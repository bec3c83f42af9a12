package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestOrientationPostalCodeMeasuresFromItsMainCommune reproduces probe
// 39b's M3: a place given by postal code was measured from the code's
// first commune (16700: Les Adjots, 538 inhabitants, not Ruffec; 05000:
// La Bâtie-Vieille, not Gap), so the Communauté de communes in Ruffec
// itself read « À 5,2 km ». The code's most populous commune is used (an
// arrondissement for the codes of Paris, Lyon and Marseille), and the
// answer says which (meta.measured_from).
func TestOrientationPostalCodeMeasuresFromItsMainCommune(t *testing.T) {
	e := apitest.New(t)
	body := validActor("Communauté de communes Val de Charente")
	body["address"] = obj{"street": "8 rue du Docteur Gaston Jacquemin", "postal_code": "16700", "commune": "Ruffec", "insee_code": "16292"}
	body["latitude"], body["longitude"] = 46.0297, 0.1986
	createService(t, e, validService(str(createActor(t, e, body)["id"]), "Aide aux démarches Ruffec"))

	for _, tc := range []struct{ postal, insee, name string }{
		{"16700", "16292", "Ruffec"},
		{"05000", "05061", "Gap"},
		{"04000", "04070", "Digne-les-Bains"},
		{"13090", "13001", "Aix-en-Provence"},
		{"84000", "84007", "Avignon"},
		{"97100", "97105", "Basse-Terre"},
		{"13002", "13202", "Marseille 2e Arrondissement"},
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{"place": obj{"postal_code": tc.postal}}})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		m := r.Map()
		from, _ := m["meta"].(obj)["measured_from"].(obj)
		if from == nil || from["insee_code"] != tc.insee || from["name"] != tc.name {
			t.Errorf("%s: measured from %v, want %s (%s)", tc.postal, from, tc.name, tc.insee)
		}
		if tc.postal != "16700" {
			continue
		}
		data := m["data"].([]any)
		if len(data) != 1 {
			t.Fatalf("16700: %v", data)
		}
		if d := data[0].(obj)["distance_km"].(float64); d > 1 {
			t.Errorf("16700: the place in Ruffec is %v km away", d)
		}
	}
	// Coordinates are the place itself: nothing to say.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: obj{"place": obj{"latitude": 46.03, "longitude": 0.2}}})
	if from := r.Map()["meta"].(obj)["measured_from"]; from != nil {
		t.Errorf("coordinates: measured_from %v", from)
	}
}
