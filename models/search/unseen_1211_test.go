package search_test

import (
	"slices"
	"testing"
)

// Queries of the judged batch of 2026-12-11 (SMS style, run-together
// words, dictation, helpers' wording, publics, hours, homonym communes,
// the known weak spots typed otherwise) that found the wrong places or
// nothing, each with the rule that answers it.

// Two words typed without the space between them (« cartegrise »,
// « poleemploi », « impotsgouv », « wifigratuit », « cyberbase ») found
// nothing: a word no record nor the thesaurus knows that is two words
// they know is read as those two words, a phrase of the thesaurus or of
// the abbreviations first. A misspelling that is no two known words keeps
// its near spellings.
func TestRunTogetherWordsOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("emploi", "Atelier emploi", "Nice", "06000", "1 rue de France", "services", "Insertion professionnelle via le numérique"),
		record("wifi", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess, "frais_a_charge", "Gratuit"),
		record("cyber", "Cyber-base de Soyaux", "Soyaux", "16800", "1 place de la Mairie", "services", themeTools),
		record("tools", "Atelier du quotidien", "Toulon", "83000", "3 rue Victor Clappier", "services", themeTools),
	})
	for _, tc := range []struct{ q, want string }{
		{"cartegrise", "Espace démarches"},
		{"impotsgouv", "Espace démarches"},
		{"wifigratuit", "Salle en libre accès"},
		{"cyberbase", "Cyber-base de Soyaux"},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", tc.q, got, r.Partial, tc.want)
		}
	}
	if _, got := searchNames(t, m, "poleemploi"); !slices.Contains(got, "Atelier emploi") {
		t.Errorf("poleemploi: %v, want the employment place", got)
	}
	if _, got := searchNames(t, m, "cyberbase"); slices.Contains(got, "Atelier du quotidien") {
		t.Errorf("cyberbase: %v, want the Cyber-base only", got)
	}
	if _, got := searchNames(t, m, "smarphone"); !slices.Contains(got, "Atelier du quotidien") {
		t.Errorf("smarphone: %v, want the near spelling's places", got)
	}
}

// A word the thesaurus writes both glued and in two words (« cyberbase »,
// « cyber base ») finds the records writing either: « cyberbase » found
// the places writing it so, and those writing « Cyber-base » only as an
// EPN's related need, after every place offering access to computers.
func TestGluedAndSplitWordsMeetOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("split", "Cyber-base de Castelsarrasin", "Castelsarrasin", "82100", "1 place de la Mairie", "services", themeTools),
		record("glued", "Cyberbase", "Soyaux", "16800", "1 place de la Mairie", "services", themeTools),
		record("acces", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess),
	})
	for _, q := range []string{"cyberbase", "cyber base", "cyber-base"} {
		_, got := searchNames(t, m, q)
		if len(got) < 2 || !slices.Contains(got[:2], "Cyberbase") || !slices.Contains(got[:2], "Cyber-base de Castelsarrasin") {
			t.Errorf("%s: %v, want the two Cyber-bases first", q, got)
		}
	}
}

