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

// TestCompareOneBodyOnOneStreet: Aidants Connect's list gives a place
// SIRENE's address of its establishment, no coordinates and often no house
// number, under the SIRET of the body that employs its aidants. When that
// body is the commune (its SIREN, 21 and its INSEE code) and the other
// record is the commune's (its record, or writing from the commune's
// domain), or both give one public body's SIREN, on one street of the
// commune with a number on one side at most, nothing tells two doors
// apart and the body says whose door the record names: the mairie's
// digital space and the France Services at 2 rue Hubert Latham writing
// from mairie@…; the CCAS without a SIREN of its own and the commune's
// record on the square of the hôtel de ville (0.262 and 0.350 before).
// Two numbers, two points, another commune's SIREN or a body's domain
// that is not the commune's are not read so.
func TestCompareOneBodyOnOneStreet(t *testing.T) {
	chateauneuf := func(p *Place) {
		p.Commune, p.PostalCode, p.InseeCode = "Châteauneuf-en-Thymerais", "28170", "28089"
	}
	espace := with(place("aidants", "Mairie - Espace numérique CHATEAUNEUF-EN-THYMERAIS", "RUE HUBERT LATHAM", 0, 0), func(p *Place) {
		chateauneuf(p)
		p.Pivot, p.PivotKind = "21280089000015", "siret"
	})
	fs := with(place("fs", "France services Châteauneuf-en-Thymerais", "2 Rue Hubert Latham", 48.5797, 1.2435), func(p *Place) {
		chateauneuf(p)
		p.Phones = []string{"+33237510818"}
		p.Emails = []string{"mairie@chateauneuf-en-thymerais.fr"}
	})
	peyruis := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Peyruis", "04310", "04149" }
	ccas := with(place("aidants", "CCAS de la commune de Peyruis", "PL DE L'HOTEL DE VILLE", 0, 0), func(p *Place) {
		peyruis(p)
		p.Pivot, p.PivotKind = "21040149300015", "siret"
	})
	commune := with(place("hub", "Commune de Peyruis", "PL DE L'HOTEL DE VILLE", 44.0434, 5.9286), func(p *Place) {
		peyruis(p)
		p.Phones = []string{"+33492332100"}
		p.Emails = []string{"mairie@peyruis.fr"}
	})
	lozere := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Mont Lozère et Goulet", "48190", "48027" }
	bleymard := with(place("aidants", "France Services Le Bleymard", "RTE DU MONT LOZERE", 0, 0), func(p *Place) {
		lozere(p)
		p.Pivot, p.PivotKind = "20006912800011", "siret"
	})
	cc := with(place("cnfs", "COMMUNAUTE DE COMMUNES MONT LOZERE", "RTE DU MONT LOZERE", 44.4711, 3.7338), func(p *Place) {
		lozere(p)
		p.Pivot, p.PivotKind = "20006912800011", "siret"
		p.Phones = []string{"+33466316885"}
	})
	runCompareCases(t, []compareCase{
		{"OK the commune's SIRET and the commune's domain on one street", espace, fs, true, "une même collectivité"},
		{"OK the commune's SIRET and the commune's record on one square", ccas, commune, true, "celui de la commune"},
		{"OK one intercommunality's SIRET on both, one road", bleymard, cc, true, "une même collectivité"},
		{"NotDup two numbers", with(espace, func(p *Place) { p.Street = "8 RUE HUBERT LATHAM" }), fs, false, ""},
		{"NotDup both placed: the points say", with(espace, func(p *Place) { p.Latitude, p.Longitude = at(48.5897, 1.2435) }), fs, false, ""},
		{"NotDup another commune's SIREN", with(espace, func(p *Place) { p.Pivot = "21280090000015" }), fs, false, ""},
		{"NotDup no commune's own on the other side", espace, with(fs, func(p *Place) { p.Emails = []string{"accueil@cc-thymerais.fr"} }), false, ""},
	})
	if !communeSIREN("212A00046", "2A004") && !communeSIREN("212000046", "2A004") {
		t.Error("Ajaccio's SIREN not read as its commune's")
	}
	if communeSIREN("217500016", "75056") {
		t.Error("Paris's SIREN read by the rule that does not number it")
	}
}
