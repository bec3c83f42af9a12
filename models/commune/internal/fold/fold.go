// Package fold turns commune names into comparison keys. It is shared by the
// commune reference and its generator so that both read names the same way.
package fold

import (
	"strings"
	"unicode"
)

// accents maps the letters found in French (and overseas) place names to
// their unaccented lower-case form. The standard library has no Unicode
// normalisation, and the set of letters in commune names is small and known.
var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a",
	'ç': "c", 'č': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'ī': "i",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o", 'ø': "o", 'ō': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u", 'ū': "u",
	'ÿ': "y", 'ý': "y",
	'ñ': "n", 'œ': "oe", 'æ': "ae", 'ß': "ss",
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`' }

// Words folds s to lower-case unaccented words of letters and digits.
// Apostrophes separate words when joinElided is false (« L'Isle » → l isle)
// and disappear when it is true (→ lisle), the two ways real files write an
// elided article.
func Words(s string, joinElided bool) []string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case isApostrophe(r) && joinElided:
		default:
			if a, ok := accents[r]; ok {
				b.WriteString(a)
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return strings.Fields(b.String())
}

// abbreviations are the shortened words of commune names in address files.
var abbreviations = map[string]string{"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}

// Key is the comparison key of a commune name: folded words with « St » and
// « Ste » expanded, and a trailing « CEDEX » (with its number) dropped, since
// it is a delivery mention and not part of the name.
func Key(s string, joinElided bool) string {
	w := Words(s, joinElided)
	for i, x := range w {
		if x == "cedex" && i > 0 {
			w = w[:i]
			break
		}
		if a, ok := abbreviations[x]; ok {
			w[i] = a
		}
	}
	return strings.Join(w, " ")
}

// WithoutArticle drops a leading article from a key (« le mont dore » →
// « mont dore »), for files that leave it out, or "" when there is none.
func WithoutArticle(key string) string {
	for _, a := range []string{"le ", "la ", "les ", "l "} {
		if strings.HasPrefix(key, a) && len(key) > len(a) {
			return key[len(a):]
		}
	}
	return ""
}
