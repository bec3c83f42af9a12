package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/models/search"
)

// Queries about how people type (sentences, text-message spelling,
// dictation, misspellings, glued or split words, numbers, emoji,
// questions). Each test answers queries of the judged relevance batches
// (README, « Search and orientation ») that found nothing or the wrong
// places, and was written before its rule; the later ones are named after
// their batch.

// A question as people type or dictate it (« où est-ce que je peux
// imprimer », « comment », « quelqu'un peut m'aider ») asks for the need
// it holds: its question words say nothing of the place sought and,
// required, found names and communes holding them.
func TestQuestionWordsDoNotFilter(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace connecté", "Gap", "05000", "1 rue de Bonne", "services", themeAccess),
		record("est", "Maison de l'Est", "Gap", "05000", "2 rue de l'Est", "services", themeTools),
		record("fs", "France services Nice", "Nice", "06000", "2 rue de France", "services", themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"ou est ce que je peux imprimer un document", "Espace connecté"},
		{"où est-ce que je peux imprimer ?", "Espace connecté"},
		{"comment imprimer un document", "Espace connecté"},
		{"quelqu'un peut m'aider pour mes papiers", "France services Nice"},
	} {
		if _, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: %v, want %s first", tc.q, got, tc.want)
		}
	}
}

// Numbers dictated as words (« seize mille », « dans le treize »,
// « quatorze juillet », « soixante-dix ans ») are the numbers people mean:
// a postal code, a département, a street's date, an age. (« quatorze
// juillet » and the age passed before: « juillet », « seniors » alone.)
func TestNumbersInWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "Espace numérique", "Angoulême", "16000", "1 place du Champ de Mars", "services", themeTools),
		record("mrs", "Club informatique", "Marseille", "13001", "2 rue de Rome", "services", themeTools),
		record("juil", "Médiathèque", "Pujols", "33350", "1 place du 14 Juillet", "services", themeTools),
		record("sen", "Club informatique seniors", "Cognac", "16100", "3 rue de Pons", "services", themeTools,
			"publics_accueillis", "Seniors (+ 65 ans)"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aide numerique seize mille", []string{"Espace numérique"}},
		{"aide numerique 16000", []string{"Espace numérique"}},
		{"aide informatique dans le treize", []string{"Club informatique"}},
		{"pres de la place du quatorze juillet", []string{"Médiathèque"}},
		{"cours informatique pour les plus de soixante-dix ans", []string{"Club informatique seniors"}},
		{"cours informatique pour les plus de soixante ans", []string{"Club informatique seniors"}},
		{"library", []string{"Médiathèque"}},
	} {
		// The place named comes first (a place beside generic words
		// orders, as a commune does).
		if _, got := searchNames(t, m, tc.q); len(got) == 0 || !slices.Contains(tc.want, got[0]) {
			t.Errorf("%s: %v, want %v first", tc.q, got, tc.want)
		}
	}
}

// A person saying they cannot (« j'y arrive pas », « je sais pas me
// servir de mon portable ») asks for the need: « pas » found « Apprentis
// pas sages » and the Pas-de-Calais first. « À côté de » is « près de »:
// « côté » found the Côte d'Azur's places.
func TestWordsOfNotManagingAndBesideDoNotFilter(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("pas", "Apprentis pas sages", "Belvédère", "06450", "1 rue de la Mairie", "services", themeAccess),
		record("cote", "Initiative Nice Côte d'Azur", "Nice", "06000", "2 rue de France", "services", themeTools),
		record("fs", "France services Nice", "Nice", "06000", "3 rue de France", "services", themeProcedures),
		record("poste", "La Poste", "Gap", "05000", "4 rue Carnot", "services", themeTools),
		record("tel", "Club numérique", "Gap", "05000", "5 rue Carnot", "services", themeTools),
	})
	for _, tc := range []struct{ q, notFirst string }{
		{"j'y arrive pas avec les démarches en ligne", "Apprentis pas sages"},
		{"je sais pas me servir de mon portable", "Apprentis pas sages"},
		{"ordinateur à côté de la poste", "Initiative Nice Côte d'Azur"},
	} {
		if _, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] == tc.notFirst {
			t.Errorf("%s: %v, want another place than %s first", tc.q, got, tc.notFirst)
		}
	}
}

