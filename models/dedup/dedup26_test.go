package dedup

import "testing"

// The causes of the misses left in the Aidants Connect set and the cities
// set (Mulhouse, Aix-en-Provence, data·inclusion of the Sarthe and
// Ille-et-Vilaine) after their first fixes, each a rule about how producers
// write places, not about these names.

// TestCompareComplementNamesItsHost: Mulhouse lists each association that
// holds sessions in the post office's digital space at the post office's
// address, the space named in the complement (« Les Petits Débrouillards »,
// 7 boulevard de l'Europe, « Espace Numérique - La Poste »; « Appuis »,
// « Espace Numérique Poste Mulhouse Europe »), against the national record
// « LA POSTE MULHOUSE EUROPE » at that address, 0 m (0.350: the names share
// nothing). A complement that is a digital space named after the other
// place (a digital word, and its other words, the space's kind and the
// commune aside, all in the other's name) at one address says the place's
// sessions are in that structure's space: its door. Not a complement
// naming a building without a digital space (an association domiciled at
// the « Maison des associations », SIAO-Dora set), nor a third structure,
// nor another address, nor a complement of kind words only (« Espace
// numérique »).
func TestCompareComplementNamesItsHost(t *testing.T) {
	mulhouse := in("Mulhouse", "68100")
	poste := with(place("cnfs", "LA POSTE MULHOUSE EUROPE", "7 boulevard de l'europe", 47.7507, 7.341805), mulhouse)
	compl := func(c string) func(*Place) {
		return func(p *Place) { mulhouse(p); p.Complement = c }
	}
	cases := []compareCase{
		{"OK an association in the post office's digital space", with(place("mulhouse", "Les Petits Débrouillards Grand Est", "7 boulevard de l'Europe", 47.7507, 7.341805), compl("Espace Numérique - La Poste")),
			poste, true, "complément"},
		{"OK the space named with the office's name", with(place("mulhouse", "Appuis", "7 boulevard de l'Europe", 47.7507, 7.341805), compl("Espace Numérique Poste Mulhouse Europe")),
			poste, true, "complément"},
		{"OK no coordinates on one side", with(place("mulhouse", "La Passerelle des Talents", "7 boulevard de l'Europe", 0, 0), compl("Espace Numérique - La Poste")),
			poste, true, "complément"},
		{"NotDup a complement naming a third structure", with(place("mulhouse", "Appuis", "7 boulevard de l'Europe", 47.7507, 7.341805), compl("Centre social Papin")),
			poste, false, ""},
		{"NotDup a complement naming a building that houses associations", with(place("dora", "LES MOTS POUR L' ECRIRE", "27 RUE JEAN BART", 50.627846, 3.065593), both(in("Lille", "59000"), func(p *Place) { p.Complement = "MAISON DES ASSOCIATIONS" })),
			with(place("cnfs", "Maison des associations de Lille", "27 rue jean bart", 50.627846, 3.065593), in("Lille", "59000")), false, ""},
		{"NotDup a complement of kind words only", with(place("mulhouse", "Appuis", "7 boulevard de l'Europe", 47.7507, 7.341805), compl("Espace numérique")),
			poste, false, ""},
		{"NotDup another address", with(place("mulhouse", "Appuis", "31 boulevard de l'Europe", 47.7507, 7.3489), compl("Espace Numérique - La Poste")),
			poste, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareSameNameStreetMisspelt: Aidants Connect's « Centre Social
// Belle eau, 1 RUE JOLIOT CURIE » and the national record « Centre Social
// Belle Eau, 1 rue joliot curry », Capesterre-Belle-Eau, no coordinates on
// Aidants Connect's side (0.400: the same name, the addresses read as
// two). An address typed by hand misspells a word (« curry »): one word of
// the street's name differing, of four letters or more and beginning with
// the other's first three, two letters changed at most, the other words
// and the house number the same, in one commune, is that street for two
// places of the same name. Not two streets that differ by a whole word
// (« rue Pierre Curie », « rue Marie Curie », « rue du Général Leclerc »,
// « rue du Général Lecomte »), nor another number, nor a name that is not
// the same.
func TestCompareSameNameStreetMisspelt(t *testing.T) {
	capesterre := in("Capesterre-Belle-Eau", "97130")
	cnfs := with(place("cnfs", "Centre Social Belle Eau", "1 rue joliot curry", 16.048, -61.564234), capesterre)
	cases := []compareCase{
		{"OK one word of the street misspelt", with(place("aidants", "Centre Social Belle eau", "1 RUE JOLIOT CURIE", 0, 0), capesterre),
			cnfs, true, "rue mal orthographiée"},
		{"NotDup another number", with(place("aidants", "Centre Social Belle eau", "12 RUE JOLIOT CURIE", 0, 0), capesterre),
			cnfs, false, ""},
		{"NotDup another name", with(place("aidants", "Médiathèque Belle Eau", "1 RUE JOLIOT CURIE", 0, 0), capesterre),
			cnfs, false, ""},
		{"NotDup two first names", with(place("aidants", "Centre Social Belle eau", "1 rue Pierre Curie", 0, 0), capesterre),
			with(place("cnfs", "Centre Social Belle Eau", "1 rue Marie Curie", 16.048, -61.564234), capesterre), false, ""},
		{"NotDup two streets beginning alike", with(place("aidants", "Centre Social Belle eau", "1 rue du Général Leclerc", 0, 0), capesterre),
			with(place("cnfs", "Centre Social Belle Eau", "1 rue du Général Lecomte", 16.048, -61.564234), capesterre), false, ""},
		{"NotDup far apart", with(place("aidants", "Centre Social Belle eau", "1 RUE JOLIOT CURIE", 16.0, -61.60), capesterre),
			cnfs, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareTwoFranceServicesOnOneStreet: Aidants Connect's « FRANCE
// SERVICES DE GOURBEYRE, Ruelle des Bambous, près de la gendarmerie » and
// the national record « TIERS-LIEU DE GOURBEYRE labalisé "FRANCE
// SERVICES" », Ruelle Bambou, no number on either side, no coordinates on
// Aidants Connect's (0.573). A France Services with no name of its own (its
// label and its commune) and another record whose name says it is a France
// Services, on one street of that commune, the numbers not disagreeing, are
// that commune's France Services: the label is given to one structure of a
// commune, and a street does not hold two. A record that is not a France
// Services by its name stays a door of its own up the street (the
// médiathèque 68 m from the mairie's MSAP, housesFranceServices), and so
// does one at another number.
func TestCompareTwoFranceServicesOnOneStreet(t *testing.T) {
	gourbeyre := in("Gourbeyre", "97113")
	cnfs := with(place("cnfs", `TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES"`, "Ruelle Bambou", 15.992072, -61.691048), gourbeyre)
	cases := []compareCase{
		{"OK the commune's France Services and the labelled tiers-lieu", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Ruelle des Bambous\nprès de la gendarmerie", 0, 0), gourbeyre),
			cnfs, true, "France Services"},
		{"NotDup a record that is not a France Services", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Ruelle des Bambous", 0, 0), gourbeyre),
			with(place("cnfs", "TIERS-LIEU DE GOURBEYRE", "Ruelle Bambou", 15.992072, -61.691048), gourbeyre), false, ""},
		{"NotDup two numbers of the street", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "3 Ruelle des Bambous", 0, 0), gourbeyre),
			with(place("cnfs", `TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES"`, "40 Ruelle Bambou", 15.992072, -61.691048), gourbeyre), false, ""},
		{"NotDup another street", with(place("aidants", "FRANCE SERVICES DE GOURBEYRE", "Rue de la Gendarmerie", 0, 0), gourbeyre),
			cnfs, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareLibraryWithoutNameOfItsOwn: Aidants Connect's « Réseau des
// bibliothèques de Nancy », 10 rue Baron Louis (the commune's SIRET), and
// the national record « Médiathèque Manufacture » at that address (0.501:
// the names share the library's kind only). A commune names its library
// network, or its library, by its kind and its name alone (« Bibliothèque
// municipale de X », « Réseau des médiathèques de X »): no name of its own,
// that record is the library at whose address it is given, as a France
// Services or a digital space with no name of its own is the structure at
// its address (housesFranceServices, housesDigitalSpace). At one house
// number of one street, or one point: not a library farther up the street,
// nor a place of another kind at that address, nor a bibliobus.
func TestCompareLibraryWithoutNameOfItsOwn(t *testing.T) {
	nancy := in("Nancy", "54000")
	manufacture := with(place("cnfs", "Médiathèque Manufacture", "10 rue Baron Louis", 48.69608, 6.171876), nancy)
	cases := []compareCase{
		{"OK the commune's library network at its médiathèque's address", with(place("aidants", "Réseau des bibliothèques de Nancy", "10 rue Baron Louis", 0, 0), nancy),
			manufacture, true, "bibliothèque"},
		{"OK the municipal library", with(place("aidants", "Bibliothèque municipale de Nancy", "10 rue Baron Louis", 0, 0), nancy),
			manufacture, true, ""},
		{"NotDup another number of the street", with(place("aidants", "Réseau des bibliothèques de Nancy", "42 rue Baron Louis", 0, 0), nancy),
			manufacture, false, ""},
		{"NotDup a place of another kind at the address", with(place("aidants", "Réseau des bibliothèques de Nancy", "10 rue Baron Louis", 0, 0), nancy),
			with(place("cnfs", "Centre social Manufacture", "10 rue Baron Louis", 48.69608, 6.171876), nancy), false, ""},
		{"NotDup a bibliobus", with(place("aidants", "Bibliobus de Nancy", "10 rue Baron Louis", 0, 0), nancy),
			manufacture, false, ""},
	}
	runCompareCases(t, cases)
}
