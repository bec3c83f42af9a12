package handlers

import (
	"bytes"
	"encoding/json"
	"unicode"
	"unicode/utf8"
)

// Member names are matched exactly (checkBody): encoding/json matches them
// to fields without regard to case, so that « Summary » or « URL » was
// read as summary or url, one object could name a field twice (« summary »
// and « Summary »), and which value was stored depended on the order a
// client's library writes members in. foldName is kept for the hints of
// unknown_field.go.

// memberName is the text of a quoted member name, its escapes read.
func memberName(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return string(quoted[1 : len(quoted)-1])
	}
	return s
}

// foldName folds a name as encoding/json does to match it to a field
// (its foldName: ASCII upper case, other runes to the smallest of their
// fold set), so that two names fold alike exactly when it would read both
// into the same field.
func foldName(name string) []byte {
	out := make([]byte, 0, len(name))
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}
