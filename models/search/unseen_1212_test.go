package search_test

import (
	"slices"
	"testing"

	"carnet/models/search"
)

// Queries of the judged batch of 2026-12-12 (typed on a phone, needs in
// the person's words, helpers' labels, publics, homonym communes, hours,
// the known weak spots typed otherwise) that found the wrong places or
// nothing, each with the rule that answers it.

// A text message's greeting and contractions (« cc jcherche ou
// imprimer »: « cc » found every communauté de communes named « CC… »),
// its trouble (« pb avec mon tel », « france connect marche pas »: « pb »
// was required, « tel » found « @telier », « marche » « Les acteurs en
// marche »), its urgency (« rdv caf urgent »: « urgent » was spelt
// « urgence ») and a day shortened beside a time of day (« dispo le sam
// matin »: « sam » found « Sambuc », « Sambre »).
func TestTextMessageWordsOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("print", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess),
		record("cc", "CC du Sisteronais-Buëch", "Sisteron", "04200", "1 place de la République", "services", "Loisirs et créations numériques"),
		record("tools", "Atelier du quotidien", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("telier", "@telier connecté", "Gap", "05000", "3 rue Carnot", "services", "Loisirs et créations numériques"),
		record("marche", "Les acteurs solidaires en marche", "Nevers", "58000", "1 rue du Marché", "services", "Loisirs et créations numériques"),
		record("urg", "Urgence sociale", "Antibes", "06600", "1 rue de la Gare", "services", "Loisirs et créations numériques"),
		record("sat", "Médiathèque Elliant", "Toulon", "83000", "3 rue Victor Clappier", "services", "Loisirs et créations numériques", "horaires", "Sa 09:00-12:00"),
		record("sambuc", "Sambuc E-Nov", "Arles", "13200", "1 route du Sambuc", "services", "Loisirs et créations numériques", "horaires", "Mo 14:00-17:00"),
	})
	wantFirst(t, m, [][2]string{
		{"cc jcherche ou imprimer", "Salle en libre accès"},
		{"pb avec mon tel", "Atelier du quotidien"},
		{"france connect marche pas", "Espace démarches"},
		{"rdv caf urgent", "Espace démarches"},
		{"dispo le sam matin", "Médiathèque Elliant"},
	})
	// Without a sentence, « cc » is still the communauté de communes,
	// « marche » a word, « sam » the beginning of a name.
	for _, tc := range []struct{ q, want string }{
		{"cc sisteron", "CC du Sisteronais-Buëch"},
		{"en marche", "Les acteurs solidaires en marche"},
		{"sambuc", "Sambuc E-Nov"},
	} {
		if _, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: %v, want %s first", tc.q, got, tc.want)
		}
	}
}

// Publics and needs in the person's words: the third age written with a
// number (« informatique 3eme age »: « 3eme » was required), students
// (« aide numerique etudiants »: only a name saying « Étudiant »), people
// who cannot read (« personnes illettrees »: spelt « illettré », no
// word form).
func TestPublicsInOtherWordsOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("senior", "Club des anciens", "Gap", "05000", "7 rue Carnot", "services", themeTools, "publics_accueillis", "Seniors (+ 65 ans)"),
		record("young", "Espace jeunesse", "Nice", "06000", "1 rue de France", "services", themeTools, "publics_accueillis", "Jeunes (16-26 ans)"),
		record("tools", "Atelier du quotidien", "Nice", "06000", "3 rue de France", "services", themeTools),
		record("etudiant", "Maison de l'Étudiant", "Marseille", "13001", "1 rue de Rome", "services", "Insertion professionnelle via le numérique"),
		record("lire", "Centre de ressources illettrisme", "Nancy", "54100", "1 rue de Metz", "services", themeTools),
	})
	wantFirst(t, m, [][2]string{
		{"informatique 3eme age", "Club des anciens"},
		{"informatique 3e âge", "Club des anciens"},
		{"aide numerique etudiants", "Espace jeunesse"},
		{"personnes illettrees", "Centre de ressources illettrisme"},
	})
	if _, got := searchNames(t, m, "aide numerique etudiants"); !slices.Contains(got, "Maison de l'Étudiant") {
		t.Errorf("aide numerique etudiants: %v, want the Maison de l'Étudiant too", got)
	}
}

