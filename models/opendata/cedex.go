package opendata

import (
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/commune"
)

// cedexAmong returns the commune of a row whose postal code is no
// commune's, a CEDEX code (« 34060 » for the CCAS of Montpellier, « 42007 »
// for the Ville de Saint-Étienne), when the place's name or complement, or
// the town after a postal code that ends the address line (« 1 place
// Châtelet 28028 Chartres »), names one commune of the code's département
// and no other; and its resolution with the row's other readings. No table
// mapping CEDEX codes to communes is published within reach (La Poste's
// base of postal codes, and the codes-postaux package built on the COG,
// list none), so the département is all the code says. The street line's
// other words are not read (a street's name is a person's or a place's:
// « rue de Lunel » in Montpellier). Nil when the code is a commune's or of
// no département, when no commune or several are named (a name within a
// longer one found is that one's word, as in namedAmong), or when the
// other readings disagree.
func cedexAmong(a *models.Actor, pc, cityInStreet string) (*commune.Commune, commune.Resolution) {
	if pc == "" || len(commune.ByPostalCode(pc)) > 0 {
		return nil, commune.Resolution{}
	}
	dep := commune.DepartementOfPostalCode(pc)
	if dep == "" {
		return nil, commune.Resolution{}
	}
	_, text, _ := placeTexts(a)
	town := commune.Key(cityInStreet)
	var named []*commune.Commune
	for _, c := range commune.InDepartement(dep) {
		k := commune.Key(c.Name)
		if len(k) < 4 {
			continue
		}
		if town != "" && designates(cityInStreet, c) || slices.ContainsFunc(contractedForms(k), func(form string) bool { return strings.Contains(text, " "+form+" ") }) {
			named = append(named, c)
		}
	}
	found := longestNaming(named)
	if found == nil {
		return nil, commune.Resolution{}
	}
	// The reference resolves no name alone: the commune's own code, with
	// the row's INSEE code (which must be the same commune's) and its
	// coordinates.
	if code := a.Address.InseeCode; code != "" {
		if c := commune.ByCode(code); c == nil || cityOfCode(c) != found {
			return nil, commune.Resolution{}
		}
	}
	r := commune.Resolve(commune.Address{Name: found.Name, INSEE: found.Code, Lat: a.Latitude, Lon: a.Longitude})
	if r.Commune == nil || r.City() != found || len(r.Conflicts) > 0 || len(r.Doubts) > 0 {
		return nil, commune.Resolution{}
	}
	return found, r
}
