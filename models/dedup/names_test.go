package dedup

import (
	"strings"
	"testing"
)

// The name part (names.go): how producers write one place's name in ways
// that share few words — glosses, renamed networks, acronyms, a département
// by its number. Each test is a habit met in a labelled set; its doc says
// which.

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

// TestCompareTwoStructuresNameWithGloss: a hub names a place by the two
// structures it houses and adds its label in parentheses (« Maison des
// solidarité et CCAS de Montivilliers (Maison France Service) », Normandie
// set), against the national record of one of them (« CENTRE COMMUNAL
// D'ACTION SOCIALE », 125 m, its square read as a building). Each
// structure's name is read alone (namedStructures) as for a name without a
// gloss: the gloss belongs to the whole name, not to the last structure
// named, and kept it made « CCAS » one word of four. Not the same
// structures farther apart on two streets, nor a third structure nearby.
func TestCompareTwoStructuresNameWithGloss(t *testing.T) {
	lodeve := in("Lodève", "34700")
	hub := with(place("hub", "Maison des solidarités et CCAS de Lodève (Maison France Services)", "Cour du Moulin", 43.7300, 3.3200), lodeve)
	cases := []compareCase{
		{"OK the CCAS of a two-structure name with a gloss", hub,
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"OK the other structure", hub,
			with(place("cnfs", "Maison des solidarités de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"NotDup the CCAS on two streets 400 m apart", with(hub, func(p *Place) { p.Street = "3 rue du Moulin" }),
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7336, 3.3200), lodeve), false, ""},
		{"NotDup a third structure nearby", hub,
			with(place("cnfs", "Médiathèque de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDepartementByItsNumber: « UDAF 34 » and « UDAF de l'Hérault »
// at one address scored 0.505, « Ligue de l'enseignement 34 » and « Ligue
// de l'Enseignement de l'Hérault » 0.573: associations organised by
// département (UDAF, the Ligue's federations, the Croix-Rouge's
// délégations, Missions locales) write their département by its number as
// often as by its name (the sets hold « LIGUE DE L'ENSEIGNEMENT 45 » for
// the Ligue de l'Enseignement du Loiret, « BIJ 41 », « ADSEA 28 », « APF
// France Handicap 74 », « CD 72 - Département de la Sarthe »). The place's own département's number in its name
// reads as that département's name; another number is not read so (a
// place in the Hérault naming « 30 » names something else).
func TestCompareDepartementByItsNumber(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(src, name string) Place {
		return with(place(src, name, "3 rue de la République", 43.73, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK UDAF 34 and UDAF de l'Hérault", at("a", "UDAF 34"), at("b", "UDAF de l'Hérault"), true, "même nom"},
		{"OK written out on one side", at("a", "UDAF 34"), at("b", "Union Départementale des Associations Familiales de l'Hérault"), true, ""},
		{"OK the Ligue's federation", at("a", "Ligue de l'enseignement 34"), at("b", "Ligue de l'Enseignement de l'Hérault"), true, "même nom"},
		{"NotDup another département's number", at("a", "Ligue de l'enseignement 30"), at("b", "Ligue de l'Enseignement de l'Hérault"), false, ""},
	}
	runCompareCases(t, cases)
}

// TestComparePoleEmploiIsFranceTravail: Pôle emploi became France Travail
// on 1 January 2024 (loi du 18 décembre 2023 pour le plein emploi); files
// written before write « Pôle emploi », those after « France Travail »,
// for one agency at one address (0.350: the names shared nothing). Read as
// one name, as the MSAP and France Services are. Not another agency of
// another name at another address.
func TestComparePoleEmploiIsFranceTravail(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(src, name, street string, lat float64) Place {
		return with(place(src, name, street, lat, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK the agency under its two names", at("a", "Pôle Emploi Lodève", "3 rue de la République", 43.73), at("b", "France Travail Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK Agence France Travail", at("a", "Agence Pôle emploi", "3 rue de la République", 43.73), at("b", "France Travail", "3 rue de la République", 43.73), true, ""},
		{"NotDup the agency and the Mission locale at another address", at("a", "Pôle Emploi Lodève", "3 rue de la République", 43.73), at("b", "Mission locale Lodève", "12 avenue Foch", 43.7354), false, ""},
	}
	runCompareCases(t, cases)
}

// TestComparePointJusticeIsThePAD: the points d'accès au droit and relais
// d'accès au droit are labelled « Point-justice » since 2021 (Conseil
// national de l'aide juridique): a file written since names the place one
// way, the national file of 2022 the other (0.487 at one address). Read as
// one name. Not a Maison de la justice et du droit on another street.
func TestComparePointJusticeIsThePAD(t *testing.T) {
	lodeve := in("Lodève", "34700")
	mk := func(src, name string) Place {
		return with(place(src, name, "3 rue de la République", 43.73, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK Point-justice and point d'accès au droit", mk("a", "Point-justice de Lodève"), mk("b", "Point d'accès au droit de Lodève"), true, "même nom"},
		{"OK relais d'accès au droit", mk("a", "Point Justice Lodève"), mk("b", "Relais d'accès au droit"), true, "même nom"},
		{"OK PAD", mk("a", "Point Justice"), mk("b", "PAD de Lodève"), true, "même nom"},
		{"NotDup a Maison de la justice et du droit on another street", with(mk("a", "Point Justice"), func(p *Place) { p.Street = "12 avenue Foch"; p.Latitude, p.Longitude = at(43.7354, 3.32) }),
			mk("b", "Maison de la Justice et du Droit"), false, ""},
	}
	runCompareCases(t, cases)
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
