package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Queries about territories (communes, postal codes, départements by number
// or former name, régions, districts, a street address). Each test answers
// queries of the judged relevance batches (README, « Search and orientation
// ») that found nothing or the wrong places, and was written before its
// rule; the later ones are named after their batch.

// A word read as a département finds the places in it first; a place
// merely named after it elsewhere (Mortagne-sur-Gironde is in the
// Charente-Maritime) comes after them, as a word naming only a need does
// in a record's text: « cours informatique gironde » showed that library
// first.
func TestDepartementBeforeNamesSayingIt(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("mortagne", "Bibliothèque de Mortagne sur Gironde", "Mortagne-sur-Gironde", "17120", "1 rue du Port", "services", themeTools),
		record("branne", "Médiathèque de Branne", "Branne", "33420", "2 place du Marché", "services", themeTools),
		record("cognac", "Médiathèque de Cognac", "Cognac", "16100", "3 rue de Pons", "services", themeTools),
	})
	for _, q := range []string{"cours informatique gironde", "tablette gironde"} {
		_, got := searchNames(t, m, q)
		if want := []string{"Médiathèque de Branne", "Bibliothèque de Mortagne sur Gironde"}; !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}

// Corsica is two départements (Corse-du-Sud, Haute-Corse) under one
// collectivity: « corse » is both, as a place, not a word of names only.
func TestCorsicaIsItsTwoDepartements(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("aja", "Médiathèque d'Ajaccio", "Ajaccio", "20000", "1 cours Napoléon", "services", themeTools),
		record("bas", "cidff Haute-Corse", "Bastia", "20200", "2 boulevard Paoli", "services", themeTools),
		record("nic", "Médiathèque de Nice", "Nice", "06000", "3 rue de France", "services", themeTools),
	})
	_, got := searchNames(t, m, "corse")
	slices.Sort(got)
	if want := []string{"Médiathèque d'Ajaccio", "cidff Haute-Corse"}; !slices.Equal(got, want) {
		t.Errorf("corse: %v, want %v", got, want)
	}
}

// A postal code beside a need restricts to the places at that code, as a
// commune or a département does: « aide numérique 13001 » showed places
// named « … Aide … » in La Réunion first (the code matched no record's
// words, so every result was partial and the place only a tier), and
// « 16000 impots » every place helping with taxes after Angoulême's.
func TestAPostalCodeBesideANeedRestricts(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m1", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeProcedures),
		record("m2", "Centre social Belsunce", "Marseille", "13001", "2 rue Thubaneau", "services", themeTools),
		record("aid", "Association d'aide numérique", "Saint-Pierre", "97410", "1 rue de Paris", "services", themeTools),
		record("a1", "France services Angoulême", "Angoulême", "16000", "1 place Bouillaud", "services", themeProcedures),
		record("c1", "France services Cognac", "Cognac", "16100", "1 rue de Cognac", "services", themeProcedures),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aide numérique 13001", []string{"Centre social Belsunce", "Espace Mistral"}},
		{"16000 impots", []string{"France services Angoulême"}},
		{"impots 16000", []string{"France services Angoulême"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) != len(tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want only %v", tc.q, got, r.Partial, tc.want)
			continue
		}
		for _, w := range tc.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
			}
		}
	}
	// A need nobody meets at the code: the code's places, partial (never
	// silently empty), not the need's places elsewhere.
	if r, got := searchNames(t, m, "wifi 13001"); len(got) == 0 || !r.Partial || got[0] != "Centre social Belsunce" && got[0] != "Espace Mistral" {
		t.Errorf("wifi 13001: %v (partial %v), want the places at 13001", got, r.Partial)
	}
}

