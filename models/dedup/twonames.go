package dedup

import (
	"slices"
	"strings"
)

// andKey is « et » as expand writes it.
var andKey = stem("et")

// namedStructures reads a name that joins two structures' names by « et »
// (« Les Petits Débrouillards Grand Est et CSC Wagner », an association and
// the centre social it works in, at the centre's address): the content
// words of each part, when the name has one « et » and each part two
// content words or more. A part of one word after « et » makes one
// structure's name (« Maison de la Justice et du Droit », « Mairie et
// CCAS »): nil. Parts are counted as written, before phrases fold.
func namedStructures(raw []string) [][]string {
	i := slices.Index(raw, andKey)
	if i < 0 || slices.Contains(raw[i+1:], andKey) {
		return nil
	}
	left, right := withoutRole(content(raw[:i])), withoutRole(content(raw[i+1:]))
	if len(left) == 0 || len(right) == 0 || written(raw[:i]) < 2 || written(raw[i+1:]) < 2 {
		return nil
	}
	return [][]string{left, right}
}

// written counts the words of a part as its producer wrote them, stop words
// aside, before phrases fold: « Maison des solidarités » is two words
// that name a structure, though they fold into one (MDS), as « Mairie »
// is one.
func written(raw []string) int {
	n := 0
	for _, w := range raw {
		if !stopWords[w] {
			n++
		}
	}
	return n
}

// listedStructures reads a name that lists the structures a place houses,
// parts joined by dashes (« Service Action Sociale de Mauriac - MSD
// Mauriac et antenne de Riom-es-Montagnes », « DPT de la Vienne -
// Territoire 2 MDS Jaunay Marigny et MDSP Loudun »): the content words of
// each structure a part names, a part read as namedStructures reads a
// name (its two structures joined by one « et »), each of two written
// words or more, when the name so lists three structures or more; nil for
// a name without a dash between spaces, with a part of one word (a
// commune's name after the dash: « La Maison des Marmandais - Marmande »,
// withoutCommuneTail), or naming two (« Maison de l'Habitat - Vichy
// Communauté » is the agglomeration's house, read as its host at one
// address).
func listedStructures(name string, commune map[string]bool) [][]string {
	parts := strings.FieldsFunc(strings.NewReplacer(" - ", "\x00", " – ", "\x00").Replace(name), func(r rune) bool { return r == 0 })
	if len(parts) < 2 {
		return nil
	}
	var out [][]string
	for _, p := range parts {
		raw := expandIn(p, commune)
		if written(raw) < 2 {
			return nil
		}
		if two := namedStructures(raw); two != nil {
			out = append(out, two...)
		} else if ws := withoutRole(content(raw)); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}
