package models

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// globMatches evaluates SQLite's GLOB, the operator the public queries use.
func globMatches(t testing.TB, s *Store, text, pattern string) bool {
	var ok bool
	if err := s.r.Raw("SELECT ? GLOB ?", text, pattern).Scan(&ok).Error; err != nil {
		t.Fatalf("GLOB %q: %v", pattern, err)
	}
	return ok
}

func TestSearchWordsMatchAccentsAndCase(t *testing.T) {
	s := openTestStore(t)
	tests := []struct {
		query, text string
		want        bool
	}{
		{"mediatheque", "Médiathèque de l'Alcazar", true},
		{"MÉDIATHÈQUE", "mediatheque", true},
		{"l'alcazar", "L’ALCAZAR", true},
		{"Francais", "Cours de FRANÇAIS", true},
		{"noël", "NOEL", true},
		{"mediat", "Médiation numérique", true},
		{"media", "Maison des jeunes", false},
		{"1er", "Marseille 1er", true},
		{"ab*cd", "abXcd", true}, // "*" separates words, it is no wildcard
	}
	for _, tt := range tests {
		got := true
		for _, w := range SearchWords(tt.query) {
			got = got && globMatches(t, s, tt.text, globWord(w))
		}
		if got != tt.want {
			t.Errorf("%q in %q: %v, want %v (words %q)", tt.query, tt.text, got, tt.want, SearchWords(tt.query))
		}
	}
	if got := SearchWords("l'Alcazar à Marseille"); strings.Join(got, " ") != "alcazar marseille" {
		t.Errorf("SearchWords: %q", got)
	}
	if got := SearchWords("à"); strings.Join(got, " ") != "a" {
		t.Errorf("a one-letter query keeps its word: %q", got)
	}
}

// FuzzSearchWords checks that any query gives words whose patterns SQLite
// accepts and that match the words themselves, in upper case too.
func FuzzSearchWords(f *testing.F) {
	for _, q := range []string{"médiathèque", "l'Alcazar", "a*b?c[d]", "Ωmega", "ß œ", "", "13001 Marseille"} {
		f.Add(q)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "f.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, q string) {
		for _, w := range SearchWords(q) {
			p := globWord(w)
			if !globMatches(t, s, w, p) || !globMatches(t, s, "x "+strings.ToUpper(w)+" y", p) {
				t.Errorf("%q: pattern %q does not match its word %q", q, p, w)
			}
		}
	})
}
