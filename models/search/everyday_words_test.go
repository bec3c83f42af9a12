package search_test

import (
	"slices"
	"testing"
)

// Everyday words around a need that the engine did not read (`carnet
// bench words` lists them): a thing forgotten or lost (« mot de passe
// oublié »: « oublié » was required and held by no place, so every answer
// was partial), the forms of « être » and « avoir » and the function words
// of the Snowball French stop list (« je suis perdu », « mes parents sont
// âgés »), a reflexive pronoun before a verb of the thesaurus (« me
// connecter » is « se connecter », internet access in the thesaurus), and the verbs of doing a procedure or
// looking for a place (« remplir un dossier », « où trouver »).
func TestEverydayWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "Espace démarches", "Gap", "05000", "5 rue Carnot", "services", themeProcedures),
		record("und", "Atelier sécurité", "Avignon", "84000", "2 rue Joseph Vernet", "services", themeUnderstanding),
		record("both", "Point numérique", "Nice", "06000", "1 rue de France", "services", themeUnderstanding+"|"+themeProcedures),
		record("access", "Salle en libre accès", "Toulon", "83000", "3 rue Victor Clappier", "services", themeAccess+"|"+themeTools+"|"+themeProcedures),
	})
	for _, tc := range []struct{ q, want string }{
		{"mot de passe oublié", "Point numérique"},
		{"j'ai oublié mon mot de passe ameli", "Point numérique"},
		{"j'ai perdu mon mot de passe caf", "Point numérique"},
		{"ameli mdp oublie", "Point numérique"},
		{"je suis perdu avec les démarches en ligne", "Espace démarches"},
		{"nous avons besoin d'aide pour la caf", "Espace démarches"},
		{"je n'arrive pas à me connecter à mon compte caf", "Salle en libre accès"},
		{"besoin d'aide pour remplir un dossier caf", "Espace démarches"},
		{"où trouver un ordinateur", "Salle en libre accès"},
		{"il faut que je fasse mes démarches caf", "Espace démarches"},
		{"est-ce que vous faites les démarches caf", "Espace démarches"},
		{"est-il possible d'avoir de l'aide pour la caf", "Espace démarches"},
		{"mes voisins ne savent pas faire leurs démarches", "Espace démarches"},
		{"pouvez-vous me rappeler pour la caf", "Espace démarches"},
		{"je voudrais savoir envoyer un dossier caf", "Espace démarches"},
		{"on m'a dit de venir vous voir pour la caf", "Espace démarches"},
		{"je n'ai jamais utilisé un ordinateur", "Salle en libre accès"},
		{"combien ça coûte un ordinateur", "Salle en libre accès"},
	} {
		if r, got := searchNames(t, m, tc.q); r.Partial || !slices.Contains(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %s among full matches", tc.q, got, r.Partial, tc.want)
		}
	}
}

// « club » is how help is given, as « atelier » (« club senior
// marseille »): beside a public it ranks the places holding it first
// without requiring it, so that the places of Marseille declaring seniors
// follow the Clubs Senior (recall@20 0.29 when « club » was required).
func TestClubIsGeneric(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("club", "Club Senior Saint-Louis", "Marseille", "13015", "5 rue Carnot", "services", themeTools),
		record("seniors", "Centre social Del Rio", "Marseille", "13015", "2 rue de Lyon", "services", themeTools,
			"publics_specifiquement_adresses", "Seniors"),
		record("elsewhere", "Centre social Nice", "Nice", "06000", "1 rue de France", "services", themeTools,
			"publics_specifiquement_adresses", "Seniors"),
	})
	r, got := searchNames(t, m, "club senior marseille")
	if r.Partial || len(got) < 2 || got[0] != "Club Senior Saint-Louis" || got[1] != "Centre social Del Rio" {
		t.Errorf("club senior marseille: %v (partial %v), want the Club Senior then Del Rio", got, r.Partial)
	}
}
