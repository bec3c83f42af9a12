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

// Parcoursup and the CROUS's grants are students' procedures: among the
// places helping with procedures, those for young people (a PIJ, a
// mission locale, a place declaring them) come first. The 218 places
// helping with procedures tied, the young people's among them in no
// order (« parcoursup aide » P@5 0.20, « bourse crous dossier » 0).
func TestStudentsProceduresRankYoungPeoplesPlacesFirstOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ccas", "CCAS d'Orange", "Orange", "84100", "1 rue des Phocéens", "services", themeProcedures),
		record("pij", "Point Information Jeunesse", "Carpentras", "84200", "35 rue du Collège", "services", themeProcedures, "typologie", "PIJ_BIJ"),
		record("fs", "France services Apt", "Apt", "84400", "1 avenue Mistral", "services", themeProcedures),
		record("jeu", "Espace Jeunes Cavaillon", "Cavaillon", "84300", "1 rue du Comtat", "services", themeProcedures, "publics_accueillis", "Jeunes (16-26 ans)"),
		record("ml", "Mission locale du Luberon", "Apt", "84400", "2 avenue Mistral", "services", themeTools, "typologie", "ML"),
	})
	for _, q := range []string{"parcoursup aide", "bourse crous dossier", "aide dossier crous"} {
		r, got := searchNames(t, m, q)
		if len(got) != 4 || !sameSet(got[:2], []string{"Point Information Jeunesse", "Espace Jeunes Cavaillon"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the young people's places first, then the others helping with procedures", q, got, r.Partial)
		}
	}
}

// A « point internet » (« point d'accès internet », « borne internet ») is
// where one gets online, as a cybercafé is: « point internet mairie »
// required « point » and found a « Point Info » on the place de la Mairie
// and none of the town halls lending computers.
func TestAPointInternetOfTheBatch0221(t *testing.T) {
	const themeAccess = "Accès internet et matériel informatique"
	m := loadRecords(t, []map[string]string{
		record("enc", "Mairie de quartier Encagnane", "Aix-en-Provence", "13090", "28 avenue de l'Europe", "services", themeAccess),
		record("inf", "Point Info 14", "Caumont-sur-Aure", "14240", "place de la Mairie", "services", themeTools),
		record("cou", "Mairie de Coudoux", "Coudoux", "13111", "place Jean Lapierre", "services", themeTools),
	})
	for _, q := range []string{"point internet mairie", "point d'accès internet en mairie", "borne internet mairie"} {
		if r, got := searchNames(t, m, q); !slices.Equal(got, []string{"Mairie de quartier Encagnane"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the town hall lending access", q, got, r.Partial)
		}
	}
}

// « mon espace » before an administration or an app (« mon espace france
// travail », « mon espace caf ») is the person's online account, as
// « mon compte » is: required, « espace » kept the places named
// « Espace … » (13 of 327 helping with jobs or procedures).
func TestMyEspaceIsAnAccountOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("efs", "Espace France Services Rouillac", "Rouillac", "16170", "314 avenue Jean Monnet", "services", themeProcedures),
		record("ccas", "CCAS d'Orange", "Orange", "84100", "1 rue des Phocéens", "services", themeProcedures),
		record("epn", "Espace Numérique", "Antibes", "06600", "11 boulevard Chancel", "services", themeTools),
	})
	for _, q := range []string{"mon espace caf", "mon espace ameli"} {
		if r, got := searchNames(t, m, q); !sameSet(got, []string{"Espace France Services Rouillac", "CCAS d'Orange"}) || r.Partial {
			t.Errorf("%s: %v (partial %v), want the places helping with procedures", q, got, r.Partial)
		}
	}
	// The app named so stays an app: help with procedures, not an account.
	if r, got := searchNames(t, m, "mon espace santé"); !sameSet(got, []string{"Espace France Services Rouillac", "CCAS d'Orange"}) || r.Partial {
		t.Errorf("mon espace santé: %v (partial %v)", got, r.Partial)
	}
}

// A house number before a street (« 43 rue de la république », « 1 place
// de la mairie ») says which of the streets so named: the places at that
// number come first. The number was dropped and every « rue de la
// République » of France tied (the known failure « 1 place de la
// mairie », P@5 0; « 43 rue de la republique » 0.40).
func TestAHouseNumberBeforeAStreetOfTheBatch0221(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a", "Espace Camaïeux", "Saint-Xandre", "17138", "43 rue de la République", "services", themeTools),
		record("b", "Centre socio-culturel", "Molières-sur-Cèze", "30410", "8 rue de la République", "services", themeTools),
		record("c", "Mairie de Bonnes", "Bonnes", "16390", "2 place de la Mairie", "services", themeTools),
		record("d", "Mairie de Jaux", "Jaux", "60880", "1 place de la Mairie", "services", themeTools),
		record("e", "Médiathèque 43", "Le Puy-en-Velay", "43000", "1 rue Carnot", "services", themeTools),
	})
	for _, tc := range []struct{ q, want string }{
		{"43 rue de la republique", "Espace Camaïeux"},
		{"1 place de la mairie", "Mairie de Jaux"},
	} {
		if _, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: %v, want %s first", tc.q, got, tc.want)
		}
	}
}
