package dedup

import "carnet/models/commune"

// postalTown says whether a and c, one SIRET on one street of one postal
// code but filed under two communes, without coordinates on one side, may
// be one place whose commune line one record wrote as the postal town:
// La Poste's « libellé d'acheminement » names the commune of the post
// office that serves several communes of one postal code, and producers
// copy it where the commune belongs (the Charente hub file's « Mairie de
// CHATEAUBERNARD » under Cognac, 16100, Aidants Connect's under
// Châteaubernard). Both communes must have the postal code in the commune
// reference, and the SIRET is what makes two mairies of two communes of
// one postal code, each on its own « rue de la Mairie », two places: each
// commune has its own. With coordinates on both sides, sameTown reads one
// postal code within 3 km as one town, and farther coordinates say two
// places.
func postalTown(a, c *prepared) bool {
	if a.PostalCode == "" || a.PostalCode != c.PostalCode || a.InseeCode == "" || c.InseeCode == "" || !sameSIRET(a, c) {
		return false
	}
	if _, hasD := distance(a, c); hasD {
		return false
	}
	ca, cc := commune.ByCode(a.InseeCode), commune.ByCode(c.InseeCode)
	return ca != nil && cc != nil && ca.HasPostalCode(a.PostalCode) && cc.HasPostalCode(c.PostalCode)
}
