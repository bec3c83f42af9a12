package search

import (
	"math/bits"
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/french"
)

// Word forms. A person types « ateliers » and the place says « Atelier »,
// « médiatek » for « Médiathèque », « mediateque » with a letter missing:
// each query word is matched, besides its exact and prefix forms, through
// three keys computed for every indexed word once, when the index first
// meets it:
//
//   - its stem (Snowball's French stemmer, after a plural step that
//     Snowball lacks for words ending in a vowel + s or x: emplois, photos,
//     jeux), so that singular, plural and common inflections meet;
//   - its phonetic key (a small French spelling folding: th → t, qu → k,
//     ph → f, eau/au → o, doubled letters, silent final letters), so that
//     common spelling variants meet;
//   - its spelling, for typos: an optimal-string-alignment distance of 1
//     for words of five letters or more, 2 from nine letters.
//
// Stems and phonetic keys of fewer than four letters are not used: « café »
// and « CAF » share the stem « caf », « jeu » and « je » nearly do.

// minKeyLen is the shortest stem or phonetic key that is used to match.
const minKeyLen = 4

// maxStemLen is the longest word stemmed. French's longest words have
// 25–27 letters (anticonstitutionnellement); a longer « word » is no
// language a person types (a glued URL, a key, a probe's 10,000 letters),
// and Snowball's prelude copies the word at each u or i it marks between
// vowels (qu, ou, eau, ei): quadratic, 0.3 s for 10,000 letters, paid
// under the search index's write lock.
const maxStemLen = 40

// stem returns the stem of a folded word (lower-case ASCII), or "" when it
// is too short to be used or too long to be a word.
func stem(w string) string {
	if len(w) < minKeyLen || len(w) > maxStemLen || !isLetters(w) {
		return ""
	}
	w = singular(w)
	env := snowballstem.NewEnv(w)
	french.Stem(env)
	s := env.Current()
	if len(s) < minKeyLen {
		return ""
	}
	return s
}

// singular removes the plural mark Snowball keeps after a vowel
// (« emplois », « photos ») and the x of « jeux », « bureaux ».
func singular(w string) string {
	n := len(w)
	switch {
	case n < 5:
	case w[n-1] == 's' && strings.IndexByte("aiou", w[n-2]) >= 0 && !strings.HasSuffix(w, "ous") && !strings.HasSuffix(w, "ais"):
		return w[:n-1]
	case w[n-1] == 'x' && (strings.HasSuffix(w, "eux") || strings.HasSuffix(w, "aux") || strings.HasSuffix(w, "oux")):
		if strings.HasSuffix(w, "eaux") || strings.HasSuffix(w, "eux") {
			return w[:n-1]
		}
	}
	return w
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// phonetic returns a key under which words written differently but said
// alike meet (médiathèque, médiatek, mediateque → mediatek), or "" for
// short words and words that are not plain letters.
func phonetic(w string) string {
	if len(w) < minKeyLen || !isLetters(w) {
		return ""
	}
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'p' && next == 'h':
			c, i = 'f', i+1
		case c == 't' && next == 'h', c == 'r' && next == 'h':
			i++
		case c == 'q' && next == 'u', c == 'c' && next == 'k':
			c, i = 'k', i+1
		case c == 'q':
			c = 'k'
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			c = 's'
		case c == 'c' && next == 'h':
			c, i = 'x', i+1 // « ch »: kept apart from k and s
		case c == 'c':
			c = 'k'
		case c == 'g' && next == 'u' && i+2 < len(w) && strings.IndexByte("eiy", w[i+2]) >= 0:
			i++
		case c == 'e' && next == 'a' && i+2 < len(w) && w[i+2] == 'u':
			c, i = 'o', i+2
		case c == 'a' && next == 'u':
			c, i = 'o', i+1
		case (c == 'a' || c == 'e') && next == 'i':
			c, i = 'e', i+1
		case c == 'y':
			c = 'i'
		case c == 'z':
			c = 's'
		case c == 'h':
			continue // silent
		}
		s := b.String()
		if len(s) > 0 && s[len(s)-1] == c {
			continue // doubled letters
		}
		b.WriteByte(c)
	}
	s := b.String()
	// Silent endings: médiathèque → mediatek, ateliers → atelier.
	for len(s) > minKeyLen && strings.IndexByte("estxd", s[len(s)-1]) >= 0 {
		s = s[:len(s)-1]
	}
	// The r of a final -er is silent in words this long (papier,
	// atelier, conseiller: « papié », « atelié »), where the e left
	// is too.
	if len(s) > minKeyLen+1 && strings.HasSuffix(s, "er") {
		s = s[:len(s)-2]
	}
	if len(s) < minKeyLen {
		return ""
	}
	return s
}

// maxEdits is how many edits a word of n letters may be from an indexed
// word to match it as a typo: none below five letters (too many short
// words are one letter apart), one from five, two from nine.
func maxEdits(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// letterMask has a bit per letter present in w: an edit changes at most two
// bits, so words whose masks differ by more than 2 × edits cannot match.
func letterMask(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		m |= 1 << (w[i] & 31)
	}
	return m
}

func maskDistance(a, b uint32) int { return bits.OnesCount32(a ^ b) }

// sameForm reports whether two words the stemmer joins are forms of one
// word: singular and plural, masculine and feminine (« atelier »,
// « ateliers »; « conseiller », « conseillères »; « âgé », « âgées »;
// « local », « locaux »; « administratif », « administratives »). Snowball also strips
// derivational suffixes, which join words of other meanings: « initiation »
// and « initiative », « conseil » and « conseiller », « commune » and
// « communication » share a stem. Those are not the same form: a query
// word matches them only as what they are (a prefix, a near spelling).
func sameForm(a, b string) bool {
	return a == b || inflectionBase(a) == inflectionBase(b)
}

// inflectionBase removes the marks of number and gender from a folded
// word: -aux → -al, a final s or x, a final e (and the é before it:
// « âgées », « handicapée »), a doubled final consonant left by the
// feminine (« professionnelle », « citoyenne »).
func inflectionBase(w string) string {
	n := len(w)
	if n > 4 && strings.HasSuffix(w, "aux") {
		return w[:n-3] + "al"
	}
	if n > 3 && (w[n-1] == 's' || w[n-1] == 'x') {
		w, n = w[:n-1], n-1
	}
	if n > 2 && w[n-1] == 'e' {
		w, n = w[:n-1], n-1
		switch {
		case n > 2 && w[n-1] == 'e':
			w = w[:n-1]
		case n > 3 && w[n-1] == w[n-2] && strings.IndexByte("lnt", w[n-1]) >= 0:
			w = w[:n-1]
		case n > 3 && w[n-1] == 'v':
			// « active », « administrative », « associative »: the
			// masculine ends in -f.
			w = w[:n-1] + "f"
		}
	}
	return w
}
