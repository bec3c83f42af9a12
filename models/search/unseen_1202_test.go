package search_test

import (
	"slices"
	"testing"
)

const themeUnderstanding = "Compréhension du monde numérique"

// Queries of the judged batch of 2026-12-02 that found nothing or the
// wrong places. Online safety (« arnaque », « mot de passe »,
// « cybersécurité ») is met where places teach digital culture: v0.1 of
// the standard had no secure-use service, its « Approfondir ma culture
// numérique » became Compréhension du monde numérique, and no place of
// the reference files offers Utilisation sécurisée du numérique yet — the
// words found nothing, or « Passerelle » for « mot de passe ». A
// Cyber-base is a public digital space, not security.
func TestOnlineSafetyIsMetWhereDigitalCultureIsTaught(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("culture", "Club numérique", "Rennes", "35000", "1 rue de Brest", "services", themeUnderstanding),
		record("passerelle", "Centre social La Passerelle", "Rennes", "35000", "2 rue de Brest", "services", themeTools),
		record("cyber", "Cyber-base de Cognac", "Cognac", "16100", "3 rue de Pons", "services", themeTools),
	})
	for _, q := range []string{"arnaques en ligne", "mot de passe", "cybersécurité", "cybersecurite",
		// A sentence: « oublié » is in no record, the place comes first
		// of a partial result.
		"j'ai oublié mon mot de passe"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Club numérique" || r.Partial && q != "j'ai oublié mon mot de passe" {
			t.Errorf("%s: %v (partial %v), want Club numérique first", q, got, r.Partial)
		}
		if slices.Contains(got, "Cyber-base de Cognac") {
			t.Errorf("%s: %v finds the Cyber-base", q, got)
		}
	}
}

// Procedures by their everyday name that the thesaurus did not know:
// Parcoursup (the national platform for applications to higher
// education) and the chèque énergie (a State allowance used online) are
// online procedures, met at the places helping with them; « énergie »
// alone is a word of names (« Centre social Énergies »). « compte » is
// the online account of any procedure (« compte ameli », « créer un
// compte caf »): it ranks without filtering, and is not a misspelling of
// the commune of Comps.
func TestEverydayProceduresAndAccounts(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Angoulême", "Angoulême", "16000", "1 place du Champ de Mars", "services", themeProcedures),
		record("nrj", "Centre social Énergies", "Cognac", "16100", "2 rue de Pons", "services", themeTools),
		record("comps", "Club numérique de Comps", "Comps-sur-Artuby", "83840", "3 place de la Mairie", "services", themeTools),
	})
	for _, q := range []string{"parcoursup", "chèque énergie", "cheque energie", "compte ameli", "mon compte caf"} {
		r, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "France services Angoulême" || r.Partial {
			t.Errorf("%s: %v (partial %v), want France services Angoulême first", q, got, r.Partial)
		}
		if slices.Contains(got, "Club numérique de Comps") {
			t.Errorf("%s: %v finds Comps", q, got)
		}
	}
}

// A place for elderly people is named so by an EHPAD (établissement
// d'hébergement pour personnes âgées dépendantes) or a club of « l'âge
// d'or » as by « Club Senior »: needs with seniors found 15 of the 18
// places the judged set expects.
func TestPlacesForTheElderlyByTheirNames(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ehpad", "EHPAD Les Tilleuls (Groupe SOS)", "Reims", "51100", "1 rue de Vesle", "services", themeTools),
		record("or", "Association l'Âge d'Or du Brulhois", "Layrac", "47390", "2 rue du Bourg", "services", themeTools),
		record("club", "Club Senior La Plaine", "Marseille", "13004", "3 rue de la Plaine", "services", themeTools),
		record("other", "Espace numérique", "Reims", "51100", "4 rue de Vesle", "services", themeTools),
	})
	for _, q := range []string{"seniors", "smartphone seniors", "aide numérique personnes âgées", "tablette senior"} {
		_, got := searchNames(t, m, q)
		slices.Sort(got)
		if want := []string{"Association l'Âge d'Or du Brulhois", "Club Senior La Plaine", "EHPAD Les Tilleuls (Groupe SOS)"}; !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}

// Learning French: the fle entry relates it to illiteracy (reading and
// writing), so the places named for illiteracy (« Centre de ressources
// illettrisme », « Association communiquer lire écrire ») are found as
// well, after the place named for the need itself.
func TestLearningFrenchFindsIlliteracyPlacesByName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fr", "APPRENDRE LE FRANCAIS", "Vierzon", "18100", "1 rue de la Gare", "services", themeTools),
		record("ill", "CENTRE DE RESSOURCES ILLETTRISME", "Nancy", "54000", "2 rue de Metz", "services", themeTools),
		record("acle", "ACLÉ (ASSOCIATION COMMUNIQUER LIRE ECRIRE)", "Loudun", "86200", "3 rue de Tours", "services", themeTools),
		record("other", "Espace numérique", "Nancy", "54000", "4 rue de Metz", "services", themeTools),
	})
	for _, q := range []string{"fle", "apprendre le français", "cours de français"} {
		_, got := searchNames(t, m, q)
		if len(got) != 3 || got[0] != "APPRENDRE LE FRANCAIS" {
			t.Errorf("%s: %v, want APPRENDRE LE FRANCAIS then the two places named for illiteracy", q, got)
		}
	}
}

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

// An age in years is whom the need is for, as the standard's publics say
// it (v0: « Seniors (+ 65 ans) », « Jeunes (16-26 ans) »): 65 and over
// are seniors, 16 to 26 young people, other ages say nothing of the
// place; the number is never a département (« 80 » is the Somme) nor
// « ans » the word of the label « Jeunes (16-26 ans) ». Learning the
// internet is learning an everyday tool, and the words of wanting in a
// sentence (« veut », « voudrais ») say nothing of the place: « ma mère
// de 80 ans veut apprendre internet » found places for young people
// and the Somme.
func TestAgeInYearsIsAPublic(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("club", "Club Senior La Plaine", "Marseille", "13004", "1 rue de la Plaine", "services", themeTools),
		record("jeunes", "Espace Jeunes", "Cognac", "16100", "2 rue de Pons", "services", themeTools),
		record("somme", "Médiathèque d'Amiens", "Amiens", "80000", "3 rue de Noyon", "services", themeTools),
		record("cher", "Médiathèque de Bourges", "Bourges", "18000", "4 rue Moyenne", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"ma mère de 80 ans veut apprendre internet", []string{"Club Senior La Plaine"}},
		{"tablette 70 ans", []string{"Club Senior La Plaine"}},
		{"aide informatique 18 ans", []string{"Espace Jeunes"}},
		{"je voudrais utiliser internet 16-25 ans", []string{"Espace Jeunes"}},
		{"smartphone 45 ans", []string{"Club Senior La Plaine", "Espace Jeunes", "Médiathèque d'Amiens", "Médiathèque de Bourges"}},
	} {
		r, got := searchNames(t, m, tc.q)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}
