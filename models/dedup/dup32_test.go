package dedup

import (
	"slices"
	"strings"
	"testing"
)

// TestComparePostalBoxInTheStreet: producers write a postal box in the
// street's line (« Place ROUX DE BRIGNOLES BP 7 », « Place de l'Hôtel de
// ville BP 47 », « Résidence du Cré BP 36 » in the sets' files). Read as
// words of the street, « BP 12 » made « 1 RUE JOLIOT CURIE » another
// street than « 1 rue joliot curry » and « Place Jules Grevy BOURG » a
// building: written so on every place of the labelled files but the
// national one, 9 of the 1,120 links were lost (duplicates_robustness_test.go,
// CARNET_DUP_HABITS). A postal box (BP, B.P., CS, TSA and its number) and
// CEDEX say nothing of the street.
func TestComparePostalBoxInTheStreet(t *testing.T) {
	carbet := in("Le Carbet", "97221")
	mairie := with(place("cnfs", "Mairie du Carbet", "Place Jules Grevy BOURG", 14.7101, -61.1801), carbet)
	capesterre := in("Capesterre-Belle-Eau", "97130")
	social := with(place("cnfs", "Centre Social Belle Eau", "1 rue joliot curry", 0, 0), capesterre)
	runCompareCases(t, []compareCase{
		{"OK a host at its square, a postal box after the square", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "1 Place Jules Grevy BP 7", 14.7101, -61.1801), carbet),
			mairie, true, "collectivité à la même adresse"},
		{"OK a host at its square, a dotted postal box", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "1 Place Jules Grevy - B.P. 7", 14.7101, -61.1801), carbet),
			mairie, true, "collectivité à la même adresse"},
		{"OK one name, a misspelt street and a CS", with(place("hub", "Centre Social Belle eau", "1 RUE JOLIOT CURIE CS 30012", 0, 0), capesterre),
			social, true, "rue mal orthographiée"},
		{"OK one name, a misspelt street and CEDEX", with(place("hub", "Centre Social Belle eau", "1 RUE JOLIOT CURIE CEDEX 1", 0, 0), capesterre),
			social, true, "rue mal orthographiée"},
		{"NotDup a postal box does not make two streets one", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "12 rue Victor Hugo BP 7", 0, 0), carbet),
			with(mairie, func(p *Place) { p.Latitude, p.Longitude = nil, nil }), false, ""},
	})
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"1 RUE JOLIOT CURIE BP 12", []string{"joliot", "curi"}},
		{"Place de l'Hôtel de ville B.P. 47", []string{"hotel", "vill"}},
		{"12 avenue de la Gare CS 20001", []string{"gare"}},
		{"3 rue du Parc TSA 40111", []string{"parc"}},
		{"rue des Ecoles CEDEX", []string{"ecol"}},
		// Not a postal box: a street named after its letters, or a
		// road's number.
		{"Chemin de la BP", []string{"bp"}},
		{"RD 1091", []string{"1091"}},
	} {
		st := parseStreet(tc.line, nil)
		if !slices.Equal(st.words, tc.want) {
			t.Errorf("parseStreet(%q).words = %q, want %q", tc.line, st.words, tc.want)
		}
	}
}

// TestCompareBuildingBeforeTheStreetIsAComplement: a producer that writes
// the address complement before the street, in one line (« Bâtiment
// Sèvre - 12 bd Georges Pompidou », « Maison des services - 285 rue du
// village », 33 lines of the sets' files), said more than the same
// complement in its own field: the odspep directory's « YSOS » (the
// place's own name) became a building that the national « ASSOCIATION
// YSOS » 650 m away named (« même bâtiment »), and France Services'
// « Bureau de Poste » no longer said that the France Services is La
// Poste's, not the mairie's on the same square (8 wrong links with every
// complement so written; duplicates_robustness_test.go). The part before
// the street is read as the complement when the record has none.
func TestCompareBuildingBeforeTheStreetIsAComplement(t *testing.T) {
	evreux := in("Évreux", "27000")
	ysos := with(place("cnfs", "ASSOCIATION YSOS", "82 AV DU MARECHAL FOCH", 49.0241, 1.1508), evreux)
	grandrieu := in("Grandrieu", "48600")
	mairie := with(place("cnfs", "Mairie de Grandrieu", "Place St Michel", 44.784217, 3.633992), grandrieu)
	runCompareCases(t, []compareCase{
		{"NotDup the place's own name before its street, 650 m", with(place("hub", "Ysos", "YSOS - 24 RUE DES TOMBETTES", 49.0199, 1.1562), evreux), ysos, false, ""},
		{"NotDup a post office's France Services and the mairie on one square", with(place("fs", "France services Grandrieu", "Bureau de Poste - Place Saint Michel", 44.784217, 3.633992), grandrieu), mairie, false, ""},
		// Still read: the building a line names before its street.
		{"OK a building both records name", with(place("hub", "Médiathèque de Furiani", "Bibliothèque Municipale de Furiani, 511 Route du Village", 42.6601, 9.4101), in("Furiani", "20600")),
			with(place("cnfs", "COMMUNE DE FURIANI", "Bibliothèque municipale", 42.6601, 9.4101), in("Furiani", "20600")), true, ""},
	})
}

