package dedup

import "testing"

// The causes of the misses of the France Services set (the eighth labelled
// set, held out and unseen when it was measured: precision 1.000, recall
// 0.882), each a rule that is not about these names.

// TestCompareIntercommunalityAcronym: « CCHC » and « France services Haute
// Cornouaille » at 6 rue de Morlaix, 36 m apart, were read as names sharing
// nothing (0.350). An intercommunality is often written as its acronym, the
// letters of « communauté de communes » (CC, CDC) or « communauté
// d'agglomération » (CA) followed by the initials of its territory, while
// the places it runs carry the territory's name in full. An acronym that
// the abbreviations table does not know, beginning with those letters,
// whose rest spells a run of the other name's words, is read as that name.
func TestCompareIntercommunalityAcronym(t *testing.T) {
	chateauneuf := in("Châteauneuf-du-Faou", "29520")
	cases := []compareCase{
		{"OK an intercommunality's acronym and its France Services named after its territory", with(place("fs", "France services Haute Cornouaille", "6 Rue de Morlaix", 43.30, 5.37), chateauneuf),
			with(place("cnfs", "CCHC", "6 RUE DE MORLAIX", 43.3003, 5.37), chateauneuf), true, "sigle CCHC"},
		{"OK a communauté d'agglomération's acronym", with(place("fs", "France services Pays de Lorient", "2 rue Jean Jaurès", 43.30, 5.37), in("Lorient", "56100")),
			with(place("cnfs", "CAPL", "2 RUE JEAN JAURES", 43.30, 5.37), in("Lorient", "56100")), true, "sigle CAPL"},
		{"NotDup the acronym and a place of its territory's name in another street", with(place("fs", "France services Haute Cornouaille", "12 Place de la Mairie", 43.30, 5.37), chateauneuf),
			with(place("cnfs", "CCHC", "6 RUE DE MORLAIX", 43.309, 5.37), chateauneuf), false, ""},
		{"NotDup an acronym whose rest spells nothing of the other name", with(place("fs", "France services Haut Léon", "6 Rue de Morlaix", 43.30, 5.37), chateauneuf),
			with(place("cnfs", "CCMA", "6 RUE DE MORLAIX", 43.3003, 5.37), chateauneuf), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareEmailDoubledLetter: « CCAS de Bailleul »,
// ccas@ville-bailleul.fr, and « France services de Bailleul »,
// ccas@ville-baileul.fr, at 41 rue d'Ypres: the France Services gives the
// CCAS's e-mail with the commune's double l written once, and the e-mails
// were read as two (0.350). A doubled letter written single (or a single
// one doubled) is the commonest slip in a French name; e-mails that differ
// by it only are one e-mail. Any other letter changed is another e-mail.
// The CCAS's record at the address of a France Services named by its
// commune only is that France Services by its address alone
// (TestCompareBareFranceServicesAtOneAddress): so that the e-mail alone
// decides, the France Services' name here is one of its own.
func TestCompareEmailDoubledLetter(t *testing.T) {
	bailleul := in("Bailleul", "59270")
	mail := func(m string) func(*Place) { return func(p *Place) { bailleul(p); p.Emails = []string{m} } }
	cases := []compareCase{
		{"OK one e-mail with a double letter written once, at one address", with(place("fs", "France services Flandre Intérieure de Bailleul", "41 Rue d'Ypres", 43.30, 5.37), mail("ccas@ville-baileul.fr")),
			with(place("cnfs", "CCAS de Bailleul", "41 rue d'Ypres", 43.3023, 5.37), mail("ccas@ville-bailleul.fr")), true, "même courriel"},
		{"NotDup e-mails one other letter apart", with(place("fs", "France services Flandre Intérieure de Bailleul", "41 Rue d'Ypres", 43.30, 5.37), mail("ccas@ville-bailleur.fr")),
			with(place("cnfs", "CCAS de Bailleul", "41 rue d'Ypres", 43.3023, 5.37), mail("ccas@ville-bailleul.fr")), false, ""},
	}
	runCompareCases(t, cases)
}
