package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Text-message spellings of the batch of 2027-01-24: « pa » for « pas »
// (« pa cher ordi »: « pa » was the beginning of « Paul » and « cher » the
// Cher, so a library of Vierzon came first and the refurbishers not at
// all) and « chuis » for « je suis » (« chuis perdu avec mon portabl »:
// spelt as Cluis, a village of the Indre, it kept one place).
func TestTextMessageSpellingsOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("eq", "Planète Champsaur Valgo", "Gap", "05000", "1 rue du Champsaur", "services", themeSolidarityEquipment+"|"+themeTools),
		record("vierzon", "Médiathèque Paul Éluard", "Vierzon", "18100", "1 place Paul Eluard", "services", themeTools),
		record("cluis", "ADAPEI 36 Cluis", "Cluis", "36340", "1 route de Cluis", "services", themeTools),
		record("gap", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
	})
	for _, q := range []string{"pa cher ordi", "ordi pa cher", "ordi reconditioner pa cher"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Planète Champsaur Valgo" {
			t.Errorf("%s: %v (partial %v), want the refurbisher first", q, got, r.Partial)
		}
		for _, n := range r.NamedPlaces {
			if n.Kind == "departement" {
				t.Errorf("%s: names %+v, want no département (« pa cher » is « pas cher »)", q, n)
			}
		}
	}
	r, got := searchNames(t, m, "chuis perdu avec mon portabl")
	if len(got) < 3 || r.Partial {
		t.Errorf("chuis perdu avec mon portabl: %v (partial %v), want every place teaching the phone", got, r.Partial)
	}
}

// A word only a few records' names hold beside a commune, and needs they
// do not meet: the name of a district (« aide papier griffeuille arles »:
// the Maison publique de quartier Griffeuille declares no help with
// procedures). The answer is partial; it kept only the commune's records
// holding the most of the other words, and the district's place was not
// in it. The place so named in another commune does not come first.
func TestAWordNamingFewPlacesOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("griff", "Maison Publique de Quartier Griffeuille", "Arles", "13200", "Place Vincent Auriol", "services", themeTools),
		record("barriol", "Barriol E-Nov", "Arles", "13200", "Rue Marius Allard", "services", themeProcedures),
		record("sambuc", "Sambuc E-Nov", "Arles", "13200", "Le Sambuc", "services", themeProcedures),
		record("tara", "France services Tarascon", "Tarascon", "13150", "1 rue du Château", "services", themeProcedures),
		record("gdv", "Accueil des gens du voyage en Ille-et-Vilaine", "Rennes", "35000", "1 rue de Paris", "services", themeTools),
		record("gdv22", "Aire d'accueil des gens du voyage", "Lamballe", "22400", "1 route de Saint-Brieuc", "services", themeTools),
		record("fsr", "France services Rennes", "Rennes", "35000", "2 rue de Brest", "services", themeProcedures),
	})
	wantFirstPartialOrNot(t, m, map[string]string{
		"aide papier griffeuille arles":      "Maison Publique de Quartier Griffeuille",
		"griffeuille arles aide papiers":     "Maison Publique de Quartier Griffeuille",
		"gens du voyage aide papiers rennes": "Accueil des gens du voyage en Ille-et-Vilaine",
	})
	// A word every record naming it holds with the rest is no such name:
	// the answer is whole.
	if r, got := searchNames(t, m, "griffeuille arles"); r.Partial || len(got) != 1 {
		t.Errorf("griffeuille arles: %v (partial %v), want the one place", got, r.Partial)
	}
}