// TestCompareCommuneWordsAreNotAbbreviations: « près » of
// « Artigues-près-Bordeaux » folds to « pres », the directories'
// abbreviation of « président »: a name that repeats its commune
// (« Médiathèque Gabriela Mistral - Artigues-près-Bordeaux ») kept the
// word « président » once the commune's words were left out, and was no
// longer its source's only place of that name (a link lost with the
// commune written after every name; duplicates_robustness_test.go).
// « Six » of « Six-Fours-les-Plages » was the number 6, « Lot » a
// lotissement. A word of the place's commune is read as written.
func TestCompareCommuneWordsAreNotAbbreviations(t *testing.T) {
	artigues := in("Artigues-près-Bordeaux", "33370")
	runCompareCases(t, []compareCase{
		{"OK one name, the commune after it, each its source's only one, 382 m", with(place("hub", "Médiathèque Gabriela Mistral - Artigues-près-Bordeaux", "Allée Bétailhe", 44.8601, -0.4901), artigues),
			with(place("cnfs", "Médiathèque Gabriela Mistral", "72 Av. de l'Église Romane", 44.8601+0.00343, -0.4901), artigues), true, "seul lieu de ce nom"},
	})
	for _, c := range []struct{ long, short, commune string }{
		{"Médiathèque Gabriela Mistral (ARTIGUES-PRÈS-BORDEAUX)", "Médiathèque Gabriela Mistral", "Artigues-près-Bordeaux"},
		{"Espace numérique de Six-Fours", "Espace numérique", "Six-Fours-les-Plages"},
		{"Médiathèque de Saint-Aubin-des-Six-Lots", "Médiathèque", "Saint-Aubin-des-Six-Lots"},
	} {
		long := Place{ID: "a", Source: "x", Name: c.long, Commune: c.commune}
		short := Place{ID: "b", Source: "x", Name: c.short, Commune: c.commune}
		if a, b := prepare(&long).key, prepare(&short).key; a != b || strings.Contains(a, "president") {
			t.Errorf("%q and %q: name keys %q and %q", c.long, c.short, a, b)
		}
	}
}

// TestCompareCommuneInTheStreetsLine: producers end the street's line with
// the postal code and the commune (« 32 BOULEVARD DES CAPUCINES, 12850
// ONET-LE-CHATEAU »); parseStreet left the commune's words out, but
// compared each word as written with the commune's words stemmed, so that
// only words a stem leaves unchanged were: « belle » and « eau » of
// Capesterre-Belle-Eau stayed words of the street, and « 1 RUE JOLIOT
// CURIE » was no longer « 1 rue joliot curry » misspelt. After a postal
// code, the commune's words are left out as written; elsewhere they may be
// the street's (« route de Sorholus » in Tardets-Sorholus).
func TestCompareCommuneInTheStreetsLine(t *testing.T) {
	capesterre := in("Capesterre-Belle-Eau", "97130")
	runCompareCases(t, []compareCase{
		{"OK one name, a misspelt street, the commune after it", with(place("hub", "Centre Social Belle eau", "1 RUE JOLIOT CURIE, 97130 Capesterre-Belle-Eau", 0, 0), capesterre),
			with(place("cnfs", "Centre Social Belle Eau", "1 rue joliot curry", 0, 0), capesterre), true, "rue mal orthographiée"},
	})
	q := prepare(&Place{Name: "x", Street: "12 rue des Écoles 21340 NOLAY", Commune: "Nolay"})
	if p := prepare(&Place{Name: "x", Street: "12 rue des Écoles", Commune: "Nolay"}); !slices.Equal(q.st.words, p.st.words) {
		t.Errorf("street words %q, want %q", q.st.words, p.st.words)
	}
	q = prepare(&Place{Name: "x", Street: "6 place des Halles 41100 Vendôme CEDEX", Commune: "Vendôme"})
	if !slices.Equal(q.st.words, []string{"hall"}) {
		t.Errorf("street words %q, want [hall]", q.st.words)
	}
	q = prepare(&Place{Name: "x", Street: "80 route de Sorholus", Commune: "Tardets-Sorholus"})
	if !slices.Equal(q.st.words, []string{"sorholu"}) {
		t.Errorf("street words %q, want [sorholu]", q.st.words)
	}
}

