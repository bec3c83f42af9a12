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

// TestFoldedAddress: one address however written, another address apart,
// and nothing allocated (every row of a re-sync is folded).
func TestFoldedAddress(t *testing.T) {
	at := func(street, postal string) map[string]string {
		return map[string]string{"adresse": street, "code_postal": postal, "nom": "N", "commune": "C"}
	}
	base := foldedAddress(at("207 Avenue du Général de Gaulle", "34400"))
	for _, same := range []map[string]string{at("207 avenue du Général-de-Gaulle", "34400"), at(" 207  AVENUE DU GENERAL DE GAULLE ", "34400 "),
		at("207, Avenue du Général de Gaulle.", "34400")} {
		if foldedAddress(same) != base {
			t.Errorf("%q: another address", same["adresse"])
		}
	}
	for _, other := range []map[string]string{at("209 Avenue du Général de Gaulle", "34400"), at("207 Avenue du Général de Gaulle", "34120"),
		at("2 07 Avenue du Général de Gaulle", "34400"), {"nom": "207 Avenue du Général de Gaulle", "commune": "34400"}} {
		if foldedAddress(other) == base {
			t.Errorf("%v: the same address", other)
		}
	}
	cells := at("36 Rue Paul Valéry", "34200")
	if n := testing.AllocsPerRun(100, func() { foldedAddress(cells) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
