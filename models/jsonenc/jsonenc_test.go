package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
)

var seeds = []string{
	"", "Médiathèque « l'Alcazar » & co <b>", `a"b\c`, "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029",
	"\xff\xfe", "é\xc3", "emoji 🙂 中文", string([]byte{0xed, 0xa0, 0x80}),
}

func marshal(t *testing.T, v any, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func check(t *testing.T, s string) {
	for _, html := range []bool{true, false} {
		if got, want := string(AppendString(nil, s, html)), marshal(t, s, html); got != want {
			t.Fatalf("%q (escapeHTML %v): got %s, encoding/json gives %s", s, html, got, want)
		}
		if got, want := string(AppendStrings(nil, []string{s, s}, html)), marshal(t, []string{s, s}, html); got != want {
			t.Fatalf("%q (escapeHTML %v): got %s, encoding/json gives %s", s, html, got, want)
		}
	}
}

func TestAsEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		check(t, s)
	}
	if got := string(AppendStrings(nil, nil, true)); got != "[]" {
		t.Fatalf("nil list: %s", got)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(check)
}
