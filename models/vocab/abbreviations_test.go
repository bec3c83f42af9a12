package vocab

import (
	"slices"
	"strings"
	"testing"
)

// The embedded table loads, and holds what search and duplicate detection
// rely on.
func TestAbbreviationsLoad(t *testing.T) {
	byKey := map[string]Abbreviation{}
	for _, a := range Abbreviations() {
		byKey[a.Key] = a
	}
	for _, c := range []struct{ key, form string }{
		{"epn", "espace public numérique"}, {"mjc", "maison des jeunes et de la culture"}, {"ccas", "centre communal d'action sociale"},
		{"pij", "BIJ"}, {"msap", "France Services"}, {"bm", "médiathèque"}, {"mairie", "hôtel de ville"}, {"tierslieu", "tiers-lieu"},
	} {
		a, ok := byKey[c.key]
		if !ok || !slices.Contains(a.Forms(), c.form) {
			t.Errorf("%s: no entry with %q (%+v)", c.key, c.form, a)
		}
	}
	if !slices.Contains(byKey["epci"].Kinds, "communauté de communes") || !slices.Contains(byKey["epn"].Kinds, "cyber-base") {
		t.Error("kinds lost")
	}
}

func TestAbbreviationsRejectAmbiguity(t *testing.T) {
	for name, src := range map[string]string{
		"a form in two entries": `{"entries":[{"acronyms":["CS"],"names":["centre social"]},{"acronyms":["CSO"],"names":["centre social"]}]}`,
		"one form only":         `{"entries":[{"acronyms":["EPN"]}]}`,
		"no letter":             `{"entries":[{"acronyms":["EPN"],"names":["…"]}]}`,
		"acronym of two words":  `{"entries":[{"acronyms":["E P"],"names":["espace public"]}]}`,
		"name and kind":         `{"entries":[{"acronyms":["EPN"],"names":["cyber base"],"kinds":["cyber-base"]}]}`,
		"unknown field":         `{"entries":[{"acronyms":["EPN"],"names":["espace public numérique"],"see":["x"]}]}`,
		"same key":              `{"entries":[{"acronyms":["EPN"],"names":["a b"]},{"names":["e-p-n","c d"]}]}`,
	} {
		if _, err := parseAbbreviations([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := parseAbbreviations([]byte(`{"entries":[{"names":["tiers-lieu"],"kinds":["fablab"]}]}`)); err != nil {
		t.Errorf("a name with kinds: %v", err)
	}
}

func TestPhraseSet(t *testing.T) {
	s := NewPhraseSet()
	s.Add([]string{"centre", "social"}, "cs")
	s.Add([]string{"centre", "communal", "action", "social"}, "ccas")
	s.Add([]string{"centre"}, "c")
	s.Add(nil, "ignored")
	for _, c := range []struct {
		words string
		key   string
		n     int
	}{
		{"centre communal action social arles", "ccas", 4},
		{"centre social arles", "cs", 2},
		{"centre communal", "c", 1},
		{"maison centre social", "", 0},
		{"", "", 0},
	} {
		p, ok := s.Longest(strings.Fields(c.words))
		if ok != (c.key != "") || p.Key != c.key || len(p.Words) != c.n {
			t.Errorf("%q: %+v %v, want %s of %d words", c.words, p, ok, c.key, c.n)
		}
	}
	// At folds the words after the first with the caller's folding.
	var got []string
	s.At([]string{"CENTRE", "SOCIAL"}, "centre", strings.ToLower, func(p Phrase) { got = append(got, p.Key) })
	if slices.Sort(got); !slices.Equal(got, []string{"c", "cs"}) {
		t.Errorf("At: %v", got)
	}
}

func TestWrittenOut(t *testing.T) {
	for w, want := range map[string]string{"ctre": "centre", "com": "communal", "dep": "departemental", "hlm": "habitation loyer modere"} {
		if got, ok := WrittenOut(w); !ok || got != want {
			t.Errorf("%s: %q %v", w, got, ok)
		}
	}
	if _, ok := WrittenOut("centre"); ok {
		t.Error("centre is not short")
	}
}
