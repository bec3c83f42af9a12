package dedup

import (
	"slices"
	"strings"
	"testing"
)

// TestContactsOfCopiesAtOneWrittenAddress: Corse's « CIDFF Haute-Corse »,
// Rue Sainte-Thèrèse, Bastia, with a conseiller's e-mail, and four copies
// of the national record in other sources, RUE SAINTE THERESE, SIRET and
// the association's e-mail, their point 1.6 km from Corse's: the copies
// gave each other's e-mail at their point, which contactsElsewhere read as
// the contacts locating the record away from Corse's address (0.400, place
// 0), though every third record writes the street Corse writes. A third
// record that writes the other's address (one street of one commune, no
// number contradicting) says nothing of the record being elsewhere; one at
// another address does (TestContactsSayWhichLocation).
func TestContactsOfCopiesAtOneWrittenAddress(t *testing.T) {
	bastia := both(in("Bastia", "20600"), insee("2B033"))
	co := with(place("corse", "CIDFF Haute-Corse", "Rue Sainte-Thèrèse", 42.6791, 9.4322), both(bastia, emails("florian.grilli@conseiller-numerique.fr")))
	co.ID = "corse"
	places := []Place{co}
	for _, s := range []string{"di", "cnfs", "lmn", "hub"} {
		c := with(place(s, "cidff HAUTE-CORSE", "RUE SAINTE THERESE", 42.6927, 9.4372), both(bastia, siren("33806915600028"), emails("cidff2b@wanadoo.fr")))
		c.ID = s
		places = append(places, c)
	}
	b := NewBlock(places)
	for _, s := range []string{"di", "cnfs", "lmn", "hub"} {
		if r, _ := b.Compare("corse", s); r.Score < Threshold {
			t.Errorf("corse vs %s: %.3f (%s)", s, r.Score, reasons(r))
		}
	}
	// A copy at another street of the commune, at the copies' point, still
	// says the contacts are there.
	other := with(places[4], func(p *Place) { p.Street = "12 boulevard Paoli" })
	b = NewBlock(append(slices.Clone(places[:4]), other))
	if r, _ := b.Compare("corse", "di"); !strings.Contains(reasons(r), "un autre lieu donne les mêmes contacts") {
		t.Errorf("a third record at another address: %.3f (%s)", r.Score, reasons(r))
	}
}
