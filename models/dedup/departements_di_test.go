package dedup

import "testing"

// The causes of the misses of the twenty-first set (data·inclusion's
// Départements' directories against the Conseillers numériques file of
// 2022-12), each a rule about how producers write places, not about these
// names.

// TestCompareDepartementAtAnotherAuthority: the national file names the
// Département of the Sarthe, the conseiller's employer, at the seat of the
// intercommunality where the conseiller receives (« Département de la
// Sarthe », 1 Rue Sainte-Anne, Ecommoy), against the Département's
// directory's « Communauté de Communes Orée Bercé Belinois », 1 rue Ste
// Anne (0.350: the names share nothing; two authorities, neither read as
// hosting the other). A Département keeps its own houses under their own
// names (« Maison départementale des solidarités », « Antenne solidarité
// de Loué »); a record named after the Département alone says who pays,
// and at a commune's or an intercommunality's address, that the
// conseiller receives in its building: that door. Not a record naming a
// site of its own after the Département's name, nor another address, nor
// two authorities that are not the Département (a mairie and an
// intercommunality on one square stay two), nor a pair carrying two SIRENs
// of two bodies.
func TestCompareDepartementAtAnotherAuthority(t *testing.T) {
	ecommoy := in("Ecommoy", "72220")
	cc := with(place("cd72", "Communauté de Communes Orée Bercé Belinois", "1 rue Ste Anne", 0, 0), ecommoy)
	dep := with(place("cnfs", "Département de la Sarthe", "1 Rue Sainte-Anne", 0, 0), ecommoy)
	cases := []compareCase{
		{"OK the Département's record at the intercommunality's seat", cc, dep, true, "Département"},
		{"OK the Département's record at the mairie", with(place("hub", "Mairie d'Ecommoy", "1 rue Sainte-Anne", 0, 0), ecommoy),
			with(place("cnfs", "DEPARTEMENT DE LA SARTHE", "1 RUE SAINTE ANNE", 0, 0), ecommoy), true, "Département"},
		{"OK « Conseil départemental » and its département's name", with(place("hub", "Mairie d'Aubusson", "2 rue Pierre Leroux", 0, 0), in("Aubusson", "23200")),
			with(place("cnfs", "CONSEIL DEPARTEMENTAL DE LA CREUSE", "2 RUE PIERRE LEROUX", 0, 0), in("Aubusson", "23200")), true, "Département"},
		{"NotDup another département's name", with(place("hub", "Mairie d'Aubusson", "2 rue Pierre Leroux", 0, 0), in("Aubusson", "23200")),
			with(place("cnfs", "DEPARTEMENT DE LA CORREZE", "2 RUE PIERRE LEROUX", 0, 0), in("Aubusson", "23200")), false, ""},
		{"NotDup a site of the Département's with a name of its own", cc,
			with(place("cnfs", "Département de la Sarthe - Antenne solidarité", "1 Rue Sainte-Anne", 0, 0), ecommoy), false, ""},
		{"NotDup another number", cc,
			with(place("cnfs", "Département de la Sarthe", "9 Rue Sainte-Anne", 0, 0), ecommoy), false, ""},
		{"NotDup a mairie and an intercommunality", with(place("hub", "Mairie d'Ecommoy", "1 rue Sainte-Anne", 0, 0), ecommoy),
			cc, false, ""},
		{"NotDup two SIRENs of two bodies", with(cc, func(p *Place) { p.Pivot, p.PivotKind = "24720044700057", "siret" }),
			with(dep, func(p *Place) { p.Pivot, p.PivotKind = "22720002900014", "siret" }), false, ""},
	}
	runCompareCases(t, cases)
}
