package dedup

import (
	"fmt"
	"strings"
	"testing"
)

// TestCompareUnnumberedSquareWithoutCoordinates: two records on one square
// that neither numbers (« PL PIERRE QUINIO », « place quinio ») are one
// address once coordinates put them within 150 m, and a square's doors
// always are; without coordinates on one side (Aidants Connect's list gives
// none, and a producer's coordinates may be dropped as invalid) the pair
// was only « one street », 0.75: the commune's Espace France Services,
// whose e-mail and website name the mairie's domain, was missed at 0.543.
// With every labelled file's coordinates removed, 14 of the 95 links lost
// were such pairs on a square (duplicates_robustness_test.go). A square's
// name is its address; a street's is not (its doors may be a kilometre
// apart), and coordinates that say far still count.
//
// The host rules (a collectivité, La Poste or a France Services at the
// same address) do not take a square read so: their check that the
// authority's contacts name no other door needs coordinates, and without
// it they linked the CCAS and the commune on Le Lamentin's square, two
// doors.
func TestCompareUnnumberedSquareWithoutCoordinates(t *testing.T) {
	queven := in("Quéven", "56530")
	mairie := with(place("aidants", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 0, 0), queven)
	espace := with(place("cnfs", "Espace France service", "place quinio", 47.789556, -3.419257), func(p *Place) {
		queven(p)
		p.Emails = []string{"france-services@mairie-queven.fr"}
		p.Websites = []string{"https://www.queven.com/"}
	})
	runCompareCases(t, []compareCase{
		{"OK the commune's France Services on the mairie's square, its domain, no coordinates on one side", mairie, espace, true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup a street is no square: its doors may be far apart",
			with(place("aidants", "MAIRIE DE QUEVEN", "RUE PIERRE QUINIO", 0, 0), queven),
			with(espace, func(p *Place) { p.Street = "rue quinio" }), false, ""},
		{"NotDup coordinates 450 m apart on one square still count",
			with(place("aidants", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 47.7936, -3.4193), queven), espace, false, ""},
		{"NotDup no host rule on a square read without coordinates",
			with(place("fs", "France services de Quéven", "Place Pierre Quinio", 0, 0), queven),
			with(place("cnfs", "MAIRIE DE QUEVEN", "PL PIERRE QUINIO", 0, 0), queven), false, ""},
	})
}

// TestCompareNamesakesWithOwnContactWithoutCoordinates: two places of one
// name in one commune, each the only one of that name in its source there,
// are read at one place within 500 m (namesakeRadius), or, without
// coordinates, on one street. A producer without a geocoder then lost every
// such pair whose two streets differ (an old and a new address, two
// entrances): « PIJ Quartier Nord » at 118 boulevard Pierre et Marie Curie
// and « PIJ quartier nord » at 1 route de Launaguet, 20 m apart by the
// coordinates, one phone, fell from 0.895 to 0.370. With every labelled
// file's coordinates removed, 16 links on either side came back and no
// wrong one was made (duplicates_robustness_test.go). The contact must be
// that place's own: a phone another location of the source gives too is a
// switchboard, which names no door. Of two places of the name in one
// source, the name says nothing of which one the other means; a phone of
// one door does, as for names that merely agree.
func TestCompareNamesakesWithOwnContactWithoutCoordinates(t *testing.T) {
	toulouse := in("Toulouse", "31200")
	phone := func(v string) func(*Place) { return func(p *Place) { toulouse(p); p.Phones = []string{v} } }
	hub := with(place("hub", "point information jeunesse (PIJ) Quartier Nord", "118 Boulevard Pierre et Marie Curie", 0, 0), phone("+33561000001"))
	cnfs := with(place("cnfs", "PIJ quartier nord", "1 route de launaguet", 43.6301, 1.4401), phone("+33561000001"))
	runCompareCases(t, []compareCase{
		{"OK one name, one own phone, two streets, no coordinates on one side", hub, cnfs, true, "seul lieu de ce nom"},
		{"NotDup one name, two streets, no contact in common", with(hub, func(p *Place) { p.Phones = nil }), cnfs, false, ""},
	})
	for _, tc := range []struct {
		name   string
		others []Place
		dup    bool
	}{
		{"NotDup the phone is a switchboard another place of the hub gives", []Place{
			with(place("hub", "Mission locale Toulouse Nord", "2 rue des Fontaines", 0, 0), phone("+33561000001"))}, false},
		// Two places of the name in the hub: the phone says which one
		// the national record is (TestCompareOtherStreetWithOwnContactWithoutCoordinates),
		// not the name.
		{"OK the hub lists two places of that name, the phone names one", []Place{
			with(place("hub", "point information jeunesse (PIJ) Quartier Nord", "12 rue Van Dyck", 0, 0), phone("+33561000002"))}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.others {
				tc.others[i].ID = fmt.Sprintf("other-%d", i)
			}
			r, _ := NewBlock(append([]Place{hub, cnfs}, tc.others...)).Compare(hub.ID, cnfs.ID)
			if (r.Score >= Threshold) != tc.dup {
				t.Errorf("score %.3f (%s), want duplicate=%v", r.Score, reasons(r), tc.dup)
			}
			if tc.dup && strings.Contains(reasons(r), "seul lieu de ce nom") {
				t.Errorf("read as the only place of its name: %s", reasons(r))
			}
		})
	}
}

