package dedup

import (
	"testing"
)

// Hosts (hosts.go, hostcomplement.go, digitalspace.go): a commune's or a
// structure's record at the address of a place it houses. Each test is a
// habit met in a labelled set; its doc says which.

// TestCompareCommuneRecordOnTheMairiesStreet: the national « COMMUNE DE
// BLENEAU » at « PL DE LA MAIRIE » (SIRENE's address of a commune names
// the mairie) and the BFC hub's « MSAP Bléneau » place de la Libération at
// the same point (0.175): a commune's record whose own street names the
// mairie stands at the mairie, and the service a few metres from it is
// one it hosts, as a service on the mairie's street by the mairie's record
// is (onMairiesStreet). Farther than 50 m, or an association (a tenant),
// stays another door.
func TestCompareCommuneRecordOnTheMairiesStreet(t *testing.T) {
	bleneau := in("Bléneau", "89220")
	commune := with(place("cnfs", "COMMUNE DE BLENEAU", "PL DE LA MAIRIE", 47.70093, 2.948545), bleneau)
	msap := with(place("hub", "MSAP Bléneau", "Place de la Libération", 47.70093, 2.948545), bleneau)
	runCompareCases(t, []compareCase{
		{"OK the commune at the mairie and its MSAP at one point", msap, commune, true, "collectivité à la même adresse"},
		{"NotDup 200 m away", with(msap, func(p *Place) { p.Latitude, p.Longitude = at(47.70273, 2.948545) }), commune, false, ""},
		{"NotDup an association at one point", with(msap, func(p *Place) { p.Name, p.Pivot, p.PivotKind = "Club informatique", "40000000000018", "siret" }), commune, false, ""},
	})
}

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

