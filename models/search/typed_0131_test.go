package search_test

import (
	"slices"
	"testing"
)

// A France services or an Aidants Connect place helps with administrative
// procedures by its label, whatever themes its producer declared: the
// France services are the State's desks for them, an aidant connect does
// them on the person's behalf. Most labelled places of the reference files
// (745 of 876 France services, 134 of 196 Aidants Connect) declare only the
// everyday tools, so « aide demarches caf cognac » found the five places
// declaring the theme and none of Cognac's France services, and « aide
// papiers embrun » only antennas elsewhere named after Embrun. The places
// declaring the need still come first.
func TestLabelledProcedurePlacesOfTheBatch0131(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("decl", "Espace Intérim", "Cognac", "16100", "1 rue de Pons", "services", themeProcedures),
		record("fs", "Médiathèque de Cognac", "Cognac", "16100", "10 rue du Minage", "services", themeTools,
			"dispositif_programmes_nationaux", "France Services"),
		record("ac", "Centre social de Crouin", "Cognac", "16100", "2 rue de Crouin", "services", themeTools,
			"labels_nationaux", "Aidants Connect"),
		record("tools", "Cyberbase de Cognac", "Cognac", "16100", "3 rue Aristide Briand", "services", themeTools),
		record("emb", "France Services Embrun", "Embrun", "05200", "1 place Barthelon", "services", themeTools,
			"dispositif_programmes_nationaux", "France Services"),
		record("sav", "France services d'Embrun - Antenne Savines le lac", "Savines-le-Lac", "05160", "1 rue de la Mairie", "services", themeTools),
	})
	for q, want := range map[string][]string{
		"aide demarches caf cognac": {"Espace Intérim", "Médiathèque de Cognac", "Centre social de Crouin"},
		"declaration impots cognac": {"Espace Intérim", "Médiathèque de Cognac", "Centre social de Crouin"},
		"carte grise cognac":        {"Espace Intérim", "Médiathèque de Cognac", "Centre social de Crouin"},
		"aide papiers embrun":       {"France Services Embrun"},
	} {
		r, got := searchNames(t, m, q)
		if r.Partial || len(got) < len(want) || got[0] != want[0] || !sameSet(got[:len(want)], want) {
			t.Errorf("%s: %v (partial %v), want %v first, the place declaring the need before the labelled ones", q, got, r.Partial, want)
		}
		if slices.Contains(got, "Cyberbase de Cognac") {
			t.Errorf("%s: %v, want no place without the need nor the label", q, got)
		}
	}
}
