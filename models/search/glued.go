package search

import (
	"strings"

	"carnet/models/commune"
)

// minGluedPart and minGluedPhrasePart: the shortest words a word typed
// without a space is read as, alone and when the two make a phrase of the
// thesaurus or of the abbreviations (« cv », two letters, never).
const (
	minGluedPart       = 4
	minGluedPhrasePart = 3
)

// maxGluedLen: the longest word read as two words typed together. Each
// split point looks both halves up, hashing them, so a word of n letters
// costs n² (100,000 letters: 1.2 s, BenchmarkGluedLongWord); two words of
// the lexicon together are far shorter (« anticonstitutionnellement » is
// 25 letters).
const maxGluedLen = 64

// gluedWords reads a word typed without the space between two words
// (« cartegrise », « poleemploi », « impotsgouv », « wifigratuit »,
// « grandpublic ») as those two words: required as typed,
// each found nothing. Only a word of letters that no record, the
// thesaurus, the vocabularies nor the commune reference know — in no
// form, nor as the beginning of a longer word (« médiath » is being
// typed) — and that is two words they know; a split making a phrase of
// the thesaurus or of the abbreviations first, then the most even one.
// A misspelling that is no two known words (« smarphone ») keeps its near
// spellings.
func (t *table) gluedWords(words []string) []string {
	words = splitWords(words)
	var out []string // nil until a word is split
	for i, w := range words {
		if rest := articleGlued(w); rest != "" {
			if out == nil {
				out = append(make([]string, 0, len(words)), words[:i]...)
			}
			out = append(out, rest)
			continue
		}
		a, b := t.unglue(w)
		if a == "" {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)+1), words[:i]...)
		}
		out = append(out, a, b)
	}
	if out == nil {
		return words
	}
	return out
}

// splitWords joins two words typed apart that the thesaurus writes as one
// (« cyber sécurité » for « cybersécurité »), unless they are a phrase of
// the lexicon themselves (« fab lab », « france connect »): « cyber » was
// required and found the Cyber-bases only.
func splitWords(words []string) []string {
	var out []string // nil until two words are joined
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) && len(lex.wordEntries[words[i]+words[i+1]]) > 0 && !gluedPhrase(words[i], words[i+1]) {
			if out == nil {
				out = append(make([]string, 0, len(words)), words[:i]...)
			}
			out = append(out, words[i]+words[i+1])
			i++
			continue
		}
		if out != nil {
			out = append(out, words[i])
		}
	}
	if out == nil {
		return words
	}
	return out
}

// knowsWord: a record's text holds w, or the lexicon knows it.
func (t *table) knowsWord(w string) bool {
	if id, ok := t.text.ids[w]; ok && len(t.text.postings[id]) > 0 {
		return true
	}
	return lex.known[w] || len(lex.labels[w]) > 0 || lex.generic[inflectionBase(w)]
}

func (t *table) unglue(w string) (string, string) {
	if len(w) < 2*minGluedPhrasePart || len(w) > maxGluedLen || !lettersOnly(w) || len(t.text.prefixed(w)) > 0 {
		return "", ""
	}
	if t.knowsWord(w) {
		return "", ""
	}
	if st := stem(w); st != "" {
		for _, id := range t.text.stems[st] {
			if sameForm(w, t.text.terms[id]) {
				return "", ""
			}
		}
		for _, lw := range lex.stems[st] {
			if sameForm(w, lw) {
				return "", ""
			}
		}
	}
	if len(commune.ByName(w)) > 0 {
		return "", ""
	}
	best, bestScore := 0, 0
	for k := minGluedPhrasePart; k <= len(w)-minGluedPhrasePart; k++ {
		a, b := w[:k], w[k:]
		if stopWords[a] || stopWords[b] || !t.knowsWord(a) || !t.knowsWord(b) {
			continue
		}
		score := min(len(a), len(b))
		if gluedPhrase(a, b) {
			score += len(w)
		} else if score < minGluedPart {
			continue
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if best == 0 {
		return "", ""
	}
	return w[:best], w[best:]
}

// articleGlued reads a word of the thesaurus typed glued to its article
// (« laposte », as La Poste's web address writes it, « lamairie »,
// « lacaf ») as that word, and returns it: a word no commune bears and
// whose rest the thesaurus holds (« lamentin » is Le Lamentin, « mentin »
// no word). Records' names so written (« Laposte ») hold the word too
// (docTerms). Two places named « Laposte » were all « laposte » found of
// the 86 post offices.
func articleGlued(w string) string {
	for _, a := range [...]string{"la", "le", "les"} {
		rest, ok := strings.CutPrefix(w, a)
		if ok && len(rest) >= minGluedPhrasePart && len(lex.wordEntries[rest]) > 0 && len(commune.ByName(w)) == 0 {
			return rest
		}
	}
	return ""
}

// gluedPhrase: a phrase of the lexicon begins with the words a and b.
func gluedPhrase(a, b string) bool {
	ws, wst := []string{a, b}, []string{stem(a), stem(b)}
	for _, key := range []string{a, wst[0]} {
		for _, p := range lex.phrases[key] {
			if len(p.tokens) >= 2 && phraseAt(p.tokens[:2], p.stems[:2], ws, wst) {
				return true
			}
		}
	}
	return false
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