// An hour of the evening said another way than « après 18h » (« ouvert
// jusqu'à 19h », « à partir de 18h30 », « après 19h »): « jusqu » and the
// hour were required and nothing was found. A place open until 19:00 is
// open in the evening (from 18:00), one closing at 18:00 is not.
func TestEveningHoursOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("eve", "Médiathèque Elliant", "Elliant", "29370", "1 rue de la Mairie", "horaires", "Tu 16:00-19:00"),
		record("day", "Espace 19", "Paris", "75019", "1 rue de Crimée", "horaires", "Mo 09:00-18:00"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"ouvert jusqu'a 19h", []string{"Médiathèque Elliant"}},
		{"ouvert jusqu'à 18h30", []string{"Médiathèque Elliant"}},
		{"à partir de 18h", []string{"Médiathèque Elliant"}},
		{"après 18h30", []string{"Médiathèque Elliant"}},
		{"espace 19", []string{"Espace 19"}},
		// Hours by the hour (2026-12-14): « jusqu'à 18h » is open at
		// 17:30, both places are; the place closing at 19:00 is not open
		// « après 19h » (read as the evening, it was).
		{"ouvert jusqu'à 18h", []string{"Médiathèque Elliant", "Espace 19"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
	if r, got := searchNames(t, m, "après 19h"); len(got) > 0 && !r.Partial {
		t.Errorf("après 19h: %v, want no place open after 19:00", got)
	}
}

// A broken device said another way (« écran de téléphone fissuré »,
// « changer l'écran de mon portable »): « fissuré » was required, and
// « écran » beside a device without a repair word was the parents'
// screen time. A broken or repaired device is a repair need, whatever
// device it names. A repair need is met at fablabs (a record named so
// says it is one) before the tiers-lieux that a fablab is a kind of:
// they tied, and the tiers-lieux came first by their ids.
func TestBrokenDevicesOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a-tiers", "Tiers-lieu Kanopée", "Solliès-Pont", "83210", "1 rue de la Gare", "services", "Loisirs et créations numériques"),
		record("b-fablab", "Aromatic Fablab", "Mouans-Sartoux", "06370", "1 rue du Château", "services", "Loisirs et créations numériques"),
		record("screen", "Atelier écrans en famille", "Nice", "06000", "1 rue de France", "services", "Parentalité et éducation avec le numérique|"+themeTools),
		record("tools", "Atelier du quotidien", "Nice", "06000", "3 rue de France", "services", themeTools),
	})
	for _, q := range []string{"ecran telephone fissure", "ecran de telephone casse", "changer l'ecran de mon portable", "réparer mon téléphone", "mon ordi est en panne"} {
		r, got := searchNames(t, m, q)
		if len(got) < 2 || !slices.Equal(got[:2], []string{"Aromatic Fablab", "Tiers-lieu Kanopée"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the fablab, then the tiers-lieu", q, got, r.Partial)
		}
	}
	if _, got := searchNames(t, m, "temps d'écran"); len(got) == 0 || got[0] != "Atelier écrans en famille" {
		t.Errorf("temps d'écran: %v, want the parents' screen time", got)
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

// A kind of structure typed (« cyber-base », « cybercentre »: kinds of
// EPN in the abbreviations) finds the records writing a kind of it, then
// those named after the structure (« EPN Maës »), before the places where
// its need is met: the EPN named so were not found, the places offering
// internet access came first (« cyber-base » recall@20 0.53).
func TestKindWordsFindTheKindsNamesOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a-acces", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess),
		record("b-epn", "EPN Maës", "Lens", "62300", "1 rue de Lille", "services", themeTools),
		record("c-cyber", "Cyber-base Pompidou", "Compiègne", "60200", "1 rue Pompidou", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"cyber-base", []string{"Cyber-base Pompidou", "EPN Maës", "Salle en libre accès"}},
		{"cybercentre", []string{"Cyber-base Pompidou", "EPN Maës", "Salle en libre accès"}},
	} {
		if r, got := searchNames(t, m, tc.q); !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A person's sentence around a need (« mon fils passe trop de temps sur
// les écrans »: « trop » found Saint-Tropez, « passe » was required) and
// being cheated when paying online (« payer sur internet sans se faire
// avoir »: « payer » was spelt « Payet », « se faire avoir » required).
func TestSentencesOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("screen", "Atelier écrans en famille", "Nice", "06000", "1 rue de France", "services", "Parentalité et éducation avec le numérique"),
		record("tropez", "Bus France services", "Sainte-Maxime", "83120", "1 route de Saint-Tropez", "services", themeProcedures),
		record("safe", "Atelier sécurité", "Toulon", "83000", "3 rue Victor Clappier", "services", "Utilisation sécurisée du numérique"),
		record("payet", "CCAS de Sainte-Marie", "Sainte-Marie", "97438", "1 rue Payet", "services", themeProcedures),
	})
	wantFirst(t, m, [][2]string{
		{"mon fils passe trop de temps sur les ecrans", "Atelier écrans en famille"},
		{"payer sur internet sans se faire avoir", "Atelier sécurité"},
		{"j'ai peur de me faire arnaquer", "Atelier sécurité"},
		{"mot de passe", "Atelier sécurité"},
	})
}

// wantFirst checks that each query (q, name) finds the place named first,
// as a full match.
func wantFirst(t *testing.T, m *search.Memory, cases [][2]string) {
	t.Helper()
	for _, c := range cases {
		if r, got := searchNames(t, m, c[0]); len(got) == 0 || got[0] != c[1] || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", c[0], got, r.Partial, c[1])
		}
	}
}

// A verb in the infinitive is no misspelling of its noun (« faire garder
// mes enfants le mercredi »: « garder » was spelt « garde » and found La
// Garde's places open on Wednesday as full matches; no place of the files
// minds children). A misspelling one letter off is still read (« imprimr »).
func TestInfinitiveIsNoMisspellingOfTheBatch1212(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("garde", "Horizon Multimédia", "La Garde", "83130", "1 rue de la Mairie", "services", "Parentalité et éducation avec le numérique", "horaires", "We 09:00-12:00"),
		record("print", "Salle en libre accès", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeAccess),
	})
	if r, got := searchNames(t, m, "faire garder mes enfants le mercredi"); len(got) > 0 && !r.Partial {
		t.Errorf("faire garder mes enfants le mercredi: %v, want nothing or a partial answer", got)
	}
	wantFirst(t, m, [][2]string{{"la garde", "Horizon Multimédia"}, {"imprimr", "Salle en libre accès"}})
}