// A commune's name in Occitan (Provençal, Niçard, Limousin), as bilingual
// signs write it (« Marselha », « Niça », « Avinhon »), is the commune:
// they found nothing. Beside a need it acts as the French name does.
func TestACommuneByItsOccitanName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m1", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeProcedures),
		record("n1", "Médiathèque Louis Nucéra", "Nice", "06300", "2 place Yves Klein", "services", themeTools, "typologie", "BIB"),
		record("a1", "France services Avignon", "Avignon", "84000", "1 rue de la République", "services", themeProcedures),
		record("g1", "France services Gap", "Gap", "05000", "1 rue Carnot", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"marselha", "Espace Mistral"},
		{"Marsiho", "Espace Mistral"},
		{"niça", "Médiathèque Louis Nucéra"},
		{"nissa", "Médiathèque Louis Nucéra"},
		{"avinhon", "France services Avignon"},
		{"aide papiers avinhon", "France services Avignon"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) != 1 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A département's former name, still said (« Basses-Alpes », the
// Alpes-de-Haute-Provence until 1970), is the département: « basses alpes »
// found names holding « Alpes » (Hautes-Alpes, Alpes-Maritimes) first.
func TestADepartementByItsFormerName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("d1", "France services Digne", "Digne-les-Bains", "04000", "1 rue de l'Hubac", "services", themeProcedures),
		record("g1", "Mission locale Alpes du Sud", "Gap", "05000", "1 rue Carnot", "services", themeProcedures),
		record("n1", "Croix-Rouge Alpes-Maritimes", "Nice", "06000", "1 rue de France", "services", themeProcedures),
		record("r1", "Centre social Loire", "Nantes", "44000", "1 rue de Nantes", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"basses alpes", "France services Digne"},
		{"Basses-Alpes", "France services Digne"},
		{"loire inférieure", "Centre social Loire"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) != 1 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A number before a month names a street (« place du 14 juillet »): streets
// are indexed without their numbers, so « quatorze », kept as a word, was
// required and found only an address writing it in words; « 14 » was read
// as the Calvados. It ranks without filtering, « juillet » finds the
// streets.
func TestANumberBeforeAMonthNamesAStreet(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("s1", "Mairie de Pujols", "Pujols", "33350", "1 place du 14 Juillet", "services", themeTools),
		record("s2", "Centre social", "La Rochelle", "17000", "2 rue du quatorze juillet", "services", themeTools),
		record("cal", "France services Caen", "Caen", "14000", "3 rue de Caen", "services", themeTools),
	})
	for _, q := range []string{"pres de la place du quatorze juillet", "place du 14 juillet"} {
		if r, got := searchNames(t, m, q); len(got) != 2 || r.Partial {
			t.Errorf("%s: %v (partial %v), want the two places on a 14 juillet street", q, got, r.Partial)
		}
	}
}

// A commune's name is not a département's by a word form: « La Garde »
// (« garde » once « la » is dropped) was also read as the Gard, feminine
// of it for the word forms, and its 5 places came among the Gard's 45.
func TestACommuneIsNotADepartementByForm(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("garde", "Horizon Multimedia", "La Garde", "83130", "1 rue Jean Jaurès", "services", themeTools),
		record("gard", "Centre social Le Kiosque", "Nîmes", "30000", "2 rue de la République", "services", themeTools),
	})
	if r, got := searchNames(t, m, "la garde"); !slices.Equal(got, []string{"Horizon Multimedia"}) || r.Partial {
		t.Errorf("la garde: %v (partial %v), want La Garde's place only", got, r.Partial)
	}
	if _, got := searchNames(t, m, "gard"); !slices.Equal(got, []string{"Centre social Le Kiosque"}) {
		t.Errorf("gard: %v, want the Gard's place", got)
	}
}

