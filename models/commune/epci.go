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
