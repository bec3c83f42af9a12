package search

import "testing"

// TestSameForm: words the stemmer joins are matched as another form of a
// query word only when they are the same word in another number or gender;
// derived words of other meanings are kept apart.
func TestSameForm(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		// Plural and feminine forms meet.
		{"atelier", "ateliers", true},
		{"demarche", "demarches", true},
		{"mediatheque", "mediatheques", true},
		{"emploi", "emplois", true},
		{"conseillere", "conseillers", true},
		{"citoyen", "citoyennes", true},
		{"handicape", "handicapes", true},
		{"local", "locaux", true},
		{"professionnel", "professionnelles", true},
		{"famille", "familles", true},
		{"administratif", "administratives", true},
		{"associatif", "associative", true},
		{"educatif", "educatives", true},
		{"numerique", "numeriques", true},
		// Derived words of other meanings do not, though their stems
		// are equal.
		{"initiation", "initiative", false},
		{"conseil", "conseiller", false},
		{"commune", "communication", false},
		{"commune", "communal", false},
		{"association", "associative", false},
		{"mairie", "maire", false},
	} {
		if tc.same && stem(tc.a) != stem(tc.b) {
			t.Errorf("%s, %s: stems %s, %s differ; the case tests nothing", tc.a, tc.b, stem(tc.a), stem(tc.b))
		}
		if got := sameForm(tc.a, tc.b); got != tc.same {
			t.Errorf("sameForm(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
		if got := sameForm(tc.b, tc.a); got != tc.same {
			t.Errorf("sameForm(%s, %s) = %v, want %v", tc.b, tc.a, got, tc.same)
		}
	}
	// The joins this check stops exist: without it they would match.
	for _, p := range [][2]string{{"initiation", "initiative"}, {"conseil", "conseiller"}, {"commune", "communication"}, {"mairie", "maire"}} {
		if stem(p[0]) != stem(p[1]) {
			t.Errorf("%s and %s no longer share a stem (%s, %s): update the cases", p[0], p[1], stem(p[0]), stem(p[1]))
		}
	}
}
