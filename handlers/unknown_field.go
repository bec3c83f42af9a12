package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// encoding/json reports an unknown member by its name alone (« json:
// unknown field "bogus" »), wherever it is: {"filters":{"bogus":1}} and
// {"address":{"bogus":1}} were both answered errors[].field « bogus », and
// the client could not tell which object to fix. unknownFieldPath finds it
// again in the body, walking the JSON value along the type it was decoded
// into, as the decoder does: members in the order they are written, depth
// first, names matched exactly or else without regard to case.

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

// unknownFieldPath returns the path of the first member named name that no
// field of its object's type accepts (« filters.bogus », « services[2].
// bogus »), and that type; "" when the walk does not find it (the member is
// below a type that decodes itself).
func unknownFieldPath(body []byte, t reflect.Type, name string) (string, reflect.Type) {
	var v json.RawMessage
	if json.NewDecoder(bytes.NewReader(body)).Decode(&v) != nil || t == nil {
		return "", nil
	}
	return walkUnknown(v, t, "", name, 0)
}

func walkUnknown(v json.RawMessage, t reflect.Type, path, name string, depth int) (string, reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	v = bytes.TrimSpace(v)
	if depth > 32 || len(v) == 0 || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return "", nil
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := jsonFields(t)
		for _, m := range members(v) {
			p := m.name
			if path != "" {
				p = path + "." + m.name
			}
			ft, ok := fields[m.name]
			if !ok {
				ft, ok = fields[string(foldName(m.name))]
			}
			if !ok {
				if m.name == name {
					return p, t
				}
				continue
			}
			if found, in := walkUnknown(m.value, ft, p, name, depth+1); found != "" {
				return found, in
			}
		}
	case reflect.Map:
		for _, m := range members(v) {
			if found, in := walkUnknown(m.value, t.Elem(), path+"."+m.name, name, depth+1); found != "" {
				return found, in
			}
		}
	case reflect.Slice, reflect.Array:
		if v[0] != '[' {
			return "", nil
		}
		var elems []json.RawMessage
		if json.Unmarshal(v, &elems) != nil {
			return "", nil
		}
		for i, e := range elems {
			if found, in := walkUnknown(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), name, depth+1); found != "" {
				return found, in
			}
		}
	}
	return "", nil
}

type member struct {
	name  string
	value json.RawMessage
}

// members are the members of a JSON object, in the order they are written;
// nil when v is not an object.
func members(v json.RawMessage) []member {
	dec := json.NewDecoder(bytes.NewReader(v))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		k, _ := tok.(string)
		var raw json.RawMessage
		if dec.Decode(&raw) != nil {
			return out
		}
		out = append(out, member{k, raw})
	}
	return out
}

// jsonFields are the members a struct type accepts, by their name and by
// its folded form (foldName), with the types they decode into: exported
// fields by their tag's name or their own, those of embedded structs
// without a name promoted, as encoding/json reads them.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	eachJSONField(t, func(name string, f reflect.StructField) {
		if _, ok := out[name]; !ok {
			out[name] = f.Type
		}
		if folded := string(foldName(name)); folded != name {
			if _, ok := out[folded]; !ok {
				out[folded] = f.Type
			}
		}
	})
	return out
}

// eachJSONField calls fn with each member a struct type accepts and its
// field, as encoding/json reads them: exported fields by their tag's name
// or their own, those of embedded structs without a name promoted, the
// shallower first (a name met again is the deeper one's: fn keeps the
// first). Both the body check's shapes and the unknown-field hints read
// structs so.
func eachJSONField(t reflect.Type, fn func(name string, f reflect.StructField)) {
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct && depth < 8 {
					walk(ft, depth+1)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fn(name, f)
		}
	}
	walk(t, 0)
}
