package handlers

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

// namesByTokens is repeatedName's reference: encoding/json's own tokenizer,
// with the names of each object folded as it folds them to match fields.
func namesByTokens(b []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		obj   bool
		names map[string]bool
		key   bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", true
		}
		if err != nil {
			return "", false
		}
		top := func() *frame {
			if len(stack) == 0 {
				return nil
			}
			return stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			if f := top(); f != nil && f.obj {
				f.key = true
			}
			switch d {
			case '{':
				stack = append(stack, &frame{obj: true, names: map[string]bool{}, key: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				if f := top(); f != nil && f.obj {
					f.key = true
				}
			}
			continue
		}
		f := top()
		if f == nil || !f.obj {
			continue
		}
		if f.key {
			s := tok.(string)
			k := string(foldName(s))
			if f.names[k] {
				return s, true
			}
			f.names[k] = true
			f.key = false
		} else {
			f.key = true
		}
	}
}

func TestRepeatedName(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"a":1,"b":2}`, ""},
		{`{"a":1,"A":2}`, "A"},
		{`{"a":{"b":1},"c":{"b":2}}`, ""},
		{`{"a":[{"b":1,"b":2}]}`, "a[0].b"},
		{`{"a":[{"b":1},{"c":{"d":1,"D":2}}]}`, "a[1].c.D"},
		{`{"a":"{\"b\":1,\"b\":2}"}`, ""},
		{`{"k":1,"\u212a":2}`, "\u212a"}, // the Kelvin sign folds to k, as in encoding/json
		{`{"s":1,"\u017f":2}`, "\u017f"}, // so does the long s to s
		{`{"a\"":1,"a\u0022":2}`, `a"`},
		{`[{"x":1},{"x":2}]`, ""},
		{`{"x":{"y":[1,{"z":1}],"z":2},"y":3}`, ""},
	} {
		if got := repeatedName([]byte(tc.body)); got != tc.want {
			t.Errorf("repeatedName(%s) = %q, want %q", tc.body, got, tc.want)
		}
	}
}

// FuzzRepeatedName checks the byte scanner against encoding/json's tokenizer
// on every valid JSON value.
func FuzzRepeatedName(f *testing.F) {
	for _, s := range []string{`{"a":1,"A":2}`, `{"a":[{"b":"\"","B":1}]}`, `{"\\":1,"\\\\":2}`, `[]`, `"x"`, `{"é":1,"É":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if !json.Valid(b) {
			return
		}
		want, ok := namesByTokens(b)
		if !ok {
			return
		}
		if got := repeatedName(b); (got == "") != (want == "") {
			t.Fatalf("repeatedName(%q) = %q, the tokenizer finds %q", s, got, want)
		}
	})
}