// A whole message typed by a person (more than 12 words) is read for
// what it names — a need of the thesaurus, a commune, « gratuits » — and
// not refused: « Bonjour, je viens d'arriver à Angoulême… » answered 400.
func TestAMessageIsReadForWhatItNames(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "France services Angoulême", "Angoulême", "16000", "1 place du Champ de Mars", "services", themeProcedures),
		record("cog", "France services Cognac", "Cognac", "16100", "2 rue de Pons", "services", themeProcedures),
		record("club", "Club numérique", "Angoulême", "16000", "3 rue de Paris", "services", themeTools),
	})
	const msg = "Bonjour, je viens d'arriver à Angoulême et je dois faire ma déclaration d'impôts en ligne avant la fin du mois. " +
		"Je ne sais pas du tout comment faire et j'ai peur de me tromper. Est-ce que quelqu'un pourrait m'aider ? Merci d'avance."
	if _, got := searchNames(t, m, msg); len(got) == 0 || got[0] != "France services Angoulême" {
		t.Errorf("message: %v, want France services Angoulême first", got)
	}
}

// A query too long to read says how many words it had and what is read of
// a message, not « at most 12 » for a text of 13 to 80 words that is read.
func TestTooLongAQuerySaysWhatIsRead(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "France services Angoulême", "Angoulême", "16000", "1 place du Champ de Mars", "services", themeProcedures),
	})
	var words []string
	for i := range 81 {
		words = append(words, fmt.Sprintf("mot%c%c", 'a'+i/26, 'a'+i%26))
	}
	_, err := m.SearchActors(context.Background(), search.Query{Text: strings.Join(words, " ")})
	if err == nil || !strings.Contains(err.Error(), "81 different words: at most 80 are read") {
		t.Errorf("81 words: %v", err)
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

// A sentence about someone names the person spoken for and says how they are
// (« ma fille de 17 ans cherche un stage », « mon père est à la retraite et
// voudrait apprendre l'ordinateur », « usager en difficulté avec le
// numérique »): the person (« fille », « fils », « voisin », « usager »),
// « cherche », « est », the trouble (« difficulté ») and the helper's
// « orienter vers » say nothing of the place sought. Required, « fille »
// was read as « ville », « est » found « Mission locale Est », « usager »
// « Saint-Usage » and « vers » « Vers un tiers-lieu ». A grandparent and a
// person who is retired (« est à la retraite », « est retraité ») are older
// people: « retraite » alone is the pension procedure.
func TestASentenceAboutSomeone(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("club", "Club Senior La Plaine", "Marseille", "13004", "1 rue de la Plaine", "services", themeTools,
			"publics_specifiquement_adresses", "Seniors"),
		record("est", "Mission locale Est", "Menton", "06500", "1 rue de Menton", "services", themeTools),
		record("carsat", "France services Retraite", "Gap", "05000", "2 rue Carnot", "services", themeProcedures),
		record("ml", "Mission locale Jeunes", "Nice", "06000", "3 rue de France", "services", "Insertion professionnelle via le numérique",
			"publics_accueillis", "Jeunes (16-26 ans)"),
		record("ville", "Espace emploi de la ville", "Nice", "06000", "4 rue de Nice", "services", "Insertion professionnelle via le numérique"),
		record("usage", "Mairie de Saint-Usage", "Saint-Usage", "21170", "1 place de la Mairie", "services", themeAccess),
		record("vers", "Vers un tiers-lieu", "Arles", "13200", "5 rue d'Arles", "services", themeAccess),
		record("cnfs", "Espace numérique d'Arles", "Arles", "13200", "6 rue d'Arles", "services", themeTools,
			"dispositif_programmes_nationaux", "Conseillers numériques"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"mon père est à la retraite et voudrait apprendre l'ordinateur", []string{"Club Senior La Plaine"}},
		{"ma voisine est retraitée, elle veut apprendre la tablette", []string{"Club Senior La Plaine"}},
		{"ma grand-mère veut faire des appels vidéo avec ses petits-enfants", []string{"Club Senior La Plaine"}},
		// Both Missions locales: one is where young people are helped
		// into work though it declares only the everyday tools (a
		// kind of place meeting its need, see needKinds).
		{"ma fille de 17 ans cherche un stage", []string{"Mission locale Est", "Mission locale Jeunes"}},
		// « numérique » alone is every service (« numerqiue »): every
		// place but the one whose name held « usage ».
		{"usager en difficulté avec le numérique", []string{"Club Senior La Plaine", "Espace emploi de la ville", "Espace numérique d'Arles",
			"Mission locale Est", "Mission locale Jeunes"}},
		{"orienter vers un conseiller numérique", []string{"Espace numérique d'Arles"}},
		// Retirement as a procedure stays the procedure.
		{"dossier retraite", []string{"France services Retraite"}},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A helper's English question (« where can I print ») and generic words
// (« digital help ») are read as their French: « where », « can » are
// question words (« can » found Cannes, « where » was spelt « chère »),
// « help » is « aide » (it found Avesnes-sur-Helpe as a word form) and
// « digital » « numérique ».
func TestEnglishQuestionsAndGenericWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("print", "Espace numérique Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeAccess),
		record("tools", "Club informatique", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("helpe", "Pôle jeunesse", "Avesnes-sur-Helpe", "59440", "1 rue de la Helpe", "services", "Insertion professionnelle via le numérique"),
		record("cannes", "Mairie de Cannes", "Cannes", "06400", "1 place de l'Hôtel de Ville", "services", themeProcedures),
	})
	if r, got := searchNames(t, m, "where can i print"); !slices.Equal(got, []string{"Espace numérique Bellevue"}) || r.Partial {
		t.Errorf("where can i print: %v (partial %v), want the place with a printer", got, r.Partial)
	}
	// « aide numérique »: every place of the digital domain, as the
	// French words find them.
	rf, fr := searchNames(t, m, "aide numérique")
	r, got := searchNames(t, m, "digital help")
	if !slices.Equal(got, fr) || len(got) < 3 || r.Partial != rf.Partial {
		t.Errorf("digital help: %v (partial %v), want what « aide numérique » finds: %v (partial %v)", got, r.Partial, fr, rf.Partial)
	}
}

// A misspelt town (« toulousse ») is nearer one spelling (Toulouse, one
// letter) than another (Toulouges, two): the places of the nearer come
// first. Both weighed the same and « Toulouges » in a name outweighed
// « Toulouse » in a commune.
func TestTheNearerSpellingFirst(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tges", "Mairie de Toulouges", "Toulouges", "66350", "1 place de la République", "services", themeTools),
		record("tse", "La Mêlée", "Toulouse", "31000", "27 rue d'Aubuisson", "services", themeTools),
		record("tse2", "Centre social Bagatelle", "Toulouse", "31100", "1 rue de Bagatelle", "services", themeTools),
	})
	_, got := searchNames(t, m, "cours informatique toulousse")
	if len(got) < 2 || got[0] == "Mairie de Toulouges" || got[1] == "Mairie de Toulouges" {
		t.Errorf("cours informatique toulousse: %v, want Toulouse's places first", got)
	}
}

