package models

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"carnet/models/vocab"
)

// TestNormalizeVocabDeduplicates: short lists (scanned) and long ones (a
// map) keep each value once, in the vocabulary's order; a list over
// maxListItems is kept whole, for checkVocab to refuse as sent (maxItems
// counts what was sent, not what stays), and so is, each value written
// canonically in its place, a list holding an unknown value, so that
// checkVocab names it by its index in the list sent (probe 50).
func TestNormalizeVocabDeduplicates(t *testing.T) {
	themes := vocab.MustGet(vocab.NameThemes).Values()
	var all []string
	for i, th := range themes {
		all = append(all, th, strings.ToUpper(th), " "+th, "inconnu", "Inconnu ", "autre"+strings.Repeat("x", i%3))
	}
	want := func(in StringList) StringList {
		v := vocab.MustGet(vocab.NameThemes)
		out := StringList{}
		seen := map[string]bool{}
		for _, s := range in {
			if c, ok := v.Normalize(s); ok {
				s = c
			} else {
				s = strings.TrimSpace(s)
			}
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		// A set: known values in the vocabulary's order, then the
		// unknown ones as sent.
		var known, unknown StringList
		for _, value := range v.Values() {
			if seen[value] {
				known = append(known, value)
			}
		}
		for _, s := range out {
			if !v.Contains(s) {
				unknown = append(unknown, s)
			}
		}
		return append(append(StringList{}, known...), unknown...)
	}
	var known []string      // the map's path too: a long list without unknown values
	for i := range themes { // each twice, backwards
		th := themes[len(themes)-1-i]
		known = append(known, th, th)
	}
	for _, in := range []StringList{StringList(known[:17]), StringList(known)} {
		if got, w := normalizeVocab(vocab.NameThemes, in), want(in); !reflect.DeepEqual(got, w) {
			t.Errorf("%d known values: %q, want %q", len(in), got, w)
		}
	}
	for _, n := range []int{1, 2, 6, 15, 16, 17, 18, 20, 21, 40, len(all)} {
		in := StringList(all[:min(n, len(all))])
		w := want(in)
		if n > maxListItems {
			w = in
		} else if slices.ContainsFunc(in, func(s string) bool { _, ok := vocab.MustGet(vocab.NameThemes).Normalize(s); return !ok }) {
			w = StringList{}
			for _, s := range in {
				c, ok := vocab.MustGet(vocab.NameThemes).Normalize(s)
				if !ok {
					c = strings.TrimSpace(s)
				}
				w = append(w, c)
			}
		}
		if got := normalizeVocab(vocab.NameThemes, in); !reflect.DeepEqual(got, w) {
			t.Errorf("%d values: %q, want %q", n, got, w)
		}
	}
}

// TestNormalizeVocabKeepsNormalList (issue 11, item 6): a list already
// normal (canonical values, once each, in the vocabulary's order) is
// returned as it is, not copied; any other is normalised as before.
func TestNormalizeVocabKeepsNormalList(t *testing.T) {
	v := vocab.MustGet(vocab.NameFees)
	normal := StringList{v.Terms[0].Value, v.Terms[1].Value}
	if n := testing.AllocsPerRun(100, func() { normalizeVocab(vocab.NameFees, normal) }); n != 0 {
		t.Errorf("a normal list: %v allocations, want 0", n)
	}
	for _, in := range []StringList{
		{v.Terms[1].Value, v.Terms[0].Value},           // out of order
		{v.Terms[0].Value, v.Terms[0].Value},           // twice
		{" " + v.Terms[0].Value},                       // untrimmed
		{strings.ToUpper(v.Terms[0].Value), "inconnu"}, // not canonical, unknown
	} {
		if got := normalizeVocab(vocab.NameFees, slices.Clone(in)); slices.Equal(got, in) {
			t.Errorf("%q kept as it is", in)
		}
	}
}
