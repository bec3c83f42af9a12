package api_test

import (
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestOpenAtPublicHolidayNeedsPH reproduces probe 39b's H1: on a public
// holiday of the place's territory, open_at read hours that say nothing
// of public holidays as on an ordinary day, so every real record (none
// names PH) was « open » on Christmas Day, on Alsace-Moselle's 26
// December and on each overseas abolition day. A place is open on a
// public holiday only when its hours say so (a PH rule); the others are
// left out and counted in meta.holiday_unconfirmed, with a French note.
func TestOpenAtPublicHolidayNeedsPH(t *testing.T) {
	e := apitest.New(t)
	at := func(name, hours, street, postal, commune, insee string) (string, string) {
		body := validActor(name)
		body["opening_hours"] = hours
		body["address"] = obj{"street": street, "postal_code": postal, "commune": commune, "insee_code": insee}
		id := str(createActor(t, e, body)["id"])
		return id, str(createService(t, e, validService(id, name+" démarches"))["id"])
	}
	silentA, silentS := at("Ferie Muet Angouleme", "Mo-Su 09:00-17:00", "1 place de l'Hôtel de Ville", "16000", "Angoulême", "16015")
	phOpenA, phOpenS := at("Ferie Ouvert Angouleme", "Mo-Su 09:00-17:00; PH 10:00-12:00", "2 place de l'Hôtel de Ville", "16000", "Angoulême", "16015")
	phOffA, phOffS := at("Ferie Ferme Angouleme", "Mo-Su 09:00-17:00; PH off", "3 place de l'Hôtel de Ville", "16000", "Angoulême", "16015")
	strasA, strasS := at("Ferie Muet Strasbourg", "Mo-Su 09:00-17:00", "1 place Kléber", "67000", "Strasbourg", "67482")
	guadA, guadS := at("Ferie Muet Pointe", "Mo-Su 09:00-17:00", "1 rue Frébault", "97110", "Pointe-à-Pitre", "97120")
	search := func(path, at string) (string, obj) {
		r := e.Do(apitest.Request{Method: "GET", Path: path + "?" + url.Values{"q": {"ferie"}, "open_at": {at}}.Encode()})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		return r.Body.String(), r.Map()["meta"].(obj)
	}
	for _, tc := range []struct {
		name       string
		at         string
		open, shut [][2]string
		unsure     float64
	}{
		{"Christmas Day", "2026-12-25T10:30:00+01:00",
			[][2]string{{phOpenA, phOpenS}}, [][2]string{{silentA, silentS}, {phOffA, phOffS}, {strasA, strasS}}, 2},
		{"Christmas Eve", "2026-12-24T10:30:00+01:00",
			[][2]string{{silentA, silentS}, {phOpenA, phOpenS}, {phOffA, phOffS}, {strasA, strasS}}, nil, 0},
		{"26 December, a holiday in Alsace-Moselle only", "2026-12-26T10:30:00+01:00",
			[][2]string{{silentA, silentS}, {phOpenA, phOpenS}, {phOffA, phOffS}}, [][2]string{{strasA, strasS}}, 1},
		{"27 May, the abolition day in Guadeloupe", "2027-05-27T10:30:00-04:00",
			nil, [][2]string{{guadA, guadS}}, 1},
		{"28 May in Guadeloupe", "2027-05-28T10:30:00-04:00",
			[][2]string{{guadA, guadS}}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i, path := range []string{"/api/v1/search/actors", "/api/v1/search/services"} {
				body, meta := search(path, tc.at)
				for _, ids := range tc.open {
					if !strings.Contains(body, ids[i]) {
						t.Errorf("%s: %s not found open", path, ids[i])
					}
				}
				for _, ids := range tc.shut {
					if strings.Contains(body, ids[i]) {
						t.Errorf("%s: %s found open", path, ids[i])
					}
				}
				if got := meta["holiday_unconfirmed"]; got != tc.unsure {
					t.Errorf("%s: holiday_unconfirmed %v, want %v", path, got, tc.unsure)
				}
				note, _ := meta["holiday_note"].(string)
				if (tc.unsure > 0) != strings.Contains(note, "Jour férié") && strings.Contains(note, "horaires non confirmés") {
					t.Errorf("%s: holiday_note %q", path, note)
				}
			}
		})
	}
}
