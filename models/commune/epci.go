package commune

// EPCI is an intercommunality with its own taxation (établissement public
// de coopération intercommunale à fiscalité propre: a métropole, a
// communauté urbaine, d'agglomération or de communes), as
// @etalab/decoupage-administratif publishes it from the DGCL's BANATIC:
// every commune of metropolitan France and the DROM belongs to one (Paris
// to the Métropole du Grand Paris), but for the islands of Yeu, Bréhat,
// Sein and Ouessant; the overseas collectivities have none. Values are
// shared: never modify one.
type EPCI struct {
	Code    string   // SIREN
	Name    string   // official name (« CA du Pays Basque », « Bordeaux Métropole »)
	Members []string // INSEE codes of its communes, sorted (cities, not arrondissements)
}

// EPCIs returns every intercommunality, ordered by SIREN.
func EPCIs() []EPCI { return get().epcis }

// EPCIOf returns the SIREN of the intercommunality a commune belongs to (an
// arrondissement: its city's), or "" when it belongs to none or the code
// is unknown.
func EPCIOf(code string) string {
	r := get()
	return r.epciOf[r.cityCode(code)]
}

// cityCode is an arrondissement's city's code, any other code itself.
func (r *reference) cityCode(code string) string {
	if c := r.byCode[code]; c != nil && c.City != "" {
		return c.City
	}
	return code
}

// EPTs returns the territories of the Métropole du Grand Paris
// (établissements publics territoriaux: Est Ensemble, Plaine Commune,
// Grand-Orly Seine Bièvre…), ordered by SIREN, as
// @etalab/decoupage-administratif publishes them from INSEE's list: eleven,
// of 130 communes of the Hauts-de-Seine, Seine-Saint-Denis, Val-de-Marne
// and a few of the Essonne and Val-d'Oise; Paris, the twelfth territory, is
// a commune. Their communes are also the Métropole's (EPCIOf): an EPT is
// an intercommunality without its own taxation. Values are shared: never
// modify one.
func EPTs() []EPCI { return get().epts }

// EPTOf returns the SIREN of the Grand Paris territory a commune belongs
// to, or "" when it belongs to none or the code is unknown.
func EPTOf(code string) string {
	r := get()
	return r.eptOf[r.cityCode(code)]
}

// Locality is a place inside a commune that La Poste names as a postal
// code's delivery name (libellé d'acheminement, codes-postaux 4.1.2):
// Montfavet is Avignon's 84140, La Bocca Cannes's 06150, Puyricard and Les
// Milles Aix-en-Provence's 13540 and 13290. Only codes serving that
// commune alone, and names that are no spelling of the commune nor any
// commune's name (see the generator's localities).
type Locality struct {
	PostalCode string
	Name       string // folded: lower case, no accents, single spaces (« la bocca »)
	Commune    string // INSEE code
}

// Localities returns the localities inside communes, ordered by postal
// code. Values are shared: never modify one.
func Localities() []Locality { return get().localities }