// TestCompareTwoFranceServicesAtOneNumber: Aidants Connect's « France
// Services BHAP » (the initials of its intercommunality, the Bastides en
// Haut Agenais Périgord) and the national file's « Espace Numérique France
// Services Monflanquin », both at 32 rue de l'Union (0.518): each names
// itself a France Services in its own way, and one numbered address of a
// commune houses one France Services. A France Services bus parked there,
// or another number, still says nothing.
func TestCompareTwoFranceServicesAtOneNumber(t *testing.T) {
	monflanquin := in("Monflanquin", "47150")
	cnfs := with(place("cnfs", "Espace Numérique France Services Monflanquin", "32 Rue de l'Union", 0, 0), monflanquin)
	runCompareCases(t, []compareCase{
		{"OK two France Services' names at one numbered address", with(place("aidants", "France Services BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, true, "deux France Services à la même adresse"},
		{"NotDup at another number", with(place("aidants", "France Services BHAP", "12, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
		{"NotDup a bus at the address", with(place("aidants", "Bus France Services BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
		{"NotDup a France Services and another body", with(place("aidants", "Médiathèque BHAP", "32, rue de l'Union", 0, 0), monflanquin), cnfs, false, ""},
	})
}

// TestCompareDomainSpellsTheNameBeforeItsCommune: a producer that writes
// each name followed by its commune (« La Maison des Marmandais -
// Marmande ») no longer spelled the domain the other record writes from
// (« lamaisondesmarmandais.fr »), nor its initials (« MSAP Pays
// Châtillonnais » and « cscl21.fr » for the Centre Socio Culturel et de
// Loisirs): 4 links lost with the national file's names so written. A last
// part of the name, after a dash, that only names the place's commune is
// left out of its spellings and initials too.
func TestCompareDomainSpellsTheNameBeforeItsCommune(t *testing.T) {
	marmande := in("Marmande", "47200")
	fs := with(place("fs", "France services des Marmandais", "104 Av Christian Baylac", 44.5001, 0.1651), func(p *Place) {
		marmande(p)
		p.Emails = []string{"contact@lamaisondesmarmandais.fr"}
	})
	runCompareCases(t, []compareCase{
		{"OK a domain spelling the name before its commune", fs,
			with(place("cnfs", "La Maison des Marmandais - Marmande", "106 avenue christian baylac", 44.5001, 0.1651), marmande), true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup a name after the dash that is not the commune's", fs,
			with(place("cnfs", "La Maison des Marmandais - Tonneins", "106 avenue christian baylac", 44.5001, 0.1651), marmande), false, ""},
	})
	chatillon := in("Châtillon-sur-Seine", "21400")
	runCompareCases(t, []compareCase{
		{"OK initials of the name before its commune", with(place("hub", "MSAP Pays Châtillonnais", "11 rue Albert Camus", 47.8601, 4.5701), func(p *Place) {
			chatillon(p)
			p.Websites = []string{"https://www.cscl.fr/msap"}
		}), with(place("cnfs", "Centre Socio Culturel et de Loisirs - Châtillon-sur-Seine", "11 Rue Albert Camus", 47.8601, 4.5701), chatillon), true, "initiales"},
		{"OK initials of the name before its commune in parentheses", with(place("hub", "MSAP Pays Châtillonnais", "11 rue Albert Camus", 47.8601, 4.5701), func(p *Place) {
			chatillon(p)
			p.Websites = []string{"https://www.cscl.fr/msap"}
		}), with(place("cnfs", "Centre Socio Culturel et de Loisirs (CHÂTILLON-SUR-SEINE)", "11 Rue Albert Camus", 47.8601, 4.5701), chatillon), true, "initiales"},
	})
}

// TestCompareDomainWithTheArticleTheNameLacks: « letierslieudecarpentras.fr »
// spells « Le tiers lieu de Carpentras »; a producer writing names without
// their leading article (« Tiers lieu de Carpentras ») no longer matched
// it (duplicates_robustness_test.go). A domain's leading article is read
// as optional.
func TestCompareDomainWithTheArticleTheNameLacks(t *testing.T) {
	carpentras := in("Carpentras", "84200")
	fabrique := with(place("cnfs", "FABRIQUE GARE NUMERIQUE", "136 RUE DU VIEIL HOPITAL", 44.0551, 5.0481), func(p *Place) {
		carpentras(p)
		p.Websites = []string{"https://www.letierslieudecarpentras.fr/"}
	})
	runCompareCases(t, []compareCase{
		{"OK the name with its article", with(place("hub", "Le tiers lieu de Carpentras", "136 rue du vieil hopital", 44.0551, 5.0481), carpentras), fabrique, true, "au nom de l'autre lieu"},
		{"OK the name without its article", with(place("hub", "Tiers lieu de Carpentras", "136 rue du vieil hopital", 44.0551, 5.0481), carpentras), fabrique, true, "au nom de l'autre lieu"},
	})
	// siteOfCommune: another name than the list's ending with its commune.
	if siteOfCommune("Antenne Communauté de Communes La Rochefoucauld Porte du Périgord à l'Espace France Services - La Rochefoucauld-en-Angoumois",
		prepare(&Place{Name: "x", Commune: "La Rochefoucauld-en-Angoumois"}).commune) {
		t.Error("a name that does not begin with the label read as a site of a France Services")
	}
	if !siteOfCommune("France services Hérault Méditerranée - Pézenas", prepare(&Place{Name: "x", Commune: "Pézenas"}).commune) {
		t.Error("the list's site name no longer read")
	}
}

// TestParseStreetNumberSign: « N° 5 rue X » is 5 rue X (written so on
// every place of the sets' files but the national one, 53 links were
// lost: the number was read as a word of the street).
func TestParseStreetNumberSign(t *testing.T) {
	for _, line := range []string{"N° 5 rue Victor Hugo", "n°5 rue Victor Hugo", "No 5 rue Victor Hugo", "numéro 5 rue Victor Hugo"} {
		st := parseStreet(line, nil)
		if len(st.numbers) != 1 || st.numbers[0] != 5 || !slices.Equal(st.words, []string{"victor", "hugo"}) {
			t.Errorf("parseStreet(%q) = numbers %v, words %q", line, st.numbers, st.words)
		}
	}
	// Not a number's sign: a street named « No » or a lone « N ».
	if st := parseStreet("N rue Victor Hugo", nil); len(st.numbers) != 0 {
		t.Errorf("« N rue Victor Hugo »: numbers %v", st.numbers)
	}
}

// TestCompareBuildingAfterTheStreetIsAComplement: the complement written
// after the street in one line (« Place Saint Michel, Bureau de Poste »)
// is the complement, as before it (TestCompareBuildingBeforeTheStreetIsAComplement):
// France Services' « Bureau de Poste » then keeps its France Services
// apart from the mairie on the square, and a digital space named there
// is housed (complement_host). A commune or a street after the comma is
// not a complement.
func TestCompareBuildingAfterTheStreetIsAComplement(t *testing.T) {
	grandrieu := in("Grandrieu", "48600")
	mairie := with(place("cnfs", "Mairie de Grandrieu", "Place St Michel", 44.784217, 3.633992), grandrieu)
	runCompareCases(t, []compareCase{
		{"NotDup a post office's France Services and the mairie on one square", with(place("fs", "France services Grandrieu", "Place Saint Michel, Bureau de Poste", 44.784217, 3.633992), grandrieu), mairie, false, ""},
	})
	for _, tc := range []struct{ line, street, tail string }{
		{"Place Saint Michel, Bureau de Poste", "Place Saint Michel", "Bureau de Poste"},
		{"7 boulevard de l'Europe - Espace numérique", "7 boulevard de l'Europe", "Espace numérique"},
		{"3 place Roumanille, NYONS", "3 place Roumanille, NYONS", ""},
		{"12 rue X, 3 rue Y", "12 rue X, 3 rue Y", ""},
		{"Bureau de Poste, Place Saint Michel", "Bureau de Poste, Place Saint Michel", ""},
	} {
		street, tail, _ := trailingBuilding(tc.line, prepare(&Place{Name: "x", Commune: "Nyons"}).commune)
		if street != tc.street || tail != tc.tail {
			t.Errorf("trailingBuilding(%q) = %q, %q; want %q, %q", tc.line, street, tail, tc.street, tc.tail)
		}
	}
}
