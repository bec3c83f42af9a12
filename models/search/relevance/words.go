package relevance

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"carnet/models/search"
)

// phrasingsText holds sentences a person or a helper types around a need
// (« j'ai oublié mon mot de passe ameli », « quelqu'un peut m'aider »),
// one a line, written before the engine read them: not judged, they are
// read for the words the engine does not know.
//
//go:embed testdata/phrasings.txt
var phrasingsText string

// Phrasings returns the sentences of testdata/phrasings.txt.
func Phrasings() []string {
	var out []string
	for l := range strings.SplitSeq(phrasingsText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Unread is a word of queries the engine did not read: no record and no
// vocabulary holds it, so it was taken for a misspelling of another word
// (Spelling: the engine's own « unknown word », reported in
// Result.Spellings), or no place of a partial answer holds it (the word
// made the answer partial).
type Unread struct {
	Word     string
	Spelling string // the word it was spelt as; "" when no result holds it
	Queries  []string
}

// UnreadWords searches each query for places and returns the words it did
// not read, most frequent first.
func UnreadWords(ctx context.Context, eng search.Engine, queries []string) ([]Unread, error) {
	byWord := map[string]*Unread{}
	add := func(w, spelling, q string) {
		u := byWord[w]
		if u == nil {
			u = &Unread{Word: w, Spelling: spelling}
			byWord[w] = u
		}
		if !slices.Contains(u.Queries, q) {
			u.Queries = append(u.Queries, q)
		}
	}
	for _, q := range queries {
		r, err := eng.SearchActors(ctx, search.Query{Text: q, Limit: 20})
		if refused(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%q: %w", q, err)
		}
		for _, s := range r.Spellings {
			add(s.Word, s.Suggestion, q)
		}
		if !r.Partial || len(r.Hits) == 0 {
			continue
		}
		// The words every hit misses: no place of the answer holds them.
		missing := r.Hits[0].Missing
		for _, h := range r.Hits[1:] {
			missing = slices.DeleteFunc(slices.Clone(missing), func(w string) bool { return !slices.Contains(h.Missing, w) })
		}
		for _, w := range missing {
			add(w, "", q)
		}
	}
	out := make([]Unread, 0, len(byWord))
	for _, u := range byWord {
		out = append(out, *u)
	}
	slices.SortFunc(out, func(a, b Unread) int {
		if len(a.Queries) != len(b.Queries) {
			return len(b.Queries) - len(a.Queries)
		}
		return strings.Compare(a.Word, b.Word)
	})
	return out, nil
}

// PrintUnread writes one line a word: how many queries hold it, how it was
// read, and the first query.
func PrintUnread(w io.Writer, name string, us []Unread) {
	fmt.Fprintf(w, "%s: %d words not read\n", name, len(us))
	for _, u := range us {
		how := "held by no result"
		if u.Spelling != "" {
			how = "spelt " + u.Spelling
		}
		fmt.Fprintf(w, "  %-18s %3d  %-26s %s\n", u.Word, len(u.Queries), how, u.Queries[0])
	}
}
