package editdist

import "testing"

func TestBounded(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 2, 0},
		{"themes", "theme", 2, 1},
		{"departemnt", "departement", 2, 1},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // over the limit: limit+1
		{"a", "abcdef", 2, 3},
		{"conditions_access", "conditions_acces", 1, 1},
	} {
		if got := Bounded(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Bounded(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestBoundedTranspositions(t *testing.T) {
	// Two letters swapped, the commonest typo, is one edit.
	for _, c := range [][2]string{{"mediatheque", "mediahteque"}, {"theme", "tehme"}} {
		if got := Bounded(c[0], c[1], 2); got != 1 {
			t.Errorf("Bounded(%q, %q) = %d, want 1", c[0], c[1], got)
		}
	}
	long := string(make([]byte, 65))
	if got := Bounded(long, long, 2); got != 3 {
		t.Errorf("a string over 64 bytes: %d, want 3 (never close)", got)
	}
}

func TestClosest(t *testing.T) {
	within := func(n int) func(string) int { return func(string) int { return n } }
	for _, c := range []struct {
		s          string
		candidates []string
		max        int
		want       string
	}{
		{"theme", []string{"themes", "fees", "publics"}, 2, "themes"},
		{"departemnt", []string{"departement", "commune"}, 2, "departement"},
		{"fee", []string{"fees", "feed"}, 2, ""}, // two at one edit: no guess
		{"zzzz", []string{"themes", "fees"}, 2, ""},
		{"thems", []string{"themes"}, 0, ""},       // beyond what the candidate allows
		{"thems", []string{"themes"}, 9, "themes"}, // never more than two
		{"xyzabc", []string{"abcxyz"}, 9, ""},
	} {
		if got := Closest(c.s, c.candidates, within(c.max)); got != c.want {
			t.Errorf("Closest(%q, %v, %d) = %q, want %q", c.s, c.candidates, c.max, got, c.want)
		}
	}
}
