package dedup

// A SIRET is an establishment, which SIRENE places at one address. A file
// without coordinates (Aidants Connect's national list) cannot say that a
// numberless street and a numbered one are one point, as addressAgrees
// reads them within 150 m: the SIRET can, when both places carry it and
// each source gives it to one location only.

// streetAgreesUnplaced says whether two places, one of them without
// coordinates, are on one street of one commune with house numbers that do
// not disagree (the same, or missing on one side): the reading of
// addressAgrees that the missing distance leaves undecided.
func streetAgreesUnplaced(a, c *prepared) bool {
	_, same := numbersAgree(a.st.numbers, c.st.numbers)
	return same && oneStreetUnplaced(a, c)
}

// oneStreetUnplaced says whether two places, one of them without
// coordinates, are on one street of one commune.
func oneStreetUnplaced(a, c *prepared) bool {
	if _, hasD := distance(a, c); hasD {
		return false
	}
	return sameTown(a, c, 0, false) && streetSim(a, c) >= 0.8
}

// establishmentAtItsAddress says whether a and c carry one SIRET that each
// source gives to one location only, and their addresses agree (one
// address, or one street without coordinates to tell): the
// establishment's door. A SIRET a structure gives to several of its sites
// (a Département's for each of its Maisons des solidarités, La Poste's
// seat's for its France Services) says nothing of which.
//
// It returns the label of the reason: the same address, or the next house
// on the same side of one street when one place has no coordinates (an
// establishment's premises span neighbouring numbers: an intercommunality
// at 13 and the France Services it runs at 15 of one square); "" when not.
func (b *Block) establishmentAtItsAddress(a, c *prepared) string {
	if a.PivotKind != "siret" || c.PivotKind != "siret" || a.Pivot != c.Pivot {
		return ""
	}
	k := key{kindSIRET, a.Pivot}
	if !b.streetTellsSIRETsDoor(k, a, c) || !b.streetTellsSIRETsDoor(k, c, a) {
		return ""
	}
	switch {
	case addressAgrees(a, c) || streetAgreesUnplaced(a, c):
		return "même SIRET à la même adresse"
	case nextHouseUnplaced(a, c):
		return "même SIRET au numéro voisin"
	}
	return ""
}

// streetTellsSIRETsDoor says whether p's source gives the SIRET k to one
// location only, or to two of which q's street holds p's alone: the
// establishment has one address, and the street then says which of the
// two records is its door, as identity reads a value carried at two
// locations at one address (« France Services Le Bleymard » and the
// national file's « COMMUNAUTE DE COMMUNES MONT LOZERE », route du Mont
// Lozère, the national file giving that SIRET to a second place on another
// road). Two records of the source on q's street, or three locations,
// leave the SIRET a structure's for several sites, naming none.
func (b *Block) streetTellsSIRETsDoor(k key, p, q *prepared) bool {
	switch n := b.locations(k, p.Source, false); {
	case n <= 1:
		return true
	case n > 2:
		return false
	}
	for _, o := range b.byKey[k] {
		if o == p || o.Source != p.Source || oneLocation(o, p) {
			continue
		}
		if sameTown(o, q, 0, false) && streetSimilarity(o.st, q.st) >= 0.8 {
			return false
		}
	}
	return true
}

// nextHouseUnplaced says whether two places, one of them without
// coordinates, are on one street of one commune at the next house numbers
// of one side (13 and 15).
func nextHouseUnplaced(a, c *prepared) bool {
	if !oneStreetUnplaced(a, c) {
		return false
	}
	for _, x := range a.st.numbers {
		for _, y := range c.st.numbers {
			if x-y == 2 || y-x == 2 {
				return true
			}
		}
	}
	return false
}
