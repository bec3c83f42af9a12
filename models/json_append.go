package models

import (
	"encoding/json"
	"unicode/utf8"
)

// The JSON that every write stores — each audit event's list of changed
// fields and each list column (StringList) — is written here without
// encoding/json's reflection: an import of 100,000 places stores 200,000
// audit events and 1.7 million lists, and reflecting on each value (its
// type looked up, its encoder found, an interface unpacked) cost more than
// the bytes. The output is byte for byte encoding/json's (HTML characters,
// U+2028 and invalid UTF-8 escaped alike): TestJSONAppendAsEncodingJSON and
// FuzzJSONString compare them. Values of other kinds go to json.Marshal.

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, as json.Marshal writes it.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONStrings appends l as a JSON array of strings ([] when empty).
func appendJSONStrings(dst []byte, l []string) []byte {
	dst = append(dst, '[')
	for i, s := range l {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONValue appends v as json.Marshal would.
func appendJSONValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return appendJSONString(dst, x), nil
	case bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case StringList:
		if x == nil {
			return append(dst, "null"...), nil
		}
		return appendJSONStrings(dst, x), nil
	case []string:
		if x == nil {
			return append(dst, "null"...), nil
		}
		return appendJSONStrings(dst, x), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// marshalChanges encodes an audit event's changes as json.Marshal encodes
// []FieldChange.
func marshalChanges(changes []FieldChange) ([]byte, error) {
	if changes == nil {
		return []byte("null"), nil
	}
	dst := make([]byte, 0, 64*len(changes)+2)
	dst = append(dst, '[')
	var err error
	for i, c := range changes {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"field":`...)
		dst = appendJSONString(dst, c.Field)
		if c.Old != nil {
			dst = append(dst, `,"old":`...)
			if dst, err = appendJSONValue(dst, c.Old); err != nil {
				return nil, err
			}
		}
		if c.New != nil {
			dst = append(dst, `,"new":`...)
			if dst, err = appendJSONValue(dst, c.New); err != nil {
				return nil, err
			}
		}
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
}
