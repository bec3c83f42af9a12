package dedup

import "slices"

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
