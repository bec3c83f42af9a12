package search_test

import (
	"slices"
	"testing"
)

const themeAccess = "Accès internet et matériel informatique"

// Queries as people type them into an orientation tool, from the unseen
// set of 2026-12-01: a sentence (« je n'ai pas d'ordinateur », « ouvert le
// samedi »), a text message (« besoin d'aide pr la caf »), a newcomer's
// English (« computer help »), a kind of place (« fablab »). The words
// around the need do not filter (« besoin » found Bédoin, « pr »
// Provence, « ouvert » « Ouverture… », « pas » « Apprentis pas sages »).
func TestUnseenSentencesAndTextMessages(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace numérique Bellevue", "Marseille", "13003", "12 rue Bellevue", "services", themeAccess+"|"+themeTools),
		record("pas", "APPRENTIS PAS SAGES", "Nice", "06000", "2 rue de France", "services", themeTools),
		record("bed", "Médiathèque de Bédoin", "Bédoin", "84410", "1 place de la Mairie", "services", themeTools),
		record("proc", "France services Provence Verte", "Brignoles", "83170", "3 rue de la République", "services", themeProcedures),
		record("caf", "Point numérique CAF de Toulon", "Toulon", "83000", "4 rue de Lyon", "services", themeProcedures),
		record("sat", "Club informatique du samedi", "Gap", "05000", "5 rue Carnot", "services", themeTools,
			"horaires", "Sa 09:00-12:00"),
		record("ouv", "OUVERTURE RENCONTRES ET EVOLUTION", "Gap", "05000", "6 rue Carnot", "services", themeTools,
			"horaires", "Mo-Fr 09:00-12:00"),
		record("fab", "Fab Lab de Carpentras", "Carpentras", "84200", "7 rue Porte d'Orange", "services", themeTools),
		record("tl", "Tiers-lieu La Parenthèse", "Gap", "05000", "8 rue Carnot", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Someone without a computer: where one can use a computer and the
		// internet first; a place named « pas » only after.
		{"je n'ai pas d'ordinateur", []string{"Espace numérique Bellevue", "APPRENTIS PAS SAGES"}},
		{"besoin d'aide pr la caf", []string{"France services Provence Verte", "Point numérique CAF de Toulon"}},
		{"ouvert le samedi", []string{"Club informatique du samedi"}},
		// A fablab written in two words is a fablab; a tiers-lieu, where
		// one often is, comes after.
		{"fablab", []string{"Fab Lab de Carpentras", "Tiers-lieu La Parenthèse"}},
		// English: the places helping with everyday tools, in any order.
		{"computer help", nil},
	} {
		r, got := searchNames(t, m, tc.q)
		switch tc.q {
		case "besoin d'aide pr la caf": // both help with procedures: in any order
			slices.Sort(got)
		}
		if tc.want == nil {
			slices.Sort(got)
			tc.want = []string{"APPRENTIS PAS SAGES", "Club informatique du samedi", "Espace numérique Bellevue", "Fab Lab de Carpentras",
				"Médiathèque de Bédoin", "OUVERTURE RENCONTRES ET EVOLUTION", "Tiers-lieu La Parenthèse"}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A word naming a body whose procedures people need help with (« caf »,
// « msa », « pôle emploi ») finds the places helping with them first; a
// record merely named after the body (a « Centre social CAF », an agency
// named « POLE EMPLOI » offering none of it) comes after them, as a
// « Joyeuse Retraite » does for « retraite ».
func TestBodiesNameTheNeedFirst(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cs", "Centre social CAF La Clairière", "Toulouse", "31000", "1 rue de la Paix", "services", themeTools),
		record("msa", "MSA Sud Champagne", "Troyes", "10000", "2 rue de la Paix", "services", themeTools),
		record("pe", "POLE EMPLOI", "Nice", "06000", "3 rue de France", "services", themeTools),
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie", "services", themeProcedures),
		record("ins", "Atelier emploi Bellevue", "Marseille", "13003", "12 rue Bellevue", "services",
			"Insertion professionnelle via le numérique"),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"caf", []string{"France services Tende", "Centre social CAF La Clairière"}},
		{"msa", []string{"France services Tende", "MSA Sud Champagne"}},
		// Help with finding work or with procedures (in any order), then
		// the agency named so.
		{"pôle emploi", []string{"Atelier emploi Bellevue", "France services Tende", "POLE EMPLOI"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if len(got) == 3 {
			slices.Sort(got[:2])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}

// A place is found by its street (« près de la gare »: the places on
// « place de la Gare »), after the places named so; a word read as a
// commune is not looked for in streets, which often name another commune
// (« route d'Angoulême » in Chabanais), and a street names no kind of
// place: « place de la Mairie » is found as words, after the town halls.
func TestStreetAddress(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("gare", "Fabrique Gare Numérique", "Apt", "84400", "1 rue Carnot", "services", themeTools),
		record("pl", "Espace numérique Bellevue", "Marseille", "13003", "12 place de la Gare", "services", themeTools),
		record("ch", "France services de Chabanais", "Chabanais", "16150", "2 route d'Angoulême", "services", themeTools),
		record("mjc", "MJC Mosaïque", "Angoulême", "16000", "3 rue de Paris", "services", themeTools),
		record("mai", "Club informatique", "Gap", "05000", "1 place de la Mairie", "services", themeTools),
		record("mu", "Mairie de Tende", "Tende", "06430", "4 rue de France", "services", themeTools),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"près de la gare", []string{"Fabrique Gare Numérique", "Espace numérique Bellevue"}},
		{"mjc angoulême", []string{"MJC Mosaïque"}},
		{"mairie", []string{"Mairie de Tende", "Club informatique"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
	if r, _ := searchNames(t, m, "Espace numérique Bellevue 12"); !r.Partial {
		t.Errorf("a street's number is a word of the record: %v", actorNames(r))
	}
	r, _ := searchNames(t, m, "près de la gare")
	if len(r.Hits) == 2 && (len(r.Hits[1].Matches) != 1 || r.Hits[1].Matches[0].Field != "address") {
		t.Errorf("près de la gare: %+v, want the word found in the address", r.Hits[1].Matches)
	}
}
