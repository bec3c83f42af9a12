package dedup

import (
	"math"
	"slices"
)

// farContacts is the distance from which two places' coordinates, though
// their addresses agree, are read as two locations when the contacts of one
// lead to its coordinates (contactsElsewhere).
const farContacts = 1000.0

// contactsElsewhere says whether a and c, whose written addresses agree
// while their coordinates are more than farContacts apart, are two
// locations: one of them gives a phone or e-mail that the other does not,
// that no other location of either's source gives, and that a third record
// gives at its coordinates, away from the other's address. An agreeing
// address usually overrules coordinates (a geocoder's wrong point); here
// the contacts say which location the record describes. The national
// file's « DEPARTEMENT DE LA CHARENTE » writes the head office's address
// with the coordinates, phone and e-mail of the Service départemental de
// la lecture 11.5 km away, which Charente's file gives at those coordinates:
// it is the service's record, not the head office's (probe 40b M4). Two
// records sharing a contact are left to the address.
func (b *Block) contactsElsewhere(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !hasD || d <= farContacts || sharesContact(a, c) {
		return false
	}
	return b.locatedByContacts(a, c) || b.locatedByContacts(c, a)
}

// locatedByContacts says whether a third place at p's coordinates, and not
// at o's address, gives one of p's own phones or e-mails.
func (b *Block) locatedByContacts(p, o *prepared) bool {
	for _, k := range p.keys {
		if k.kind != kindPhone && k.kind != kindEmail || b.locations(k, p.Source, false) > 1 {
			continue
		}
		for _, q := range b.byKey[k] {
			if q == p || q == o || q.ID == p.ID || q.ID == o.ID || !atOnePoint(p, q) || addressAgrees(q, o) || writesAddressOf(q, o) {
				continue
			}
			if b.locations(k, q.Source, false) <= 1 {
				return true
			}
		}
	}
	return false
}

// writesAddressOf says whether q writes o's address: one street of one
// commune, and no house number that contradicts. A third record giving p's
// contacts at p's point while writing o's address is p's copy, not a
// location away from o's address: Corse's « CIDFF Haute-Corse », Rue
// Sainte-Thèrèse, and four copies of the national record, RUE SAINTE
// THERESE with no number either, 1.6 km off, each giving the others'
// e-mail at their point (TestContactsOfCopiesAtOneWrittenAddress).
// addressAgrees asks coordinates within 150 m of a street read without
// its number, which these copies, being at p's point, are not.
func writesAddressOf(q, o *prepared) bool {
	if len(q.st.words) == 0 || q.st.building || streetSim(q, o) < 0.8 {
		return false
	}
	d, hasD := distance(q, o)
	_, same := numbersAgree(q.st.numbers, o.st.numbers)
	return same && sameTown(q, o, d, hasD)
}

// sharesContact says whether a and c give one phone or e-mail.
func sharesContact(a, c *prepared) bool {
	for _, k := range a.keys {
		if (k.kind == kindPhone || k.kind == kindEmail) && slices.Contains(c.keys, k) {
			return true
		}
	}
	return false
}

// contactsElsewhereNote gives the reasons of a pair read by
// contactsElsewhere: the distance, and why the address does not overrule
// it.
func contactsElsewhereNote(a, c *prepared, r *Result) {
	d, _ := distance(a, c)
	dm := math.Round(d*10) / 10
	r.DistanceM = &dm
	r.add("contacts_elsewhere", "même adresse écrite, mais coordonnées à "+distanceLabel(d)+", où un autre lieu donne les mêmes contacts")
}
