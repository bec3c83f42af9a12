package models

import (
	"reflect"
	"strings"
	"testing"

	"carnet/models/commune"
)

// TestSettledPlaceFixedPoint holds what PrepareSyncBatch relies on to leave
// a checked record's settled place as it is (placeRead.settled): once
// normalizePlace has found the commune with no conflict or doubt and
// applied it, reconciling the place changes nothing and warns of nothing,
// and normalising it again changes nothing. Every commune of the
// reference is read with each of its postal codes (and none), its name as
// producers write it (capitals, « St » for « Saint », no accents), with
// and without its INSEE code, and with coordinates at its centre.
func TestSettledPlaceFixedPoint(t *testing.T) {
	all := commune.All()
	if len(all) < 30000 {
		t.Fatalf("the reference has %d communes", len(all))
	}
	// Every commune; one in seven under -short or the race detector
	// (the whole reference then takes 40 s, and CI runs the package twice).
	stride := 1
	if testing.Short() || raceEnabled {
		stride = 7
	}
	spelt := func(name string) string {
		s := strings.ToUpper(name)
		s = strings.ReplaceAll(s, "SAINT-", "ST ")
		return strings.NewReplacer("É", "E", "È", "E", "Ê", "E", "Â", "A", "Î", "I", "Ô", "O", "Û", "U", "Ç", "C", "-", " ").Replace(s)
	}
	settled, checked := 0, 0
	for i := 0; i < len(all); i += stride {
		c := all[i]
		city := c
		if c.IsArrondissement() {
			city = commune.ByCode(c.City)
		}
		lat, lon := c.Lat, c.Lon
		for _, pc := range append([]string{""}, c.PostalCodes...) {
			for _, in := range []struct {
				name, insee string
				coords      bool
			}{
				{spelt(city.Name), "", false},
				{spelt(city.Name), "", c.HasCentre},
				{city.Name, c.Code, false},
				{"", c.Code, c.HasCentre},
				{spelt(c.Name), c.Code, false},
			} {
				a := Actor{Address: Address{Street: "1 rue de la Mairie", PostalCode: pc, Commune: in.name, InseeCode: in.insee}, Phones: StringList{"01 23 45 67 89"}}
				if in.coords {
					a.Latitude, a.Longitude = &lat, &lon
				}
				read := a.normalizePlace()
				checked++
				if !read.settled() {
					continue
				}
				settled++
				before := a
				reconciled := a
				if w := ReconcileActorPlace(&reconciled); len(w) > 0 || !reflect.DeepEqual(reconciled, before) {
					t.Errorf("%s %q %q %q: reconciling a settled place: %v\n%+v\n%+v", c.Code, pc, in.name, in.insee, w, before.Address, reconciled.Address)
					continue
				}
				again := a
				again.normalizePlace()
				if !reflect.DeepEqual(again, before) {
					t.Errorf("%s %q %q %q: normalised again:\n%+v\n%+v", c.Code, pc, in.name, in.insee, before, again)
				}
			}
		}
	}
	t.Logf("%d addresses read, %d settled", checked, settled)
	if settled < checked/2 {
		t.Errorf("only %d of %d addresses settled: the test reads too little", settled, checked)
	}
}
