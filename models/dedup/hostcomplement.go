package dedup

import "slices"

// complementNamesHost says whether one place's address complement is a
// digital space named after the other place: a word at least saying it is
// digital (digitalCore), and its other words, a digital space's kind
// (digitalKinds) and the commune's aside, one at least, all found in the
// other's name. Cities list each association that holds sessions in a
// structure's digital space at that structure's address, and say whose
// space in the complement (Mulhouse: « Les Petits Débrouillards », 7
// boulevard de l'Europe, « Espace Numérique - La Poste »; « Appuis »,
// « Espace Numérique Poste Mulhouse Europe »): at one address
// (addressAgrees) the door is that structure's space, as a digital space
// named after its structure is the structure's door (ownDigitalSpace).
// A complement naming a building without a digital space (« Maison des
// associations », « Espace Diderot »: the buildings where associations are
// domiciled or rent an office, the SIAO-Dora set) says nothing of whose
// door; nor does a complement of kind words only (« Espace numérique »),
// one naming a third structure, or the place's own name (repeatsName:
// odspep writes the name there). It overrides postOffice's « another
// structure at a post office's address stays another door » only when the
// complement says so.
func complementNamesHost(a, c *prepared) bool {
	if a.mobile || c.mobile {
		return false
	}
	return namesHost(a, c) || namesHost(c, a)
}

// namesHost: p's complement is a digital space named after host
// (complementNamesHost).
func namesHost(p, host *prepared) bool {
	if len(p.complement) == 0 || repeatsName(p.complement, p) ||
		!slices.ContainsFunc(p.complement, func(w string) bool { return digitalCore[w] }) {
		return false
	}
	own := false
	for _, w := range p.complement {
		if digitalKinds[w] || p.commune[w] || stopWords[w] {
			continue
		}
		// The written-out words too: the name glues « La Poste » into
		// one word.
		if match := func(x string) bool { return wordsMatch(w, x) }; !slices.ContainsFunc(host.name, match) && !slices.ContainsFunc(host.raw, match) {
			return false
		}
		own = true
	}
	return own
}
