package opendata

import (
	"fmt"
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/commune"
)

// epciAmong returns the one commune of cands that belongs to the
// intercommunality whose SIRET the row gives (an EPCI's SIREN: Aidants
// Connect's « Maison de la Morinie » gives the Pays de Saint-Omer's), and
// its resolution with the row's other readings, with the intercommunality
// for the warning. A postal code is mostly shared by communes of one
// intercommunality, but where it spans two, only one of its communes may
// be the operator's (62219: Longuenesse, of the Pays de Saint-Omer, and
// Wisques, of another). Nil when the SIRET is no intercommunality's, when
// none or several of cands belong to it, or when the other readings
// disagree. The intercommunality's name in the place's name is not read
// so: « Clic La Roche aux Fées » (35130) names the territory its CLIC
// serves, which holds one commune of the postal code (Arbrissel), but
// stands in another (La Guerche-de-Bretagne), and a France Services
// named after its territory is no better.
func epciAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution, *commune.EPCI) {
	if len(cands) < 2 || len(a.Pivot) < 9 {
		return nil, commune.Resolution{}, nil
	}
	all := commune.EPCIs()
	i, ok := slices.BinarySearchFunc(all, a.Pivot[:9], func(e commune.EPCI, siren string) int { return strings.Compare(e.Code, siren) })
	if !ok {
		return nil, commune.Resolution{}, nil
	}
	e := &all[i]
	var member *commune.Commune
	for _, c := range cands {
		if _, ok := slices.BinarySearch(e.Members, c.CityCode()); ok {
			if member != nil {
				return nil, commune.Resolution{}, nil
			}
			member = c
		}
	}
	c, r := agreeing(member, a, pc)
	if c == nil {
		return nil, commune.Resolution{}, nil
	}
	return c, r, e
}

// epciWarning is the warning of a commune epciAmong derived.
func epciWarning(c *commune.Commune, code, pc string, e *commune.EPCI) string {
	return fmt.Sprintf("missing: %s (INSEE %s), the only one of the communes of postal code %s that belongs to the intercommunality whose SIRET the row gives (%s, SIREN %s), from the commune reference", c.Name, code, pc, e.Name, e.Code)
}