// Hours that say times without days (« 08:00-17:00 », a rule « 9-12,14-17 »
// after rules with days) or a span of no length (« Sa 11:00-11:00 ») are
// OpenStreetMap's every day or a whole day: « ouvert dimanche matin »,
// « dispo dimanche », « ouvert tous les jours » found a CCAS open
// « 08:00-17:00 » and a library open « Sa 11:00-11:00 ». In the generic
// week such rules say nothing of the days; the other rules are read.
// « dispo » is a word around the need, as « ouvert ».
func TestHoursWithoutDaysOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ccas", "CCAS de Draguignan", "Draguignan", "83300", "1 place de la Mairie", "horaires", "08:00-17:00"),
		record("lumen", "Lumen", "Digne-les-Bains", "04000", "1 rue de l'Hubac", "horaires", "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17"),
		record("bib", "Bibliothèque Aimé-Césaire", "Villeneuve-la-Garenne", "92390", "1 rue Pierre Brossolette", "horaires", "Mo-Fr 15:30-18:00; Sa 11:00-11:00,17:00-17:00"),
		record("sun", "Médiathèque Elliant", "Elliant", "29370", "1 rue de la Mairie", "horaires", "Tu 16:00-19:00; Su 10:00-12:00"),
	})
	for _, q := range []string{"ouvert dimanche", "ouvert dimanche matin", "dispo dimanche", "ouvert tous les jours"} {
		r, got := searchNames(t, m, q)
		want := []string{"Médiathèque Elliant"}
		if q == "ouvert tous les jours" {
			want = nil
		}
		if !slices.Equal(got, want) || r.Partial && want != nil {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"ouvert le lundi", []string{"Bibliothèque Aimé-Césaire", "Lumen"}},
		{"ouvert le samedi", nil},
	} {
		_, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// Needs the thesaurus lacked or read as text: the CAF's « point relais »,
// « médiation numérique » (every place of the directory does it; both
// words generic, it required them in a name), a suspicious text message
// (« sms bizarre »: the scam), a postal address for people without a
// home (« domiciliation », « sdf »: the CCAS give it by law); the words of
// a question (« comment on fait pour… se servir de… ») and a way in the
// person wants to do without (« sans rendez-vous ») beside a need.
func TestNeedsInOtherWordsOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("ccas", "CCAS de Gap", "Gap", "05000", "7 rue Carnot", "services", themeTools),
		record("tools", "Atelier du quotidien", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("safe", "Atelier sécurité", "Toulon", "83000", "3 rue Victor Clappier", "services", themeTools+"|Utilisation sécurisée du numérique"),
		record("fait", "Faitoutnumérique", "Vayrac", "46110", "1 place de la Mairie", "services", "Loisirs et créations numériques"),
		record("acces", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess),
		record("loup", "Aux Rendez-Vous du Loup", "Lantosque", "06450", "1 route du Loup", "services", "Loisirs et créations numériques"),
		record("p19", "Espace 19 Numérique", "Paris", "75019", "1 rue de Crimée", "services", themeTools),
	})
	for _, tc := range []struct{ q, want string }{
		{"point relais caf", "Espace démarches"},
		{"j'ai reçu un sms bizarre de ma banque", "Atelier sécurité"},
		{"domiciliation sdf", "CCAS de Gap"},
		{"imprimer sans rendez-vous", "Salle en libre accès"},
		{"paris dix neuf", "Espace 19 Numérique"},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", tc.q, got, r.Partial, tc.want)
		}
	}
	if r, got := searchNames(t, m, "comment on fait pour apprendre à se servir de la souris"); !slices.Contains(got, "Atelier du quotidien") || slices.Contains(got, "Faitoutnumérique") || r.Partial {
		t.Errorf("comment on fait pour apprendre à se servir de la souris: %v (partial %v), want the everyday tools", got, r.Partial)
	}
	if r, got := searchNames(t, m, "médiation numérique"); len(got) != 8 || r.Partial {
		t.Errorf("médiation numérique: %v (partial %v), want every place", got, r.Partial)
	}
	if r, got := searchNames(t, m, "sans rendez-vous"); len(got) > 0 && !r.Partial {
		t.Errorf("sans rendez-vous: %v, want nothing (no place says it)", got)
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

// Two words typed apart that the thesaurus writes as one (« cyber
// sécurité ») are that word: « cyber » was required and found the
// Cyber-bases only.
func TestSplitWordsOfTheBatch1211(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("safe", "Atelier sécurité", "Toulon", "83000", "3 rue Victor Clappier", "services", "Utilisation sécurisée du numérique"),
		record("cyber", "Cyber-base de Soyaux", "Soyaux", "16800", "1 place de la Mairie", "services", themeTools),
	})
	for _, q := range []string{"cyber securité arnaque", "cybersécurité"} {
		r, got := searchNames(t, m, q)
		if !slices.Equal(got, []string{"Atelier sécurité"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the online safety place", q, got, r.Partial)
		}
	}
}
