package search_test

import (
	"slices"
	"testing"
)

// A Corsican commune's name in Corsican, as bilingual signs write it
// (« Aiacciu », « Portivechju », « Corti »), is the commune, as Occitan
// names are: « conseiller numerique aiacciu » listed every conseiller
// numérique of France, partial (batch 2027-02-21).
func TestACorsicanCommuneByItsCorsicanNameOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("aja", "Médiathèque des Cannes", "Ajaccio", "20090", "1 rue Carnot", "services", themeTools),
		record("pv", "Mairie de Porto-Vecchio", "Porto-Vecchio", "20137", "1 cours Napoléon", "services", themeTools),
		record("bas", "Falep de Corse", "Bastia", "20200", "1 rue César Campinchi", "services", themeTools),
	})
	for _, tc := range []struct{ q, want string }{
		{"aiacciu", "Médiathèque des Cannes"},
		{"aide informatique aiacciu", "Médiathèque des Cannes"},
		{"portivechju", "Mairie de Porto-Vecchio"},
		{"ordi porti vechju", "Mairie de Porto-Vecchio"},
	} {
		if r, got := searchNames(t, m, tc.q); !slices.Equal(got, []string{tc.want}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want %s only", tc.q, got, r.Partial, tc.want)
		}
	}
}

// « mon village », « ma ville », « ma commune »: where the person lives,
// not a word of a place's name (« bus numérique qui passe dans mon
// village » ranked « Afpa Village des solutions » and « Village by CA »
// before every bus).
func TestMyVillageIsWhereThePersonLivesOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("bus", "Bus France services du Pays d'Apt", "Apt", "84400", "81 avenue Mistral", "services", themeProcedures),
		record("vil", "Afpa Village des solutions", "Istres", "13800", "avenue Félix Gouin", "services", themeProcedures),
		record("vbc", "Village by CA", "Châteauroux", "36000", "1 allée de l'Ordre", "services", themeProcedures),
	})
	for _, q := range []string{"bus numerique qui passe dans mon village", "bus numérique dans ma ville", "bus numerique pour ma commune"} {
		if r, got := searchNames(t, m, q); !slices.Equal(got, []string{"Bus France services du Pays d'Apt"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the bus only", q, got, r.Partial)
		}
	}
	// A village named so stays a name.
	if _, got := searchNames(t, m, "afpa village"); !slices.Equal(got, []string{"Afpa Village des solutions"}) {
		t.Errorf("afpa village: %v", got)
	}
}

// « laposte », as its web address writes La Poste, is La Poste: two
// places named « Laposte » were all « laposte » found of 86.
func TestLaPosteGluedOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("lp1", "La Poste", "Lacaune", "81230", "29 rue de la République", "services", themeTools),
		record("lp2", "Laposte", "Castillonnès", "47330", "avenue de Poitiers", "services", themeTools),
		record("mai", "Mairie de Lacaune", "Lacaune", "81230", "1 place du Griffoul", "services", themeTools),
	})
	if r, got := searchNames(t, m, "laposte"); !sameSet(got, []string{"La Poste", "Laposte"}) || r.Partial {
		t.Errorf("laposte: %v (partial %v), want both post offices", got, r.Partial)
	}
}
