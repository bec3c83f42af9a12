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

// A kind of place the directory lists (a mairie, a post office) named as
// where the person is (« à côté de la mairie de pantin », « près de la
// poste de cognac »), and a town's centre (« centre ville cognac »),
// beside a commune say where in it, as a landmark does: the commune's
// places, those the landmark names first. Required, « mairie » kept the
// town hall and a « Maison de quartier Mairie-Ourcq » of Pantin's nine
// places, « centre ville » one of Cognac's sixteen. Without a near word a
// kind of place is still what is sought (« mairie pantin »).
func TestAKindOfPlaceNamedAsALandmarkOfTheBatch0131(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("mairie", "Mairie de Pantin", "Pantin", "93500", "45 avenue du Général Leclerc", "services", themeTools),
		record("mq", "Maison de quartier des Courtillières", "Pantin", "93500", "1 avenue Aimé Césaire", "services", themeTools),
		record("cs", "Centre social Haut et Petit Pantin", "Pantin", "93500", "2 rue Candale", "services", themeTools),
		record("bob", "Mairie de Bobigny", "Bobigny", "93000", "31 avenue Salvador Allende", "services", themeTools),
		record("med", "Médiathèque de Cognac", "Cognac", "16100", "10 rue du Minage", "services", themeTools),
		record("pc", "Pôle commerce de la ville de Cognac", "Cognac", "16100", "1 place du Centre", "services", themeTools),
		record("asso", "ASERC", "Cognac", "16100", "5 rue de Crouin", "services", themeTools),
	})
	for _, c := range []struct {
		q     string
		first string
		n     int
	}{
		{"a cote de la mairie de pantin", "Mairie de Pantin", 3},
		{"pres de la mairie de pantin aide ordi", "Mairie de Pantin", 3},
		{"centre ville cognac aide ordi", "Pôle commerce de la ville de Cognac", 3},
		{"aide ordi en centre-ville de cognac", "Pôle commerce de la ville de Cognac", 3},
		{"mairie pantin", "Mairie de Pantin", 1},
	} {
		r, got := searchNames(t, m, c.q)
		if len(got) != c.n || got[0] != c.first || r.Partial {
			t.Errorf("%s: %v (partial %v), want %d places, %s first", c.q, got, r.Partial, c.n, c.first)
		}
	}
}

// Words of the batch of 2027-01-31 no entry held: the CMU, the
// complémentaire santé solidaire's name until 2019, which people still
// use (« cmu »: no result).
func TestWordsNoEntryHeldOfTheBatch0131(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie", "services", themeProcedures),
		record("tools", "Médiathèque Ceccano", "Avignon", "84000", "2 bis rue Laboureur", "services", themeTools),
	})
	for _, q := range []string{"cmu", "dossier cmu", "couverture maladie universelle", "renouveler ma cmu-c"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !slices.Equal(got, []string{"France services Tende"}) {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures", q, got, r.Partial)
		}
	}
}