// An arrondissement as people write it after its city (« marseille 13e »,
// « Marseille 13ème », « lyon 3eme arrondissement », « paris 1er ») is
// the arrondissement's postal code: « 13e » was required as a word and
// found the one place whose name says « 13ème ».
func TestArrondissementAfterItsCity(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m13", "Centre social Malpassé", "Marseille", "13013", "1 avenue de Saint-Paul", "services", themeTools),
		record("m13b", "Espace numérique du 13ème", "Marseille", "13013", "2 avenue de Saint-Paul", "services", themeTools),
		record("m1", "Médiathèque Alcazar", "Marseille", "13001", "58 cours Belsunce", "services", themeTools),
		record("l3", "Maison de la métropole", "Lyon", "69003", "3 rue Garibaldi", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aide numérique marseille 13e", []string{"Centre social Malpassé", "Espace numérique du 13ème"}},
		{"Marseille 13ème", []string{"Centre social Malpassé", "Espace numérique du 13ème"}},
		{"marseille 13 eme arrondissement", []string{"Centre social Malpassé", "Espace numérique du 13ème"}},
		{"marseille 1er", []string{"Médiathèque Alcazar"}},
		{"tablette lyon 3e", []string{"Maison de la métropole"}},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A commune of the official reference where the directory has no place,
// named in several words (« fort de france »): its words were matched as
// text, and « France services Saint-Hippolyte-du-Fort » was answered as a
// full match. The commune is read as a place that holds no record: the
// answer is empty (or partial beside other words), never a full match
// elsewhere. A commune of the directory is read as before.
func TestACommuneWithoutPlacesOfTheBatch1210(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fort", "France services", "Saint-Hippolyte-du-Fort", "30170", "1 place de la Mairie", "services", themeProcedures),
		record("gap", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
	})
	for _, q := range []string{"fort de france", "Fort-de-France", "aide numerique fort de france"} {
		r, got := searchNames(t, m, q)
		if len(got) > 0 && !r.Partial {
			t.Errorf("%s: %v (partial %v), want nothing or a partial answer", q, got, r.Partial)
		}
		if !slices.ContainsFunc(r.NamedPlaces, func(p search.NamedPlace) bool { return p.Kind == "commune" }) {
			t.Errorf("%s: named places %+v, want the commune", q, r.NamedPlaces)
		}
	}
	for _, tc := range []struct{ q, want string }{
		{"saint hippolyte du fort", "France services"},
		{"france services", "France services"},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: %v, want %s", tc.q, got, tc.want)
		}
	}
}

// A compass point beside a city with arrondissements (« ateliers
// numériques nord de marseille », « quartiers nord marseille »,
// « marseille sud ») is that part of the city: the arrondissements whose
// centre lies in that direction, farther than the median one (Marseille's
// north: the 13th to the 16th). « nord » was the Nord and « quartiers »
// was required: one place was found.
func TestCityPartsOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m14", "Centre social Saint-Just", "Marseille", "13014", "1 rue Saint-Just", "services", themeTools),
		record("m15", "Maison pour tous Saint-Louis", "Marseille", "13015", "1 rue Saint-Louis", "services", themeTools),
		record("m3", "Atelier Belle de Mai", "Marseille", "13003", "1 rue Belle de Mai", "services", themeTools),
		record("m9", "Atelier Mazargues", "Marseille", "13009", "1 avenue de Mazargues", "services", themeTools),
		record("nord", "CCAS Agence Nord", "Lille", "59000", "1 rue du Nord", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"ateliers numériques nord de marseille", []string{"Centre social Saint-Just", "Maison pour tous Saint-Louis"}},
		{"quartiers nord marseille", []string{"Centre social Saint-Just", "Maison pour tous Saint-Louis"}},
		{"marseille sud", []string{"Atelier Mazargues"}},
		{"nord", []string{"CCAS Agence Nord"}},
		{"marseille est", nil},
		{"mon père est à marseille", []string{"Atelier Belle de Mai", "Atelier Mazargues", "Centre social Saint-Just", "Maison pour tous Saint-Louis"}},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A city named in one word where the directory has no place (« aide
// numerique lyon »: the files hold no place of Auvergne-Rhône-Alpes) is a
// place holding no record, as a commune named in several words is: « lyon »
// was matched as text and found a « rue de Lyon » in Marseille as a full
// match. Only cities of 50,000 inhabitants or more: smaller communes of
// one word are often everyday words (Piano, Bus, Plaisir, Croix).
func TestCityWithoutPlacesOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lyon", "Atelier du quotidien", "Marseille", "13015", "12 rue de Lyon", "services", themeTools),
		record("croix", "Croix-Rouge française", "Nice", "06000", "1 rue de France", "services", themeTools),
	})
	for _, q := range []string{"aide numerique lyon", "lyon", "atelier grenoble"} {
		if r, got := searchNames(t, m, q); len(got) > 0 && !r.Partial {
			t.Errorf("%s: %v, want nothing (no place in the city)", q, got)
		}
	}
	if _, got := searchNames(t, m, "croix rouge"); !slices.Equal(got, []string{"Croix-Rouge française"}) {
		t.Errorf("croix rouge: %v, want the Croix-Rouge", got)
	}
}

