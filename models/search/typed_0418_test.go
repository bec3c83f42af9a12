package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Batch 2027-04-18 (README, « Nineteenth round »): the Conseillers
// numériques programme writes its own name, « Conseiller numérique France
// Services », as the France Services label on its advisers' every
// permanence (19 of Montpellier's 23 places, the libraries of Lille and
// Cognac), and the Charente's aggregator the typology RFS beside it. The
// label says the programme, not that the place is a France Services: such
// a library was the answer to « aide administrative montpellier » and
// « france services lille ». A place of the programme named a France
// Services is one; another producer's label keeps its meaning.
func TestTheProgrammesFranceServicesLabelOfTheBatch0418(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lib", "Bibliothèque Municipale de Lille", "Lille", "59000", "32 rue Edouard Delesalle", "services", themeTools,
			"source", "conseiller-numerique", "dispositif_programmes_nationaux", "Conseillers numériques|France Services"),
		record("mpt", "Maison pour tous Albert Dubout", "Montpellier", "34000", "1071 avenue de la Justice", "services", themeTools,
			"source", "conseiller-numerique", "dispositif_programmes_nationaux", "Conseillers numériques|France Services", "typologie", "RFS"),
		record("mar", "France Service Marennes Oléron", "Marennes-Hiers-Brouage", "17320", "24 rue Dubois Meynardie", "services", themeTools,
			"source", "conseiller-numerique", "dispositif_programmes_nationaux", "Conseillers numériques|France Services"),
		record("cog", "Médiathèque de Cognac", "Cognac", "16100", "10 rue du Minage", "services", themeTools,
			"dispositif_programmes_nationaux", "France Services"),
		record("dec", "Espace Intérim", "Angoulême", "16000", "1 rue de Périgueux"),
		record("fs", "France services de Roubaix", "Roubaix", "59100", "1 place de la Liberté", "services", themeTools,
			"dispositif_programmes_nationaux", "France Services"),
	})
	for _, q := range []string{"aide administrative montpellier", "france services lille", "france services montpellier", "caf aide en ligne lille"} {
		r, got := searchNames(t, m, q)
		if slices.Contains(got, "Bibliothèque Municipale de Lille") && !r.Partial || slices.Contains(got, "Maison pour tous Albert Dubout") && !r.Partial {
			t.Errorf("%s: %v (partial %v), want the programme's labelled places not found as France Services", q, got, r.Partial)
		}
	}
	for q, want := range map[string]string{
		"aide papiers marennes":     "France Service Marennes Oléron",
		"france services marennes":  "France Service Marennes Oléron",
		"aide demarches caf cognac": "Médiathèque de Cognac",
		"france services nord":      "France services de Roubaix",
	} {
		r, got := searchNames(t, m, q)
		if r.Partial || len(got) == 0 || got[0] != want {
			t.Errorf("%s: %v (partial %v), want %s first", q, got, r.Partial, want)
		}
	}
}

// A territory of the Grand Paris named in a query is its communes, as an
// intercommunality is (« est ensemble aide numerique », « conseiller
// numerique plaine commune »): the Métropole du Grand Paris is the
// communes' EPCI, and its eleven territories were no reading — the answer
// was the places whose text held « ensemble » or « commune ».
func TestAGrandParisTerritoryIsItsCommunes(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("pan", "Maison de quartier des Courtillières", "Pantin", "93500", "1 avenue Aimé Césaire", "services", themeTools),
		record("mon", "Médiathèque Robert Desnos", "Montreuil", "93100", "14 boulevard Rouget de Lisle", "services", themeTools),
		record("sd", "Médiathèque Ulysse", "Saint-Denis", "93200", "37 cours du Ru de Montfort", "services", themeTools),
		record("ens", "Tous ensemble numérique", "Angoulême", "16000", "2 rue de Périgueux", "services", themeTools),
		record("com", "Maison de la commune", "Cognac", "16100", "3 rue de Pons", "services", themeTools),
		record("par", "Mairie du 19e", "Paris", "75019", "5 place Armand Carrel", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"est ensemble aide numerique", []string{"Maison de quartier des Courtillières", "Médiathèque Robert Desnos"}},
		{"ept est ensemble cours informatique", []string{"Maison de quartier des Courtillières", "Médiathèque Robert Desnos"}},
		{"aide numerique plaine commune", []string{"Médiathèque Ulysse"}},
	} {
		_, got := searchNames(t, m, tc.q)
		first := slices.Clone(got[:min(len(got), len(tc.want))])
		slices.Sort(first)
		if !slices.Equal(first, tc.want) {
			t.Errorf("%s: %v, want first %v", tc.q, got, tc.want)
		}
	}
}

