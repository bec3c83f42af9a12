package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// encoding/json names the field of a value of the wrong type by the Go
// fields it went through (UnmarshalTypeError.Field): without the index of
// an array's element (« actors.name » for the third actor of a batch,
// « phones » for its second phone) and with the Go name of an embedded
// struct (« services.ServiceInput.name »). The error's offset says where
// the value ends in the body: valuePathAt finds the value there again and
// names it by its JSON path, as sent (« actors[2].name », « phones[1] »).

// valuePathAt returns the JSON path of the innermost value of body that
// starts before offset and ends at or after it: a literal of the wrong
// type ends at offset, an object or array of the wrong type has just been
// opened there. "" for the whole body, or when body cannot be read up to
// offset.
func valuePathAt(body []byte, offset int64) string {
	type frame struct {
		path    string
		start   int64
		array   bool
		index   int
		key     string
		wantKey bool
	}
	var stack []frame
	best, bestStart := "", int64(-1)
	consider := func(path string, start, end int64) {
		if start < offset && offset <= end && start > bestStart {
			best, bestStart = path, start
		}
	}
	// childPath is the path of the value about to be read, and moves its
	// container on to the next one.
	childPath := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := &stack[len(stack)-1]
		if top.array {
			top.index++
			return fmt.Sprintf("%s[%d]", top.path, top.index-1)
		}
		top.wantKey = true
		if top.path == "" {
			return top.key
		}
		return top.path + "." + top.key
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) && bestStart < 0 {
				return ""
			}
			return best
		}
		if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey {
			if k, ok := tok.(string); ok {
				stack[n-1].key, stack[n-1].wantKey = k, false
				continue
			}
		}
		switch tok {
		case json.Delim('}'), json.Delim(']'):
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			consider(top.path, top.start, dec.InputOffset())
			continue
		}
		start := valueStart(body, before)
		path := childPath()
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, frame{path: path, start: start, array: tok == json.Delim('['), wantKey: tok == json.Delim('{')})
		default:
			consider(path, start, dec.InputOffset())
		}
	}
}

// valueStart is where the value read after offset begins: past the
// white space and the separator before it.
func valueStart(body []byte, offset int64) int64 {
	for offset < int64(len(body)) && strings.IndexByte(" \t\r\n,:", body[offset]) >= 0 {
		offset++
	}
	return offset
}

// typePath names the value a type error is about in body: by its JSON path
// when it is found there, else by encoding/json's field without the Go
// names of embedded structs (which start with a capital letter, where the
// API's names are snake_case).
func typePath(typ *json.UnmarshalTypeError, body []byte) string {
	if p := valuePathAt(body, typ.Offset); p != "" {
		return p
	}
	parts := strings.Split(typ.Field, ".")
	kept := parts[:0]
	for i, p := range parts {
		if i < len(parts)-1 && p != "" && p[0] >= 'A' && p[0] <= 'Z' {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, ".")
}

// typeReason says what a value of the wrong type must be. A number that
// does not fit its field is reported by encoding/json as the type
// "number 1e400": « must be a number, not number 1e400 » said nothing
// (probe 45); it is a number out of range (or, for an integer, a fraction).
func typeReason(typ *json.UnmarshalTypeError) string {
	want := jsonType(typ.Type.Kind().String())
	if n, ok := strings.CutPrefix(typ.Value, "number "); ok {
		if want == "a number" {
			return "is a number out of range: " + n
		}
		return "must be " + want + " within range, not " + n
	}
	return "must be " + want + ", not " + typ.Value
}