// A commune beside its département (« montreuil pas de calais »,
// « montreuil 62 »): the Montreuil of the Pas-de-Calais is officially
// Montreuil-sur-Mer, so « montreuil » named only the Montreuil of the
// Seine-Saint-Denis, and with the Pas-de-Calais nothing was found. A
// commune holding no place in the département named beside it is the
// communes of that département whose name begins with it.
func TestCommuneBesideItsDepartementOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m62", "Mission locale côte d'Opale", "Montreuil", "62170", "1 rue Pierre Ledent", "services", themeTools),
		record("m93", "SFM Montreuil", "Montreuil", "93100", "1 rue de Paris", "services", themeTools),
	})
	for _, tc := range []struct{ q, want string }{
		{"montreuil pas de calais", "Mission locale côte d'Opale"},
		{"montreuil 62", "Mission locale côte d'Opale"},
		{"montreuil 93", "SFM Montreuil"},
	} {
		if r, got := searchNames(t, m, tc.q); !slices.Equal(got, []string{tc.want}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s", tc.q, got, r.Partial, tc.want)
		}
	}
}

// The régions of metropolitan France are their départements (« france
// services bretagne » found one place whose name says « Bretagne »,
// « atelier numerique en paca » the Cité des métiers « de PACA »).
func TestRegionsOfTheBatch1214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("rennes", "France services de Rennes", "Rennes", "35000", "1 rue de Paris", "typologie", "RFS"),
		record("brest", "France services de Brest", "Brest", "29200", "1 rue de Siam", "typologie", "RFS"),
		record("nice", "France services de Nice", "Nice", "06000", "1 rue de France", "typologie", "RFS"),
		record("loudeac", "Loudéac Communauté Bretagne Centre", "Loudéac", "22600", "1 rue de Pontivy", "services", themeTools),
		record("gap", "Atelier numérique de Gap", "Gap", "05000", "5 rue Carnot", "services", themeTools),
		record("lille", "Atelier numérique de Lille", "Lille", "59000", "5 rue Nationale", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string // the first places, in any order
	}{
		{"france services bretagne", []string{"France services de Rennes", "France services de Brest"}},
		{"atelier numerique en paca", []string{"Atelier numérique de Gap"}},
		{"atelier numerique hauts de france", []string{"Atelier numérique de Lille"}},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) < len(tc.want) || !sameSet(got[:len(tc.want)], tc.want) {
			t.Errorf("%s: %v, want %v first", tc.q, got, tc.want)
		}
	}
}