// TestCompareOtherStreetWithOwnContactWithoutCoordinates: without
// coordinates, two streets of one commune were read as two places (-1),
// whatever else the records share. Dora's « LES COPEAUX NUMERIQUES LE
// KALEIDOSCOPE (LE KA) » at 12 rue Ursin Scheid and the national « LE
// KALÉIDOSCOPE » at 29 rue Victor Hugo, one phone, one e-mail, 95 m apart
// by the coordinates, fell from 0.851 to 0.361 without them. Names that
// agree (0.7 or more) and a contact of one door (ownContact) make the
// second address say nothing either way (0, as another street within a
// kilometre does with coordinates): with every labelled file's coordinates
// removed, 4 links came back on the other files' side and 6 on the
// national one, and none was made wrong. Names that differ are another
// structure reached at one number (an employer's), and a switchboard
// names no door.
func TestCompareOtherStreetWithOwnContactWithoutCoordinates(t *testing.T) {
	quevilly := in("Le Petit-Quevilly", "76140")
	contacts := func(p *Place) {
		quevilly(p)
		p.Phones = []string{"+33235000001"}
		p.Emails = []string{"contact@lekaleidoscope.fr"}
	}
	dora := with(place("dora", "LES COPEAUX NUMERIQUES LE KALEIDOSCOPE (LE KA)", "12 RUE URSIN SCHEID", 0, 0), contacts)
	cnfs := with(place("cnfs", "LE KALÉIDOSCOPE", "29 RUE VICTOR HUGO", 49.4201, 1.0601), contacts)
	runCompareCases(t, []compareCase{
		{"OK names that agree, one phone and e-mail, two streets, no coordinates on one side", dora, cnfs, true, "contact propre commun"},
		{"NotDup names that differ, one phone and e-mail, two streets", with(dora, func(p *Place) { p.Name = "Centre social Jacques Prévert" }), cnfs, false, ""},
		{"NotDup names that agree, two streets, nothing shared", with(dora, func(p *Place) { p.Phones, p.Emails = nil, nil }), cnfs, false, ""},
		{"NotDup names that agree, two streets 1.2 km apart by the coordinates", with(dora, func(p *Place) { p.Latitude, p.Longitude = at(49.4309, 1.0601) }), cnfs, false, ""},
	})
	switchboard := with(place("dora", "Mairie du Petit-Quevilly", "Place Henri Barbusse", 0, 0), contacts)
	if r, _ := NewBlock([]Place{dora, cnfs, switchboard}).Compare(dora.ID, cnfs.ID); r.Score >= Threshold {
		t.Errorf("a switchboard two places of the source give linked two streets: %.3f %s", r.Score, reasons(r))
	}
}

// TestCompareFarNamesakesWithOwnContact: beyond namesakeRadius, namesakes
// with a contact of one door were one place only under one SIREN (« ATELIER
// NUMERIQUE ROMORANTIN », TestCompareNamesakesOfOneSIRENAndContact). Dora's
// « Centre Social Arras Ouest » at the hôtel de ville, under the city's
// SIRET, and the national record at the centre's own door, one e-mail,
// 2.3 km, were missed: a SIREN given by one side only says nothing against
// the pair, two SIRENs do. With one side's points 1.5 km off, 14 fewer
// links were lost on either side and none was made wrong
// (duplicates_robustness_test.go).
func TestCompareFarNamesakesWithOwnContact(t *testing.T) {
	arras := in("Arras", "62000")
	mail := func(p *Place) { arras(p); p.Emails = []string{"centresocial.arrasouest@example.fr"} }
	dora := with(place("dora", "Centre Social Arras Ouest", "PL GUY MOLLET", 50.2910, 2.7775), func(p *Place) {
		mail(p)
		p.Pivot, p.PivotKind = "21620041000011", "siret"
	})
	cnfs := with(place("cnfs", "Centre Social Arras Ouest", "39 Avenue de l'Hippodrome", 50.2858, 2.7468), mail)
	runCompareCases(t, []compareCase{
		{"OK one name, one e-mail of its own, 2.3 km, one SIRET given", dora, cnfs, true, "seul lieu de ce nom"},
		{"NotDup one name, 2.3 km, no contact in common", with(dora, func(p *Place) { p.Emails = nil }), cnfs, false, ""},
		{"NotDup one name, one e-mail, two SIRENs, 2.3 km", dora, with(cnfs, func(p *Place) { p.Pivot, p.PivotKind = "78400000000015", "siret" }), false, ""},
		{"NotDup one name, one e-mail, 8 km", dora, with(cnfs, func(p *Place) { p.Latitude, p.Longitude = at(50.2150, 2.7468) }), false, ""},
	})
}
