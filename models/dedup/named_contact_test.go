package dedup

import "testing"

// TestCompareMailboxNamingThePlaceAtOneAddress: Aidants Connect's « Atelier
// Numérique - Cognin » (the commune's SIRET) and Hinaura's « Médiathèque de
// Cognin », both « Centre Commercial de l'Épine », the médiathèque writing
// from atelier.numerique@cognin.fr (0.595: one building, the mailbox
// naming the other place, the names sharing nothing). A record whose own
// mailbox or domain spells the other's name (namedDomain: two words at
// least, not « mediatheque@ » nor « accueil@ ») at the other's address is
// that place's door, as its own phone or page there is (own_contacts,
// own_page): the structure receives it there. At another address, or with
// a mailbox of one word, the names are read as ever.
func TestCompareMailboxNamingThePlaceAtOneAddress(t *testing.T) {
	cognin := in("Cognin", "73160")
	atelier := with(place("aidants", "Atelier Numérique - Cognin", "Centre Commercial de l'Epine", 0, 0), both(cognin, siren("217300870")))
	media := with(place("hinaura", "Médiathèque de Cognin", "Centre Commercial de l'Épine", 45.561245, 5.89687), both(cognin, emails("atelier.numerique@cognin.fr")))
	cases := []compareCase{
		{"OK the médiathèque writing from the atelier's mailbox, one building", atelier, media, true, "nommé d'après l'autre lieu, à la même adresse"},
		{"NotDup a mailbox of one word", atelier, with(media, emails("mediatheque@cognin.fr")), false, ""},
		{"NotDup another street", with(atelier, func(p *Place) { p.Street = "12 rue de la Mairie" }), media, false, ""},
	}
	runCompareCases(t, cases)
}
