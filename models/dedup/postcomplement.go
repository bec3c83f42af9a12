package dedup

import "slices"

// postOfficeComplement says whether an address complement names La
// Poste's office (« Bureau de Poste », « La Poste »): France Services'
// national list writes there the building that houses a France Services,
// and « Bureau de Poste » for the ones held in a post office (36 of its
// 2,683 rows, most writing from france-services.gouv.fr under the
// commune's name only), so that such a France Services is La Poste's
// (laPostesFranceServices), not a service the mairie on its square hosts.
// An « agence postale » is the commune's own counter, often in the mairie,
// and says nothing of La Poste.
func postOfficeComplement(complement string) bool {
	if complement == "" {
		return false
	}
	raw := expand(complement)
	return postalName(raw) && !slices.Contains(raw, postalKey)
}