// TestCompareDigitalSpaceWrittenShort: « Espace numérique de X » and
// « Espace public numérique de X » (or « EPN de X », « Espace multimédia
// de X ») at one address scored 0.350, the names sharing nothing once the
// commune's words are left out: the phrases folded « espace public
// numérique » into EPN and left « espace numérique » two words. Producers
// write the label of an EPN short (« espace numérique ») or by its older
// name (« espace multimédia », the Espaces Culture Multimédia of the
// 2000s): one kind, as « cyber-base » is. Names of their own still tell
// two spaces apart, and another address another place.
func TestCompareDigitalSpaceWrittenShort(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(name, street string, lat float64) Place {
		return with(place(name[:3], name, street, lat, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK espace numérique and espace public numérique", at("Espace Numérique de Lodève", "3 rue de la République", 43.73),
			at("Espace public numérique de Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK EPN and espace numérique", at("EPN de Lodève", "3 rue de la République", 43.73),
			at("Espace numérique de Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK espace multimédia and EPN", at("Espace Multimédia de Lodève", "3 rue de la République", 43.73),
			at("EPN Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK with a name of its own", at("Espace numérique La Clé", "3 rue de la République", 43.73),
			at("Espace public numérique La Clé", "3 rue de la République", 43.73), true, "même nom"},
		{"NotDup two names of their own", at("Espace numérique La Clé", "3 rue de la République", 43.73),
			at("Espace public numérique Le Lien", "3 rue de la République", 43.73), false, ""},
		{"NotDup another street 600 m away", at("Espace numérique de Lodève", "3 rue de la République", 43.73),
			at("EPN de Lodève", "12 avenue Foch", 43.7354), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDigitalSpaceOnOneStreet: « Cyber Base Les Ateliers de la
// Fontaine » (Aidants Connect: its street without a number, no
// coordinates, an association's SIRET) and « Cyber base » at 22 of that
// street (the national file) scored 0.578 (names 0.79, one street). A
// digital space with no name of its own (its label and its commune:
// bareDigital) and a record whose name says it is a digital space too, on
// one street of one commune, the numbers not disagreeing, are that digital
// space, as franceServicesOnOneStreet reads France Services: a label given
// to one place of a commune, which a street does not hold twice. Not a
// record that is not a digital space by its name (an association at that
// street may be another door), not two streets, not two numbers, not
// points 500 m apart.
func TestCompareDigitalSpaceOnOneStreet(t *testing.T) {
	vf := in("Villefranche-de-Rouergue", "12200")
	siret := func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siret" } }
	ac := with(place("aidants", "Cyber Base Les Jardins du Moulin", "RUE DU SERGENT BORIES", 0, 0), both(vf, siret("34980856800019")))
	cn := with(place("cnfs", "Cyber base", "22 Rue du Sergent Boriès", 44.35, 2.03), vf)
	cases := []compareCase{
		{"OK a named Cyber Base and a bare one on one street", ac, cn, true, ""},
		{"OK an EPN named and a bare espace numérique", with(ac, func(p *Place) { p.Name = "EPN Les Jardins du Moulin" }),
			with(cn, func(p *Place) { p.Name = "Espace numérique" }), true, ""},
		{"NotDup an association not named as a digital space", with(ac, func(p *Place) { p.Name = "Les Jardins du Moulin" }), cn, false, ""},
		{"NotDup two streets", ac, with(cn, func(p *Place) { p.Street = "22 avenue de Toulouse" }), false, ""},
		{"NotDup two numbers", with(ac, func(p *Place) { p.Street = "3 RUE DU SERGENT BORIES" }), cn, false, ""},
		{"NotDup points 900 m apart", with(ac, func(p *Place) { p.Latitude, p.Longitude = at(44.358, 2.03) }), cn, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDigitalSpaceAtItsStructuresPoint: Hinaura's « Cyber espace La
// Turbine », place Chorus, and the national file's « La Turbine Sciences »,
// 3 rue des Tisserands, 39 m apart (0.339): a digital space named after its
// structure was its door at one number or the next house of one street
// only, and a building on a square is written by its square or by its
// street number. Within 50 m in one commune it is its door too; farther,
// without coordinates, or named after another structure, it is not.
func TestCompareDigitalSpaceAtItsStructuresPoint(t *testing.T) {
	annecy := in("Annecy", "74960")
	turbine := with(place("cnfs", "La Turbine Sciences", "3 rue des tisserands", 45.91930, 6.10650), annecy)
	cases := []compareCase{
		{"OK the space on the building's square, 39 m", with(place("hinaura", "Cyber espace La Turbine", "Place Chorus", 45.91965, 6.10650), annecy),
			turbine, true, "au même point"},
		{"NotDup 200 m", with(place("hinaura", "Cyber espace La Turbine", "Place Chorus", 45.92110, 6.10650), annecy),
			turbine, false, ""},
		{"NotDup no coordinates on one side", with(place("hinaura", "Cyber espace La Turbine", "Place Chorus", 0, 0), annecy),
			turbine, false, ""},
		{"NotDup a space named after another structure", with(place("hinaura", "Cyber espace Le Phare", "Place Chorus", 45.91965, 6.10650), annecy),
			turbine, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareMairieAndItsFranceServicesOnItsUnnumberedSquare: Aidants
// Connect's « Mairie de Saint Sernin du Bois » and France Services' list's
// « France services Saint-Sernin », both « Place Salignac Fénelon » without
// a number; the commune « PARON » and « France services de Paron », both
// « Place de la Fraternité » (Aidants Connect × France Services,
// Bourgogne-Franche-Comté, 0.350 each: the names share nothing). Aidants
// Connect gives no coordinates, so the host rule's readings of one address
// (one number, or a number missing within 150 m, or 50 m apart) had
// nothing to read. A France Services named after its commune alone is the
// commune's one counter of the label; on the street of the commune's own
// square, neither giving a number to tell two doors apart and one giving
// no point, the mairie's record is its host, as at one address. Not when
// both give points (they say how far apart the doors are: the host rule's
// 50 m), nor when the numbers differ, nor on a street (its doors may be
// far apart), nor an unplaced mairie giving a phone (its point would be
// needed to read whether it names another door), nor an association's
// record, nor a France Services with a name of its own.
func TestCompareMairieAndItsFranceServicesOnItsUnnumberedSquare(t *testing.T) {
	sernin := in("Saint-Sernin-du-Bois", "71200")
	mairie := with(place("aidants", "Mairie de Saint Sernin du Bois", "Place Salignac Fénelon", 0, 0), sernin)
	fs := with(place("fs", "France services Saint-Sernin", "Place Salignac Fénelon", 46.8405, 4.4311), sernin)
	paron := in("Paron", "89100")
	runCompareCases(t, []compareCase{
		{"OK the mairie and the commune's France Services on its square", mairie, fs, true, "collectivité à la même adresse"},
		{"OK the commune named alone", with(place("aidants", "PARON", "Place de la Fraternité", 0, 0), paron),
			with(place("fs", "France services de Paron", "Place de la Fraternité", 48.1794, 3.2583), paron), true, "collectivité à la même adresse"},
		{"NotDup both placed 300 m apart", with(mairie, func(p *Place) { p.Latitude, p.Longitude = at(46.8432, 4.4311) }), fs, false, ""},
		{"NotDup numbers that differ", with(mairie, func(p *Place) { p.Street = "3 Place Salignac Fénelon" }),
			with(fs, func(p *Place) { p.Street = "12 Place Salignac Fénelon" }), false, ""},
		{"NotDup a street, whose doors may be far apart", with(mairie, func(p *Place) { p.Street = "Rue Salignac Fénelon" }),
			with(fs, func(p *Place) { p.Street = "Rue Salignac Fénelon" }), false, ""},
		{"NotDup an unplaced mairie giving a phone, which may name another door", with(mairie, func(p *Place) { p.Phones = []string{"03 85 55 00 00"} }), fs, false, ""},
		{"NotDup an association on the square", with(mairie, func(p *Place) { p.Name, p.Pivot, p.PivotKind = "Club informatique", "40000000000018", "siret" }), fs, false, ""},
		{"NotDup a France Services with a name of its own", mairie, with(fs, func(p *Place) { p.Name = "France services Centre social Les Tilleuls" }), false, ""},
	})
}
