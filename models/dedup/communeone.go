package dedup

import "slices"

// A commune has one CCAS (centre communal d'action sociale: one public
// body per commune, by law). Two records that name themselves the
// commune's CCAS and nothing else (bareCCAS), each the only such location
// of its source in the commune, both placed by coordinates within
// candidateRadius, are that body's, whatever their two addresses say: the
// national file writes it at its SIRET's address (the hôtel de ville), a
// hub at the premises it receives the public in, or a geocoder puts one of
// them across the town (« CCAS de LIMOGES » and « CENTRE COMMUNAL D'ACTION
// SOCIALE », 1.4 km; « CCAS BIARRITZ » square d'Ixelles and « COMMUNE DE
// BIARRITZ - CCAS » at the hôtel de ville, 59 m). A source listing two such
// places in the commune says nothing of which one the other means; a
// CCAS's record with a name of its own (« CCAS de Limoges - Épicerie
// sociale ») names a site, not the body. Without coordinates (Aidants
// Connect's list gives none), a CCAS written at another street of the
// commune is read as its labelled set reads it, another of its addresses:
// SIRENE's seat and a reception desk elsewhere in town are two places
// there (the CCAS of Vitry-le-François at the hôtel de ville and rue de
// l'Arquebuse), which coordinates would have said.

var ccasKey = stem("ccas")

// bareCCAS says whether q's name is its commune's CCAS and nothing else:
// the CCAS (« Centre communal d'action sociale », « CTRE COM ACTION
// SOCIALE », folded to one word), the commune's name, and the commune's
// own (« COMMUNE DE BIARRITZ - CCAS »), not a travelling one.
func bareCCAS(q *prepared) bool {
	if q.mobile || q.town == "" || !slices.Contains(q.name, ccasKey) {
		return false
	}
	return !slices.ContainsFunc(q.name, func(w string) bool { return w != ccasKey && w != mairieKey && !q.commune[w] })
}

// ccasGroup is the key under which a source's CCAS of one commune are
// counted (Block.ccasSites): its source and its commune's INSEE code, or
// its commune's name when the code is unknown; "" when q is no bare CCAS.
func ccasGroup(q *prepared) string {
	if !bareCCAS(q) {
		return ""
	}
	return sourceTown(q)
}

// sourceTown is q's source and its commune's INSEE code, or its commune's
// name when the code is unknown: the key under which the places of one
// kind are counted per source and commune.
func sourceTown(q *prepared) string {
	town := q.city
	if town == "" {
		town = q.town
	}
	return q.Source + "\x00" + town
}

// countCCASSites counts the distinct locations (oneLocation) of each
// source's CCAS in each commune: a hub that lists its CCAS three times at
// one address lists one. It returns the places of each group too, for
// Related: a CCAS written or archived changes what the others of its
// source and commune are.
func countCCASSites(places []*prepared) (map[string]int, map[string][]*prepared) {
	return countSites(places, ccasGroup)
}

// countSites counts the distinct locations (oneLocation) of the places of
// each group (group returns "" for a place of none), and lists the places
// of each group.
func countSites(places []*prepared, group func(*prepared) string) (map[string]int, map[string][]*prepared) {
	sites, all := map[string][]*prepared{}, map[string][]*prepared{}
	for _, q := range places {
		g := group(q)
		if g == "" {
			continue
		}
		all[g] = append(all[g], q)
		if !slices.ContainsFunc(sites[g], func(o *prepared) bool { return oneLocation(o, q) }) {
			sites[g] = append(sites[g], q)
		}
	}
	out := make(map[string]int, len(sites))
	for g, qs := range sites {
		out[g] = len(qs)
	}
	return out, all
}

// oneCCASOfCommune says whether a and c are their commune's one CCAS (see
// above).
func (b *Block) oneCCASOfCommune(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !hasD || d > candidateRadius || a.city != "" && c.city != "" && a.city != c.city || !sameTown(a, c, d, hasD) {
		return false
	}
	if !bareCCAS(a) || !bareCCAS(c) {
		return false // the groups' keys are built for the few CCAS only
	}
	return b.ccasSites[ccasGroup(a)] == 1 && b.ccasSites[ccasGroup(c)] == 1
}
