package dedup

import (
	"testing"
)

// The causes of the misses and wrong links of the Haute-Vienne set (the
// seventh labelled set, held out and unseen when it was measured:
// precision 0.953, recall 0.804), each a rule that is not about these
// names.

// in puts a place in a commune of its own (the names below carry it).
func in(commune, postal string) func(*Place) {
	return func(p *Place) { p.Commune, p.PostalCode = commune, postal }
}

// TestCompareMaisonDeServices: the MSAPs, France Services since 2020, were
// called « Maison de services » as often as « Maison de services au
// public »: « MAISON DE SERVICES de MAULEON » against « Maison de Services
// Publics de Mauléon Licharre », « Maison de Services de Tardets » against
// « Espace France Services Tardets », « Maison de Services Eihartzea »
// against « France Services », each at one address. The long form was
// read as France Services and the short one as the words « maison » and
// « services », so that the names shared nothing once the commune was left
// out (0.350 to 0.576). « Maison de services » is read as the long form.
func TestCompareMaisonDeServices(t *testing.T) {
	bardos := in("Bardos", "64520")
	cases := []compareCase{
		{"OK a maison de services and the France Services at its address", with(place("fs", "France Services", "199 route de Bidache", 43.30, 5.37), bardos),
			with(place("cnfs", "Maison de Services Eihartzea", "199 Route de Bidache", 43.30, 5.37), bardos), true, "même adresse"},
		{"OK the short and the long form of one maison de services", with(place("fs", "MAISON DE SERVICES de MAULEON", "14 rue des freres Barenne", 43.30, 5.37), in("Mauléon-Licharre", "64130")),
			with(place("cnfs", "Maison de Services Publics de Mauléon Licharre", "14 RUE DES FRERES BARENNE", 43.30, 5.37), in("Mauléon-Licharre", "64130")), true, "même nom"},
		{"OK a maison de services and the Espace France Services at its address", with(place("fs", "Maison de Services de Tardets", "80 route de Sorholus", 43.30, 5.37), in("Tardets-Sorholus", "64470")),
			with(place("cnfs", "Espace France Services Tardets (ancienne perception)", "80 Route de Sorholus", 43.318, 5.37), in("Tardets-Sorholus", "64470")), true, "même adresse"},
		{"NotDup a maison de services and a médiathèque at one address", with(place("fs", "Maison de Services Eihartzea", "199 route de Bidache", 43.30, 5.37), bardos),
			with(place("cnfs", "Médiathèque", "199 Route de Bidache", 43.30, 5.37), bardos), false, ""},
		{"NotDup a maison de services and a France Services in another street", with(place("fs", "Maison de Services", "199 route de Bidache", 43.30, 5.37), bardos),
			with(place("cnfs", "France Services", "3 place du Fronton", 43.307, 5.37), bardos), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareStreetLettersSwapped: « 2 Avenue George Guinguoin » and « 2 AV
// GEORGES GUINGOUIN », the Chambre d'agriculture at Panazol under one name,
// the national coordinates 3 km off: two letters swapped made the street
// another one, and the address did not agree (0.400). A swap of two
// neighbouring letters is one slip of the keyboard, read as a word one edit
// away; letters swapped farther apart are still two edits.
func TestCompareStreetLettersSwapped(t *testing.T) {
	panazol := in("Panazol", "87350")
	cases := []compareCase{
		{"OK one name at one address with two letters swapped", with(place("hv", "Chambre d'agriculture de la Haute-Vienne", "2 Avenue George Guinguoin, 87350 Panazol", 43.30, 5.37), panazol),
			with(place("cnfs", "CHAMBRE D AGRICULTURE DE LA HAUTE VIENNE", "2 AV GEORGES GUINGOUIN", 43.327, 5.37), panazol), true, "même adresse"},
		{"NotDup one name at another street 3 km away", with(place("hv", "Chambre d'agriculture de la Haute-Vienne", "2 Avenue Georges Sand", 43.30, 5.37), panazol),
			with(place("cnfs", "CHAMBRE D AGRICULTURE DE LA HAUTE VIENNE", "2 AV GEORGES GUINGOUIN", 43.327, 5.37), panazol), false, ""},
	}
	runCompareCases(t, cases)
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"guinguoin", "guingouin", true},  // neighbours swapped
		{"guinguoin", "guinguoi", true},   // one letter dropped
		{"guinguoin", "gniuguoin", false}, // swapped two apart: two edits
		{"guinguoin", "guinguino", false}, // a swap and more
		{"marin", "mairn", true},
		{"abcd", "bacd", true},
	} {
		if got := withinOneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCompareAgencePostaleNotHosted: « Agence postale de Solignac » at the
// address of « Mairie de Solignac » was linked by the host-authority rule
// (0.610). An agence postale communale is La Poste's counter, with its own
// phone and e-mail, however the commune staffs it: not one of the services
// a mairie hosts as its own (its CCAS, its France Services, its EPN), and
// another door, as La Poste was beside a coworking in the Hub LO set. The
// mairie still hosts its CCAS.
func TestCompareAgencePostaleNotHosted(t *testing.T) {
	solignac := in("Solignac", "87110")
	mairie := with(place("cnfs", "Mairie de Solignac", "57 Av. Saint-Eloi", 43.30, 5.37), solignac)
	cases := []compareCase{
		{"NotDup the agence postale at the mairie", with(place("hv", "Agence postale de Solignac", "57 Avenue Saint-Eloi, 87110 Solignac", 43.30, 5.37), solignac), mairie, false, ""},
		{"NotDup the agence postale communale at the mairie", with(place("hv", "Agence postale communale", "57 Avenue Saint-Eloi", 43.30, 5.37), solignac), mairie, false, ""},
		{"NotDup La Poste at the mairie", with(place("hv", "La Poste", "57 Avenue Saint-Eloi", 43.30, 5.37), solignac), mairie, false, ""},
		{"NotDup the relais poste at the mairie", with(place("hv", "Relais Poste commerçant", "57 Avenue Saint-Eloi", 43.30, 5.37), solignac), mairie, false, ""},
		{"OK the CCAS at the mairie", with(place("hv", "CCAS de Solignac", "57 Avenue Saint-Eloi", 43.30, 5.37), solignac), mairie, true, "collectivité à la même adresse"},
		{"OK the France Services at the mairie", with(place("hv", "France Services", "57 Avenue Saint-Eloi", 43.30, 5.37), solignac), mairie, true, "collectivité à la même adresse"},
	}
	runCompareCases(t, cases)
}

// TestCompareValueOfTwoAtOneAddress: Fibre 64 gives one phone to its
// Mauléon and Tardets sites, 12 km apart; against the national Tardets
// place at the same address with that phone, the phone counted as a
// network's, divided by √2 (0.566), and the same address with it stayed
// below the threshold (0.576) when the names shared nothing (Hinaura's
// « Maison Citoyenne Noël Guichard - Centre Social » and « Le Fil de Faire »,
// one street 10 m apart, one phone the hub gives to two sites, the same).
// A value carried at two locations of one source is one of two places; the
// same address tells which, and the value counts in full. Carried at three
// locations or more it is a network's and stays weak, and at two it stays
// weak for a place at another address.
func TestCompareValueOfTwoAtOneAddress(t *testing.T) {
	phone := func(p *Place) { p.Phones = []string{"+33559280206"} }
	siteA := with(place("fs", "Maison Citoyenne Centre Social", "12 rue Charles Peguy", 43.30, 5.37), phone)
	siteB := with(place("fs", "Antenne du Haut Quartier", "3 avenue de la Gare", 43.32, 5.37), phone)
	siteC := with(place("fs", "Point accueil des Ormeaux", "8 place du Marché", 43.28, 5.37), phone)
	other := with(place("cnfs", "Le Fil de Faire", "rue Charles Peguy", 43.3001, 5.37), phone)
	elsewhere := with(place("cnfs", "Le Fil de Faire", "40 boulevard Michelet", 43.303, 5.37), phone)
	for _, tc := range []struct {
		name   string
		places []Place
		a, b   Place
		dup    bool
	}{
		{"OK one address and a phone of two sites", []Place{siteA, siteB, other}, siteA, other, true},
		{"NotDup one address and a phone of three sites", []Place{siteA, siteB, siteC, other}, siteA, other, false},
		{"NotDup another street and a phone of two sites", []Place{siteA, siteB, elsewhere}, siteA, elsewhere, false},
	} {
		r, _ := NewBlock(tc.places).Compare(tc.a.ID, tc.b.ID)
		if (r.Score >= Threshold) != tc.dup {
			t.Errorf("%s: score %.3f (name %.2f, place %.2f, identity %.2f: %s), want duplicate=%v", tc.name, r.Score, r.Name, r.Place, r.Identity, reasons(r), tc.dup)
		}
	}
}
