package search_test

import (
	"slices"
	"testing"
)

// Disabled people, deaf or blind: no place of the reference files declares
// the standard's specific supports (Surdité, Déficience visuelle…), so a
// helper is shown the places named for disabled people — and the Cap
// emploi, the public network placing disabled workers, whose names say
// « Cap emploi » and rarely their typology. A related typology is found
// where a record's name names it, as its own acronym or name would find it.
func TestDisabilityFindsCapEmploiByName(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cap", "DEFI 11 - CAP EMPLOI 11", "Carcassonne", "11000", "230 rue Gérard Désargues", "services", themeTools),
		record("ops", "ASSOCIATION POUR ADULTES ET JEUNES HANDICAPES OPS CAP EMPLOI", "Gap", "05000", "1 rue de la Gare", "services", themeTools),
		record("apf", "APF France handicap", "Blois", "41000", "10 rue de Paris", "services", themeTools),
		record("media", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
		record("emploi", "Point emploi", "Avignon", "84000", "3 rue Laboureur", "services", themeTools),
		record("mdph", "Maison départementale des personnes handicapées", "Laon", "02000", "11 rue de Paris"),
	})
	all := []string{"DEFI 11 - CAP EMPLOI 11", "ASSOCIATION POUR ADULTES ET JEUNES HANDICAPES OPS CAP EMPLOI", "APF France handicap",
		"Maison départementale des personnes handicapées"}
	for _, tc := range []struct {
		q    string
		want []string // any order
	}{
		{"sourd", all},
		{"malentendant", all},
		{"langue des signes", all},
		{"aveugle", all},
		{"malvoyante", all},
		{"handicap visuel", all},
		{"handicap", all},
		{"informatique handicap", all},
		// An abbreviation of a kind of structure names it, not the other
		// structures serving the same people.
		{"mdph", []string{"Maison départementale des personnes handicapées"}},
		// The network itself, by its name; not any place saying « emploi ».
		{"cap emploi", []string{"DEFI 11 - CAP EMPLOI 11", "ASSOCIATION POUR ADULTES ET JEUNES HANDICAPES OPS CAP EMPLOI"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if r.Partial || !sameSet(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// Needs a helper names by the organisation or the procedure (« mutuelle »,
// « retraite », FranceConnect, a digital safe for papers): the places
// helping with administrative procedures come first; a place whose name
// merely holds the word (« Harmonie mutuelle », a foyer « Joyeuse
// Retraite ») comes after them, not before; a word that only names such a
// need is not matched by its pieces (« coffre-fort » is not Saint-Fort,
// « France Connect » not a Campus Connecté labelled France Services).
func TestProcedureNeedsBeforeNames(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie"),
		record("hm", "Harmonie mutuelle", "Albi", "81000", "2 rue de la Gare", "services", themeTools),
		record("jr", "Foyer Louis Colin « Joyeuse Retraite »", "Nice", "06000", "3 rue de France", "services", themeTools),
		record("sf", "Mairie de Saint-Fort", "Saint-Fort", "53200", "4 place de l'Église", "services", themeTools),
		record("med", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
		record("cc", "Campus Connecté", "Digne", "04000", "5 rue de la Gare", "services", themeTools, "labels_nationaux", "France Services"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"mutuelle", []string{"France services Tende", "Harmonie mutuelle"}},
		{"retraite", []string{"France services Tende", "Foyer Louis Colin « Joyeuse Retraite »"}},
		{"coffre-fort numérique", []string{"France services Tende"}},
		{"franceconnect", []string{"France services Tende"}},
		{"france connect", []string{"France services Tende"}},
		{"identité numérique", []string{"France services Tende"}},
		// Digital illiteracy: where the everyday tools are taught.
		{"illectronisme", []string{"Foyer Louis Colin « Joyeuse Retraite »", "Harmonie mutuelle", "Mairie de Saint-Fort", "Médiathèque Ceccano", "Campus Connecté"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if tc.q == "illectronisme" {
			if r.Partial || !sameSet(got, tc.want) {
				t.Errorf("%s: %v (partial %v), want %v in any order", tc.q, got, r.Partial, tc.want)
			}
			continue
		}
		if r.Partial || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}