// A helper's and a person's words around a need: « orientation » (a CCAS
// worker's « orientation ccas démarches numériques »), « quand » in a
// question (« … quand on est débutant ? »: spelt « Candé »). They do not
// filter, as « orienter vers » and « comment ».
func TestQuestionAndOrientationWordsOfTheBatch1209(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ccas", "CCAS de Gap", "Gap", "05000", "5 rue Carnot", "typologie", "CCAS", "services", themeProcedures),
		record("outils", "Atelier du quotidien", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("cande", "Médiathèque de Breuillet", "Breuillet", "17920", "1 route de Candé", "services", themeUnderstanding),
	})
	for _, tc := range []struct{ q, want string }{
		{"orientation ccas démarches numériques", "CCAS de Gap"},
		{"comment apprendre à utiliser un ordinateur quand on est débutant ?", "Atelier du quotidien"},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.want || r.Partial || slices.Contains(got, "Médiathèque de Breuillet") {
			t.Errorf("%s: %v (partial %v), want %s first", tc.q, got, r.Partial, tc.want)
		}
	}
}

// An emoji that names a public or a need (👵 an older woman, 🏦 a bank,
// 💻 a computer) is read as its word: « 👵 tablette » lost the older
// person and listed every place teaching tablets.
func TestEmojiAsWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("outils", "Atelier du quotidien", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("club", "Club Senior", "Gap", "05000", "5 rue Carnot", "services", themeTools),
	})
	for _, q := range []string{"👵 tablette", "👴🏻 ordinateur", "🧓 smartphone"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Club Senior" || r.Partial {
			t.Errorf("%s: %v (partial %v), want Club Senior first", q, got, r.Partial)
		}
	}

}

