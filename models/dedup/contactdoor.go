package dedup

import "slices"

// Rules of dup25, from the misses of the sets of the judges' shape (a
// regional hub's file against the Conseillers numériques national file):
// each reads a habit of the producers, not a place (identity_test.go).

// ownContact says whether a and c share a phone or an e-mail that no other
// location of either source carries: the place's own, not a network's
// switchboard or mailbox.
func (b *Block) ownContact(a, c *prepared) bool {
	public := a.public || c.public
	for _, k := range a.keys {
		if (k.kind == kindPhone || k.kind == kindEmail) && slices.Contains(c.keys, k) &&
			b.locations(k, a.Source, public) <= 1 && b.locations(k, c.Source, public) <= 1 {
			return true
		}
	}
	return false
}

// unnumberedStreetDoor says whether a and c are on one street of one
// commune, a house number missing on one side at least, and share an own
// contact (ownContact) or one's mailbox is named after the other. Such a
// street read within 150 m is one address
// (placeAgreement); farther, the points say little: a road given without a
// number is geocoded anywhere along it (its middle, a hamlet: « Route
// d'Ardizas » of Cologne, the hub's point 710 m from the national one), and
// the phone or e-mail of that place alone says which door of the street
// it is, as the missing number would. Two numbers that differ are two
// doors, and a value several locations give names none.
func (b *Block) unnumberedStreetDoor(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !sameTown(a, c, d, hasD) || a.st.building || c.st.building || streetSim(a, c) < 0.8 {
		return false
	}
	if known, _ := numbersAgree(a.st.numbers, c.st.numbers); known {
		return false
	}
	// A mailbox of one named after the other (namedMailbox:
	// « mairie.vineuil@ » for the France Services at the mairie,
	// « infoemploietservices@ » for the one the association runs) is the
	// other's own and says whose door it is as an own contact does. Not a
	// domain named after it (« @mairie-queven.fr »): every service of a
	// commune writes from its domain, at every door of the commune.
	return b.ownContact(a, c) || namedMailbox(a, c) || namedMailbox(c, a)
}

// oneNumberedAddress says whether two places of one source are at one
// numbered address of one commune (the same street words and numbers): one
// location (locations) whatever their points. A hub that lists a place
// twice geocodes each record on its own, or one by hand (the centre social
// of Semur-en-Auxois at « 1 avenue Pasteur » twice, its points 420 m
// apart): the point moved, not the door. A street without a number is no
// such address (a road's records may be kilometres apart).
func oneNumberedAddress(p, q *prepared) bool {
	if p.town == "" || p.town != q.town || len(p.st.words) == 0 || len(p.st.numbers) == 0 {
		return false
	}
	return slices.Equal(p.st.words, q.st.words) && slices.Equal(p.st.numbers, q.st.numbers)
}

// mairieSeat says whether m is an authority's record whose own street
// names the mairie (« PL DE LA MAIRIE », how SIRENE writes many communes'
// addresses, the Conseillers numériques file giving the employer's) and p
// no authority's: m stands at the mairie, and p at one point with it
// (onMairiesStreet's 50 m) is at the mairie too, the reading
// onMairiesStreet makes of a place on the mairie's street by the mairie's
// record (the national « COMMUNE DE BLENEAU » and the hub's « MSAP
// Bléneau » place de la Libération, 0 m). Whether m hosts p is still
// hosts' to say (an association is a tenant).
func mairieSeat(m, p *prepared) bool {
	return m.authority && !p.authority && m.st.typed && mairieStreet(m.st) && !mairieStreet(p.st)
}
