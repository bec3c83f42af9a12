package openinghours

import "strings"

// ColonTimes rewrites the times of s written the French way (« 9h »,
// « 9h30 », « 09H30 ») or with a dot (« 09.30 ») as OSM writes them
// (« 09:00 », « 09:30 »), outside comments, and reports whether it changed
// anything. Producers publish such values in the national standard's
// horaires column (« Mo-Fr 9h-12h30,13h30-17h »); the lexer refuses them
// with a hint, and an import may read them through this rewrite. Only a
// one- or two-digit hour up to 24 with two-digit minutes up to 59 (or
// none, after h) is a time: « 2024.05 », « 9hours » and « 25h » are left
// as they are.
func ColonTimes(s string) (string, bool) {
	var b *strings.Builder
	last := 0 // s[:last] is in b
	inComment := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			inComment = !inComment
			continue
		}
		// A time starts a word: not after a letter, a digit, « : » or « . ».
		if inComment || !isDigit(c) || (i > 0 && (isDigit(s[i-1]) || isLetter(s[i-1]) || s[i-1] == ':' || s[i-1] == '.')) {
			continue
		}
		h, m, end, ok := frenchTime(s, i)
		if !ok {
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[last:i])
		b.WriteByte('0' + byte(h/10))
		b.WriteByte('0' + byte(h%10))
		b.WriteByte(':')
		b.WriteByte('0' + byte(m/10))
		b.WriteByte('0' + byte(m%10))
		last = end
		i = end - 1
	}
	if b == nil {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// frenchTime reads « 9h », « 9h30 » or « 9.30 » at s[i:] (s[i] is a
// digit) and returns the hour, the minutes and the end of the time.
func frenchTime(s string, i int) (h, m, end int, ok bool) {
	j := i
	for j < len(s) && isDigit(s[j]) && j-i < 3 {
		j++
	}
	if j-i > 2 || j >= len(s) || isDigit(s[j]) {
		return 0, 0, 0, false
	}
	h = int(s[i] - '0')
	if j-i == 2 {
		h = h*10 + int(s[i+1]-'0')
	}
	if h > 24 {
		return 0, 0, 0, false
	}
	sep := s[j]
	if sep != 'h' && sep != 'H' && sep != '.' {
		return 0, 0, 0, false
	}
	k := j + 1
	if k+1 < len(s) && isDigit(s[k]) && isDigit(s[k+1]) {
		m = int(s[k]-'0')*10 + int(s[k+1]-'0')
		k += 2
	} else if sep == '.' {
		return 0, 0, 0, false // « 9. » is no time
	}
	// What follows a time is a separator: not a letter, a digit, « : »
	// or « . » (« 9hours », « 9h300 », « 9h00:00 »).
	if k < len(s) && (isDigit(s[k]) || isLetter(s[k]) || s[k] == ':' || s[k] == '.') {
		return 0, 0, 0, false
	}
	if m > 59 || (h == 24 && m > 0) {
		return 0, 0, 0, false
	}
	return h, m, k, true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80 }
