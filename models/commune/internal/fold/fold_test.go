package fold

import (
	"strings"
	"testing"
)

// keyOf is Key written the obvious way, from Words; Key is the same
// without the intermediate allocations.
func keyOf(s string, join bool) string {
	w := Words(s, join)
	for i, x := range w {
		if x == "cedex" && i > 0 {
			w = w[:i]
			break
		}
		if a, ok := abbreviations[x]; ok {
			w[i] = a
		}
	}
	return strings.Join(w, " ")
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"MARSEILLE 2E ARRONDISSEMENT": "marseille 2e arrondissement",
		"ST ETIENNE":                  "saint etienne",
		"Saint-Étienne":               "saint etienne",
		"L'Isle-sur-la-Sorgue":        "l isle sur la sorgue",
		"NICE CEDEX 3":                "nice",
		"Œuilly":                      "oeuilly",
		"  Ste   Maxime ":             "sainte maxime",
		"":                            "",
		"cedex":                       "cedex",
	} {
		if got := Key(in, false); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Key("L’Isle-sur-la-Sorgue", true); got != "lisle sur la sorgue" {
		t.Errorf("elided: %q", got)
	}
	if got := WithoutArticle("le mont dore"); got != "mont dore" {
		t.Errorf("article: %q", got)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"MARSEILLE 2E", "L'Haÿ-les-Roses", "ST ÉTIENNE CEDEX 1", "Œ\u0301ÿ", "\xff'x"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, join bool) {
		if got, want := Key(s, join), keyOf(s, join); got != want {
			t.Fatalf("Key(%q, %v) = %q, want %q", s, join, got, want)
		}
	})
}

// TestDecomposedAccents: a name typed or pasted with its accents apart
// (« e » and U+0301, NFD: macOS, some keyboards and exports) folded the
// mark into a space, « e queurdreville », and found no commune.
func TestDecomposedAccents(t *testing.T) {
	for _, c := range [][2]string{{"E\u0301queurdreville", "Équeurdreville"}, {"saint-e\u0301tienne", "Saint-Étienne"}, {"E\u0301vry", "Évry"}, {"Bourg-en-Bresse\u0300", "Bourg-en-Bresse"}} {
		if got, want := Key(c[0], false), Key(c[1], false); got != want {
			t.Errorf("%+q: %q, want %q", c[0], got, want)
		}
	}
}

// TestContainsKeyOf: Contains finds whatever Key holds (issue 11, item 6),
// without allocating for a short string.
func TestContainsKeyOf(t *testing.T) {
	for _, s := range []string{"13e Arrondissement", "Rue de la République", "ＡＲＲ", "ÀRR", "St Arromanches cedex", "Marseille 1er arr.", "rue d'Arras", "Saint-Barr"} {
		if strings.Contains(Key(s, false), "arr") && !Contains(s, "arr") {
			t.Errorf("Contains(%q) misses what Key(%q) = %q holds", s, s, Key(s, false))
		}
	}
	if n := testing.AllocsPerRun(100, func() { Contains("135 rue de la République", "arr") }); n != 0 {
		t.Errorf("Contains: %v allocations, want 0", n)
	}
}
