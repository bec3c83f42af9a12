package search

import (
	"strings"

	"carnet/models/editdist"
)

// respeltPhrases reads misspelt words as the phrase of several words of
// the thesaurus they spell together (« franse servis » → « france
// services »). Read apart, each word found its near spellings in records'
// text (a « France » here, « services » there) but never what the phrase
// names (a kind of place, a programme, a need), and a word of a commune
// beside them (« seyne ») outweighed it. A word is read as a phrase's
// token only when no record nor vocabulary knows it and every near
// spelling the lexicon has for it is that token (in some form): a word
// with two plausible readings keeps its near spellings. It returns the
// words read and the spellings it assumed.
func (t *table) respeltPhrases(words []string) ([]string, []Spelling) {
	var out []string // nil until a word is respelt
	var spelt []Spelling
	near := map[string][]string{} // unknown word → its lexicon spellings
	nearOf := func(w string) []string {
		if l, ok := near[w]; ok {
			return l
		}
		l := nearLexicon(w)
		near[w] = l
		return l
	}
	for i := 0; i < len(words); i++ {
		var starts []string
		if t.knownWord(words[i]) {
			starts = []string{words[i], stem(words[i])}
		} else {
			starts = nearOf(words[i])
		}
		var best *lexPhrase
		for _, key := range starts {
			for _, p := range lex.phrases[key] {
				l := len(p.tokens)
				if l < 2 || p.place || i+l > len(words) || best != nil && l <= len(best.tokens) {
					continue
				}
				ok, respelt := true, false
				for j, tok := range p.tokens {
					w := words[i+j]
					switch {
					case w == tok || sameStem(w, p.stems[j]):
					case !t.knownWord(w) && spellsAs(nearOf(w), tok, p.stems[j]):
						respelt = true
					case otherGender(w, tok):
						// A word of the phrase in the other gender
						// (« espace publique numérique »): records may
						// hold it (« Maison Publique »), but beside the
						// phrase's other words it is the phrase's.
						respelt = true
					default:
						ok = false
					}
					if !ok {
						break
					}
				}
				if ok && respelt {
					best = p
				}
			}
		}
		if best == nil {
			if out != nil {
				out = append(out, words[i])
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)), words[:i]...)
		}
		for j, tok := range best.tokens {
			if w := words[i+j]; w != tok && !sameStem(w, best.stems[j]) {
				spelt = append(spelt, Spelling{Word: w, Suggestion: tok})
				out = append(out, tok)
			} else {
				out = append(out, w)
			}
		}
		i += len(best.tokens) - 1
	}
	if out == nil {
		return words, nil
	}
	return out, spelt
}

// nearLexicon returns the lexicon's words near w, when they are all forms
// of one word; nil otherwise. Near is within the edits its length allows
// (« franse » → « france », not « franche » two edits away), else the same
// sound (« servis » → « service », « services »).
func nearLexicon(w string) []string {
	if len(w) < 4 || !isLetters(w) {
		return nil
	}
	var l []string
	if d := maxEdits(len(w)); d > 0 {
		for _, lw := range lex.words {
			if len(lw) >= len(w)-d && len(lw) <= len(w)+d && editdist.Bounded(w, lw, d) <= d {
				l = append(l, lw)
			}
		}
	}
	if p := phonetic(w); p != "" && len(l) == 0 {
		// Of the words of the same sound, those written nearest
		// (« fransai »: « français », not « France »).
		least := -1
		for _, lw := range lex.phon[p] {
			switch d := editdist.Bounded(w, lw, 4); {
			case least < 0 || d < least:
				l, least = []string{lw}, d
			case d == least:
				l = append(l, lw)
			}
		}
	}
	for _, lw := range l {
		if inflectionBase(lw) != inflectionBase(l[0]) {
			return nil
		}
	}
	return l
}

// sameStem says whether w has the stem st. A token too short to have a
// stem (« café ») has none to share: every short word's stem is empty, so
// comparing them read « kafé » as « café » already spelt, not respelt, and
// the phrase « café internet » was never read.
func sameStem(w, st string) bool {
	return st != "" && stem(w) == st
}

// spellsAs says whether the near spellings l read as the token (or its
// stem).
func spellsAs(l []string, tok, st string) bool {
	for _, lw := range l {
		if lw == tok || sameStem(lw, st) {
			return true
		}
	}
	return false
}

// otherGender says whether w is tok (an adjective of a phrase) in the
// other gender where French changes more than a final e, which
// inflectionBase and the stemmer do not join: -c and -que or -che
// (« public », « publique »; « blanc », « blanche »), -eux and -euse.
func otherGender(w, tok string) bool {
	if w == tok || len(tok) < 3 {
		return false
	}
	for _, p := range [][2]string{{"c", "que"}, {"c", "ques"}, {"c", "che"}, {"c", "ches"}, {"eux", "euse"}, {"eux", "euses"}} {
		for _, q := range [][2]string{p, {p[1], p[0]}} {
			if strings.HasSuffix(tok, q[0]) && strings.HasSuffix(w, q[1]) && tok[:len(tok)-len(q[0])] == w[:len(w)-len(q[1])] {
				return true
			}
		}
	}
	return false
}