// The words of speech around a need: dictated punctuation (« virgule »,
// « point » at the end), hesitations (« euh alors voilà »), « ce », « qui »,
// « faut », « reçu », « endroit », an obligation (« doit »); a broken
// device (« cassé », « en panne ») is the trouble, as « bloqué »; Darija
// written in Latin letters (« 3andi mochkil f telephone »: I have a
// problem with the phone; « wach kayn »: is there; « salam ») around a
// French need. Required, « ce » found « Esp@ce informatique », « f »
// « centre social F. Dolto », « cassé » Pont-du-Casse.
func TestSpeechAndDarijaAroundANeedOfTheBatch1210(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("outils", "Atelier du quotidien", "Nice", "06000", "1 rue de France", "services", themeTools),
		record("senior", "Club Senior", "Toulon", "83000", "3 rue Victor Clappier", "services", themeTools),
		record("espace", "Esp@ce informatique", "Rognonas", "13870", "1 rue du Ce", "services", "Compréhension du monde numérique"),
		record("dolto", "Centre social F. Dolto", "Pecquencourt", "59146", "2 rue Haute", "services", "Compréhension du monde numérique"),
		record("casse", "Ville de Pont-du-Casse", "Pont-du-Casse", "47480", "1 place de la Mairie", "services", themeTools),
		record("equip", "Ordis solidaires", "Arles", "13200", "3 rue de la Liberté", "services", "Acquisition de matériel informatique à prix solidaire"),
	})
	for _, tc := range []struct {
		q    string
		want string
		not  string
	}{
		{"je cherche un endroit pour apprendre l'ordinateur virgule c'est pour ma mère qui a soixante-dix ans point", "Club Senior", ""},
		{"euh alors voilà j'ai reçu un courrier de la caf et je comprends pas ce qu'il faut faire", "Espace démarches", "Esp@ce informatique"},
		{"3andi mochkil f telephone", "Atelier du quotidien", "Centre social F. Dolto"},
		{"salam je cherche aide papiers caf", "Espace démarches", ""},
		{"réparation smartphone cassé", "Ordis solidaires", "Ville de Pont-du-Casse"},
		{"ordi en panne", "Ordis solidaires", ""},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.want || (tc.not != "" && slices.Contains(got, tc.not)) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first and not %q", tc.q, got, r.Partial, tc.want, tc.not)
		}
	}
}

