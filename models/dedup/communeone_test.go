package dedup

import (
	"slices"
	"strings"
	"testing"
)

// TestCompareOneCCASOfCommune: a commune has one CCAS. A hub writes it at
// the premises where it receives the public, the national file at its
// SIRET's address (the hôtel de ville), geocoded apart (the Haute-Vienne
// set's « CCAS de LIMOGES » and « CENTRE COMMUNAL D'ACTION SOCIALE »,
// 1.4 km; Fibre 64's « CCAS BIARRITZ » and « COMMUNE DE BIARRITZ - CCAS »,
// 59 m; the four missed before, found since: Haute-Vienne set recall
// 0.902 → 0.980, precision 1.000). Names with a name of their own, a
// source with two CCAS locations in the commune, two communes, or no
// coordinates (Aidants Connect's labelled set reads a CCAS at SIRENE's
// seat and at another street as two places) are not read so.
func TestCompareOneCCASOfCommune(t *testing.T) {
	bourg := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Villebrune", "45990", "45999" }
	hub := with(place("hub", "CCAS de Villebrune", "6 rue des Tanneurs", 47.9030, 1.9090), bourg)
	cnfs := with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "1 PL DE L HOTEL DE VILLE", 47.9050, 1.9250), bourg) // 1.2 km
	runCompareCases(t, []compareCase{
		{"OK the commune's CCAS at its premises and at the hôtel de ville, 1.2 km", hub, cnfs, true, "seul CCAS de la commune"},
		{"OK the commune's own « Commune de … - CCAS »", with(hub, func(p *Place) { p.Name = "COMMUNE DE VILLEBRUNE - CCAS" }), cnfs, true, "seul CCAS de la commune"},
		{"NotDup a CCAS's site with a name of its own", with(hub, func(p *Place) { p.Name = "CCAS de Villebrune - Épicerie solidaire" }), cnfs, false, ""},
		{"NotDup the CCAS and the mairie", with(hub, func(p *Place) { p.Name = "Mairie de Villebrune" }), cnfs, false, ""},
		{"NotDup a CCAS of another commune 1.2 km away", with(hub, func(p *Place) { p.Commune, p.InseeCode = "Montrieux", "45998" }), cnfs, false, ""},
		{"NotDup without coordinates on one side", with(hub, func(p *Place) { p.Latitude, p.Longitude = nil, nil }), cnfs, false, ""},
		{"NotDup 6 km apart", with(hub, func(p *Place) { p.Latitude, p.Longitude = at(47.96, 1.93) }), cnfs, false, ""},
	})
	// The hub lists its CCAS three times at one door: one location.
	twice := with(hub, func(p *Place) { p.ID = "hub-twice" })
	blk := NewBlock([]Place{hub, twice, cnfs})
	if r, _ := blk.Compare(hub.ID, cnfs.ID); r.Score < Threshold {
		t.Errorf("a CCAS listed twice at one door: %.3f %s", r.Score, reasons(r))
	}
	if rel := blk.Related(hub.ID); !slices.Contains(rel, twice.ID) {
		t.Errorf("Related(%s) = %v, want the other record of its CCAS", hub.ID, rel)
	}
	// A source with two CCAS doors in the commune says nothing of which
	// one the other means.
	second := with(place("hub", "CCAS", "40 avenue de la Gare", 47.8950, 1.9000), func(p *Place) { bourg(p); p.ID = "hub-second" })
	if r, _ := NewBlock([]Place{hub, second, cnfs}).Compare(hub.ID, cnfs.ID); r.Score >= Threshold || strings.Contains(reasons(r), "seul CCAS") {
		t.Errorf("a source with two CCAS doors: %.3f %s", r.Score, reasons(r))
	}
}
