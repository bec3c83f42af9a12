package dedup

import "slices"

// digitalSpaceOf returns the words of d's name that are not a digital
// space's kind (digitalKinds) nor its commune's, when the name is a
// digital space's (one word at least saying it is digital, digitalCore)
// named after a structure whose name holds every one of those words
// (« Espace Numérique de Semaphore » and « SEMAPHORE MULHOUSE SUD
// ALSACE »); nil when not.
func digitalSpaceOf(d, o *prepared) []string {
	if !slices.ContainsFunc(d.name, func(w string) bool { return digitalCore[w] }) ||
		slices.ContainsFunc(o.name, func(w string) bool { return digitalCore[w] }) {
		return nil
	}
	var own []string
	for _, w := range d.name {
		if digitalKinds[w] || d.commune[w] {
			continue
		}
		if !slices.ContainsFunc(o.name, func(x string) bool { return wordsMatch(w, x) }) {
			return nil
		}
		own = append(own, w)
	}
	return own
}

// sameOrNextHouse says whether two places are on one street of one commune
// at one house number or the next house of one side (7 and 9), whatever
// their coordinates: both numbers given.
func sameOrNextHouse(a, c *prepared) bool {
	if a.town == "" || c.town == "" || len(a.st.numbers) == 0 || len(c.st.numbers) == 0 || !sameTown(a, c, 0, false) || streetSimilarity(a.st, c.st) < 0.8 {
		return false
	}
	for _, x := range a.st.numbers {
		for _, y := range c.st.numbers {
			if x == y || x-y == 2 || y-x == 2 {
				return true
			}
		}
	}
	return false
}

// ownDigitalSpace returns the own words of the digital space named after
// the other place (digitalSpaceOf), and that place, when the two are at one
// number or the next house of its street (sameOrNextHouse): a structure's
// digital space beside its reception is its door (Sémaphore's espace
// numérique at 7 rue du Moulin and the association at 9, the national
// record geocoded 787 m off); nil when not, or when either travels.
func ownDigitalSpace(a, c *prepared) ([]string, *prepared) {
	if a.mobile || c.mobile || !sameOrNextHouse(a, c) {
		return nil, nil
	}
	if own := digitalSpaceOf(a, c); len(own) > 0 {
		return own, c
	}
	if own := digitalSpaceOf(c, a); len(own) > 0 {
		return own, a
	}
	return nil, nil
}

// digitalSpaceName is the name similarity of a digital space named after
// its structure beside it (ownDigitalSpace): its own words against the
// structure's name, its kind left out; 0 when the rule does not hold.
func (b *Block) digitalSpaceName(a, c *prepared) float64 {
	own, structure := ownDigitalSpace(a, c)
	if own == nil {
		return 0
	}
	d := a
	if structure == a {
		d = c
	}
	sim, _ := b.wordSimilarity(d, structure, own, structure.name)
	return sim
}
