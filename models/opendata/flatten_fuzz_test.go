package opendata

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
)

// FuzzFlattenJSON: flattening a place keeps every plain value under its
// path (down to maxFlatDepth, the rest whole under the deepest path), and
// reads a place alike every time.
func FuzzFlattenJSON(f *testing.F) {
	for _, s := range []string{
		`{"nom":"A","address":{"postalCode":"67000","city":"Strasbourg"}}`,
		`{"services":{"etre_aidee":[{"tarif":"gratuit"},{"tarif":"payant"}]},"tags":["a","b"]}`,
		`{"geo":{"latitude":48.5,"longitude":7.7},"empty":{},"n":null,"b":true}`,
		`{"a.b":"x","a":{"b":"y"}}`,
		`{"a":[[1,2],{"c":[{"d":{"e":{"f":{"g":{"h":{"i":{"j":"deep"}}}}}}}]}]}`,
		`{"recordid":"r1","fields":{"nom":"B","horaires":{"lundi":"9h-12h"}},"geometry":{"type":"Point","coordinates":[7.7,48.5]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var obj map[string]any
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if d.Decode(&obj) != nil || obj == nil {
			return
		}
		out := flattenJSON(obj)
		if again := flattenJSON(obj); !reflect.DeepEqual(out, again) {
			t.Fatalf("%s: read differently twice:\n%v\n%v", b, out, again)
		}
		// Every value each path is given: a key written whole (a plain
		// value, or a list of them) keeps its path against any other.
		given := map[string][]any{}
		whole := map[string]bool{}
		var walk func(path string, v any, depth int)
		walk = func(path string, v any, depth int) {
			if depth > maxFlatDepth {
				given[path] = append(given[path], v)
				return
			}
			switch x := v.(type) {
			case map[string]any:
				if len(x) == 0 {
					given[path] = append(given[path], nil)
				}
				for k, e := range x {
					walk(path+"."+k, e, depth+1)
				}
				return
			case []any:
				if _, ok := cellString(x); !ok {
					for i, e := range x {
						walk(path+"."+strconv.Itoa(i), e, depth+1)
					}
					return
				}
			}
			given[path] = append(given[path], v)
		}
		for k, v := range obj {
			_, nested := v.(map[string]any)
			if l, ok := v.([]any); ok {
				_, plain := cellString(l)
				nested = !plain
			}
			if !nested {
				whole[k] = true
				if !reflect.DeepEqual(out[k], v) {
					t.Fatalf("%s: %q holds %v, want %v", b, k, out[k], v)
				}
				continue
			}
			walk(k, v, 1)
		}
		for path, vs := range given {
			got, ok := out[path]
			if !ok {
				t.Fatalf("%s: %q lost", b, path)
			}
			if whole[path] {
				continue
			}
			found := false
			for _, v := range vs {
				found = found || reflect.DeepEqual(got, v)
			}
			if !found {
				t.Fatalf("%s: %q holds %v, none of %v", b, path, got, vs)
			}
		}
		if len(out) != len(given)+len(whole)-countBoth(given, whole) {
			t.Fatalf("%s: %d columns, %d paths", b, len(out), len(given))
		}
	})
}

func countBoth(given map[string][]any, whole map[string]bool) int {
	n := 0
	for k := range whole {
		if _, ok := given[k]; ok {
			n++
		}
	}
	return n
}
