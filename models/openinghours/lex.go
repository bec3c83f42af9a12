package openinghours

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF     tokKind = iota
	tWord            // a run of letters: Mo, Jan, PH, off, sunrise…
	tNum             // a run of digits not followed by ":MM"
	tTime            // HH:MM (num = hours, min = minutes)
	tDash            // "-" (or an en dash, as opening_hours.js tolerates)
	tComma           // ","
	tSemi            // ";"
	tColon           // ":" not part of a time
	tSlash           // "/"
	tPlus            // "+"
	tPipe            // "||"
	tComment         // "…" (text holds the content without quotes)
	tOther           // any other single character
)

type token struct {
	kind tokKind
	word wordKind // for tWord, computed once by the lexer
	wval int      // weekday index, month number or modifier of the word
	pos  int      // byte offset of the token in the input
	text string   // word, comment content or the character for tOther
	num  int      // tNum value, or hours of a tTime
	min  int      // minutes of a tTime
	ndig int      // number of digits of num
}

// describe names a token for error messages, quoting it as written.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the value"
	case tComment:
		return "a comment"
	case tPipe:
		return `"||"`
	}
	return strconv.Quote(t.text)
}

// isSpace accepts the whitespace found in pasted French data, including
// the no-break spaces that French typography puts before ":" and ";".
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// lex splits s into tokens. Whitespace only separates tokens; the parser
// never needs it, except that "09:00" must be written without spaces.
func lex(s string) ([]token, *ParseError) {
	toks := make([]token, 0, len(s)/3+2)
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x80 || isASCIILetter(c):
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case isSpace(r):
				i += size
				continue
			case r == '\u2013': // en dash, common in copy-pasted hours
				toks = append(toks, token{kind: tDash, pos: i, text: "–"})
				i += size
				continue
			case r == utf8.RuneError && size == 1:
				return nil, errorf(i, "invalid UTF-8 byte 0x%02x", c)
			case !unicode.IsLetter(r):
				return nil, errorf(i, "unexpected character %q", r)
			}
			j := i
			for j < len(s) {
				if isASCIILetter(s[j]) {
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[j:])
				if s[j] < 0x80 || !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			w, v := lookupWord(s[i:j])
			toks = append(toks, token{kind: tWord, word: w, wval: v, pos: i, text: s[i:j]})
			i = j
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isDigit(c):
			t, next, err := lexNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				j++
			}
			if j >= len(s) {
				return nil, errorf(i, `unterminated comment: missing closing '"'`)
			}
			toks = append(toks, token{kind: tComment, pos: i, text: s[i+1 : j]})
			i = j + 1
		case c == '\'':
			return nil, errorf(i, `comments must be written between double quotes ("), not single quotes`)
		case c == '|':
			if i+1 < len(s) && s[i+1] == '|' {
				toks = append(toks, token{kind: tPipe, pos: i})
				i += 2
				continue
			}
			return nil, errorf(i, `unexpected character '|'`)
		default:
			k := tOther
			switch c {
			case '-':
				k = tDash
			case ',':
				k = tComma
			case ';':
				k = tSemi
			case ':':
				k = tColon
			case '/':
				k = tSlash
			case '+':
				k = tPlus
			}
			toks = append(toks, token{kind: k, pos: i, text: s[i : i+1]})
			i++
		}
	}
	return append(toks, token{kind: tEOF, pos: len(s)}), nil
}

// lexNumber reads digits at s[i:], and the ":MM" that makes it a time.
func lexNumber(s string, i int) (token, int, *ParseError) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j-i > 4 {
		return token{}, 0, errorf(i, "number %q is too long", s[i:j])
	}
	n, _ := strconv.Atoi(s[i:j]) // at most 4 digits: cannot fail
	t := token{kind: tNum, pos: i, text: s[i:j], num: n, ndig: j - i}
	if j+1 < len(s) && s[j] == ':' && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if t.ndig > 2 {
			return token{}, 0, errorf(i, "expected a time like 09:00, found %q", s[i:k])
		}
		if k-(j+1) != 2 {
			return token{}, 0, errorf(j+1, "minutes must have two digits, like 09:05")
		}
		t.kind = tTime
		t.text = s[i:k]
		t.min, _ = strconv.Atoi(s[j+1 : k])
		return t, k, nil
	}
	if j < len(s) && (s[j] == 'h' || s[j] == 'H' || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
		return token{}, 0, errorf(j, `write times with a colon, like "09:00"`)
	}
	return t, j, nil
}
