package search_test

import (
	"slices"
	"testing"
)

// Queries of the judged batch of 2026-12-06 (kinds of place beside
// communes, a need beside a postal code or a département's number, opening
// times, helpers' orientation needs, SMS style, Occitan names) that found
// the wrong places, each with the rule that answers it.

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

// Times of day and a number inside a thesaurus phrase: « entre midi et
// deux » is the lunch hour, but « deux » was read as the number 2 (a
// dictated postal code's rule) and required with « entre », so that « 2
// Morin » and names holding « Entreprise » came first; « matin » and
// « après-midi » beside a day were required as words (« Mairie (Mardi
// Matin) » first for « samedi matin »), « après-midi » read as « midi »,
// the lunch hour. The day says when; the time of day, which no filter
// holds, ranks nothing and filters nothing.
func TestTimesOfDay(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lunch", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools,
			"horaires", "Mo-Fr 09:00-17:00"),
		record("morin", "Communauté de communes des 2 Morin", "La Ferté-Gaucher", "77320", "1 rue Morin", "services", themeTools,
			"horaires", "Mo-Fr 09:00-12:00"),
		record("sat", "Médiathèque de Cognac", "Cognac", "16100", "1 rue de Cognac", "services", themeTools,
			"horaires", "Sa 09:00-12:00"),
		record("matin", "Mairie (Mardi Matin)", "Gap", "05000", "1 rue Carnot", "services", themeTools,
			"horaires", "Tu 09:00-12:00"),
		record("wed", "Centre social Belsunce", "Marseille", "13001", "2 rue Thubaneau", "services", themeTools,
			"horaires", "We 14:00-18:00"),
	})
	for _, tc := range []struct{ q, want string }{
		{"ouvert entre midi et deux", "Espace Mistral"},
		{"aide informatique le samedi matin", "Médiathèque de Cognac"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) != 1 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
	// The places open on Wednesday afternoon (« midi » of « après-midi »
	// is not the lunch hour, which Belsunce is closed at). Until
	// 2026-12-08 the time of day was dropped and the three places open on
	// Wednesday came, « 2 Morin », open in the morning only, among them:
	// a day beside a time of day is now that time (TestADayAndATimeOfDay).
	for _, q := range []string{"ouvert le mercredi après-midi", "le mercredi aprem"} {
		if r, got := searchNames(t, m, q); len(got) != 2 || slices.Contains(got, "Communauté de communes des 2 Morin") || r.Partial {
			t.Errorf("%s: %v (partial %v), want the two places open on Wednesday afternoon", q, got, r.Partial)
		}
	}
}

// « ex » before a former name (« ex pole emploi », « ex-Pôle emploi ») says
// the name is an old one: required, it found « Excelsior » streets.
func TestExBeforeAFormerName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Nice", "Nice", "06000", "2 rue de France", "services", themeProcedures+"|Insertion professionnelle via le numérique"),
		record("ex", "Centre social Excelsior", "Hyères", "83400", "1 avenue Excelsior", "services", themeTools),
	})
	for _, q := range []string{"ex pole emploi", "ex-pôle emploi", "anciennement pole emploi"} {
		if r, got := searchNames(t, m, q); len(got) != 1 || got[0] != "France services Nice" || r.Partial {
			t.Errorf("%s: %v (partial %v), want France services Nice only", q, got, r.Partial)
		}
	}
}

// The lunch hour (open_on=lunchtime, « entre midi et deux », « le midi »)
// is a place that does not close for lunch: open through 12:30-13:30 on a
// weekday. « Open at some time from 12:00 to 14:00 » held every place
// closing at 12:30 or opening at 13:30 — 1,774 of the 2,628 places with
// hours in the reference files, most of them closed at lunch.
func TestLunchtimeIsOpenThroughLunch(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cont", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools,
			"horaires", "Mo-Fr 09:00-17:00"),
		record("pause", "Centre social Belsunce", "Marseille", "13001", "2 rue Thubaneau", "services", themeTools,
			"horaires", "Mo-Fr 09:00-12:30,13:30-17:00"),
		record("sat", "Médiathèque de Cognac", "Cognac", "16100", "1 rue de Cognac", "services", themeTools,
			"horaires", "Sa 09:00-17:00"),
	})
	for _, q := range []string{"ouvert entre midi et deux", "ouvert le midi"} {
		if r, got := searchNames(t, m, q); len(got) != 1 || got[0] != "Espace Mistral" || r.Partial {
			t.Errorf("%s: %v (partial %v), want Espace Mistral only", q, got, r.Partial)
		}
	}
}

