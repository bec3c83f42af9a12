package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
	"unicode/utf8"

	"carnet/models"
)

// Member names are matched as encoding/json matches them to fields: without
// regard to case, so that a partner's PascalCase serializer (« Summary »)
// is read. The cost of that leniency is that one object can name a field
// twice (« summary » and « Summary », or « name » twice), and encoding/json
// then keeps the last silently: which value is stored depends on the order
// a client's library writes members in, and a proxy that reads the first
// sees another request than the one served (RFC 8259 leaves duplicate names
// to the implementation). Carnet refuses such a body instead.

// repeatedName returns the path of a member name that an object of the
// JSON value b (valid JSON: it is called after decoding succeeded) holds
// twice, matched as encoding/json matches names, at any depth (« address.
// Street », « actors[3].NAME »); "" when there is none.
func repeatedName(b []byte) string {
	type frame struct {
		path  string
		obj   bool
		names map[string]struct{}
		key   bool   // the next string is a member name (objects)
		last  string // the last member name read (objects)
		index int    // the current element (arrays)
	}
	var stack []*frame
	// child is the path of a value opened in the top frame.
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if !f.obj {
			return fmt.Sprintf("%s[%d]", f.path, f.index)
		}
		if f.path == "" {
			return f.last
		}
		return f.path + "." + f.last
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{':
			stack = append(stack, &frame{path: child(), obj: true, key: true})
		case '[':
			stack = append(stack, &frame{path: child()})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if f := stack[n-1]; f.obj {
					f.key = true
				} else {
					f.index++
				}
			}
		case '"':
			end := stringEnd(b, i)
			if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].key {
				f := stack[n-1]
				f.key = false
				name := memberName(b[i : end+1])
				f.last = name
				folded := string(foldName(name))
				if f.names == nil {
					f.names = make(map[string]struct{})
				}
				if _, seen := f.names[folded]; seen {
					return child()
				}
				f.names[folded] = struct{}{}
			}
			i = end
		}
	}
	return ""
}

// stringEnd is the index of the quote closing the JSON string opened at
// b[start].
func stringEnd(b []byte, start int) int {
	for j := start + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return len(b) - 1
}

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

// refuseRepeatedNames answers 400 when an object of b names a member twice.
func refuseRepeatedNames(b []byte) error {
	name := repeatedName(b)
	if name == "" {
		return nil
	}
	return &models.Error{Code: models.EBADREQUEST, Message: "The request body names a field twice in one object; nothing was stored.",
		Fields: []models.FieldError{{Field: clip(name), Reason: "is sent more than once (names are matched without regard to case): send it once"}}}
}

// canonicalNames renames the members of a merge patch that name a member
// of base in another case (« Summary » for « summary ») to base's name, at
// every depth where both are objects. A merge patch matches names exactly
// (RFC 7396): without this, « Summary » was added beside the current
// « summary », both reached the decoder, and which one it kept depended on
// their order; « Summary »: null removed nothing.
func canonicalNames(patch, base []byte) []byte {
	var p, b map[string]json.RawMessage
	if json.Unmarshal(patch, &p) != nil || json.Unmarshal(base, &b) != nil {
		return patch
	}
	byFold := make(map[string]string, len(b))
	for k := range b {
		byFold[string(foldName(k))] = k
	}
	changed := false
	out := make(map[string]json.RawMessage, len(p))
	for k, v := range p {
		name := k
		if _, exact := b[k]; !exact {
			if n, ok := byFold[string(foldName(k))]; ok {
				name, changed = n, true
			}
		}
		if bv, ok := b[name]; ok && isObject(v) && isObject(bv) {
			if nv := canonicalNames(v, bv); !bytes.Equal(nv, v) {
				v, changed = nv, true
			}
		}
		out[name] = v
	}
	if !changed {
		return patch
	}
	m, err := json.Marshal(out)
	if err != nil {
		return patch
	}
	return m
}

func isObject(v json.RawMessage) bool {
	t := bytes.TrimSpace(v)
	return len(t) > 0 && t[0] == '{'
}
