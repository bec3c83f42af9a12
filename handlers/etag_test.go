package handlers

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// etagListGrammar is RFC 9110's grammar of If-Match and If-None-Match as a
// regular expression: the reference the hand-written parser is fuzzed
// against.
var etagListGrammar = func() *regexp.Regexp {
	const ows = `[ \t]*`
	// obs-text is any byte from 0x80: any rune outside ASCII (an invalid
	// byte reads as U+FFFD).
	const tag = `(?:W/)?"(?:[\x21\x23-\x7e]|[^\x00-\x7f])*"`
	// #entity-tag: elements separated by commas, empty elements allowed,
	// at least one tag.
	list := ows + `(?:,` + ows + `)*` + tag + `(?:` + ows + `,(?:` + ows + `,)*` + ows + `(?:` + tag + `)?)*` + ows
	return regexp.MustCompile(`^(?:` + ows + `\*` + ows + `|` + list + `)$`)
}()

func TestParseETagList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		want string // canonical form
		// versions named under If-Match (strong) and If-None-Match (weak)
		strong, weak []int64
	}{
		{`"3"`, true, `"3"`, []int64{3}, []int64{3}},
		{` "3" `, true, `"3"`, []int64{3}, []int64{3}},
		{`"3", "4"`, true, `"3", "4"`, []int64{3, 4}, []int64{3, 4}},
		{`"3","4"`, true, `"3", "4"`, []int64{3, 4}, []int64{3, 4}},
		{`, "3",, "4" ,`, true, `"3", "4"`, []int64{3, 4}, []int64{3, 4}},
		{`*`, true, `*`, []int64{}, []int64{}},
		{`W/"3"`, true, `W/"3"`, []int64{}, []int64{3}},
		{`W/"3", "4"`, true, `W/"3", "4"`, []int64{4}, []int64{3, 4}},
		{`"3.7"`, true, `"3.7"`, []int64{3}, []int64{3}},
		{`"3.temporarily_closed", "4.public.active", "5.Public", "6..x", "7.x-y"`, true, `"3.temporarily_closed", "4.public.active", "5.Public", "6..x", "7.x-y"`, []int64{3}, []int64{3}}, // 4.public names public version 4 (Versions.Public)
		{`"abc", ""`, true, `"abc", ""`, []int64{}, []int64{}},
		{`"03", "-1", "0", "3.", ".3", "99999999999999999999"`, true, `"03", "-1", "0", "3.", ".3", "99999999999999999999"`, []int64{}, []int64{}},
		{`"3", "3"`, true, `"3", "3"`, []int64{3}, []int64{3}},
		{``, false, ``, nil, nil},
		{` , `, false, ``, nil, nil},
		{`3`, false, ``, nil, nil},
		{`"3`, false, ``, nil, nil},
		{`"3" "4"`, false, ``, nil, nil},
		{`"3";`, false, ``, nil, nil},
		{`*, "3"`, false, ``, nil, nil},
		{`"3", *`, false, ``, nil, nil},
		{`w/"3"`, false, ``, nil, nil},
		{`W/ "3"`, false, ``, nil, nil},
		{"\"a\x00b\"", false, ``, nil, nil},
		{`"a b"`, false, ``, nil, nil},
		{`garbage`, false, ``, nil, nil},
	} {
		l, ok := parseETagList(tc.in)
		if ok != tc.ok {
			t.Errorf("%q: ok %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if ok != etagListGrammar.MatchString(tc.in) {
			t.Errorf("%q: the reference grammar disagrees", tc.in)
		}
		if !ok {
			continue
		}
		if got := l.String(); got != tc.want {
			t.Errorf("%q: parsed as %s, want %s", tc.in, got, tc.want)
		}
		if got := l.versions(true).List; !slices.Equal(got, tc.strong) {
			t.Errorf("%q: If-Match versions %v, want %v", tc.in, got, tc.strong)
		}
		if got := l.versions(false).List; !slices.Equal(got, tc.weak) {
			t.Errorf("%q: If-None-Match versions %v, want %v", tc.in, got, tc.weak)
		}
	}
}

// FuzzParseETagList checks the parser against the grammar: it accepts
// exactly what the grammar accepts, never panics, and what it accepts
// reads back the same from its canonical form.
func FuzzParseETagList(f *testing.F) {
	for _, s := range []string{`"3"`, `"3", "4"`, `*`, `W/"3"`, `"3.7"`, ``, `,`, `"`, `W/`, `*,*`, `"a" "b"`, "\"\x80\"", `" "`, "\t\"1\"\t,\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		l, ok := parseETagList(in)
		if want := etagListGrammar.MatchString(in); ok != want {
			t.Fatalf("%q: parser says %v, grammar %v", in, ok, want)
		}
		if !ok {
			return
		}
		if l.any && len(l.tags) > 0 {
			t.Fatalf("%q: * with tags", in)
		}
		again, ok := parseETagList(l.String())
		if !ok || again.String() != l.String() {
			t.Fatalf("%q: canonical form %q reads back as %q (%v)", in, l.String(), again.String(), ok)
		}
		for _, tag := range l.tags {
			if strings.ContainsAny(tag.opaque, "\" \t\x00") {
				t.Fatalf("%q: opaque tag %q holds a character etagc excludes", in, tag.opaque)
			}
		}
		for _, strong := range []bool{true, false} {
			for _, n := range l.versions(strong).List {
				if n < 1 {
					t.Fatalf("%q: version %d", in, n)
				}
			}
		}
	})
}
