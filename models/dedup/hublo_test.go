package dedup

import "testing"

// TestCompareMailboxNamedAfterTheOther: Hub LO's « MSAP AVOINE et IES »
// (the intercommunality's SIREN) writes from
// infoemploietservices@cc-cvl.fr, the mailbox of « INFO EMPLOI ET
// SERVICES », the association that runs it, whose national record is on
// the same avenue without a number, its coordinates 3.6 km off (0.530, two
// SIRENs): a mailbox spelling the other's whole name says whose place it
// is, as a domain spelling it does (namedDomain). A mailbox of a short or
// partial name (« mairie@ », « accueil@ ») is no name.
func TestCompareMailboxNamedAfterTheOther(t *testing.T) {
	siren := func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siren" } }
	siret := func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siret" } }
	avoine := in("Avoine", "37420")
	cases := []compareCase{
		{"OK the MSAP writing from the mailbox of the association running it", with(place("hublo", "MSAP AVOINE et IES", "Centre social du Véron - Avenue de la République..", 47.178411, 0.190004), both(avoine, both(emails("infoemploietservices@cc-cvl.fr"), siren("200043081")))),
			with(place("cnfs", "INFO EMPLOI ET SERVICES", "AV DE LA REPUBLIQUE", 47.210241, 0.181607), both(avoine, siret("50037339400013"))), true, "courriel au nom de l'autre lieu"},
		{"NotDup a mailbox of another name, one avenue", with(place("hublo", "MSAP AVOINE et IES", "Centre social du Véron - Avenue de la République..", 47.178411, 0.190004), both(avoine, both(emails("accueil@cc-cvl.fr"), siren("200043081")))),
			with(place("cnfs", "INFO EMPLOI ET SERVICES", "AV DE LA REPUBLIQUE", 47.210241, 0.181607), both(avoine, siret("50037339400013"))), false, ""},
	}
	runCompareCases(t, cases)
}
