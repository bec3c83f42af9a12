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
	// Word by word, each folded on the stack: split with FieldsFunc and
	// each part slugified, a name cost six allocations, 3 % of a first
	// import's (issue 11, item 6). The words and parts are FieldsFunc's
	// (TestNameMovesAsFields compares both).
	var buf [64]byte
	moves := false
	eachField(name, func(r rune) bool { return !unicode.IsLetter(r) && !isApostrophe(r) }, func(w string) bool {
		prev := ""
		i := 0
		eachField(w, isApostrophe, func(p string) bool {
			if i > 0 && !slices.Contains(elisions, string(foldKey(buf[:0], prev))) {
				return false // a brand: « Recyclo'Bus »
			}
			prev, i = p, i+1
			if f := string(foldKey(buf[:0], p)); slices.Contains(movingNameWords, f) || GluedBus(f) {
				moves = true
				return false
			}
			return true
		})
		return !moves
	})
	return moves
}

// eachField calls fn on each field of s as strings.FieldsFunc(s, sep)
// gives them, in order, until fn answers false; it allocates nothing.
func eachField(s string, sep func(rune) bool, fn func(string) bool) {
	start := -1 // the current field's first byte, -1 between fields
	for i, r := range s {
		switch {
		case !sep(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			if !fn(s[start:i]) {
				return
			}
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
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
