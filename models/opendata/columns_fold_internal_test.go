package opendata

import (
	"strings"
	"testing"
)

// TestFoldsToAsFoldColumn: foldsTo, which folds on the stack, says what
// comparing with foldColumn said.
func TestFoldsToAsFoldColumn(t *testing.T) {
	names := []string{"", "id", "ID", " Id ", "\ufeffid", `"nom"`, "Code Postal", "code-postal", "code_postal", "Code_Postal ",
		"Date de mise à jour", "date_maj", "Téléphone", "telephone", "Adresse", "--", "a-b_c", "ÉÈÊ", "\xff", strings.Repeat("Long nom ", 30)}
	for _, n := range names {
		for _, c := range []string{"", "id", "nom", "code_postal", "date_de_mise_a_jour", "telephone", "a_b_c", "eee", foldColumn(n)} {
			if got, want := foldsTo(n, c), foldColumn(n) == c; got != want {
				t.Errorf("foldsTo(%q, %q) = %v, foldColumn %q", n, c, got, foldColumn(n))
			}
		}
	}
}

func FuzzFoldsTo(f *testing.F) {
	f.Add("Code Postal", "code_postal")
	f.Add("\ufeff\"ID\"", "id")
	f.Fuzz(func(t *testing.T, name, column string) {
		if got, want := foldsTo(name, column), foldColumn(name) == column; got != want {
			t.Errorf("foldsTo(%q, %q) = %v, foldColumn %q", name, column, got, foldColumn(name))
		}
		if !foldsTo(name, foldColumn(name)) {
			t.Errorf("foldsTo(%q, its foldColumn %q) is false", name, foldColumn(name))
		}
	})
}
