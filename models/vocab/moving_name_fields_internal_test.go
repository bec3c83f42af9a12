package vocab

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// nameMovesByFields is NameMoves as it was written before it folded its
// words on the stack: strings.FieldsFunc, then Slugify.
func nameMovesByFields(name string) bool {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !isApostrophe(r) })
	for _, w := range words {
		parts := strings.FieldsFunc(w, isApostrophe)
		for i, p := range parts {
			if i > 0 && !slices.Contains(elisions, Slugify(parts[i-1])) {
				break
			}
			if p = Slugify(p); slices.Contains(movingNameWords, p) || GluedBus(p) {
				return true
			}
		}
	}
	return false
}

// TestNameMovesAsFields (issue 11, item 6): the allocation-free NameMoves
// answers as the one that split with strings.FieldsFunc, on names built
// at random from the words and separators that matter (apostrophes of
// three kinds, elisions, brands, glued buses, invalid UTF-8, accents
// composed and not), and allocates nothing.
func TestNameMovesAsFields(t *testing.T) {
	pieces := []string{"bus", "Bus", "BUS", "l", "d", "qu", "jusqu", "Recyclo", "itinérant", "ITINÉRANTE", "itinérance",
		"mobile", "Mobiles", "camion", "emmabus", "MairieBus", "rébus", "syllabus", "abus", "médiathèque", "e\u0301",
		"'", "’", "ʼ", "''", " ", "  ", "-", "_", ".", "n°12", "\xff", "\xe2\x80", "Ω", "ß", "œuvre", "0", "x"}
	rng := rand.New(rand.NewPCG(41, 2))
	var b strings.Builder
	for n := 0; n < 200000; n++ {
		b.Reset()
		for k := rng.IntN(7); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		name := b.String()
		if got, want := NameMoves(name), nameMovesByFields(name); got != want {
			t.Fatalf("NameMoves(%q) = %v, split by FieldsFunc %v", name, got, want)
		}
	}
	for _, name := range []string{"Espace numérique de la Médiathèque Saint-Denis", "L'itinérance numérique", "Recyclo'Bus", "Le Cyberbus d'Aurillac"} {
		if n := testing.AllocsPerRun(100, func() { NameMoves(name) }); n > 0 {
			t.Errorf("NameMoves(%q): %v allocations, want 0", name, n)
		}
	}
}
