package search_test

import (
	"slices"
	"testing"
)

// A département whose name starts with a number word (« deux sevres »,
// Deux-Sèvres) is a département, not the number 2: the dictated number
// words were read first, so « ccas deux sevres » found a « 2 » in a name
// and none of the Deux-Sèvres' CCAS (batch 2027-02-14).
func TestADepartementNamedWithANumberWordOfTheBatch0214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("aig", "CCAS d'Aigondigné", "Aigondigné", "79370", "24 rue Jacques Bujault", "services", themeProcedures, "typologie", "CCAS"),
		record("air", "Centre communal d'action sociale", "Airvault", "79600", "16 rue Emmanuel Bonnet", "services", themeProcedures, "typologie", "CCAS"),
		record("ang", "CCAS d'Angoulême", "Angoulême", "16000", "1 place de l'Hôtel de Ville", "services", themeProcedures, "typologie", "CCAS"),
		record("env", "ENVIE 2 E Poitou-Charentes", "Angoulême", "16000", "2 rue Marcel Paul", "services", themeProcedures),
	})
	want := []string{"CCAS d'Aigondigné", "Centre communal d'action sociale"}
	for _, q := range []string{"ccas deux sevres", "ccas deux-sèvres", "deux sevres ccas"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
}

// « labellisé » beside a label or a kind of place (« lieu labellisé
// france services », « structure labellisée aidants connect ») is how a
// partner says the place holds it: it says nothing more, like « lieu ».
// Required, it kept the one place whose name says « labalisé » of 936.
func TestLabelliseIsAGenericWordOfTheBatch0214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cog", "France services de Cognac", "Cognac", "16100", "1 rue du Minage", "services", themeProcedures, "typologie", "RFS"),
		record("gou", "Tiers-lieu de Gourbeyre labalisé « France Services »", "Gourbeyre", "97113", "Le Bourg", "services", themeProcedures, "typologie", "RFS"),
		record("gap", "Médiathèque de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
	})
	want := []string{"France services de Cognac", "Tiers-lieu de Gourbeyre labalisé « France Services »"}
	for _, q := range []string{"lieu labellise france services", "structure labellisée france services", "france services labellisé"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
}

// An internet café (« cafe internet », « internet cafe », « kafé
// internet ») is where one uses a computer and the internet, as a
// cybercafé is: the places giving access, not the cafés of other needs.
func TestAnInternetCafeOfTheBatch0214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("epn", "Espace public numérique", "Avignon", "84000", "1 rue Carnot", "services", themeAccess),
		record("cof", "Café des aidants", "Avignon", "84000", "2 rue Carnot", "services", themeTools),
		record("tro", "Le Café'Tronik", "Cavaillon", "84300", "23 rue Raspail", "services", themeAccess),
	})
	want := []string{"Espace public numérique", "Le Café'Tronik"}
	for _, q := range []string{"cafe internet", "internet cafe", "kafé internet", "café internet"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
}

// English « forms » (« help with online forms marseille ») are the
// procedures' forms, as « formulaire » and « paperwork » are: unread, the
// query was partial and ranked Marseille's places holding « aide » first.
func TestEnglishFormsOfTheBatch0214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Marseille 2ème", "Marseille", "13002", "1 rue du Panier", "services", themeProcedures),
		record("cie", "Centre d'aide à l'emploi de Marseille", "Marseille", "13001", "2 rue de Rome", "services", themeTools),
		record("nic", "France services Nice", "Nice", "06000", "1 rue de France", "services", themeProcedures),
	})
	for _, q := range []string{"help with online forms marseille", "forms marseille"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !slices.Equal(got, []string{"France services Marseille 2ème"}) {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures in Marseille", q, got, r.Partial)
		}
	}
}

// « num » and « atel » are how notes and SMS shorten « numérique » and
// « atelier » (« atel num poitiers », « ateliers num »): as the words
// they shorten, generic, they do not filter. As prefixes they found the
// names starting with them elsewhere and none of Poitiers' classes.
func TestShortNumAndAtelOfTheBatch0214(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("poi", "Ville de Poitiers", "Poitiers", "86000", "1 place du Maréchal Leclerc", "services", themeTools),
		record("bar", "Le bar'num", "Charleville", "08000", "1 rue de la Gare", "services", themeTools),
		record("boc", "Les Ateliers du Bocage", "Le Pin", "79140", "Le Bourg", "services", themeTools),
	})
	for _, q := range []string{"atel num poitiers", "ateliers num poitiers", "atelier num poitiers"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !slices.Equal(got, []string{"Ville de Poitiers"}) {
			t.Errorf("%s: %v (partial %v), want Poitiers' place", q, got, r.Partial)
		}
	}
}
