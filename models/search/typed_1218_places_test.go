package search_test

import (
	"slices"
	"testing"
)

// Queries of the testers' batch of 2026-12-18 (PACA, Charente and the
// conseillers numériques).

// A commune named by the first word of its name (« barbezieux » for
// Barbezieux-Saint-Hilaire), when the directory holds one such commune
// only, is that commune: it was a word of text, and « mairie barbezieux »
// listed the town hall of Saint-Hilaire-de-Chaléons (44) first.
func TestACommuneNamedByItsFirstWord(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("barb", "Centre socioculturel du Barbezilien", "Barbezieux-Saint-Hilaire", "16300", "1 boulevard Chanzy", "services", themeTools),
		record("sthil", "Mairie de Saint-Hilaire-de-Chaléons", "Saint-Hilaire-de-Chaléons", "44680", "1 place de l'église"),
		record("vil1", "Espace numérique", "Villeneuve-Loubet", "06270", "1 rue de la Mairie", "services", themeTools),
		record("vil2", "Point numérique", "Villeneuve-lès-Avignon", "30400", "1 rue de la République", "services", themeTools),
	})
	for _, tc := range []struct {
		q     string
		first string
	}{
		{"mairie barbezieux", "Centre socioculturel du Barbezilien"},
		{"mairie barbezieux saint hilaire", "Centre socioculturel du Barbezilien"},
		{"barbezieux", "Centre socioculturel du Barbezilien"},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("%q: %v, want %q first", tc.q, got, tc.first)
		}
	}
	// A first word several communes share stays a word.
	if _, got := searchNames(t, m, "villeneuve"); len(got) != 2 {
		t.Errorf("villeneuve: %v, want both Villeneuve", got)
	}
}

// In a partial answer, the named commune is the last word given up: the
// commune's records holding some of the other words come before records
// elsewhere holding more (« atelier smartphone seniors gratuit angouleme »:
// no place of Angoulême says seniors and free, and the free workshops
// for seniors of La Garde came first). When the other words name only
// a kind of place the commune lacks (« mairie barbezieux »), the
// commune's places come first; when the commune's records hold none of a
// need (« impots angers »), the need's places around still do.
func TestANamedCommuneKeptInAPartialAnswer(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "Rives de Charente", "Angoulême", "16000", "1 rue de Paris", "services", themeTools),
		record("ang2", "Salle des fêtes", "Angoulême", "16000", "2 rue de Paris", "services", "Loisirs et créations numériques"),
		record("sen", "Club Senior smartphone", "La Garde", "83130", "1 rue Victor Hugo", "services", themeTools, "frais_a_charge", "Gratuit", "publics_accueillis", "Seniors (+ 65 ans)"),
		record("cog", "Impôts Cognac", "Cognac", "16100", "1 rue du Port"),
	})
	r, got := searchNames(t, m, "atelier smartphone seniors gratuit angouleme")
	if !r.Partial || len(got) < 2 || got[0] != "Rives de Charente" || !slices.Contains(got, "Club Senior smartphone") {
		t.Errorf("atelier smartphone seniors gratuit angouleme: partial %v %v, want Rives de Charente first, then the Club Senior", r.Partial, got)
	}
	if slices.Contains(got, "Salle des fêtes") {
		t.Errorf("atelier smartphone seniors gratuit angouleme: %v, the place of Angoulême holding none of the need is not kept", got)
	}
	// A need no record of the commune meets: its places around first.
	r, got = searchNames(t, m, "impots angouleme")
	if len(got) == 0 || got[0] != "Impôts Cognac" {
		t.Errorf("impots angouleme: partial %v %v, want the help with taxes at Cognac first", r.Partial, got)
	}
}

// A short word some record writes whole is not the beginning of longer
// words: « mai » of « espace numérique belle de mai » (the Belle de Mai,
// Marseille 3e) found « Prendre en main un smartphone » of a theme's
// label and « Maison », and the Centre social Belle Eau of Guadeloupe
// held every word.
func TestAShortWordWrittenWholeIsNoPrefix(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fra", "La Fraternité de la Belle de Mai", "Marseille", "13003", "5 boulevard Burel", "services", themeTools),
		record("eau", "Centre Social Belle Eau", "Capesterre-Belle-Eau", "97130", "1 rue Joliot Curie", "services", themeTools),
		record("mai", "Maison commune", "Villetaneuse", "93430", "110 route de Saint-Leu", "services", themeTools),
	})
	if _, got := searchNames(t, m, "belle de mai"); !slices.Equal(got, []string{"La Fraternité de la Belle de Mai"}) {
		t.Errorf("belle de mai: %v, want the Fraternité only", got)
	}
	if _, got := searchNames(t, m, "mai"); !slices.Equal(got, []string{"La Fraternité de la Belle de Mai"}) {
		t.Errorf("mai: %v, want the Fraternité only", got)
	}
	// A short word no record writes whole is still a beginning.
	if _, got := searchNames(t, m, "mais"); !slices.Contains(got, "Maison commune") {
		t.Errorf("mais: %v, want the Maison commune", got)
	}
}

// A phrase of the thesaurus meaning only values no record holds is
// matched together: « pass numérique » (no place accepts the Pass
// numérique) listed the « Point d'Accueil Social Sisteronais (PASS) »
// and every « Passerelle » as full matches. A record writing the phrase
// holds it; a record accepting the Pass numérique is found by the flag.
func TestAPhraseNoRecordHoldsIsMatchedTogether(t *testing.T) {
	recs := []map[string]string{
		record("pass", "Point d'Accueil Social Sisteronais (PASS)", "Sisteron", "04200", "1 avenue du stade", "services", themeTools),
		record("pas2", "Centre social La Passerelle", "Caudry", "59540", "rue Camille Desmoulins", "services", themeTools),
	}
	m := loadRecords(t, recs)
	if r, got := searchNames(t, m, "pass numerique"); len(got) > 0 && !r.Partial {
		t.Errorf("pass numerique: %v as full matches, want nothing or a partial answer", got)
	}
	m = loadRecords(t, append(recs,
		record("wr", "Médiathèque", "Gap", "05000", "1 rue Carnot", "services", themeTools, "presentation_detail", "Nous acceptons les chèques Pass numérique.")))
	if r, got := searchNames(t, m, "pass numerique"); r.Partial || !slices.Equal(got, []string{"Médiathèque"}) {
		t.Errorf("pass numerique: partial %v %v, want the médiathèque writing it only", r.Partial, got)
	}
}

// A word saying how a place works or whom it serves is not said by its
// street: « itinérant » (mobile help) found the centre socioculturel of
// Barbezieux, « 3 Rampe des Mobiles », as the Charente's itinerant help.
func TestAStreetSaysNotHowAPlaceWorks(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("barb", "Centre socioculturel du Barbezilien", "Barbezieux-Saint-Hilaire", "16300", "3 Rampe des Mobiles", "services", themeTools),
		record("bus", "Médiation numérique mobile", "Ruffec", "16700", "1 place du Marché", "services", themeTools),
	})
	if _, got := searchNames(t, m, "mediateur numerique itinerant charente"); !slices.Equal(got, []string{"Médiation numérique mobile"}) {
		t.Errorf("mediateur numerique itinerant charente: %v, want the mobile mediation only", got)
	}
}