// Words of the batch of 2027-01-24 no entry held: a city's Spanish name
// (« ayuda con la caf en marsella »: « Marsella » missing, the answer was
// the procedure places of the whole région), « info jeunesse » for the
// youth information points (« info » found a « Point info senior »),
// « biblio » for a library named médiathèque (« biblio de cognac »: the
// Médiathèque de Cognac was not found), a lawyer (« permanence avocat
// gratuit »: every free place), Marseille's « minot » for a child (the
// commune of Minot, in the Côte-d'Or) spending his life on his phone
// (« passe sa vie » found the espaces de vie sociale).
func TestWordsNoEntryHeldOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fsm", "France services Marseille 2ème - Panier", "Marseille", "13002", "1 rue du Panier", "services", themeProcedures),
		record("fsn", "France services Colomars", "Colomars", "06670", "1 place de la Mairie", "services", themeProcedures),
		record("pij", "PIJ quartier nord", "Toulouse", "31200", "1 rue des Izards", "services", themeTools),
		record("senior", "Point info senior", "Toulouse", "31000", "1 place du Capitole", "services", themeTools),
		record("bib", "Médiathèque de Cognac", "Cognac", "16100", "10 rue du Minage", "services", themeTools),
		record("cac", "CA du Grand Cognac", "Jarnac", "16200", "1 rue du Port", "services", themeTools),
		record("cdad", "Conseil départemental de l'accès au droit", "Charleville-Mézières", "08000", "1 rue du Palais", "services", themeTools, "frais_a_charge", "Gratuit"),
		record("free", "Ateliers numériques gratuits", "Avignon", "84000", "27 avenue de la Trillade", "services", themeTools, "frais_a_charge", "Gratuit"),
		record("par", "Espace parents", "Dijon", "21000", "1 rue de la Liberté", "services", themeParenting+"|"+themeTools),
		record("evs", "Espace de vie sociale", "Limoges", "87100", "1 rue de Nexon", "services", themeTools),
		record("dij", "La Poste", "Dijon", "21000", "2 rue de la Liberté", "services", themeTools),
	})
	wantFirstPartialOrNot(t, m, map[string]string{
		"ayuda con la caf en marsella":       "France services Marseille 2ème - Panier",
		"info jeunesse toulouse":             "PIJ quartier nord",
		"biblio de cognac":                   "Médiathèque de Cognac",
		"permanence avocat gratuit":          "Conseil départemental de l'accès au droit",
		"mon minot passe sa vie sur son tel": "Espace parents",
		"ma fille est accro a son portable":  "Espace parents",
	})
	// The city is named, not spelt as near words.
	if r, _ := searchNames(t, m, "ayuda con la caf en marsella"); len(r.NamedPlaces) != 1 || r.NamedPlaces[0].Kind != "commune" || len(r.Spellings) > 0 {
		t.Errorf("ayuda con la caf en marsella: named %+v, spellings %+v, want the commune of Marseille", r.NamedPlaces, r.Spellings)
	}
}

// A quarter of Marseille named as people name it (« aide internet vers le
// vieux port », « pres gare st charles »): the postal codes of its
// arrondissements, as a compass point's part of the city is. « vieux
// port » was Vieux-Port, a village of the Eure without places, and the
// answer one place of Barbezieux; « saint charles » was required as words
// of a street. A quarter whose name is also a commune of a thousand
// inhabitants or more (Noailles, in the Oise) is read so only beside its
// city.
func TestQuartersOfMarseilleOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("m1", "Espace numérique Belsunce", "Marseille", "13001", "96 La Canebière", "services", themeTools+"|"+themeAccess),
		record("m2", "Centre social Joliette", "Marseille", "13002", "1 place de la Canebière", "services", themeTools+"|"+themeAccess),
		record("m3", "Maison pour tous Endoume", "Marseille", "13007", "1 rue d'Endoume", "services", themeTools+"|"+themeAccess),
		record("m3b", "Centre social Belle de Mai", "Marseille", "13003", "1 rue Loubon", "services", themeTools+"|"+themeAccess),
		record("m13", "France services Marseille 13e", "Marseille", "13013", "1 avenue de Frais Vallon", "services", themeTools+"|"+themeAccess),
		record("barb", "Centre socioculturel du Barbezilien", "Barbezieux-Saint-Hilaire", "16300", "1 port de Barbezieux", "services", themeTools+"|"+themeAccess),
		record("noa", "CCAS Noailles", "Noailles", "60430", "1 rue de la Mairie", "services", themeTools),
	})
	for q, want := range map[string][]string{
		"aide internet vers le vieux port": {"Centre social Joliette", "Espace numérique Belsunce", "Maison pour tous Endoume"},
		"pres gare st charles":             {"Centre social Belle de Mai", "Espace numérique Belsunce"},
		"noailles marseille":               {"Espace numérique Belsunce"},
		"noailles":                         {"CCAS Noailles"},
		"96 la canebiere":                  {"Espace numérique Belsunce"},
	} {
		r, got := searchNames(t, m, q)
		if len(got) < len(want) {
			t.Errorf("%s: %v (partial %v), want %v first", q, got, r.Partial, want)
			continue
		}
		first := slices.Clone(got[:len(want)])
		slices.Sort(first)
		if !slices.Equal(first, want) {
			t.Errorf("%s: %v (partial %v), want %v first", q, got, r.Partial, want)
		}
	}
}

// Not knowing how to use the internet is a need of the everyday tools
// too, not only of access to a connection: « je sais pas me servir
// d'internet » found only the places declaring internet access, none of
// those teaching how to use it.
func TestUsingTheInternetOfTheBatch0124(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tools", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
		record("access", "Cyber-base de Digne", "Digne-les-Bains", "04000", "1 place du Tampinet", "services", themeAccess),
	})
	for _, q := range []string{"je sais pas me servir d internet", "aide internet"} {
		if r, got := searchNames(t, m, q); len(got) != 2 || r.Partial {
			t.Errorf("%s: %v (partial %v), want both places", q, got, r.Partial)
		}
	}
}

// wantFirstPartialOrNot checks that each query lists its place first,
// in a partial answer or not (wantFirst wants a full match).
func wantFirstPartialOrNot(t *testing.T, m *search.Memory, first map[string]string) {
	t.Helper()
	for q, want := range first {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != want {
			t.Errorf("%s: %v (partial %v), want %s first", q, got, r.Partial, want)
		}
	}
}