// Numbers as people type and dictate them: an arrondissement's bare
// number after its city (« paris 15 »: the Cantal's number, and Paris is
// not in it, so nothing was found; « marseille 13 » is the 13th too since
// the batch of 2026-12-17, see
// TestArrondissementNumberThatIsAlsoTheDepartement), a postal code
// dictated digit by digit
// (« treize zéro zéro trois » was 13 + 0 + 0 + 3 = 16), and a
// département's number beside a need (« CPAM 16 » was read as the public
// « Jeunes (16-26 ans) »).
func TestNumbersOfTheBatch1210(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("p15", "Espace numérique Vaugirard", "Paris", "75015", "5 rue de Vaugirard", "services", themeTools),
		record("cantal", "Médiathèque d'Aurillac", "Aurillac", "15000", "1 place de la Mairie", "services", themeTools),
		record("m3", "Atelier Belle de Mai", "Marseille", "13003", "1 rue Belle de Mai", "services", themeTools),
		record("m1", "Atelier Noailles", "Marseille", "13001", "1 rue d'Aubagne", "services", themeTools),
		record("ang", "France services Angoulême", "Angoulême", "16000", "1 rue de Périgueux", "services", themeProcedures),
		record("jeunes", "Point jeunes Nice", "Nice", "06000", "1 rue de France", "services", themeProcedures,
			"publics_accueillis", "Jeunes (16-26 ans)"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"paris 15", []string{"Espace numérique Vaugirard"}},
		{"atelier numérique marseille 3", []string{"Atelier Belle de Mai"}},
		{"atelier numérique treize zéro zéro trois", []string{"Atelier Belle de Mai"}},
		{"CPAM 16", []string{"France services Angoulême"}},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

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

// A question's « c'est » (« est-ce que c'est ouvert le dimanche »: « est »
// found « Mission locale Est »), an acronym dictated letter by letter
// (« aide pour la c a f »: the letters found nothing, « aide » every
// name holding it) and the lunch hour in figures (« ouvert de 12h à
// 14h », « entre 12h et 14h »: 0 results).
func TestSentenceWordsOfTheBatch1213(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("caf", "Point numérique CAF", "Gap", "05000", "7 rue Carnot", "services", themeProcedures),
		record("aide", "Aide à domicile", "Nice", "06000", "1 rue de France", "services", "Loisirs et créations numériques"),
		record("est", "Mission locale Est", "Menton", "06500", "1 rue de la Gare", "services", "Loisirs et créations numériques"),
		record("sun", "Médiathèque du dimanche", "Toulon", "83000", "3 rue Victor Clappier", "services", "Loisirs et créations numériques", "horaires", "Su 09:00-12:00"),
		record("lunch", "Salle ouverte", "Avignon", "84000", "2 rue Joseph Vernet", "services", "Loisirs et créations numériques", "horaires", "Mo-Fr 09:00-17:00"),
		record("shut", "Salle fermée au déjeuner", "Avignon", "84000", "4 rue Joseph Vernet", "services", "Loisirs et créations numériques", "horaires", "Mo-Fr 09:00-12:00,14:00-17:00"),
	})
	wantFirst(t, m, [][2]string{
		{"est-ce que c'est ouvert le dimanche", "Médiathèque du dimanche"},
		{"c'est ouvert le dimanche ?", "Médiathèque du dimanche"},
		{"ouvert de 12h a 14h", "Salle ouverte"},
		{"ouvert entre 12h et 14h", "Salle ouverte"},
		{"ouvert entre midi et 2", "Salle ouverte"},
	})
	_, spelt := searchNames(t, m, "aide pour la c a f")
	if _, want := searchNames(t, m, "aide caf"); !slices.Equal(spelt, want) {
		t.Errorf("aide pour la c a f: %v, want %v as « aide caf »", spelt, want)
	}
	if _, got := searchNames(t, m, "ouvert de 12h a 14h"); len(got) != 1 {
		t.Errorf("ouvert de 12h a 14h: %v, want the place open through lunch only", got)
	}
}

const themeAccess = "Accès internet et matériel informatique"

