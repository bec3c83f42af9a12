package vocab

import (
	"slices"
	"strings"
	"unicode"
)

// movingNameWords are the words (folded) a name moves by: a bus,
// itinérant(e), itinérance, mobile, a camion.
var movingNameWords = []string{"bus", "itinerant", "itinerante", "itinerants", "itinerantes", "itinerance", "mobile", "mobiles", "camion", "camions"}

// elisions are the French words an apostrophe elides (« l'itinérance »,
// « d'accès »): a word after them is a word of its own.
var elisions = []string{"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}

// NameMoves reports whether a place's name says that it moves: a bus
// (also glued, « EMMABUS », « MairieBus », see GluedBus), itinérant(e),
// itinérance, mobile, a camion. A word glued by an apostrophe to a word
// that is no elision is part of a brand (« Recyclo'Bus », a recycling
// workshop at one address with weekday hours) and says nothing of moving.
func NameMoves(name string) bool {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !isApostrophe(r) })
	for _, w := range words {
		parts := strings.FieldsFunc(w, isApostrophe)
		for i, p := range parts {
			if i > 0 && !slices.Contains(elisions, Slugify(parts[i-1])) {
				break // a brand: « Recyclo'Bus »
			}
			if p = Slugify(p); slices.Contains(movingNameWords, p) || GluedBus(p) {
				return true
			}
		}
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// GluedBus: a word (folded) of three letters or more glued to « bus »
// (« emmabus », « ordibus », « cyberbus »), as French names a kind of bus
// (autobus, minibus); not « abus » nor a word it ends (« rébus »,
// « syllabus »).
func GluedBus(w string) bool {
	return len(w) >= 6 && strings.HasSuffix(w, "bus") && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 &&
		!slices.Contains([]string{"rebus", "syllabus", "nimbus", "cumulonimbus", "incubus"}, w)
}
