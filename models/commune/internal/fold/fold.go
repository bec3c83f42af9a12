// Package fold turns commune names into comparison keys. It is shared by the
// commune reference and its generator so that both read names the same way.
package fold

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
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
	return strings.Fields(string(appendFolded(make([]byte, 0, len(s)), s, joinElided)))
}

// appendFolded appends s folded to buf: lower case, unaccented, anything
// but letters and digits as a space.
func appendFolded(buf []byte, s string, joinElided bool) []byte {
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case isApostrophe(r) && joinElided:
		case r < 0x80:
			buf = append(buf, ' ')
		case unicode.Is(unicode.Mn, r):
			// An accent typed apart from its letter (NFD) is dropped as
			// the composed letter's is.
		default:
			r = unicode.ToLower(r)
			if a, ok := accents[r]; ok {
				buf = append(buf, a...)
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, ' ')
			}
		}
	}
	return buf
}

// Contains says whether s folded (as Key folds it, before abbreviations
// are expanded and « CEDEX » dropped) holds sub, itself folded letters or
// digits: a superset of strings.Contains(Key(s), sub), which no
// abbreviation's expansion or dropped CEDEX can add to. It allocates
// nothing for a short s.
func Contains(s, sub string) bool {
	var stack [128]byte
	return bytes.Contains(appendFolded(stack[:0], s, false), []byte(sub))
}

// abbreviations are the shortened words of commune names in address files.
var abbreviations = map[string]string{"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}

// Key is the comparison key of a commune name: folded words with « St » and
// « Ste » expanded, and a trailing « CEDEX » (with its number) dropped, since
// it is a delivery mention and not part of the name. It allocates only the
// key: it runs for every name of the reference as it loads.
func Key(s string, joinElided bool) string {
	var stack [64]byte
	folded := appendFolded(stack[:0], s, joinElided)
	out := make([]byte, 0, len(folded)+8)
	for i := 0; i < len(folded); {
		for i < len(folded) && folded[i] == ' ' {
			i++
		}
		j := i
		for j < len(folded) && folded[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		w := folded[i:j]
		if string(w) == "cedex" && len(out) > 0 {
			break
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		if a, ok := abbreviations[string(w)]; ok {
			out = append(out, a...)
		} else {
			out = append(out, w...)
		}
		i = j
	}
	return string(out)
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
