package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// relaxationText posts an orientation request that matches nothing and
// returns the text of its relaxation of constraint ("" when absent).
func relaxationText(t *testing.T, e *apitest.Env, body obj, constraint string) (string, obj) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: body})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	meta := r.Map()["meta"].(obj)
	if meta["matching"].(float64) != 0 {
		t.Fatalf("matching %v: the test wants an empty answer", meta["matching"])
	}
	for _, x := range meta["relaxations"].([]any) {
		if rx := x.(obj); rx["constraint"] == constraint {
			return str(rx["text"]), rx
		}
	}
	return "", nil
}

// TestRelaxationsSayWhatTheRecordsSay reproduces probe 39b's M6 and L1:
// an empty answer on a language said « 15 dans une autre langue » when no
// record declares any language, a relaxation of « when » named 3 places
// open on weekdays while 7 matched (the 4 without hours unsaid), and a
// relaxation of distance proposed the nearest place 400 km away.
func TestRelaxationsSayWhatTheRecordsSay(t *testing.T) {
	e := apitest.New(t)
	angouleme := obj{"latitude": 45.6484, "longitude": 0.1562}
	add := func(name, hours string, langs []string) {
		body := validActor(name)
		body["address"] = obj{"street": "1 place de l'Hôtel de Ville", "postal_code": "16000", "commune": "Angoulême", "insee_code": "16015"}
		body["latitude"], body["longitude"] = 45.6484, 0.1562
		if hours != "" {
			body["opening_hours"] = hours
		}
		sv := validService(str(createActor(t, e, body)["id"]), name)
		if langs != nil {
			sv["languages"] = langs
		}
		createService(t, e, sv)
	}
	add("Sans langue en semaine", "Mo-Fr 09:00-12:00", nil)
	add("Sans langue ni horaires", "", nil)
	add("Anglais en semaine", "Mo-Fr 09:00-12:00", []string{"en"})

	text, _ := relaxationText(t, e, obj{"place": angouleme, "constraints": obj{"languages": []string{"ar"}}}, "languages")
	if !strings.Contains(text, "1 dans une autre langue") || !strings.Contains(text, "2 sans langue indiquée") {
		t.Errorf("languages: %q", text)
	}

	text, _ = relaxationText(t, e, obj{"place": angouleme, "constraints": obj{"when": []string{"saturday"}}}, "when")
	if !strings.Contains(text, "2 le sont en semaine") || !strings.Contains(text, "1 sans horaires connus") {
		t.Errorf("when: %q", text)
	}

	// From Strasbourg, the nearest place is some 700 km away: useless.
	text, rx := relaxationText(t, e, obj{"place": obj{"latitude": 48.5734, "longitude": 7.7521}}, "max_distance_km")
	if strings.Contains(text, "la plus proche") || !strings.Contains(text, "100 km") || rx["matching"].(float64) != 0 {
		t.Errorf("distance: %q (%v)", text, rx)
	}
	// From Cognac (some 40 km), the nearest is named.
	text, _ = relaxationText(t, e, obj{"place": obj{"latitude": 45.6958, "longitude": -0.3287}}, "max_distance_km")
	if !strings.Contains(text, "la plus proche est à") {
		t.Errorf("distance from Cognac: %q", text)
	}
}