// A place is found by its street (« près de la gare »: the places on
// « place de la Gare »), after the places named so; a word read as a
// commune is not looked for in streets, which often name another commune
// (« route d'Angoulême » in Chabanais), and a street names no kind of
// place: « place de la Mairie » is found as words, after the town halls.
func TestStreetAddress(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("gare", "Fabrique Gare Numérique", "Apt", "84400", "1 rue Carnot", "services", themeTools),
		record("pl", "Espace numérique Bellevue", "Marseille", "13003", "12 place de la Gare", "services", themeTools),
		record("ch", "France services de Chabanais", "Chabanais", "16150", "2 route d'Angoulême", "services", themeTools),
		record("mjc", "MJC Mosaïque", "Angoulême", "16000", "3 rue de Paris", "services", themeTools),
		record("mai", "Club informatique", "Gap", "05000", "1 place de la Mairie", "services", themeTools),
		record("mu", "Mairie de Tende", "Tende", "06430", "4 rue de France", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"près de la gare", []string{"Fabrique Gare Numérique", "Espace numérique Bellevue"}},
		{"mjc angoulême", []string{"MJC Mosaïque"}},
		{"mairie", []string{"Mairie de Tende", "Club informatique"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
	if r, _ := searchNames(t, m, "Espace numérique Bellevue 12"); !r.Partial {
		t.Errorf("a street's number is a word of the record: %v", actorNames(r))
	}
	r, _ := searchNames(t, m, "près de la gare")
	if len(r.Hits) == 2 && (len(r.Hits[1].Matches) != 1 || r.Hits[1].Matches[0].Field != "address") {
		t.Errorf("près de la gare: %+v, want the word found in the address", r.Hits[1].Matches)
	}
}

// Places no record is in at once are alternatives: « cognac angouleme »,
// « marseille toulon », « 13 84 » or « 16000 16100 » answered nothing, not
// even partial, since each place was a filter every result had to pass.
// The records in any of them come back, partial; places that do meet
// (« cognac 16 ») still narrow each other.
func TestPlacesNoRecordIsInAtOnceAreAlternatives(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a1", "France services Angoulême", "Angoulême", "16000", "1 place Bouillaud", "services", themeProcedures),
		record("c1", "Médiathèque de Cognac", "Cognac", "16100", "1 rue de Cognac", "services", themeTools),
		record("m1", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeProcedures),
	})
	for _, tc := range []struct {
		q       string
		want    []string
		partial bool
	}{
		{"cognac angouleme", []string{"France services Angoulême", "Médiathèque de Cognac"}, true},
		{"16000 16100", []string{"France services Angoulême", "Médiathèque de Cognac"}, true},
		{"16 13", []string{"Espace Mistral", "France services Angoulême", "Médiathèque de Cognac"}, true},
		{"cognac 16", []string{"Médiathèque de Cognac"}, false},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial != tc.partial {
			t.Errorf("%s: %v (partial %v), want %v (partial %v)", tc.q, got, r.Partial, tc.want, tc.partial)
		}
	}
}

// A need beside a postal code or commune where no place meets it
// (« aide numérique 13001 » where the code's places only lend computers)
// is partial: the need's places elsewhere answer. They came in the order of
// their scores, the far ones first when their names said more (Avignon
// before the next district of Marseille); they rank by proximity to the
// named place now, as with near.
func TestAPartialNeedBesideAPlaceRanksByProximity(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("here", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools,
			"latitude", "43.2990", "longitude", "5.3800"),
		record("near", "France services Marseille 2ème", "Marseille", "13002", "2 rue de la République", "services", themeProcedures,
			"latitude", "43.3010", "longitude", "5.3680"),
		record("far", "France services Avignon, aide aux démarches en ligne", "Avignon", "84000", "1 rue Carnot", "services", themeProcedures,
			"latitude", "43.9490", "longitude", "4.8060"),
	})
	r, got := searchNames(t, m, "démarches administratives 13001")
	if !r.Partial || len(got) < 2 || got[0] != "France services Marseille 2ème" {
		t.Errorf("démarches administratives 13001: %v (partial %v), want the Marseille France services first", got, r.Partial)
	}
}

// A commune the directory holds no place in, named whole, is the communes
// whose name begins with it: « saint etienne » where only
// Saint-Étienne-de-Tinée has places, « st maximin » for
// Saint-Maximin-la-Sainte-Baume, answered nothing. They come back, partial
// (they are other communes); a commune with places still filters to itself.
func TestACommuneWithoutPlacesIsTheCommunesBeginningWithIt(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tinee", "Médiathèque de la Tinée", "Saint-Étienne-de-Tinée", "06660", "1 place de l'Église", "services", themeTools),
		record("max", "France services Provence Verte", "Saint-Maximin-la-Sainte-Baume", "83470", "1 rue Colbert", "services", themeProcedures),
		record("nice", "Médiathèque de Nice", "Nice", "06000", "3 rue de France", "services", themeTools),
	})
	for _, tc := range []struct {
		q       string
		want    []string
		partial bool
	}{
		{"saint etienne", []string{"Médiathèque de la Tinée"}, true},
		{"st maximin", []string{"France services Provence Verte"}, true},
		{"nice", []string{"Médiathèque de Nice"}, false},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) || r.Partial != tc.partial {
			t.Errorf("%s: %v (partial %v), want %v (partial %v)", tc.q, got, r.Partial, tc.want, tc.partial)
		}
	}
}

