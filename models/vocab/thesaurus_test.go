package vocab

import "testing"

// The embedded thesaurus loads (every target exists, no word leads to two
// meanings) and serves synonyms per value.
func TestThesaurusLoads(t *testing.T) {
	th := GetThesaurus()
	if th.Version == "" || len(th.Entries) < 50 {
		t.Fatalf("thesaurus: version %q, %d entries", th.Version, len(th.Entries))
	}
	got := SynonymsOf(NameThemes, ThemeAdministrativeProcedures)
	found := false
	for _, w := range got {
		found = found || w == "impôts"
	}
	if !found {
		t.Errorf("impôts should lead to %s; synonyms: %v", ThemeAdministrativeProcedures, got)
	}
}

func TestThesaurusRejectsAmbiguousWords(t *testing.T) {
	for name, src := range map[string]string{
		"duplicate word": `{"version":"1","entries":[{"words":["caf"],"means":["typologies:caf"]},{"words":["CAF"],"means":["typologies:ccas"]}]}`,
		"unknown value":  `{"version":"1","entries":[{"words":["x"],"means":["typologies:nope"]}]}`,
		"no target":      `{"version":"1","entries":[{"words":["x"]}]}`,
		"unknown field":  `{"version":"1","entries":[{"words":["x"],"means":["open_on:never"]}]}`,
	} {
		if _, err := parseThesaurus([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