// Queries as people type them into an orientation tool, from the unseen
// set of 2026-12-01: a sentence (« je n'ai pas d'ordinateur », « ouvert le
// samedi »), a text message (« besoin d'aide pr la caf »), a newcomer's
// English (« computer help »), a kind of place (« fablab »). The words
// around the need do not filter (« besoin » found Bédoin, « pr »
// Provence, « ouvert » « Ouverture… », « pas » « Apprentis pas sages »).
func TestUnseenSentencesAndTextMessages(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace numérique Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeAccess+"|"+themeTools),
		record("pas", "APPRENTIS PAS SAGES", "Nice", "06000", "2 rue de France", "services", themeTools),
		record("bed", "Médiathèque de Bédoin", "Bédoin", "84410", "1 place de la Mairie", "services", themeTools),
		record("proc", "France services Provence Verte", "Brignoles", "83170", "3 rue de la République", "services", themeProcedures),
		record("caf", "Point numérique CAF de Toulon", "Toulon", "83000", "4 rue de Lyon", "services", themeProcedures),
		record("sat", "Club informatique du samedi", "Gap", "05000", "5 rue Carnot", "services", themeTools,
			"horaires", "Sa 09:00-12:00"),
		record("ouv", "OUVERTURE RENCONTRES ET EVOLUTION", "Gap", "05000", "6 rue Carnot", "services", themeTools,
			"horaires", "Mo-Fr 09:00-12:00"),
		record("fab", "Fab Lab de Carpentras", "Carpentras", "84200", "7 rue Porte d'Orange", "services", themeTools),
		record("tl", "Tiers-lieu La Parenthèse", "Gap", "05000", "8 rue Carnot", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Someone without a computer: where one can use a computer and the
		// internet first; a place named « pas » only after.
		{"je n'ai pas d'ordinateur", []string{"Espace numérique Bellevue", "APPRENTIS PAS SAGES"}},
		{"besoin d'aide pr la caf", []string{"France services Provence Verte", "Point numérique CAF de Toulon"}},
		{"ouvert le samedi", []string{"Club informatique du samedi"}},
		// A fablab written in two words is a fablab; a tiers-lieu, where
		// one often is, comes after.
		{"fablab", []string{"Fab Lab de Carpentras", "Tiers-lieu La Parenthèse"}},
		// English: the places helping with everyday tools, in any order.
		{"computer help", nil},
	} {
		r, got := searchNames(t, m, tc.q)
		switch tc.q {
		case "besoin d'aide pr la caf": // both help with procedures: in any order
			slices.Sort(got)
		}
		if tc.want == nil {
			slices.Sort(got)
			tc.want = []string{"APPRENTIS PAS SAGES", "Club informatique du samedi", "Espace numérique Bellevue", "Fab Lab de Carpentras",
				"Médiathèque de Bédoin", "OUVERTURE RENCONTRES ET EVOLUTION", "Tiers-lieu La Parenthèse"}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A word naming a body whose procedures people need help with (« caf »,
// « msa », « pôle emploi ») finds the places helping with them first; a
// record merely named after the body (a « Centre social CAF », an agency
// named « POLE EMPLOI » offering none of it) comes after them, as a
// « Joyeuse Retraite » does for « retraite ».
func TestBodiesNameTheNeedFirst(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cs", "Centre social CAF La Clairière", "Toulouse", "31000", "1 rue de la Paix", "services", themeTools),
		record("msa", "MSA Sud Champagne", "Troyes", "10000", "2 rue de la Paix", "services", themeTools),
		record("pe", "POLE EMPLOI", "Nice", "06000", "3 rue de France", "services", themeTools),
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie", "services", themeProcedures),
		record("ins", "Atelier emploi Bellevue", "Marseille", "13003", "12 rue Bellevue", "services",
			"Insertion professionnelle via le numérique"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"caf", []string{"France services Tende", "Centre social CAF La Clairière"}},
		{"msa", []string{"France services Tende", "MSA Sud Champagne"}},
		// Help with finding work or with procedures (in any order), then
		// the agency named so.
		{"pôle emploi", []string{"Atelier emploi Bellevue", "France services Tende", "POLE EMPLOI"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 3 {
			slices.Sort(got[:2])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A body's own office (named after it, helping with its procedures) comes
// before the other places helping with them: « CPAM - Agence de Cholet »
// came 338th for « cpam », its name counted as a word naming a need met
// elsewhere; « Caisse d'Allocations Familiales de Montpellier » (the
// acronym written out) after the multimedia places of Montpellier. One
// merely named after the body still comes after them
// (TestBodiesNameTheNeedFirst).
func TestABodysOfficesComeFirst(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Cholet", "Cholet", "49300", "1 place Travot", "services", themeProcedures),
		record("cpam", "CPAM - Agence de Cholet", "Cholet", "49300", "2 rue Nationale", "services", themeProcedures),
		record("lam", "Lieux d'Accès Multimédia de Montpellier", "Montpellier", "34000", "3 rue de la Loge", "services", themeProcedures),
		record("caf", "Caisse d'Allocations Familiales de Montpellier", "Montpellier", "34000", "4 rue Foch", "services", themeProcedures),
		record("cs", "Centre social CAF La Clairière", "Montpellier", "34000", "5 rue de la Paix", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"cpam", []string{"CPAM - Agence de Cholet"}},
		{"cpam cholet", []string{"CPAM - Agence de Cholet", "France services Cholet"}},
		{"caf montpellier", []string{"Caisse d'Allocations Familiales de Montpellier", "Lieux d'Accès Multimédia de Montpellier", "Centre social CAF La Clairière"}},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) {
			t.Errorf("%s: %v, want %v first", tc.q, got, tc.want)
		}
	}
}

// A word of a phrase naming a need is the need, not a word of a name:
// « créer une adresse mail » showed the CMS of Sainte-Adresse first (its
// name holds « adresse »), before the places helping with everyday tools.
func TestAWordOfANeedsPhraseIsNotAName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cms", "CMS Saint-adresse", "Sainte-Adresse", "76310", "1 rue de la Mer", "services", themeTools),
		record("tools", "Atelier numérique Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeTools),
	})
	res, _ := searchNames(t, m, "créer une adresse mail")
	score := map[string]float64{}
	for _, h := range res.Hits {
		score[h.Item.Name] = float64(h.Score)
	}
	if len(score) != 2 || score["CMS Saint-adresse"] > score["Atelier numérique Bellevue"] {
		t.Errorf("créer une adresse mail: %v, want the place named after Sainte-Adresse no higher than the other place helping with everyday tools", score)
	}
}