// Helpers' orientation needs by the name of the online account or
// programme: « créer une adresse mail » (« créer » was required as a word
// of « Créer et développer mon entreprise »), « mon compte formation »,
// « CPF » (the personal training account, found nothing), France Travail's
// « espace candidat » (required as words).
func TestOrientationNeedsByTheirNames(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tools", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools),
		record("job", "France services Nice", "Nice", "06000", "2 rue de France", "services", themeProcedures+"|Insertion professionnelle via le numérique"),
		record("ent", "Pépinière d'entreprises", "Grasse", "06130", "1 route de Cannes", "services", "Insertion professionnelle via le numérique|Créer et développer mon entreprise"),
		record("senior", "Club Senior du Roucas", "Marseille", "13007", "3 rue du Roucas", "services", themeTools, "publics_accueillis", "Seniors (+ 65 ans)"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"créer une adresse mail", []string{"Espace Mistral", "Club Senior du Roucas"}},
		{"aide pour créer une adresse mail pour une personne âgée", []string{"Club Senior du Roucas"}},
		{"mon compte formation cpf", []string{"France services Nice"}},
		{"cpf", []string{"France services Nice"}},
		{"espace candidat france travail", []string{"France services Nice"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) < len(tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v first", tc.q, got, r.Partial, tc.want)
			continue
		}
		for i, w := range tc.want {
			found := false
			for _, g := range got[:len(tc.want)] {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: %v, want %v first (%d)", tc.q, got, tc.want, i)
			}
		}
	}
}

// The field's own words: « inclusion numérique » (« e-inclusion ») is what
// every place of these files does, and was read as « exclusion ». A place
// on « place de la Mairie »: « place » (a street's kind) was required, so
// that only addresses or modes (« à ma place ») holding it were found;
// beside other words it ranks without filtering. « alphabétisation » is
// taught mostly to adults who learnt neither to read nor French (ANLCI):
// the French courses relate to it.
func TestFieldWordsStreetKindsAndLiteracy(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tools", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools),
		record("job", "France services Nice", "Nice", "06000", "2 rue de France", "services", themeProcedures),
		record("excl", "Fondation contre l'exclusion", "Rodez", "12000", "1 rue de Rodez", "services", "Aide aux démarches administratives"),
		record("wifi1", "Mairie de Coudoux", "Coudoux", "13111", "1 place de la Mairie", "services", "Accès internet et matériel informatique"),
		record("wifi2", "Médiathèque", "Gap", "05000", "2 rue de la Mairie", "services", "Accès internet et matériel informatique"),
		record("fle", "Apprendre le français", "Gap", "05000", "3 rue Carnot", "services", themeTools),
		record("ill", "Centre de ressources illettrisme", "Nancy", "54000", "4 rue de Nancy", "services", themeTools),
	})
	if r, got := searchNames(t, m, "inclusion numérique"); len(got) != 7 || r.Partial || got[0] == "Fondation contre l'exclusion" {
		t.Errorf("inclusion numérique: %v (partial %v), want every place, not the exclusion first", got, r.Partial)
	}
	if r, got := searchNames(t, m, "wifi place de la mairie"); len(got) != 2 || r.Partial || got[0] != "Mairie de Coudoux" {
		t.Errorf("wifi place de la mairie: %v (partial %v), want Mairie de Coudoux then the Médiathèque", got, r.Partial)
	}
	if r, got := searchNames(t, m, "alphabétisation"); len(got) != 2 || r.Partial || got[0] != "Centre de ressources illettrisme" {
		t.Errorf("alphabétisation: %v (partial %v), want the illettrisme centre then Apprendre le français", got, r.Partial)
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

// Text-message contractions (« jai », « dun »: j'ai, d'un) and the words of
// a trouble (« bloqué », « problème », « souci ») say how the person writes
// and what went wrong, not what is sought: required, « dun » found
// Fontaine-le-Dun and « Henry Dunant », « bloqué » nothing.
func TestContractionsAndTroubleWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tools", "Espace Mistral", "Marseille", "13001", "1 rue Mistral", "services", themeTools),
		record("dun", "Espace multi services", "Fontaine-le-Dun", "76740", "1 rue de Dun", "services", "Insertion professionnelle via le numérique"),
		record("fs", "France services Nice", "Nice", "06000", "2 rue de France", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"jai besoin dun ordi", "Espace Mistral"},
		{"compte france connect bloqué", "France services Nice"},
		{"probleme france connect", "France services Nice"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] != tc.want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", tc.q, got, r.Partial, tc.want)
		}
	}
}
