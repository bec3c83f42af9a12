package dedup

import "testing"

// Rules of the fiftieth session (dup50), each from the misses of the
// « learn » half of the labelled sets (the sets whose test name sorts at an
// even position), measured on the « check » half as held out.

// TestCompareStreetWordsSplitOtherwise: one street whose name a producer
// writes in other words (« 15 RUE MARIE DES VALLEES » in Aidants Connect's
// list and « 15 Rue Marie Desvallées » in France Services', the street of
// the surname Desvallées) read as two streets sharing one word, so that
// La Poste's office and its France Services at one number of one commune
// were read as placed nowhere (place 0, score 0.326). The same letters in
// the same order, word breaks aside, are one name; short names are not
// read so (« Le Pin » and « Lepin » are as often two).
func TestCompareStreetWordsSplitOtherwise(t *testing.T) {
	sauveur := func(p *Place) {
		p.Commune, p.PostalCode, p.InseeCode = "Saint-Sauveur-Villages", "50490", "50550"
	}
	poste := with(place("aidants", "LA POSTE SAINT SAUVEUR", "15 RUE MARIE DES VALLEES", 0, 0), func(p *Place) {
		sauveur(p)
		p.Pivot, p.PivotKind = "35600000013011", "siret"
	})
	fs := with(place("fs", "France services La Poste de Saint-Sauveur-Villages", "15 Rue Marie Desvallées", 49.128196, -1.410125), func(p *Place) {
		sauveur(p)
		p.Phones = []string{"+33233762069"}
		p.Emails = []string{"saint-sauveur-villages@france-services.gouv.fr"}
	})
	runCompareCases(t, []compareCase{
		{"OK one street's name split into other words", poste, fs, true, "même adresse"},
		{"NotDup another street's letters", poste, with(fs, func(p *Place) { p.Street = "15 Rue Marie Desvignes" }), false, ""},
	})
	if st := parseStreet("rue du Pin", nil); st.letters != "dupin" {
		t.Errorf("letters %q", st.letters)
	}
	if streetSimilarity(parseStreet("rue Le Pin", nil), parseStreet("rue Lepin", nil)) == 1 {
		t.Errorf("a short name glued read as one")
	}
}
