package dedup

import "testing"

// The causes of the Hinaura set's misses (duplicates-hinaura-2022: the
// Auvergne-Rhône-Alpes hub against the Conseillers numériques file) that a
// rule not about these names explains.

// TestCompareOwnContactsNameTheDoor: « Centre Social le Lavoir - Ruche
// Numérique » at 87 avenue Roger Salengro and « INTERGENERATIONNELLE DES
// AMBARROIS » (the association that runs it) on the square behind, 44 m
// apart, give one phone and one e-mail that no other place of either file
// gives: a place's own phone and own e-mail, both, at one point (50 m, as
// placeAgreement reads coordinates) name its door as one address would,
// whatever the names (0.559: two streets 44 m apart count half). Only
// France Services with no name of their own were read so, and within 500 m
// (housesFranceServices); any place is, at one point. One contact alone, a
// network's switchboard and mailbox carried by several places, or two
// sites a street apart (Charente's « Tiers-Lieu La Parenthèse » and
// « ESPACE NUMERIQUE SUD CHARENTE », one association's phone and e-mail
// and two of its SIRETs, 202 m apart; TestCompare) are not enough.
func TestCompareOwnContactsNameTheDoor(t *testing.T) {
	amberieu := in("Ambérieu-en-Bugey", "01500")
	contacts := func(ph, m string) func(*Place) {
		return func(p *Place) { amberieu(p); p.Phones, p.Emails = []string{ph}, []string{m} }
	}
	lavoir := with(place("hub", "Centre Social le Lavoir- Ruche Numérique", "87 avenue Roger Salengro", 45.95445, 5.34363), contacts("+33474386571", "aacueil@cslelavoir.fr"))
	cases := []compareCase{
		{"OK one phone and one e-mail of their own, 44 m apart", lavoir,
			with(place("cnfs", "INTERGENERATIONNELLE DES AMBARROIS", "PL PIERRE SEMARD", 45.954488, 5.344197), contacts("+33474386571", "accueil@cslelavoir.fr")), true, "mêmes téléphone et courriel propres"},
		{"NotDup one phone alone, 44 m apart", lavoir,
			with(place("cnfs", "INTERGENERATIONNELLE DES AMBARROIS", "PL PIERRE SEMARD", 45.954488, 5.344197), contacts("+33474386571", "direction@ambarrois.fr")), false, ""},
		{"NotDup one phone and one e-mail 120 m apart", lavoir,
			with(place("cnfs", "INTERGENERATIONNELLE DES AMBARROIS", "PL PIERRE SEMARD", 45.9555, 5.344197), contacts("+33474386571", "accueil@cslelavoir.fr")), false, ""},
	}
	// Two establishments of one association (two SIRETs of one SIREN)
	// share its phone and e-mail: « Tiers-Lieu La Parenthèse » and
	// « ESPACE NUMERIQUE SUD CHARENTE », 202 m apart.
	siret := func(v string) func(*Place) {
		return func(p *Place) {
			contacts("+33545978203", "contact@numeriquesudcharente.com")(p)
			p.Pivot, p.PivotKind = v, "siret"
		}
	}
	cases = append(cases, compareCase{"NotDup two establishments of one association, its phone and e-mail, 202 m apart",
		with(place("hub", "Tiers-Lieu La Parenthèse", "1 Avenue de l'Aquitaine", 45.95445, 5.34363), siret("81834687600027")),
		with(place("cnfs", "ESPACE NUMERIQUE SUD CHARENTE", "3 AV HENRI DUNANT", 45.95627, 5.34363), siret("81834687600019")), false, ""})
	runCompareCases(t, cases)

	// A network's switchboard and mailbox: a third place of the hub gives
	// them too, at another address.
	other := with(place("hub", "Centre Social le Lavoir - antenne", "3 rue Alexandre Bérard", 45.9580, 5.3500), contacts("+33474386571", "aacueil@cslelavoir.fr"))
	cnfs := with(place("cnfs", "INTERGENERATIONNELLE DES AMBARROIS", "PL PIERRE SEMARD", 45.954488, 5.344197), contacts("+33474386571", "accueil@cslelavoir.fr"))
	b := NewBlock([]Place{lavoir, other, cnfs})
	if r, _ := b.Compare(lavoir.ID, cnfs.ID); r.Score >= Threshold {
		t.Errorf("contacts of two places of the hub linked: %.3f %s", r.Score, reasons(r))
	}
}
