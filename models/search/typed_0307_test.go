package search_test

import (
	"slices"
	"testing"
)

const (
	themeAccess0307 = "Accès internet et matériel informatique"
	themeJob0307    = "Insertion professionnelle via le numérique"
)

// A newcomer writes in Arabic script, Turkish or Portuguese (« مساعدة في
// الأوراق الإدارية », « bilgisayar kursu », « belge yazdırmak istiyorum »,
// « aulas de informática gratuitas »): every word was held by no place,
// and the answers were empty or partial (batch 2027-03-07).
func TestArabicTurkishAndPortugueseWordsOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("pap", "Écrivain public", "Hyères", "83400", "3 avenue Gambetta", "services", themeProcedures),
		record("ord", "Atelier ordinateur", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools, "frais_a_charge", "Gratuit"),
		record("imp", "Espace Icardo", "Nice", "06300", "2 rue Icardo", "services", themeAccess0307),
	})
	for q, want := range map[string]string{
		"مساعدة في الأوراق الإدارية":     "Écrivain public",
		"تعلم الكمبيوتر":                 "Atelier ordinateur",
		"bilgisayar kursu":               "Atelier ordinateur",
		"belge yazdırmak istiyorum":      "Espace Icardo",
		"aulas de informática gratuitas": "Atelier ordinateur",
	} {
		if r, got := searchNames(t, m, q); len(got) == 0 || got[0] != want || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s first", q, got, r.Partial, want)
		}
	}
}

// Spoken French typed by ear (« kelkun peu maider pour internet »):
// « kelkun » is « quelqu'un », a question's word, and « maider » is
// « m'aider »; held by no place, they made the answer partial.
func TestSomeoneToHelpMeTypedByEarOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ord", "Atelier internet", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools),
		record("pap", "Écrivain public", "Hyères", "83400", "3 avenue Gambetta", "services", themeProcedures),
	})
	for _, q := range []string{"kelkun peu maider pour internet", "quelquun pour maider avec internet"} {
		if r, got := searchNames(t, m, q); !slices.Equal(got, []string{"Atelier internet"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the place helping with the internet", q, got, r.Partial)
		}
	}
}

// « apprentissage » alone, or in « contrat d'apprentissage », is an
// apprenticeship, help into work, as the judged « jeune cherche
// apprentissage » reads it; a generic word, alone it was required and
// held by no place (0 results). « apprentissage du numérique » is still
// learning.
func TestApprenticeshipIsWorkOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ml", "Mission locale du Pays d'Arles", "Arles", "13200", "1 rue du Sauvage", "services", themeJob0307),
		record("ord", "Atelier numérique", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools),
	})
	for _, q := range []string{"apprentissage", "trouver un contrat d apprentissage", "contrat d'apprentissage"} {
		if r, got := searchNames(t, m, q); !slices.Equal(got, []string{"Mission locale du Pays d'Arles"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the help into work", q, got, r.Partial)
		}
	}
	// Partial: no place here says « adultes ».
	if _, got := searchNames(t, m, "apprentissage du numerique pour adultes"); len(got) == 0 || got[0] != "Atelier numérique" {
		t.Errorf("apprentissage du numerique: %v, want the workshop first", got)
	}
}

// One's elderly parents (« mes parents âgés ») are seniors, not the
// parents of the parenting theme.
func TestElderlyParentsAreSeniorsOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("sen", "Maison des Seniors", "Marseille", "13004", "1 rue de la Plaine",
			"services", themeTools+"|"+themeProcedures, "publics_specifiquement_adresses", "Seniors"),
		record("par", "Atelier parents écrans", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeParenting+"|"+themeTools),
	})
	for _, q := range []string{"aide pour mes parents ages qui n ont pas internet", "aide informatique parents âgés"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Maison des Seniors" {
			t.Errorf("%s: %v, want the seniors' place first", q, got)
		}
	}
}

// A shopkeeper's or a craftsman's online needs (a website, selling
// online, e-invoicing) are professional digital help: « site web »,
// « vendre en ligne », « facture électronique » found names holding
// « site » or « ligne » first.
func TestAShopsOnlineNeedsAreProfessionalHelpOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("pro", "Espace entreprendre", "Grasse", "06130", "1 route de Cannes", "services", themeJob0307),
		record("sit", "Site de la Ligne bleue", "Toulon", "83000", "2 rue Jean Jaurès", "services", themeTools),
		record("web", "Web et ligne", "Toulon", "83000", "3 rue Jean Jaurès", "services", themeProcedures),
	})
	for _, q := range []string{"creer site web pour mon commerce", "commerçante veut vendre en ligne", "facture electronique obligatoire artisan"} {
		// Partial: no place here is a chamber of commerce, which
		// « commerce », « boulangère », « artisan » also name.
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace entreprendre" {
			t.Errorf("%s: %v, want the professional help first", q, got)
		}
	}
}

// « where can I use a computer (for free) » asks for a computer to use:
// places lending equipment first, before places teaching computers.
func TestUsingAComputerIsAccessOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ord", "Atelier ordinateur", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools, "frais_a_charge", "Gratuit"),
		record("imp", "Espace Icardo", "Nice", "06300", "2 rue Icardo", "services", themeAccess0307, "frais_a_charge", "Gratuit"),
	})
	for _, q := range []string{"where can I use a computer for free", "where can i use a computer"} {
		if r, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace Icardo" || r.Partial {
			t.Errorf("%s: %v (partial %v), want the place lending computers first", q, got, r.Partial)
		}
	}
}
