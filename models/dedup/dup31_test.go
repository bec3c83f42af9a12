package dedup

import (
	"strings"
	"testing"
)

// TestCompareNamesakesOnOneStreetWithoutCoordinates: Aidants Connect's
// « Maison des Services de Saint-Aigulin » at 1 rue Victor Hugo and the
// national record of that name at 72 (0.575), « FRANCE SERVICES PLOUHA »
// at 15 avenue Laennec and « Maison France Services » at 22: each
// source's only place of that name in the commune, as namesakes within
// 500 m are read (namesakePlace). A file without coordinates (Aidants
// Connect's has none) gave no distance, and the rule never applied: one
// street of the commune stands for the radius there. Two streets, or a
// source with two places of the name, still say nothing.
func TestCompareNamesakesOnOneStreetWithoutCoordinates(t *testing.T) {
	aigulin := in("Saint-Aigulin", "17360")
	aidants := with(place("aidants", "Maison des Services de Saint-Aigulin", "1 RUE VICTOR HUGO", 0, 0), aigulin)
	cnfs := with(place("cnfs", "Maison des services de Saint-Aigulin", "72 rue Victor Hugo", 45.15525, -0.00722), aigulin)
	plouha := in("Plouha", "22580")
	runCompareCases(t, []compareCase{
		{"OK one name at two numbers of one street, no coordinates", aidants, cnfs, true, "seul lieu de ce nom"},
		{"OK a France Services named by its commune and by its label", with(place("aidants", "FRANCE SERVICES PLOUHA", "15 avenue Laennec 22580 Plouha", 0, 0), plouha),
			with(place("cnfs", "Maison France Services", "22 Avenue Laënnec", 0, 0), plouha), true, "seul lieu de ce nom"},
		{"NotDup one name on two streets, no coordinates", aidants, with(cnfs, func(p *Place) { p.Street = "4 place de la Mairie" }), false, ""},
		{"NotDup two names on one street, no coordinates", aidants, with(cnfs, func(p *Place) { p.Name = "Médiathèque de Saint-Aigulin" }), false, ""},
		{"NotDup one name on one street of two communes", aidants, with(cnfs, in("La Roche-Chalais", "24490")), false, ""},
	})
	second := with(place("cnfs", "Maison des services de Saint-Aigulin", "3 place du Champ de Foire", 0, 0), func(p *Place) { aigulin(p); p.ID = "cnfs-second" })
	if r, _ := NewBlock([]Place{aidants, cnfs, second}).Compare(aidants.ID, cnfs.ID); r.Score >= Threshold || strings.Contains(reasons(r), "seul lieu de ce nom") {
		t.Errorf("a source with two places of the name: %.3f %s", r.Score, reasons(r))
	}
}

// TestCompareAcronymSpellingEveryWord: the unseen set missed
// « OSPA » against its legal name, an acronym that spells « pour »: the
// acronym matcher skipped every stop word, or every article, and « pour »
// is both. A last reading skips only the elided « l' » and « d' », one
// letter a word (an « Association Pour l'Insertion » is an API).
func TestCompareAcronymSpellingEveryWord(t *testing.T) {
	digne := in("Digne-les-Bains", "04000")
	legal := with(place("cnfs", "Office Social Pour l'Accompagnement", "12 RUE DES LILAS", 44.0901, 6.2301), digne)
	runCompareCases(t, []compareCase{
		{"OK an acronym spelling « pour »", with(place("hub", "OSPA", "12 rue des Lilas", 44.09, 6.23), digne), legal, true, "sigle OSPA"},
		{"OK an acronym spelling « pour » after an elision", with(place("hub", "API Digne", "12 rue des Lilas", 44.09, 6.23), digne),
			with(place("cnfs", "Association Pour l'Insertion", "12 RUE DES LILAS", 44.0901, 6.2301), digne), true, "sigle API"},
		{"NotDup an acronym spelling other words at one address", with(place("hub", "OSJA", "12 rue des Lilas", 44.09, 6.23), digne), legal, false, ""},
	})
}

// TestCompareOrdinalIsItsNumber: « MDM Lyon 8 » and « Maison de la
// Métropole de Lyon 8e » at one address (0.505), « Mairie du 8e » and
// « Mairie du 8ème arrondissement »: an ordinal written with digits is its
// number, as digits match nothing but themselves.
func TestCompareOrdinalIsItsNumber(t *testing.T) {
	lyon := in("Lyon", "69008")
	mdm := with(place("cnfs", "Maison de la Métropole de Lyon 8e", "4 RUE MARIUS BERLIET", 45.7301, 4.8601), lyon)
	runCompareCases(t, []compareCase{
		{"OK a number and its ordinal", with(place("hub", "MDM Lyon 8", "4 rue Marius Berliet", 45.73, 4.86), lyon), mdm, true, "même nom"},
		{"OK two spellings of an ordinal", with(place("hub", "Mairie du 8e", "12 avenue Jean Mermoz", 45.74, 4.87), lyon),
			with(place("cnfs", "Mairie du 8ème arrondissement", "12 AV JEAN MERMOZ", 45.7401, 4.8701), lyon), true, ""},
		{"NotDup another arrondissement's", with(place("hub", "MDM Lyon 7", "4 rue Marius Berliet", 45.73, 4.86), lyon), mdm, false, ""},
	})
}

