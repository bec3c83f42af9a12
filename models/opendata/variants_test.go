package opendata

import (
	"slices"
	"strings"
	"testing"
)

func TestReadColumn(t *testing.T) {
	cases := []struct{ in, want, how string }{
		{"services", "services", ""},
		{"conditions_access", "conditions_acces", "misspelt"},
		{"Téléphone", "telephone", "read as telephone"},
		{"Code postal", "code_postal", "read as code_postal"},
		{"email", "courriels", "another name"},
		{"courriel", "courriel", ""},
		{"labels_nationaux", "labels_nationaux", ""},
		{"label_nationaux", "labels_nationaux", "another name"},
		{"presentation_resumee", "presentation_resume", "misspelt"},
		{"dispositif_programme_nationaux", "dispositif_programmes_nationaux", "misspelt"},
		{"couleur", "couleur", ""}, // unknown, reported as such
		{"x_lat", "x_lat", ""},     // too short to guess
		{"horaires2", "horaires", "misspelt"},
	}
	for _, tc := range cases {
		c := readColumn(tc.in)
		if c.name != tc.want || (tc.how == "") != (c.how == "") || !strings.Contains(c.how, tc.how) {
			t.Errorf("%q: read as %q (%q), want %q (%q)", tc.in, c.name, c.how, tc.want, tc.how)
		}
	}
}

func TestRanges(t *testing.T) {
	if got := ranges([]int{1, 2, 3, 7, 9, 10}); got != "1-3, 7, 9-10" {
		t.Errorf("ranges: %q", got)
	}
}

func FuzzReadColumn(f *testing.F) {
	for _, s := range []string{"conditions_access", "Téléphone", "email", "", "\ufeffid", "x_lat", "labels_nationaux"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		c := readColumn(name)
		if c.how != "" && !slices.Contains(knownColumns, c.name) {
			t.Fatalf("%q read as %q, which is no column", name, c.name)
		}
	})
}
