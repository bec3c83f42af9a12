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

// TestCompareOwnWebPageAtOneAddress: « Incubateur Tiers Lieu Landestini
// Cantal Auvergne » and « IUT Aurillac » (the building that houses it), both
// at 100 rue de l'Égalité, both giving
// landestini.org/project/incubateur-landestini-cantal-auvergne/, a page no
// other place of either file gives (0.590: a website weighs less than a
// phone, being often a parent's). A page of a site (a path, not a
// homepage) that is the two places' own, at one address, names the place
// as an own phone there does. A homepage, a page given by several places
// of one source, or another address are not enough.
func TestCompareOwnWebPageAtOneAddress(t *testing.T) {
	aurillac := in("Aurillac", "15000")
	site := func(u string) func(*Place) { return func(p *Place) { aurillac(p); p.Websites = []string{u} } }
	page := "https://landestini.org/project/incubateur-landestini-cantal-auvergne/"
	incubator := with(place("hub", "Incubateur Tiers Lieu Landestini Cantal Auvergne", "100 Rue de l'Égalité", 44.93311, 2.44140), site(page))
	cases := []compareCase{
		{"OK one page of their own at one address", incubator,
			with(place("cnfs", "IUT Aurillac", "100 Rue de l'égalité", 44.93435, 2.43975), site(page)), true, "même page web propre à la même adresse"},
		{"NotDup one homepage at one address", with(place("hub", "Incubateur Tiers Lieu Landestini Cantal Auvergne", "100 Rue de l'Égalité", 44.93311, 2.44140), site("https://landestini.org/")),
			with(place("cnfs", "IUT Aurillac", "100 Rue de l'égalité", 44.93435, 2.43975), site("https://landestini.org/")), false, ""},
		{"NotDup one page at another address", incubator,
			with(place("cnfs", "IUT Aurillac", "8 avenue de la République", 44.93435, 2.43975), site(page)), false, ""},
	}
	runCompareCases(t, cases)

	// The page of a network, given by two places of the hub at two
	// addresses.
	other := with(place("hub", "Landestini Saint-Flour", "2 place d'Armes", 44.95, 2.45), site(page))
	iut := with(place("cnfs", "IUT Aurillac", "100 Rue de l'égalité", 44.93435, 2.43975), site(page))
	b := NewBlock([]Place{incubator, other, iut})
	if r, _ := b.Compare(incubator.ID, iut.ID); r.Score >= Threshold {
		t.Errorf("a page of two places of the hub linked: %.3f %s", r.Score, reasons(r))
	}
}
