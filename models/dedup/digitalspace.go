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
	if a.town == "" || c.town == "" || len(a.st.numbers) == 0 || len(c.st.numbers) == 0 || !sameTown(a, c, 0, false) || streetSim(a, c) < 0.8 {
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
// number or the next house of its street (sameOrNextHouse), or at one
// point of one commune (atOnePoint, 50 m): a structure's digital space
// beside its reception is its door (Sémaphore's espace numérique at 7 rue
// du Moulin and the association at 9, the national record geocoded 787 m
// off; Hinaura's « Cyber espace La Turbine » on the building's square,
// place Chorus, and the national « La Turbine Sciences » at its street
// number, 39 m apart). Nil when not, or when either travels.
func ownDigitalSpace(a, c *prepared) ([]string, *prepared) {
	if a.mobile || c.mobile || !sameOrNextHouse(a, c) && !(atOnePoint(a, c) && sameTown(a, c, 0, false)) {
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

// digitalSpaceOnOneStreet says whether one place is a digital space with no
// name of its own (its label and its commune: bareDigital, « Cyber base »,
// « Espace numérique ») and the other a record whose name says it is a
// digital space too (« Cyber Base Les Ateliers de la Fontaine »), on one
// street of one commune, the house numbers not disagreeing (none given on
// one side: Aidants Connect writes « RUE DU SERGENT BORIES » where the
// national file writes « 22 Rue du Sergent Boriès »). The label is given to
// one place of a commune, which a street does not hold twice, as
// franceServicesOnOneStreet reads France Services: those are its records
// when one side lacks coordinates, or when both put them within 500 m
// (farther, coordinates say two). Not a record that is not a digital space
// by its name (an association of that street may be another door:
// housesDigitalSpace asks for one address there), nor a travelling one.
func digitalSpaceOnOneStreet(a, c *prepared) bool {
	other := bareDigitalAnd(a, c)
	return other != nil && slices.ContainsFunc(other.name, func(w string) bool { return digitalCore[w] }) && oneStreetFront(a, c)
}

// bareDigitalAnd returns the other place when one of a and c is a digital
// space with no name of its own (bareDigital) and the other is not, neither
// travelling; nil when not.
func bareDigitalAnd(a, c *prepared) *prepared {
	if a.mobile || c.mobile || a.bareDigital == c.bareDigital {
		return nil
	}
	if c.bareDigital {
		return a
	}
	return c
}

// digitalKinds are the words of a digital space's kind (« espace public
// numérique », folded to EPN with cyber-bases, « espace numérique »,
// « point numérique », « espace multimédia »), digitalCore those of them
// that say it is a digital one.
var (
	digitalKinds = set(stem("espace"), stem("numerique"), stem("public"), stem("point"), stem("multimedia"), stem("informatique"),
		stem("internet"), stem("cyber"), stem("base"), stem("epn"))
	digitalCore = set(stem("numerique"), stem("multimedia"), stem("informatique"), stem("internet"), stem("cyber"), stem("epn"))
)

// bareDigitalSpace says whether a name (its content words) is a digital
// space's with no name of its own: its kind (digitalKinds, one at least
// saying it is digital), and at most its commune's and its département's
// names, a Département naming its network so (« Espace Numérique Côte-d'Or
// de Vitteaux »).
func bareDigitalSpace(name []string, commune map[string]bool, dep string) bool {
	core := false
	for _, w := range name {
		switch {
		case digitalCore[w]:
			core = true
		case digitalKinds[w], commune[w]:
		case dep != "" && slices.Contains(departementNameWords(dep), w):
		default:
			return false
		}
	}
	return core
}

// housesDigitalSpace says whether one place is a digital space with no
// name of its own (bareDigital) and the other the structure that houses
// it, once their addresses agree: a médiathèque, a mairie, a centre social
// gives its digital space a name of its kind and its commune, and the
// structure's record at that address is the same door, as for a France
// Services named so (housesFranceServices, whose conditions hold here:
// not a private body by its SIREN, not La Poste's counter, not a
// travelling service). A digital space with a name of its own (« Le
// Cube ») is not read so.
func housesDigitalSpace(a, c *prepared) bool {
	other := bareDigitalAnd(a, c)
	if other == nil || other.postal {
		return false
	}
	return other.siren == "" || other.siren[0] == '1' || other.siren[0] == '2'
}
