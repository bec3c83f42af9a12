package models

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"carnet/models/commune"
)

// TestRenormalizePlaceAsBefore: a reconciled place whose address and point
// reconciling left as read is renormalised with the resolution read, and
// ends as when its address was resolved again (ResolveCommune): the same
// address, département and phones, over addresses that conflict or are
// doubted in every way the synthetic file and the reference make them.
func TestRenormalizePlaceAsBefore(t *testing.T) {
	all := commune.All()
	r := rand.New(rand.NewPCG(48, 11))
	carried, compared := 0, 0
	for i := 0; i < 4000; i++ {
		c := all[r.IntN(len(all))]
		pc := ""
		if len(c.PostalCodes) > 0 {
			pc = c.PostalCodes[r.IntN(len(c.PostalCodes))]
		}
		name, insee := c.Name, c.Code
		switch r.IntN(6) {
		case 0: // a commune named with a number, as the synthetic file's
			name = fmt.Sprintf("%s %d", c.Name, r.IntN(600))
		case 1: // an INSEE code of another commune
			insee = all[r.IntN(len(all))].Code
		case 2: // a postal code of another commune
			if o := all[r.IntN(len(all))]; len(o.PostalCodes) > 0 {
				pc = o.PostalCodes[0]
			}
		case 3: // no INSEE code
			insee = ""
		case 4: // a name of no commune
			name = "Quartier de la Gare"
		}
		a := Actor{Name: "Espace numérique", Address: Address{Street: "12 rue de la République", PostalCode: pc, Commune: name, InseeCode: insee}, Phones: StringList{"04 91 00 00 00"}}
		if c.HasCentre && r.IntN(5) > 0 {
			// From the centre to 60 km away: agreeing, doubted, conflicting.
			lat, lon := c.Lat+(r.Float64()-0.5)*r.Float64(), c.Lon+(r.Float64()-0.5)*r.Float64()
			a.Latitude, a.Longitude = &lat, &lon
		}
		if a.NormalizeChecked() != nil || a.placeRead.settled() {
			continue
		}
		ReconcileActorPlace(&a)
		before := a
		before.placeRead = placeRead{} // resolved again, as before
		before.renormalizePlace()
		if _, same := a.placeRead.of(a.Address, a.Latitude, a.Longitude); same {
			carried++
		}
		a.renormalizePlace()
		compared++
		if !reflect.DeepEqual(a.Address, before.Address) || a.Departement != before.Departement || !reflect.DeepEqual(a.Phones, before.Phones) {
			t.Errorf("%+v %v %v: renormalised with the resolution read\n%+v %s %v\nresolved again\n%+v %s %v",
				c.Code, pc, name, a.Address, a.Departement, a.Phones, before.Address, before.Departement, before.Phones)
		}
	}
	t.Logf("%d reconciled places compared, %d with the resolution read", compared, carried)
	if carried < 100 || compared-carried < 100 {
		t.Fatalf("%d of %d with the resolution read: the test reads too few of either kind", carried, compared)
	}
}
