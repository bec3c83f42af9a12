package api_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/modeltest"
)

// pacaNationalEnv loads the PACA hub's file and the Conseillers numériques'
// national file of 2022, as the verification reads them.
func pacaNationalEnv(t *testing.T) *apitest.Env {
	t.Helper()
	e := pacaEnv(t)
	if _, err := modeltest.LoadStandardFile(context.Background(), e.Store, "../../shared/reference/"+modeltest.NationalFile); err != nil {
		t.Skipf("national file not loadable (%v)", err)
	}
	return e
}

// The Conseillers numériques' file labels 586 of its places « France
// Services » (the programme's own name was « Conseiller numérique France
// Services »): a bus recycling computers in Marseille is no desk for
// procedures by that label alone. And in Avignon, a place labelled Aidants
// Connect in 2022 (its label alone) came before the France Services
// declaring procedures.
func TestProbe40FranceServicesLabelOfTheProgrammeFile(t *testing.T) {
	e := pacaNationalEnv(t)
	procedures := []string{"aide-aux-demarches-administratives"}
	for _, d := range orient(t, e, obj{"needs": procedures, "limit": 50,
		"constraints": obj{"max_distance_km": 0.5}, "place": obj{"latitude": 43.325006, "longitude": 5.427688}}) {
		if s := d.(obj); strings.Contains(str(s["service"]), "Recyclo") {
			t.Errorf("Recyclo'Bus suggested for procedures: %v", s["reasons"])
		}
	}
	for _, c := range []struct {
		profile string
		place   obj
	}{{"excluded", obj{"insee_code": "84007"}}, {"hesitant", obj{"insee_code": "84007"}}, {"beginner", obj{"postal_code": "84000"}},
		{"excluded", obj{"latitude": 43.9493, "longitude": 4.8055}}, {"hesitant", obj{"latitude": 43.9420, "longitude": 4.8160}}} {
		place := c.place
		data := orient(t, e, obj{"profile": c.profile, "needs": procedures, "limit": 10, "place": place})
		if len(data) == 0 {
			t.Fatalf("%v: nothing", place)
		}
		// A place met only by its label (Aidants Connect, no theme
		// declared, no name nor kind saying so) comes after every place
		// declaring the need.
		labelOnly := ""
		for _, d := range data {
			s := d.(obj)
			name, codes := str(s["service"].(obj)["name"]), reasonCodes(d)
			if name == "Avenir84" && !strings.Contains(str(s["reasons"]), "Label Aidants Connect") {
				t.Errorf("Avenir84: %v, its label only", s["reasons"])
			}
			switch {
			case slices.Contains(codes, "needs") && labelOnly != "":
				t.Errorf("%s %v: %s (declaring procedures) after %s (met by its label only)", c.profile, place, name, labelOnly)
			case !slices.Contains(codes, "needs") && strings.Contains(str(s["reasons"]), "Label ") && labelOnly == "":
				labelOnly = name
			}
		}
	}
}

// Hours that name no PH but still say what a public holiday is: « 24/7 »
// is always, holidays included; « Dec 25 10:00-12:00 » names Christmas
// Day. A span past midnight is judged by the day it starts on: at 01:00
// on Sunday 15 August 2027 (a holiday), « Sa 20:00-02:00 » is Saturday's
// evening, while « Su 20:00-02:00 » at 01:00 on the Monday after is the
// holiday's.
func TestProbe40HolidayHoursWithoutPH(t *testing.T) {
	e := apitest.New(t)
	place := func(name, hours string) string {
		body := validActor(name)
		body["opening_hours"] = hours
		body["address"] = obj{"street": "1 place de l'Hôtel de Ville", "postal_code": "16000", "commune": "Angoulême", "insee_code": "16015"}
		return str(createActor(t, e, body)["id"])
	}
	always := place("Ferie Toujours", "24/7")
	dated := place("Ferie Noel", "Mo-Fr 09:00-17:00; Dec 25 10:00-12:00")
	saturday := place("Ferie Samedi Soir", "Sa 20:00-02:00")
	sunday := place("Ferie Dimanche Soir", "Su 20:00-02:00")
	weekdays := place("Ferie Semaine", "Mo-Su 09:00-17:00")
	for _, tc := range []struct {
		at         string
		open, shut []string
		unsure     float64
	}{
		{"2026-12-25T10:30:00+01:00", []string{always, dated}, []string{saturday, sunday, weekdays}, 1},
		{"2027-08-15T01:00:00+02:00", []string{always, saturday}, []string{sunday, dated, weekdays}, 0},
		{"2027-08-16T01:00:00+02:00", []string{always}, []string{saturday, sunday, dated, weekdays}, 1},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?" + url.Values{"q": {"ferie"}, "open_at": {tc.at}}.Encode()})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		body := r.Body.String()
		for _, id := range tc.open {
			if !strings.Contains(body, id) {
				t.Errorf("%s: %s not open", tc.at, id)
			}
		}
		for _, id := range tc.shut {
			if strings.Contains(body, id) {
				t.Errorf("%s: %s open", tc.at, id)
			}
		}
		if got := r.Map()["meta"].(obj)["holiday_unconfirmed"]; got != tc.unsure {
			t.Errorf("%s: holiday_unconfirmed %v, want %v", tc.at, got, tc.unsure)
		}
	}
}

// Mobility read from names when none is declared: a moving word that is
// part of a brand (« Recyclo'Bus », one fixed address, weekday hours) says
// nothing of moving; « Bus France Services », « Maison du Département
// Itinérante » and an itinerant service for travellers still do.
func TestProbe40ItinerantByNameNotByBrand(t *testing.T) {
	e := pacaNationalEnv(t)
	m := get(t, e, "/api/v1/search/actors?itinerant=true&limit=100")
	body := strings.ToUpper(str(m["data"]))
	if strings.Contains(body, "RECYCLO") {
		t.Error("Recyclo'Bus read as itinerant")
	}
	for _, name := range []string{"BUS FRANCE SERVICES", "MAISON DU DÉPARTEMENT ITINÉRANTE", "ITINERANCE ACCOMPAGNEMENT GENS DU VOYAGE", "EPN MAIRIEBUS", "ORDI BUS"} {
		if !strings.Contains(body, name) {
			t.Errorf("%s not itinerant", name)
		}
	}
	if got := total(m); got != 32 {
		t.Errorf("itinerant places: %v, want 32 (34 before, less Recyclo'Bus's two records)", got)
	}
}

// A Mission locale is where young people are helped into work: for
// « jeunes emploi » its records rank with the places declaring both the
// public and the need, not after all of them (Marseille: 24th to 27th).
func TestProbe40MissionsLocalesRankWithDeclaringPlaces(t *testing.T) {
	e := pacaNationalEnv(t)
	m := get(t, e, "/api/v1/search/actors?q=jeunes+emploi&commune=Marseille&limit=10")
	n := 0
	for _, d := range m["data"].([]any) {
		if strings.Contains(strings.ToUpper(str(d.(obj)["name"])), "MISSION LOCALE") {
			n++
		}
	}
	if n < 4 {
		t.Errorf("%d Missions locales in the first 10 of « jeunes emploi » in Marseille, want its 4", n)
	}
}
