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
	if c := r.byCode[code]; c != nil && c.City != "" {
		code = c.City
	}
	return r.epciOf[code]
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
	if c := r.byCode[code]; c != nil && c.City != "" {
		code = c.City
	}
	return r.eptOf[code]
}
