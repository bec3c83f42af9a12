package search_test

import (
	"slices"
	"testing"
)

// A street typed without a commune (« place de l hotel de ville », « 3 rue
// de la mairie », « 2 place de la mairie »): the words after the kind of
// street are the street's name, not a kind of place nor a need. The town
// halls came first (« mairie », « hôtel de ville » read as town halls)
// and the places at that address after them, or not at all.
func TestAStreetTypedAloneIsAnAddressOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("hv", "Espace numérique", "Manosque", "04100", "Place de l'Hôtel de Ville", "services", themeTools),
		record("m3", "Atelier du Bourg", "Jaux", "60880", "3 rue de la Mairie", "services", themeTools),
		record("m2", "Point numérique", "Bonnes", "16390", "2 place de la Mairie", "services", themeTools),
		record("mb", "Mairie de Barbezieux", "Barbezieux", "16300", "12 avenue Gambetta", "services", themeProcedures, "typologie", "MUNI"),
		record("hb", "Hôtel de ville de Cognac", "Cognac", "16100", "68 boulevard Denfert-Rochereau", "services", themeProcedures, "typologie", "MUNI"),
	})
	for _, tc := range []struct{ q, want string }{
		{"place de l hotel de ville", "Espace numérique"},
		{"3 rue de la mairie", "Atelier du Bourg"},
		{"2 place de la mairie", "Point numérique"},
	} {
		if r, got := searchNames(t, m, tc.q); len(got) == 0 || got[0] != tc.want || r.Partial || slices.Contains(got, "Mairie de Barbezieux") || slices.Contains(got, "Hôtel de ville de Cognac") {
			t.Errorf("%s: %v (partial %v), want %s first and no town hall", tc.q, got, r.Partial, tc.want)
		}
	}
	// « mairie » alone, or beside a need, is still the town hall.
	for _, q := range []string{"mairie", "aide mairie"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || !slices.Contains(got[:min(2, len(got))], "Mairie de Barbezieux") {
			t.Errorf("%s: %v, want the town halls first", q, got)
		}
	}
}

// A need beside a condition of the person (« je parle pas bien francais
// aide caf »): the places meeting the need come first, those also
// receiving people who do not speak French first among them; the places
// for non-French speakers that do not help with the CAF came first.
func TestANeedBesideNotSpeakingFrenchOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cada", "CADA Les Oliviers", "Gap", "05000", "1 rue Carnot", "services", themeTools, "typologie", "CADA"),
		record("fle", "Apprendre le français", "Nice", "06000", "4 rue de France", "services", themeTools,
			"prise_en_charge_specifique", "Langues étrangères (autres)"),
		record("pap", "Écrivain public", "Hyères", "83400", "3 avenue Gambetta", "services", themeProcedures),
		record("both", "Espace solidaire", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeProcedures,
			"prise_en_charge_specifique", "Langues étrangères (autres)"),
	})
	// No place of the directory declares the support: the CADA are
	// found by their kind only. The need is still what is required.
	m2 := loadRecords(t, []map[string]string{
		record("cada", "CADA Les Oliviers", "Gap", "05000", "1 rue Carnot", "services", themeTools, "typologie", "CADA"),
		record("pap", "Écrivain public", "Hyères", "83400", "3 avenue Gambetta", "services", themeProcedures),
	})
	if r, got := searchNames(t, m2, "je parle pas bien francais aide caf"); !slices.Equal(got, []string{"Écrivain public"}) || r.Partial {
		t.Errorf("je parle pas bien francais aide caf (no support declared): %v (partial %v), want the place helping with the CAF", got, r.Partial)
	}
	for _, q := range []string{"je parle pas bien francais aide caf", "ne parle pas français démarches caf"} {
		_, got := searchNames(t, m, q)
		if len(got) < 2 || got[0] != "Espace solidaire" || got[1] != "Écrivain public" {
			t.Errorf("%s: %v, want the places helping with the CAF first, the one also for non-French speakers before", q, got)
		}
	}
}

// A street's last word that is also a commune (« place de l hotel de
// ville »: the commune Ville) is the street's where addresses hold the
// words together; a commune after a street stays a place.
func TestAStreetEndingWithACommuneOfTheBatch0307(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("hv", "Espace numérique", "Manosque", "04100", "Place de l'Hôtel de Ville", "services", themeTools),
		record("v", "Médiathèque", "Ville", "60400", "1 rue de l'Église", "services", themeTools),
		record("j", "Mairie de Jaux", "Jaux", "60880", "3 rue de la Mairie", "services", themeTools),
		record("b", "Atelier du Bourg", "Bonnes", "16390", "3 rue de la Mairie", "services", themeTools),
	})
	if _, got := searchNames(t, m, "place de l hotel de ville"); !slices.Equal(got, []string{"Espace numérique"}) {
		t.Errorf("place de l hotel de ville: %v, want the place at that address only", got)
	}
	if _, got := searchNames(t, m, "3 rue de la mairie jaux"); !slices.Equal(got, []string{"Mairie de Jaux"}) {
		t.Errorf("3 rue de la mairie jaux: %v, want the one in Jaux", got)
	}
}
