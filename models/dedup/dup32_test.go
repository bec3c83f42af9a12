package dedup

import "testing"

// TestComparePostalBoxInTheStreet: producers write a postal box in the
// street's line (« Place ROUX DE BRIGNOLES BP 7 », « Place de l'Hôtel de
// ville BP 47 », « Résidence du Cré BP 36 » in the sets' files). Read as
// words of the street, « BP 12 » made « 1 RUE JOLIOT CURIE » another
// street than « 1 rue joliot curry » and « Place Jules Grevy BOURG » a
// building: written so on every place of the labelled files but the
// national one, 9 of the 1,120 links were lost (duplicates_robustness_test.go,
// CARNET_DUP_HABITS). A postal box (BP, B.P., CS, TSA and its number) and
// CEDEX say nothing of the street.
func TestComparePostalBoxInTheStreet(t *testing.T) {
	carbet := in("Le Carbet", "97221")
	mairie := with(place("cnfs", "Mairie du Carbet", "Place Jules Grevy BOURG", 14.7101, -61.1801), carbet)
	capesterre := in("Capesterre-Belle-Eau", "97130")
	social := with(place("cnfs", "Centre Social Belle Eau", "1 rue joliot curry", 0, 0), capesterre)
	runCompareCases(t, []compareCase{
		{"OK a host at its square, a postal box after the square", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "1 Place Jules Grevy BP 7", 14.7101, -61.1801), carbet),
			mairie, true, "collectivité à la même adresse"},
		{"OK a host at its square, a dotted postal box", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "1 Place Jules Grevy - B.P. 7", 14.7101, -61.1801), carbet),
			mairie, true, "collectivité à la même adresse"},
		{"OK one name, a misspelt street and a CS", with(place("hub", "Centre Social Belle eau", "1 RUE JOLIOT CURIE CS 30012", 0, 0), capesterre),
			social, true, "rue mal orthographiée"},
		{"OK one name, a misspelt street and CEDEX", with(place("hub", "Centre Social Belle eau", "1 RUE JOLIOT CURIE CEDEX 1", 0, 0), capesterre),
			social, true, "rue mal orthographiée"},
		{"NotDup a postal box does not make two streets one", with(place("hub", "Centre Communal d'Action Sociale du Carbet", "12 rue Victor Hugo BP 7", 0, 0), carbet),
			with(mairie, func(p *Place) { p.Latitude, p.Longitude = nil, nil }), false, ""},
	})
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"1 RUE JOLIOT CURIE BP 12", []string{"joliot", "curi"}},
		{"Place de l'Hôtel de ville B.P. 47", []string{"hotel", "vill"}},
		{"12 avenue de la Gare CS 20001", []string{"gare"}},
		{"3 rue du Parc TSA 40111", []string{"parc"}},
		{"rue des Ecoles CEDEX", []string{"ecol"}},
		// Not a postal box: a street named after its letters, or a
		// road's number.
		{"Chemin de la BP", []string{"bp"}},
		{"RD 1091", []string{"1091"}},
	} {
		st := parseStreet(tc.line, nil)
		if !equalWords(st.words, tc.want) {
			t.Errorf("parseStreet(%q).words = %q, want %q", tc.line, st.words, tc.want)
		}
	}
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
