package dedup

// The France Services label is granted to a site, and a commune's France
// Services is listed once by France Services' own list; a commune seldom
// has two, and then the list names them apart (« Colombes - Louis
// Aragon », « Colombes - Jules Michelet »). Two records that name
// themselves a France Services, under names that agree, each the only
// France Services location of its source in the commune, are that one
// service, whatever their two addresses say: one producer gives the
// address it was told when it registered (the mairie's square, SIRENE's
// seat), the other the premises the service has since moved to (« France
// Services du Pays de la Châtaigneraie », 24 chemin de la Taillée and 7
// place de la République; Luzy, Montlouis-sur-Loire, Fauquembergues,
// Bléneau, Loches, Boissy-sous-Saint-Yon's MSAP: the labelled sets read
// them as one, and a list without coordinates, Aidants Connect's, gives
// no distance to say it). Coordinates on both sides farther apart than
// namesakeRadius say two locations, an old one and a new one (Hub LO's
// « MSAP LOCHES » of 2022 at 7 rue de Tours, the France Services of
// Loches 690 m away in the national file, labelled two places): the rule
// stands where they are missing. The rarity is the evidence, as for the
// commune's one CCAS (oneCCASOfCommune): a source listing two France
// Services in the commune says nothing of which one the other means, and
// a travelling one (a bus and its stops) is no site. Two private bodies'
// SIRENs (two operators) say two services.

// franceServicesGroup is the key under which a source's France Services of
// one commune are counted (Block.fsSites): its source and its commune's
// INSEE code, or its commune's name when the code is unknown; "" when q
// does not name itself a France Services or travels.
func franceServicesGroup(q *prepared) string {
	if !q.franceServices || q.mobile || q.town == "" {
		return ""
	}
	return sourceTown(q)
}

// countFranceServicesSites counts the distinct locations (oneLocation) of
// each source's France Services in each commune, and lists the places of
// each group, for Related (as countCCASSites).
func countFranceServicesSites(places []*prepared) (map[string]int, map[string][]*prepared) {
	return countSites(places, franceServicesGroup)
}

// oneFranceServicesOfCommune says whether a and c are their commune's one
// France Services in each source (see above); their names are compared by
// the caller.
func (b *Block) oneFranceServicesOfCommune(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if hasD && d > namesakeRadius || a.city != "" && c.city != "" && a.city != c.city || !sameTown(a, c, d, hasD) {
		return false
	}
	if otherSIRENs(a, c) && !(publicSIREN(a.siren) && publicSIREN(c.siren)) {
		return false
	}
	ga, gc := franceServicesGroup(a), franceServicesGroup(c)
	return ga != "" && gc != "" && b.fsSites[ga] == 1 && b.fsSites[gc] == 1
}
