package models

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

var jsonStrings = []string{
	"", "Médiathèque Émile-Zola", `quote " and \ backslash`, "<script>&amp;</script>",
	"tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f", "\u2028\u2029", "bad \xff\xfe utf-8 \xc3",
	"emoji 🙂 and 中文", "\u00a0non-breaking", string([]byte{0xed, 0xa0, 0x80}), // a surrogate, invalid in UTF-8
}

func TestJSONAppendAsEncodingJSON(t *testing.T) {
	lat := 43.2965
	values := []any{nil, true, false, 42, int64(-7), 3.5, 1e21, 1e-7, &lat, StringList(nil), StringList{},
		StringList{"a", "<b>"}, []string(nil), []string{"x\ny"}, map[string]int{"k": 1}, time.Date(2023, 5, 17, 0, 0, 0, 0, time.UTC)}
	for _, s := range jsonStrings {
		values = append(values, s)
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendJSONValue(nil, v)
		if err != nil || string(got) != string(want) {
			t.Errorf("%#v: got %s (%v), json.Marshal gives %s", v, got, err, want)
		}
	}
	var changes []FieldChange
	for i, v := range values {
		changes = append(changes, FieldChange{Field: jsonStrings[i%len(jsonStrings)], Old: v, New: values[len(values)-1-i]})
	}
	for _, cs := range [][]FieldChange{nil, {}, changes, {{Field: "name"}}, {{Field: "themes", New: StringList(nil)}}} {
		want, _ := json.Marshal(cs)
		got, err := marshalChanges(cs)
		if err != nil || string(got) != string(want) {
			t.Errorf("changes %#v:\n got %s (%v)\nwant %s", cs, got, err, want)
		}
	}
	if _, err := marshalChanges([]FieldChange{{Field: "x", New: math.NaN()}}); err == nil {
		t.Error("NaN: want json.Marshal's error")
	}
	for _, l := range []StringList{nil, {}, {"a"}, {"é", "\x00"}} {
		v, err := l.Value()
		want, _ := json.Marshal([]string(l))
		if len(l) == 0 {
			want = []byte("[]")
		}
		if err != nil || v != string(want) {
			t.Errorf("StringList%q.Value() = %v, want %s", []string(l), v, want)
		}
	}
}
