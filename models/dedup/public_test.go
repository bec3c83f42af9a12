package dedup

import "testing"

// TestPublicScore: a pair's public score leaves out the phones and e-mails
// of a place whose contacts are private (and those e-mails' domains), and
// weighs a public phone by its public carriers only, so that it tells
// nothing of private contacts; the full score is the detection's as ever.
func TestPublicScore(t *testing.T) {
	const phone = "+33491000007"
	a := with(place("a", "Médiathèque Alcazar", "16 rue Bernard du Bois", 0, 0), func(p *Place) { p.Phones = []string{phone} })
	b := with(place("b", "Cyberbase Joliette", "16 rue Bernard du Bois", 0, 0), func(p *Place) { p.Phones = []string{phone} })
	// Two other places of a's source, elsewhere, carrying the number (a
	// network's: carried at two locations only, the one address of a and
	// b would tell which of the two b is, see
	// TestCompareValueOfTwoAtOneAddress).
	other := with(place("a", "Mairie annexe", "3 place Sadi Carnot", 43.3, 5.37), func(p *Place) {
		p.Phones, p.PostalCode = []string{phone}, "13002"
	})
	other2 := with(place("a", "Mairie annexe Nord", "8 boulevard National", 43.31, 5.37), func(p *Place) {
		p.Phones, p.PostalCode = []string{phone}, "13003"
	})
	private := func(p Place) Place { p.PrivateContacts = true; return p }
	for _, tc := range []struct {
		name          string
		places        []Place
		public        bool // the public score reaches Threshold
		aboveOrEquals bool // the public score is at least the full one
	}{
		{"both private", []Place{private(a), private(b)}, false, false},
		{"one private", []Place{a, private(b)}, false, false},
		{"both public", []Place{a, b}, true, true},
		{"both public, other places carry it publicly", []Place{a, b, other, other2}, false, true},
		{"both public, other places carry it privately", []Place{a, b, private(other), private(other2)}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blk := NewBlock(tc.places)
			ms := blk.MatchesOf(tc.places[0].ID)
			full := 0.0
			for _, m := range ms {
				if m.B == tc.places[1].ID {
					full = m.Score
				}
			}
			pub := blk.PublicScore(tc.places[0].ID, tc.places[1].ID)
			if (pub >= Threshold) != tc.public || tc.aboveOrEquals && pub < full {
				t.Errorf("public %.3f, full %.3f", pub, full)
			}
			alone := NewBlock([]Place{tc.places[0], tc.places[1]}).PublicScore(tc.places[0].ID, tc.places[1].ID)
			if len(tc.places) > 2 && tc.places[2].PrivateContacts && alone != pub {
				t.Errorf("a private carrier changed the public score: %.3f, %.3f without it", pub, alone)
			}
		})
	}
	if s := NewBlock([]Place{a}).PublicScore(a.ID, "nobody"); s != 0 {
		t.Errorf("a place outside the block: %.3f", s)
	}
}
