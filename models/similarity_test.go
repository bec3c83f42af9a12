package models

import "testing"

func TestComparePlaces(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	place := func(name, street string, lat, lon *float64) *Actor {
		return &Actor{Name: name, Address: Address{Street: street, PostalCode: "13001"}, Latitude: lat, Longitude: lon}
	}
	cases := []struct {
		name string
		a, b *Actor
		dup  bool
	}{
		{"OK same place, two spellings", place("Médiathèque de l'Alcazar", "58 cours Belsunce", f(43.2996), f(5.3786)),
			place("Bibliothèque Alcazar", "58 crs Belsunce", f(43.29965), f(5.37862)), true},
		{"OK same place without coordinates", place("Espace Public Numérique - Mairie", "Place de la Mairie", nil, nil),
			place("Espace public numérique mairie", "pl. de la Mairie", nil, nil), true},
		{"OK typo in the name", place("Centre social Saint-Mauront", "1 rue Félix Pyat", f(43.31), f(5.38)),
			place("Centre sociale St Mauront", "1 r Félix Pyat", f(43.3101), f(5.3801)), true},
		{"NotDup two structures at one address", place("CCAS de Marseille", "58 cours Belsunce", f(43.2996), f(5.3786)),
			place("Médiathèque de l'Alcazar", "58 cours Belsunce", f(43.2996), f(5.3786)), false},
		{"NotDup same name far away", place("Espace numérique", "1 rue de la Paix", f(43.30), f(5.37)),
			place("Espace numérique", "12 avenue Foch", f(43.35), f(5.45)), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := ComparePlaces(tc.a, tc.b)
			if (s.Score >= DuplicateThreshold) != tc.dup {
				t.Errorf("score %.3f (name %.2f, address %.2f, distance %v), want duplicate=%v", s.Score, s.Name, s.Address, s.DistanceM, tc.dup)
			}
			if r := ComparePlaces(tc.b, tc.a); r.Score != s.Score {
				t.Errorf("not symmetric: %v vs %v", s.Score, r.Score)
			}
		})
	}
	a, b := place("A", "x", nil, nil), place("Tout autre nom", "y", nil, nil)
	a.Pivot, a.PivotKind, b.Pivot, b.PivotKind = "21130055300016", "siret", "21130055300016", "siret"
	if s := ComparePlaces(a, b); s.Score != 1 || !s.SamePivot {
		t.Errorf("same SIRET: %+v", s)
	}
}

func TestFingerprintIgnoresBookkeeping(t *testing.T) {
	a := validActor()
	a.Normalize()
	fp := a.ContentFingerprint()
	a.ID, a.Version, a.Departement = NewID(), 7, "13"
	if a.ContentFingerprint() != fp {
		t.Error("bookkeeping fields change the fingerprint")
	}
	a.Summary = "x"
	if a.ContentFingerprint() == fp {
		t.Error("a content change keeps the fingerprint")
	}
}
