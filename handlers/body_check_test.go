package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"carnet/models"
)

type checkAddr struct {
	Street string `json:"street"`
}

type checkIn struct {
	Name    string            `json:"name"`
	Tags    []string          `json:"tags" validate:"min=1,max=3"`
	Addr    *checkAddr        `json:"address"`
	Extra   map[string]any    `json:"extra"`
	Raw     json.RawMessage   `json:"raw"`
	Items   []checkAddr       `json:"items" validate:"max=2"`
	Note    webhookNote       `json:"note"`
	ByName  map[string][]int  `json:"by_name"`
	Nested  [][]string        `json:"nested"`
	private string            //nolint:unused
	Skip    string            `json:"-"`
	Ptrs    *[]string         `json:"ptrs" validate:"max=1"`
	Any     any               `json:"any"`
	Numbers map[string]string `json:"numbers,omitempty"`
}

// TestCheckBody: the first problem of a body, syntax and depth before the
// members' names and lists.
func TestCheckBody(t *testing.T) {
	deep := func(n int) string { return strings.Repeat(`{"any":`, n) + "1" + strings.Repeat("}", n) }
	for _, tc := range []struct {
		body  string
		code  models.Code
		field string
		in    string // in the message
	}{
		{body: `{"name":"x","tags":["a","b","c"],"address":{"street":"s"},"items":[{},{}],"ptrs":["a"]}`},
		{body: `{"extra":{"Anything":{"goes":[1,2,3]}},"raw":{"X":1},"note":"n","any":{"A":1},"by_name":{"K":[1,2,3,4]}}`},
		{body: `{"nested":[["a"],["b"]]}`},
		{body: deep(7)},
		{body: deep(8)},
		{body: deep(9), code: models.EBADREQUEST, in: "deeper than 8"},
		{body: `[[[[[[[[[1]]]]]]]]]`, code: models.EBADREQUEST, in: "deeper than 8"},
		{body: `{"Name":"x"}`, code: models.EBADREQUEST, field: "Name", in: "does not know"},
		{body: `{"address":{"Street":"x"}}`, code: models.EBADREQUEST, field: "address.Street"},
		{body: `{"items":[{},{"street":"a","bogus":1}]}`, code: models.EBADREQUEST, field: "items[1].bogus"},
		{body: `{"private":"x"}`, code: models.EBADREQUEST, field: "private"},
		{body: `{"Skip":"x"}`, code: models.EBADREQUEST, field: "Skip"},
		{body: `{"name":"a","name":null}`, code: models.EBADREQUEST, field: "name", in: "twice"},
		{body: `{"name":null,"name":null}`, code: models.EBADREQUEST, field: "name", in: "twice"},
		{body: `{"name":"a","n\u0061me":"b"}`, code: models.EBADREQUEST, field: "name", in: "twice"},
		{body: `{"extra":{"a":1,"a":2}}`, code: models.EBADREQUEST, field: "extra.a", in: "twice"},
		{body: `{"extra":{"a":1,"A":2}}`}, // a map's keys are exact too: two keys
		{body: `{"tags":["a","b","c","d"]}`, code: models.EINVALID, field: "tags"},
		{body: `{"ptrs":["a","b"]}`, code: models.EINVALID, field: "ptrs"},
		{body: `{"items":[{},{},{}]}`, code: models.EINVALID, field: "items"},
		{body: `{"tags":"not a list"}`}, // the type is encoding/json's to judge
		{body: `{"address":[1,2]}`},
		// Syntax and depth before names: the whole body is read first.
		{body: `{"Name":"x",}`, code: models.EBADREQUEST, in: "not valid JSON"},
		{body: `{"Name":"x","any":` + deep(8) + `}`, code: models.EBADREQUEST, in: "deeper than 8"},
		{body: `{"tags":["a","b","c","d"],"x":1`, code: models.EBADREQUEST, in: "truncated"},
		{body: `{"name":"x"} {}`, code: models.EBADREQUEST, in: "after its JSON value"},
		{body: `{"name":"x"}]`, code: models.EBADREQUEST, in: "after its JSON value"},
		{body: "{\"name\":\"\xe9\"}", code: models.EBADREQUEST, in: "UTF-8"},
		{body: `{"name":"\ud800"}`, code: models.EBADREQUEST, in: "surrogate"},
	} {
		err := checkBody([]byte(tc.body), reflect.TypeFor[checkIn]())
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.body, err)
			}
			continue
		}
		var e *models.Error
		if !errors.As(err, &e) || e.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.body, err, tc.code)
			continue
		}
		if tc.field != "" && (len(e.Fields) != 1 || e.Fields[0].Field != tc.field) {
			t.Errorf("%s: fields %v, want %s", tc.body, e.Fields, tc.field)
		}
		if !strings.Contains(e.Message, tc.in) {
			t.Errorf("%s: %q does not say %q", tc.body, e.Message, tc.in)
		}
	}
}

