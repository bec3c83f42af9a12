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