// A commune of France where the directory holds no place, nor in any
// commune whose name begins with it, is read as the records around its
// centre, nearest first and marked partial: « st tropez » answered nothing
// though a bus of France services stops 5 km away, and « saint etienne du
// rouvray » read Saint-Étienne (a directory commune, 500 km away) and a
// word « rouvray » missing.
func TestACommuneWithoutPlacesIsReadAroundIt(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("max", "Bus France services Massif des Maures", "Sainte-Maxime", "83120", "1 avenue Jean Jaurès", "services", themeProcedures,
			"latitude", "43.3097", "longitude", "6.6358"),
		record("dra", "Médiathèque de Draguignan", "Draguignan", "83300", "2 rue Joseph Collomp", "services", themeTools,
			"latitude", "43.5366", "longitude", "6.4646"),
		record("rou", "Centre médico-social Adeline", "Rouen", "76100", "1 rue Adeline", "services", themeProcedures,
			"latitude", "49.4333", "longitude", "1.0833"),
		record("ste", "Maison France services de Saint-Étienne", "Saint-Étienne", "42000", "3 rue Gambetta", "services", themeProcedures,
			"latitude", "45.4397", "longitude", "4.3872"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"st tropez", []string{"Bus France services Massif des Maures"}},
		{"saint tropez", []string{"Bus France services Massif des Maures"}},
		{"saint etienne du rouvray", []string{"Centre médico-social Adeline"}},
		{"st-etienne-du-rouvray", []string{"Centre médico-social Adeline"}},
		{"aide administrative saint etienne du rouvray", []string{"Centre médico-social Adeline"}},
		// A small commune in one word no record nor the vocabulary
		// holds: it answered nothing (« maripasoula »), or near
		// spellings elsewhere (« cassis » found « Cassin »).
		{"ramatuelle", []string{"Bus France services Massif des Maures"}},
		// The directory's own communes are read as before.
		{"saint etienne", []string{"Maison France services de Saint-Étienne"}},
	} {
		res, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
		if around := tc.q != "saint etienne"; res.Partial != around {
			t.Errorf("%s: partial %v, want %v", tc.q, res.Partial, around)
		}
	}
}

// A commune's name inside another commune's (Le Lion-d'Angers, Morières-
// lès-Avignon) is that other commune's: « imprimer angers » found the
// France services of Le Lion-d'Angers, 20 km away, as a full match in
// Angers, because its name holds its own commune's. When no place of the
// named commune meets the need, the answer is partial and the need's
// places rank by proximity, records without coordinates at their
// commune's centre (those of Le Lion-d'Angers have none).
func TestACommuneInsideAnotherCommunesName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lion", "France Services du Lion-d'Angers", "Le Lion-d'Angers", "49220", "1 rue du Général Leclerc", "services", themeProcedures),
		record("ang", "Maison de quartier Monplaisir", "Angers", "49100", "3 rue de Normandie", "services", themeTools,
			"latitude", "47.4873", "longitude", "-0.5250"),
		record("avr", "Maison des solidarités d'Avrillé", "Avrillé", "49240", "2 avenue Pierre Mendès France", "services", themeProcedures),
		record("mar", "Accueil en accès libre de Martigues", "Martigues", "13500", "4 quai Lucien Toulmond", "services", themeProcedures,
			"latitude", "43.4045", "longitude", "5.0536"),
	})
	res, got := searchNames(t, m, "demarches administratives angers")
	if !res.Partial {
		t.Errorf("demarches administratives angers: not partial, though no place of Angers helps with procedures: %v", got)
	}
	if want := []string{"Maison des solidarités d'Avrillé", "France Services du Lion-d'Angers", "Accueil en accès libre de Martigues"}; len(got) < 3 || !slices.Equal(got[:3], want) {
		t.Errorf("demarches administratives angers: %v, want %v first (by distance to Angers)", got, want)
	}
	if _, got := searchNames(t, m, "maison angers"); !slices.Equal(got, []string{"Maison de quartier Monplaisir"}) {
		t.Errorf("maison angers: %v, want the place in Angers only", got)
	}
}

