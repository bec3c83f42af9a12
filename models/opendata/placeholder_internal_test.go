package opendata

import (
	"strings"
	"testing"

	"carnet/models/vocab"
)

func TestIsPlaceholderFoldsAsSlugify(t *testing.T) {
	for _, v := range []string{"MISSING", "N/A", "n.a.", "NC", "Non renseigné", "non-renseigne", "NULL ", " - ", "?", "#N/A", "#REF!",
		"Marseille", "13001", "N A", "na-", "-na", "Inconnu", "néant", "Sans objet", "nil", "x", "0", "Mo-Fr 09:00-12:00", "a/b", "N/A/B"} {
		want := false
		if w := vocab.Slugify(v); placeholders[w] {
			want = true
		}
		switch v {
		case " - ", "?", "#N/A", "#REF!":
			want = true
		}
		if got := isPlaceholder(v); got != want {
			t.Errorf("isPlaceholder(%q) = %v, want %v (slug %q)", v, got, want, vocab.Slugify(v))
		}
	}
}

// FuzzIsPlaceholder: the stack folding reads every value as Slugify does.
func FuzzIsPlaceholder(f *testing.F) {
	for _, s := range []string{"N/A", "n.a.", "--x", "Non renseigné", "NULL", "#N/A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		tv := strings.TrimSpace(v)
		if tv == "" || len(tv) > 20 || tv[0] == '#' || strings.Trim(tv, "-–—_?. ") == "" {
			return
		}
		if got, want := isPlaceholder(v), placeholders[vocab.Slugify(tv)]; got != want {
			t.Errorf("isPlaceholder(%q) = %v, Slugify says %v (%q)", v, got, want, vocab.Slugify(tv))
		}
	})
}
