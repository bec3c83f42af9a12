package search_test

import (
	"slices"
	"testing"
)

const (
	themeSafety0314 = "Utilisation sécurisée du numérique"
	themeAccess0314 = "Accès internet et matériel informatique"
)

// « en face de la gare » is « près de la gare », as « à côté de »: « face »
// was a word to find and ranked the FACE associations first (batch
// 2027-03-14). A name holding « face » is still found by it.
func TestOppositeIsNearOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("gare", "Espace numérique", "Carpentras", "84200", "1 avenue de la Gare"),
		record("face", "FACE Var", "Toulon", "83000", "3 rue Jean Jaurès"),
	})
	for _, q := range []string{"en face de la gare", "en face de la gare carpentras"} {
		if _, got := searchNames(t, m, q); !slices.Equal(got, []string{"Espace numérique"}) {
			t.Errorf("%s: %v, want the place by the station only", q, got)
		}
	}
	if _, got := searchNames(t, m, "face var"); len(got) == 0 || got[0] != "FACE Var" {
		t.Errorf("face var: %v, want FACE Var", got)
	}
}

// Learning French in the words of its teachers and of newcomers: the ASL
// (ateliers sociolinguistiques), a conversation group, Spanish « francés »,
// Arabic « الفرنسية »; none was read, and the answers were workshops of any
// kind (batch 2027-03-14). « cours » in other languages (« clases »,
// « دروس ») is a generic word as « cours » is: required, it kept the
// workshops and lost the French classes (« cours fle » did not, « clases
// fle » did).
func TestLearningFrenchInOtherWordsOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fle", "Apprendre le français", "Vierzon", "18100", "1 rue de la Paix"),
		record("ord", "Atelier numérique", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools),
		record("fr", "France Services Draguignan", "Draguignan", "83300", "2 rue de la République", "services", themeTools, "frais_a_charge", "Gratuit"),
	})
	for _, q := range []string{"ASL atelier sociolinguistique", "ateliers socio-linguistiques", "atelier de conversation en francais",
		"clases de francés", "دروس اللغة الفرنسية", "cours fle", "clases fle"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Apprendre le français" {
			t.Errorf("%s: %v, want the French classes first", q, got)
		}
	}
}

// A scam told as it happened (« j'ai cliqué sur un lien bizarre », « un
// faux banquier m'a appelé »): help with online safety; « lien » found
// « Le Lien », « banquier » nothing (batch 2027-03-14).
func TestAScamAsItHappenedOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("sec", "Atelier sécurité", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeSafety0314),
		record("lien", "Collectif Le Lien", "Toulouse", "31000", "2 rue du Taur", "services", themeTools),
	})
	for _, q := range []string{"jai cliqué sur un lien bizarre", "un faux banquier ma appele pour mon code", "lien suspect dans un mail"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Atelier sécurité" {
			t.Errorf("%s: %v, want the safety workshop first", q, got)
		}
	}
}

// Words of a sentence no place holds: « je trouve pas » (« trouve » was
// spelt « Rouve », a street), « commander » (a prefix of « Commanderie »),
// « adapté » (« cours informatique adapté » kept one place of nine).
func TestSentenceWordsOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ent", "Atelier parents", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeParenting),
		record("rouve", "France services", "Le Beausset", "83330", "2 chemin de la Rouve", "services", themeTools),
		record("pap", "Écrivain public", "Hyères", "83400", "3 avenue Gambetta"),
		record("cmd", "Mairie", "Cognac", "16100", "1 rue de la Commanderie", "services", themeTools),
		record("mal", "Maison départementale des personnes handicapées", "Laon", "02000", "1 rue Sérurier", "services", themeTools),
		record("hand", "Handicap numérique", "Lyon", "69001", "1 quai Saint-Vincent", "services", themeTools),
	})
	for q, want := range map[string]string{
		"ENT du college je trouve pas les devoirs": "Atelier parents",
		"carte vitale perdue commander sur ameli":  "Écrivain public",
	} {
		if r, got := searchNames(t, m, q); !slices.Equal(got, []string{want}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", q, got, r.Partial, want)
		}
	}
	if r, got := searchNames(t, m, "personne malvoyante cours informatique adapte"); len(got) != 2 || r.Partial {
		t.Errorf("cours adapté: %v (partial %v), want both places for disabled people", got, r.Partial)
	}
}

// Phrases of procedures and access: the Parcoursup « vœux », the official
// « domiciliation administrative » (« administrative » required the
// procedures theme of the CCAS), no network (« pas de réseau »: « réseau »
// found the places named « Réseau »).
func TestProcedurePhrasesOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ccas", "CCAS de Toulon", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools, "typologie", "CCAS"),
		record("pij", "Point information jeunesse", "Carpentras", "84200", "1 rue de la Paix", "publics_accueillis", "Jeunes"),
		record("acc", "Espace internet", "Cognac", "16100", "1 rue de Pons", "services", themeAccess0314),
		record("res", "Réseau des médiathèques", "Villefagnan", "16240", "1 place du Marché", "services", themeTools),
	})
	for q, want := range map[string]string{
		"domiciliation administrative": "CCAS de Toulon",
		"parcoursup voeux":             "Point information jeunesse",
		"pas de reseau internet":       "Espace internet",
	} {
		if r, got := searchNames(t, m, q); len(got) == 0 || got[0] != want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", q, got, r.Partial, want)
		}
	}
}