// TestCompareStreetWithTwoInitials: « 12 rue J-B Lamarck » and « 12 rue
// Jean-Baptiste Lamarck » were two streets (0.400 for one name without
// coordinates): a first name and its initial counted only when followed by
// the same word, and a compound first name's two initials are followed by
// another initial. A run of initials now reads as the run of names it
// begins, ending on the same word.
func TestCompareStreetWithTwoInitials(t *testing.T) {
	tou := in("Montauban", "82000")
	lien := func(street string) Place { return with(place("hub", "Espace numérique Le Lien", street, 0, 0), tou) }
	other := func(street string) Place { return with(place("cnfs", "Espace numérique Le Lien", street, 0, 0), tou) }
	runCompareCases(t, []compareCase{
		{"OK a compound first name by its initials", lien("12 rue J-B Lamarck"), other("12 rue Jean-Baptiste Lamarck"), true, "même adresse"},
		{"OK initials with dots", lien("4 av. J.-J. Rousseau"), other("4 avenue Jean-Jacques Rousseau"), true, "même adresse"},
		{"NotDup initials of another compound name", lien("12 rue J-B Lamarck"), other("12 rue Jean-Pierre Lamarck"), false, ""},
		{"NotDup initials before another surname", lien("12 rue J B Lamarck"), other("12 rue Jules Bernard"), false, ""},
	})
}

// TestComparePlatformHostIsNoDomain: two places' Facebook pages counted as
// one website domain (same_domain, identity 0.30) and as one organisation's
// mail domain: Facebook is the host of 127 websites of the labelled sets'
// public files, sites.google.com of 61. A platform's host says nothing, as a mail
// provider's domain does not; the same page still does, whichever of the
// network's hosts writes it.
func TestComparePlatformHostIsNoDomain(t *testing.T) {
	tou := in("Montauban", "82000")
	site := func(v string) func(*Place) { return func(p *Place) { tou(p); p.Websites = []string{v} } }
	lien := func(url string) Place {
		return with(place("hub", "Le Lien", "8 rue de l'Abbaye", 44.01, 1.35), site(url))
	}
	other := func(url string) Place {
		return with(place("cnfs", "La Passerelle", "30 avenue Gambetta", 44.02, 1.36), site(url))
	}
	for _, tc := range []struct {
		name   string
		a, b   Place
		reason string // "" for none
	}{
		{"two Facebook pages", lien("https://www.facebook.com/lelien82"), other("https://facebook.com/lapasserelle"), ""},
		{"two Google Sites", lien("https://sites.google.com/view/lelien82"), other("https://sites.google.com/view/passerelle"), ""},
		{"one Facebook page on two hosts", lien("https://fr-fr.facebook.com/lelien82/"), other("https://m.facebook.com/lelien82"), "même site web"},
		{"one organisation's domain", lien("https://www.lelien82.fr/accueil"), other("https://lelien82.fr/passerelle"), "même domaine web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(tc.a, tc.b)
			got := reasons(r)
			if tc.reason == "" && (r.Identity != 0 || strings.Contains(got, "domaine") || strings.Contains(got, "site web")) {
				t.Errorf("identity %.2f: %s", r.Identity, got)
			}
			if tc.reason != "" && !strings.Contains(got, tc.reason) {
				t.Errorf("want %q: %s", tc.reason, got)
			}
		})
	}
}

// TestCompareNetworkNumberIsNoPhone: two CPAM offices 20 km apart gave
// the Assurance maladie's 3646 (identity 0.80, « même téléphone »), as the
// France Travail agencies give 3949 and national services their 08 or
// 09 69 numbers: a network's number says nothing of which office a record
// is. A place's own line still does.
func TestCompareNetworkNumberIsNoPhone(t *testing.T) {
	for _, tc := range []struct {
		phone string
		same  bool
	}{
		{"3646", false}, {"+333949", false}, {"+33969322121", false}, {"+33800000000", false}, {"+33810253310", false},
		{"+33563000001", true}, {"+33970000001", true}, {"+687123456", true},
	} {
		t.Run(tc.phone, func(t *testing.T) {
			a := with(place("hub", "CPAM Accueil Castelsarrasin", "2 rue de la Paix", 44.04, 1.10), both(in("Castelsarrasin", "82100"), phones(tc.phone)))
			b := with(place("cnfs", "CPAM de Tarn-et-Garonne", "15 avenue Gambetta", 44.017, 1.355), both(in("Montauban", "82000"), phones(tc.phone)))
			r := Compare(a, b)
			if got := strings.Contains(reasons(r), "même téléphone"); got != tc.same {
				t.Errorf("same phone %v, want %v: identity %.2f %s", got, tc.same, r.Identity, reasons(r))
			}
		})
	}
}
