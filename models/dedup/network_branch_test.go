package dedup

import "testing"

// TestCompareCharityNetworkAndItsBranchAtOneAddress: the Région Sud's
// « Croix Rouge Francaise » and the national « CROIX ROUGE ANTENNE LOCALE
// DU PAYS DIGNOIS », both at 18 rue Aubin in Digne-les-Bains, 0 m (0.553:
// name 0.51). A record naming a charity network and nothing else, at the
// address of a branch of that network, names that branch: the network's
// local branches receive the public under its name. Not at another
// number, not two networks, not two branches each with a name of its own.
func TestCompareCharityNetworkAndItsBranchAtOneAddress(t *testing.T) {
	digne := in("Digne-les-Bains", "04000")
	region := with(place("paca", "Croix Rouge Francaise", "18 rue aubin", 44.088952, 6.233538), digne)
	cnfs := with(place("cnfs", "CROIX ROUGE ANTENNE LOCALE DU PAYS DIGNOIS", "18 RUE AUBIN", 44.088952, 6.233538), digne)
	runCompareCases(t, []compareCase{
		{"OK the network and its local branch", region, cnfs, true, "réseau associatif et son antenne locale à la même adresse"},
		{"NotDup another number", with(region, func(p *Place) { p.Street = "36 route de nice"; lat := 44.0770; p.Latitude = &lat }), cnfs, false, ""},
		{"NotDup another network", with(region, func(p *Place) { p.Name = "Secours Populaire Français" }), cnfs, false, ""},
		{"NotDup two named branches", with(region, func(p *Place) { p.Name = "Croix-Rouge Vestiboutique" }), cnfs, false, ""},
	})
}
