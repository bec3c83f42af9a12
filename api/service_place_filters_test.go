package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
)

// TestServicePlaceFiltersReadOneAddress reproduces the h32 probe's third
// finding: GET /services filtered departement by the actor's address and
// postal_code and commune by the service's own, so a service given in
// Paris (75001) by a Marseille structure was listed for departement=13 and
// postal_code=75001, and lost by departement=75&commune=Paris; GET
// /search/services read the service's address for all. Every place filter
// of both routes now reads the service's own address when it has one,
// else its actor's.
func TestServicePlaceFiltersReadOneAddress(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	paris := str(createService(t, e, merge(validService(a, "Permanence à Paris"), obj{"address": obj{"street": "1 rue de Rivoli", "postal_code": "75001", "commune": "Paris"}}))["id"])
	home := str(createService(t, e, validService(a, "Permanence à Marseille"))["id"])
	ajaccio := str(createService(t, e, merge(validService(a, "Permanence à Ajaccio"), obj{"address": obj{"street": "1 cours Napoléon", "postal_code": "20000", "commune": "Ajaccio"}}))["id"])

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"departement=75", []string{paris}},
		{"departement=13", []string{home}},
		{"departement=2A", []string{ajaccio}},
		{"departement=Corse-du-Sud", []string{ajaccio}},
		{"departement=75&commune=Paris", []string{paris}},
		{"departement=75&postal_code=75001", []string{paris}},
		{"departement=13&postal_code=75001", nil},
		{"departement=13&commune=Marseille", []string{home}},
		{"departement=13,75", []string{paris, home}},
		{"postal_code=13002", []string{home}},
		{"commune=Paris", []string{paris}},
	} {
		for _, route := range []string{"/api/v1/services", "/api/v1/search/services"} {
			t.Run(route+"?"+tc.query, func(t *testing.T) {
				r := e.Do(apitest.Request{Method: "GET", Path: route + "?" + tc.query})
				if r.Code != 200 {
					t.Fatalf("%d %s", r.Code, r.Body)
				}
				var page struct{ Data []struct{ ID string } }
				r.JSON(&page)
				var got []string
				for _, d := range page.Data {
					got = append(got, d.ID)
				}
				slices.Sort(got)
				want := slices.Sorted(slices.Values(tc.want))
				if !slices.Equal(got, want) {
					t.Errorf("got %v, want %v (paris %s, home %s, ajaccio %s)", got, want, paris, home, ajaccio)
				}
			})
		}
	}
}