// answersOnly checks that each query answers exactly its places (any
// order).
func answersOnly(t *testing.T, m *search.Memory, cases map[string][]string) {
	t.Helper()
	for q, want := range cases {
		_, got := searchNames(t, m, q)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}

// A locality La Poste names inside a commune (« montfavet », « la bocca »,
// « puyricard ») is read as its postal code, as Marseille's quarters are:
// « la bocca » found « La Bocca »'s words in any record and « montfavet »
// the Route de Montfavet of Avignon's centre.
func TestALocalityIsItsPostalCode(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("mon", "Mairie de quartier", "Avignon", "84140", "8 square des Cigales", "services", themeTools),
		record("rte", "Espace départemental des solidarités", "Avignon", "84000", "1 route de Montfavet", "services", themeTools),
		record("boc", "France services de Cannes", "Cannes", "06150", "21 avenue Victor Hugo"),
		record("can", "Espace Mimont", "Cannes", "06400", "5 rue de Mimont"),
		record("pic", "Pizzeria La Bocca numérique", "Nice", "06000", "1 rue de France"),
	})
	answersOnly(t, m, map[string][]string{
		"montfavet aide numerique": {"Mairie de quartier"},
		"aide papiers la bocca":    {"France services de Cannes"},
		"ma grand-mère habite à la bocca elle a besoin d'aide pour ses papiers": {"France services de Cannes"},
	})
}

// An arrondissement's ordinal written out (« paris dix-septième »,
// « marseille quatorzième ») or in Roman numerals (« paris XVIIIe ») after
// its city is its postal code, as « paris 18e » is; « vie » is a word
// (« paris vie associative »), VIe only beside « arrondissement ».
func TestAnArrondissementWrittenOutOrInRomanNumerals(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("p18", "Espace numérique de la Goutte d'Or", "Paris", "75018", "1 rue de la Goutte d'Or", "services", themeTools),
		record("p17", "Médiathèque des Batignolles", "Paris", "75017", "2 rue des Batignolles", "services", themeTools),
		record("p06", "Maison de la vie associative", "Paris", "75006", "3 rue de Rennes", "services", themeTools),
		record("p11", "Maison de la vie associative du 11e", "Paris", "75011", "4 rue Godefroy Cavaignac", "services", themeTools),
		record("m14", "Centre social Saint-Joseph", "Marseille", "13014", "5 chemin de Saint-Joseph", "services", themeTools),
		record("m01", "Cyberbase de Belsunce", "Marseille", "13001", "6 rue Bernard du Bois", "services", themeTools),
	})
	answersOnly(t, m, map[string][]string{
		"paris xviiie aide numerique":             {"Espace numérique de la Goutte d'Or"},
		"paris dix-septième aide numerique":       {"Médiathèque des Batignolles"},
		"marseille quatorzieme atelier numerique": {"Centre social Saint-Joseph"},
		"paris vie associative":                   {"Maison de la vie associative", "Maison de la vie associative du 11e"},
		"paris vie arrondissement":                {"Maison de la vie associative"},
	})
}

// A territory whose name holds a city and a compass point (« Paris Ouest
// La Défense », « Grand Paris Sud Est Avenir ») is the territory: the
// compass point was read as that part of Paris, and the answer was the
// arrondissements of the west or the south.
func TestATerritoryNamedWithACompassPoint(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("n92", "Médiathèque de Nanterre", "Nanterre", "92000", "1 place du Marché", "services", themeTools),
		record("cre", "Maison de la solidarité de Créteil", "Créteil", "94000", "2 rue de Paris", "services", themeTools),
		record("p16", "Espace numérique d'Auteuil", "Paris", "75016", "3 rue d'Auteuil", "services", themeTools),
		record("p13", "Espace numérique de la Butte-aux-Cailles", "Paris", "75013", "4 rue Bobillot", "services", themeTools),
	})
	answersOnly(t, m, map[string][]string{
		"paris ouest la defense aide numerique":     {"Médiathèque de Nanterre"},
		"grand paris sud est avenir aide numerique": {"Maison de la solidarité de Créteil"},
		"paris ouest aide numerique":                {"Espace numérique d'Auteuil"},
	})
}
