package dedup

// notFranceServicesHouse says whether a place is, by its name, no house of
// a France Services with no name of its own at its address
// (housesFranceServices): a charity network's local unit (« Antenne locale
// de Puisaye Croix Rouge Française » at the address of « MSAP
// Saint-Sauveur en Puisaye »), an association of its own that receives its
// own public, not a counter of the France Services, as hosts reads it for
// a mairie. Its SIREN would say so (an association's); the national file
// often gives none. A France Services named after that place says it is
// there, and is read as before; shared contacts still say one place
// (identity, own_contacts).
func notFranceServicesHouse(fs, other *prepared) bool {
	return !franceServicesNamedAfter(fs, other) && charityNetwork(other.Name)
}
