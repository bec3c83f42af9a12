package dedup

import "testing"

// Tests of dup34, from one France Services of a commune given at two
// addresses by two producers, the miss that recurs most across the
// labelled sets (the Pays de la Châtaigneraie's, 24 chemin de la Taillée
// and 7 place de la République; Boissy-sous-Saint-Yon's MSAP on the
// mairie's square and rue Pasteur; Luzy, Montlouis-sur-Loire,
// Fauquembergues, Bléneau, Loches in earlier sets): the names agree, a
// list without coordinates (Aidants Connect's) gives no distance, and
// another street of the commune was read as another place (0.050).

// TestCompareOneFranceServicesOfCommune: the France Services label names
// one service per site; a source that lists one France Services in a
// commune and another that lists one under the same name there list the
// same one, whatever their two addresses.
func TestCompareOneFranceServicesOfCommune(t *testing.T) {
	ch := in("La Châtaigneraie", "85120")
	ac := with(place("aidants", "France Services du Pays de la Châtaigneraie", "24 chemin de la Taillée", 0, 0), both(ch, siretOf("24850041500067")))
	fs := with(place("fs", "France services du Pays de la Chataigneraie", "7 place de la République", 46.6486, -0.7397), both(ch, fsContact("+33251526251", "franceservices@ccplc.fr")))
	runCompareCases(t, []compareCase{
		{"OK one France Services at two addresses", ac, fs, true, "seule France Services de la commune"},
		{"NotDup another name", with(ac, func(p *Place) { p.Name = "France Services de la Mairie annexe Saint-Pierre" }), fs, false, ""},
		{"NotDup a bus", ac, with(fs, func(p *Place) { p.Name = "Bus France services du Pays de la Chataigneraie" }), false, ""},
		{"NotDup not a France Services", with(ac, func(p *Place) { p.Name = "Médiathèque du Pays de la Châtaigneraie" }),
			with(fs, func(p *Place) { p.Name = "Médiathèque du Pays de la Chataigneraie" }), false, ""},
	})
}

// TestCompareOneOfTwoFranceServicesOfCommune: a source that lists two
// France Services in the commune says nothing of which one the other
// source's means.
func TestCompareOneOfTwoFranceServicesOfCommune(t *testing.T) {
	lc := in("Luzy", "58170")
	ac := with(place("aidants", "France Services de Luzy", "12 avenue Marceau", 0, 0), both(lc, siretOf("21580152300014")))
	fs := with(place("fs", "France services de Luzy", "5 place du 8 mai 1945", 46.7897, 3.9706), both(lc, fsContact("+33386302345", "luzy@france-services.gouv.fr")))
	other := with(place("fs", "France services La Poste de Luzy", "2 rue de la Poste", 46.7800, 3.9850), both(lc, fsContact("+33386300000", "luzy-poste@france-services.gouv.fr")))
	if r := Compare(ac, fs); r.Score < Threshold {
		t.Fatalf("alone: score %.3f (%s), want a link", r.Score, reasons(r))
	}
	blk := NewBlock([]Place{ac, fs, other})
	if r, _ := blk.Compare(ac.ID, fs.ID); r.Score >= Threshold {
		t.Errorf("two France Services of the commune in one source: score %.3f (%s), want no link", r.Score, reasons(r))
	}
}

// TestCompareOneFranceServicesOfCommuneFarApart: with coordinates on both
// sides 690 m apart (Hub LO's « MSAP LOCHES » of 2022 at 7 rue de Tours
// and the national file's « France Service Loches » at 24 bis avenue du
// Général de Gaulle, labelled two places: the old and the new premises),
// the points say two locations; the rule fills only a missing distance.
func TestCompareOneFranceServicesOfCommuneFarApart(t *testing.T) {
	lo := in("Loches", "37600")
	hub := with(place("hublo", "MSAP LOCHES", "7 rue de Tours", 47.1300, 0.9950), lo)
	cn := with(place("cnfs", "France Service Loches", "24 bis avenue du général de Gaulle", 47.1265, 1.0030), lo)
	runCompareCases(t, []compareCase{
		{"NotDup 690 m apart", hub, cn, false, ""},
		{"OK no coordinates on one side", with(hub, func(p *Place) { p.Latitude, p.Longitude = nil, nil }), cn, true, "seule France Services de la commune"},
	})
}