// An article and a word name the commune whose official name begins with
// them when it is a city and none is named by them alone that counts
// (« la seyne » is La Seyne-sur-Mer, « le puy » Le Puy-en-Velay): the
// article is a stop word, so « la seyne » read Seyne (04, 1,400
// inhabitants) and « le puy » no commune at all. A commune named by the
// words alone keeps them (« la garde »).
func TestAnArticleNamesTheCity(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lsm", "Centre social Berthe", "La Seyne-sur-Mer", "83500", "1 rue Berthe", "services", themeTools),
		record("sey", "France services Seyne les Alpes", "Seyne", "04140", "2 place d'Armes", "services", themeTools),
		record("puy", "Médiathèque du Puy", "Le Puy-en-Velay", "43000", "3 boulevard Maréchal Fayolle", "services", themeTools),
		record("gar", "CHRS Fémina", "La Garde", "83130", "4 rue de la Paix", "services", themeTools),
		record("gfr", "Mairie de La Garde-Freinet", "La Garde-Freinet", "83680", "5 place de la Mairie", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"la seyne", []string{"Centre social Berthe"}},
		{"seyne", []string{"France services Seyne les Alpes"}},
		{"le puy", []string{"Médiathèque du Puy"}},
		{"la garde", []string{"CHRS Fémina"}},
	} {
		if _, got := searchNames(t, m, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// « fs » is how helpers write France services: « fs mulhouse » missed the
// word and answered every place of Mulhouse, partial.
func TestFSIsFranceServices(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "Maison France services Côteaux", "Mulhouse", "68200", "1 rue de Provence", "services", themeProcedures,
			"dispositif_programmes_nationaux", "France Services"),
		record("mt", "Maison du Temps Libre", "Mulhouse", "68200", "2 rue des Vergers", "services", themeTools),
	})
	res, got := searchNames(t, m, "fs mulhouse")
	if res.Partial || len(got) == 0 || got[0] != "Maison France services Côteaux" {
		t.Errorf("fs mulhouse: %v (partial %v), want the France services first, not partial", got, res.Partial)
	}
}

// A one-word need beside a commune where no place meets it answers the
// need's places around the commune first, as a need of two words did:
// « impots angers » listed the places of Angers (none helping with taxes)
// first, « carte grise angers » the places helping with procedures around.
func TestAOneWordNeedBesideACommuneWithoutIt(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "Maison de quartier Monplaisir", "Angers", "49100", "3 rue de Normandie", "services", themeTools,
			"latitude", "47.4873", "longitude", "-0.5250"),
		record("avr", "Maison des solidarités d'Avrillé", "Avrillé", "49240", "2 avenue Pierre Mendès France", "services", themeProcedures,
			"latitude", "47.5067", "longitude", "-0.5889"),
		record("mar", "Accueil en accès libre de Martigues", "Martigues", "13500", "4 quai Lucien Toulmond", "services", themeProcedures,
			"latitude", "43.4045", "longitude", "5.0536"),
	})
	for q, want := range map[string][]string{
		"impots angers": {"Maison des solidarités d'Avrillé", "Accueil en accès libre de Martigues", "Maison de quartier Monplaisir"},
		// The place of Angers misses two words: it is not shown.
		"carte grise angers": {"Maison des solidarités d'Avrillé", "Accueil en accès libre de Martigues"},
	} {
		if res, got := searchNames(t, m, q); !res.Partial || !slices.Equal(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, res.Partial, want)
		}
	}
}