// TestCheckBodyStopsCounting: a list past its bound is not read further
// than its bound, whatever its length (the items past it are only scanned).
func TestCheckBodyBatchDepth(t *testing.T) {
	type rec struct {
		Tags []string `json:"tags" validate:"max=1"`
	}
	type req struct {
		Records []rec `json:"records" validate:"max=2"`
	}
	k := &bodyChecker{itemsDepth: 2}
	if err := k.check([]byte(`{"records":[{"tags":["a","b","c"]}]}`), reflect.TypeFor[req]()); err != nil {
		t.Errorf("a record's list is left to its validation: %v", err)
	}
	err := k.check([]byte(`{"records":[{},{},{}]}`), reflect.TypeFor[req]())
	var e *models.Error
	if !errors.As(err, &e) || e.Code != models.EINVALID || e.Fields[0].Field != "records" {
		t.Errorf("the batch's list: %v", err)
	}
}

// tokensReference is what encoding/json's tokenizer says of b: whether it
// is one JSON value, and whether an object repeats a member name.
func tokensReference(b []byte) (valid, repeated bool) {
	if !json.Valid(b) {
		return false, false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		obj   bool
		names map[string]bool
		key   bool
	}
	var stack []*frame
	top := func() *frame {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true, repeated
		}
		if err != nil {
			return true, repeated
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
			if f.names[s] {
				repeated = true
			}
			f.names[s] = true
			f.key = false
		} else {
			f.key = true
		}
	}
}

func depthOf(b []byte) int {
	max, d := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			end, ok := scanString(b, i)
			if !ok {
				return max
			}
			i = end - 1
		case '{', '[':
			d++
			if d > max {
				max = d
			}
		case '}', ']':
			d--
		}
	}
	return max
}

// FuzzCheckBody: with no type (any JSON), checkBody agrees with
// encoding/json on what is one JSON value, and finds a repeated name
// exactly when its tokenizer does.
func FuzzCheckBody(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":null}`, `{"a":[{"b":"\"","B":1}]}`, `{"\\":1,"\\\\":2}`, `[]`, `"x"`, `{"é":1,"É":2}`,
		`-0.5e+3`, `[1,]`, `{"a" : [ true , false , null ] }`, `"\u00e9\ud83d\ude00"`, "\"\t\"", `01`, `1.`, `{"a":1}x`, ` `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		valid, repeated := tokensReference(b)
		err := checkBody(b, nil)
		var e *models.Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("%q: %v is no problem", s, err)
		}
		deep := valid && depthOf(b) > maxBodyDepth
		switch {
		case !valid && err == nil:
			t.Fatalf("%q is no JSON value, and checkBody passed it", s)
		case deep:
			if err == nil || !strings.Contains(e.Message, "deeper") {
				t.Fatalf("%q nests %d levels: %v", s, depthOf(b), err)
			}
		case valid && repeated:
			if err == nil || !strings.Contains(e.Message, "twice") {
				t.Fatalf("%q repeats a name: %v", s, err)
			}
		case valid && err != nil && !strings.Contains(e.Message, "UTF-8") && !strings.Contains(e.Message, "surrogate"):
			t.Fatalf("%q is JSON: %v", s, err)
		}
	})
}

// TestMergePatch: RFC 7396's appendix A.
func TestMergePatch(t *testing.T) {
	for _, tc := range []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`, `{"b":"c"}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`, `["c"]`},
		{`{"a":"foo"}`, `null`, `null`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
		{`{"e":null}`, `{"a":1}`, `{"a":1,"e":null}`},
		{`[1,2]`, `{"a":"b","c":null}`, `{"a":"b"}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`, `{"a":{"bb":{}}}`},
		{`{"n":12345678901234567890}`, `{"m":1.50}`, `{"m":1.50,"n":12345678901234567890}`},
	} {
		got, err := mergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil || string(got) != tc.want {
			t.Errorf("merge %s into %s: %s %v, want %s", tc.patch, tc.target, got, err, tc.want)
		}
	}
}

// FuzzMergePatch: a merge patch's result is JSON, and applying the patch
// again changes nothing (RFC 7396 patches are idempotent).
func FuzzMergePatch(f *testing.F) {
	f.Add(`{"a":{"b":1}}`, `{"a":{"b":null,"c":[1]}}`)
	f.Add(`[1]`, `{"a":null}`)
	f.Add(`{"a":"x"}`, `"y"`)
	f.Fuzz(func(t *testing.T, target, patch string) {
		if !json.Valid([]byte(target)) || !json.Valid([]byte(patch)) || depthOf([]byte(target)) > 64 || depthOf([]byte(patch)) > 64 {
			return
		}
		once, err := mergePatch([]byte(target), []byte(patch))
		if err != nil {
			t.Fatalf("merge %s into %s: %v", patch, target, err)
		}
		if !json.Valid(once) {
			t.Fatalf("merge %s into %s: %s is no JSON", patch, target, once)
		}
		twice, err := mergePatch(once, []byte(patch))
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("merge %s into %s: %s, then %s", patch, target, once, twice)
		}
	})
}

// TestCheckBodyNamesEveryUnknownMember: a body with three unknown members
// answered naming only the first; the client fixed it and learnt of the
// next. One problem names them all, nested ones included.
func TestCheckBodyNamesEveryUnknownMember(t *testing.T) {
	err := checkBody([]byte(`{"bogus":1,"name":"x","address":{"Street":"s","zip":"1"},"other":true}`), reflect.TypeFor[checkIn]())
	var e *models.Error
	if !errors.As(err, &e) || e.Code != models.EBADREQUEST {
		t.Fatalf("%v", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	if want := []string{"bogus", "address.Street", "address.zip", "other"}; !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v (%s)", got, want, e.Message)
	}
}
