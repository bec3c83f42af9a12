package dedup

import "testing"

// Rules of the fifty-first session (dup51), each from the misses of the
// « learn » half of the labelled sets (the sets whose test name sorts at an
// even position), measured on the « check » half as held out.

// TestCompareOneSIRETOnOneStreet: « France Services Le Bleymard » in Aidants
// Connect's list (no coordinates) and the national file's « COMMUNAUTE DE
// COMMUNES MONT LOZERE », both under the SIRET 20006912800011, both at
// « RTE DU MONT LOZERE » without a number (0.489: one street read at
// 0.75, the SIRET weakened by the second place of the national file that
// gives it). A SIRET numbers one establishment, which has one address:
// two records giving it on one street of its commune, no number
// contradicting, are its door (establishmentAtItsAddress), when the
// source's other place giving it is on another street: the street says
// which. Not with two numbers, not on another street, not a SIRET three
// places of a source give (an employer's for all its sites).
func TestCompareOneSIRETOnOneStreet(t *testing.T) {
	lozere := func(p *Place) {
		p.Commune, p.PostalCode, p.InseeCode = "Mont Lozère et Goulet", "48190", "48027"
		p.Pivot, p.PivotKind = "20006912800011", "siret"
	}
	fs := with(place("aidants", "France Services Le Bleymard", "RTE DU MONT LOZERE", 0, 0), lozere)
	cc := with(place("cnfs", "COMMUNAUTE DE COMMUNES MONT LOZERE", "RTE DU MONT LOZERE", 44.485926, 3.733753), func(p *Place) {
		lozere(p)
		p.Phones = []string{"+33466316885"}
		p.Emails = []string{"comcommontlozere@orange.fr"}
		p.Websites = []string{"https://www.ccmontlozere.fr/"}
	})
	second := with(place("cnfs", "COMMUNAUTE DE COMMUNES MONT LOZERE", "RTE DE MENDE", 44.52, 3.70), lozere)
	third := with(place("cnfs", "COMMUNAUTE DE COMMUNES MONT LOZERE", "PL DE L'EGLISE", 44.50, 3.75), lozere)
	blk := NewBlock([]Place{fs, cc, second})
	if r, _ := blk.Compare(fs.ID, cc.ID); r.Score < Threshold || !hasReason(r, "siret_address") {
		t.Errorf("one SIRET on one street, another place of the file with it: %.3f %s", r.Score, reasons(r))
	}
	blk = NewBlock([]Place{fs, cc, second, third})
	if r, _ := blk.Compare(fs.ID, cc.ID); r.Score >= Threshold {
		t.Errorf("a SIRET three places give linked: %.3f %s", r.Score, reasons(r))
	}
	runCompareCases(t, []compareCase{
		{"NotDup two numbers", with(fs, func(p *Place) { p.Street = "2 RTE DU MONT LOZERE" }),
			with(cc, func(p *Place) { p.Street = "40 RTE DU MONT LOZERE"; p.Phones, p.Emails, p.Websites = nil, nil, nil }), false, ""},
		{"NotDup another street", fs, with(cc, func(p *Place) { p.Street = "RTE DE MENDE"; p.Phones, p.Emails, p.Websites = nil, nil, nil }), false, ""},
	})
}

// hasReason says whether r carries the reason code.
func hasReason(r Result, code string) bool {
	for _, x := range r.Reasons {
		if x.Code == code {
			return true
		}
	}
	return false
}

// TestCompareHostOnTheMairiesStreetUnplaced: « CCAS de la commune de
// Peyruis » in Aidants Connect's list (the commune's SIRET, no
// coordinates) and the hub's « Commune de Peyruis », both « PL DE L'HOTEL
// DE VILLE » without a number (0.350: one square, names sharing
// nothing). A street named after the mairie is the mairie's address, read
// so at one point of the mairie's record (onMairiesStreet); without
// coordinates on one side, both written on that one street say it as
// well, and the mairie hosts its CCAS there. Not another street, not two
// numbers, not a private body, not a street not named after the mairie.
func TestCompareHostOnTheMairiesStreetUnplaced(t *testing.T) {
	peyruis := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Peyruis", "04310", "04149" }
	ccas := with(place("aidants", "CCAS de la commune de Peyruis", "PL DE L'HOTEL DE VILLE", 0, 0), func(p *Place) {
		peyruis(p)
		p.Pivot, p.PivotKind = "21040149300015", "siret"
	})
	mairie := with(place("hub", "Commune de Peyruis", "PL DE L'HOTEL DE VILLE", 44.0434, 5.9286), func(p *Place) {
		peyruis(p)
		p.Phones = []string{"+33492332100"}
		p.Emails = []string{"mairie@peyruis.fr"}
		p.Websites = []string{"https://www.peyruis.fr"}
	})
	runCompareCases(t, []compareCase{
		{"OK the CCAS and the mairie on the mairie's square, one side unplaced", ccas, mairie, true, "collectivité à la même adresse"},
		{"NotDup two numbers", with(ccas, func(p *Place) { p.Street = "2 PL DE L'HOTEL DE VILLE" }),
			with(mairie, func(p *Place) { p.Street = "9 PL DE L'HOTEL DE VILLE" }), false, ""},
		{"NotDup a private body", with(ccas, func(p *Place) { p.Name = "Association Les Amis de Peyruis"; p.Pivot = "40432236400013" }), mairie, false, ""},
		{"NotDup a square not named after the mairie", with(ccas, func(p *Place) { p.Street = "PL DE LA LIBERTE" }),
			with(mairie, func(p *Place) { p.Street = "PL DE LA LIBERTE" }), false, ""},
	})
}
