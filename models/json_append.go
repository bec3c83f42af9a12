package models

import (
	"encoding/json"

	"carnet/models/jsonenc"
)

// The JSON that every write stores — each audit event's list of changed
// fields and each list column (StringList) — is written here without
// encoding/json's reflection: an import of 100,000 places stores 200,000
// audit events and 1.7 million lists, and reflecting on each value (its
// type looked up, its encoder found, an interface unpacked) cost more than
// the bytes. The output is byte for byte json.Marshal's
// (TestJSONAppendAsEncodingJSON); values of other kinds than strings, lists
// of strings and booleans go to json.Marshal.

// appendJSONValue appends v as json.Marshal would.
func appendJSONValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return jsonenc.AppendString(dst, x, true), nil
	case bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case StringList:
		if x == nil {
			return append(dst, "null"...), nil
		}
		return jsonenc.AppendStrings(dst, x, true), nil
	case []string:
		if x == nil {
			return append(dst, "null"...), nil
		}
		return jsonenc.AppendStrings(dst, x, true), nil
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
		dst = jsonenc.AppendString(dst, c.Field, true)
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
