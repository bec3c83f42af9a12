package dedup

import (
	"math"
	"slices"
)

// candidates says whether MatchesOf compares a and c at all. Places of two
// sources always are. Two places of one source are when the file names two
// producers for them: an aggregated file (a territory's hub, Charente's
// file) gathers the rows of conseiller-numerique, dora, Aidants Connect…,
// and holds one place once per producer that publishes it. Two rows of one
// producer in one file are two places, as the producer wrote them, unless
// strong evidence joins them (joinedInSource). Either way the pair is then
// scored as any other, with the same thresholds: the values a network gives
// to many places stay weak (locations counts a source's carriers, whoever
// produced them).
func (b *Block) candidates(a, c *prepared) bool {
	if a.Source != c.Source {
		return true
	}
	if a.Producer != c.Producer {
		return true
	}
	return b.joinedInSource(a, c)
}

// joinedInSource says whether two rows of one producer in one file are
// joined by more than what a producer's rows of two places share: the same
// SIRET at one address or point or with an own phone or e-mail
// (« COMMUNAUTE DE COMMUNES DE JARNAC » twice at 1 rue du Port); an own
// phone or e-mail (one location of the source gives it) at one address or
// point; or names that agree (sameNameInSource) at one address, at one
// point when both are placed (« Pôle commerce - Mairie de Cognac » and
// « Pôle commerce de la ville de Cognac », 59 rue Aristide Briand). One
// address alone is not: a building houses several places, and a file lists
// each (« Espace Intérim » and an association at 142 rue Henri Fichon, two
// SIRETs; « Cyberbase » and « La Poste Communale » on one square).
func (b *Block) joinedInSource(a, c *prepared) bool {
	address := addressAgrees(a, c)
	here := address || atOnePoint(a, c)
	if sameSIRET(a, c) && (here || b.ownContact(a, c)) {
		return true
	}
	if here && b.ownContact(a, c) {
		return true
	}
	if _, placed := distance(a, c); !address || placed && !atOnePoint(a, c) {
		return false
	}
	sim, _ := b.nameScore(a, c)
	return sim >= sameNameInSource
}

// sameNameInSource is how far the names of one producer's two rows at one
// address must agree for them to be compared (joinedInSource): most words
// of each.
const sameNameInSource = 0.8

// sameSIRET says whether a and c give one SIRET.
func sameSIRET(a, c *prepared) bool {
	for _, k := range a.keys {
		if k.kind == kindSIRET && slices.Contains(c.keys, k) {
			return true
		}
	}
	return false
}

// apartInSource says, cheaply, that two placed rows of one producer in one
// file sharing no value (shares) are not candidates: every rule of
// joinedInSource then needs them at one point, and their coordinates are
// more than onePoint apart on either axis. It is read before anything else
// because such pairs are nearly all of a producer's pairs in a town: with
// the street comparison run on each, detection of a first import of one
// 20,000-place source took 70 s instead of 2 s.
func apartInSource(a, c *prepared) bool {
	if a.Source != c.Source || a.Producer != c.Producer ||
		a.Latitude == nil || a.Longitude == nil || c.Latitude == nil || c.Longitude == nil {
		return false
	}
	// A degree of latitude is 111 km everywhere; a degree of longitude at
	// most that, less toward the poles: bounds in degrees that only ever
	// keep too much (the exact test follows).
	const degree = 111_000.0
	dLat := math.Abs(*a.Latitude - *c.Latitude)
	if dLat*degree > onePoint {
		return true
	}
	cos := math.Cos(*a.Latitude * math.Pi / 180)
	return math.Abs(*a.Longitude-*c.Longitude)*degree*cos > 2*onePoint
}
