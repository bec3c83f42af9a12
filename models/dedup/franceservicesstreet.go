package dedup

// franceServicesOnOneStreet says whether one place is a France Services
// with no name of its own (its label and its commune: bareFranceServices)
// and the other a record whose name says it is a France Services too
// (« TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES" »), on one street of
// one commune, the house numbers not disagreeing (none given, Aidants
// Connect's « Ruelle des Bambous » and « Ruelle Bambou »). The label is
// given to one structure of a commune, which a street does not hold twice:
// those are its records when one side lacks coordinates, or when both put
// them within 500 m (a street's front; farther, coordinates say two). Not a
// record that is not a France Services by its name (a médiathèque up the
// street of the mairie's MSAP: housesFranceServices asks for one point
// there), nor La Poste's counter (postOffice), nor a travelling one.
func franceServicesOnOneStreet(a, c *prepared) bool {
	if a.mobile || c.mobile || !a.franceServices || !c.franceServices || !a.bareFranceServices && !c.bareFranceServices {
		return false
	}
	if a.postal || c.postal || laPostesFranceServices(a) || laPostesFranceServices(c) {
		return false
	}
	return oneStreetFront(a, c)
}

// oneStreetFront says whether two places are on one street of one commune,
// the house numbers not disagreeing (none given on one side), and within
// 500 m when both have coordinates (a street's front; farther, coordinates
// say two): where a label given to one place of a commune
// (franceServicesOnOneStreet, digitalSpaceOnOneStreet) names one door. The
// streets' names are compared without their kinds (streetNameSimilarity):
// the label's two records on the boulevard and the impasse of one name
// (« 55 boulevard de la République » and « Impasse de la Republique » for
// the France Services of Villemoustaussou) are its door and the way to it,
// as the label is given to one structure of the commune.
func oneStreetFront(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if hasD && d > 500 || !sameTown(a, c, d, hasD) || streetNameSimilarity(a.st, c.st) < 0.8 {
		return false
	}
	_, same := numbersAgree(a.st.numbers, c.st.numbers)
	return same
}
