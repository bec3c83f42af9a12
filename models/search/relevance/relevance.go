// Package relevance measures search on judged queries: a versioned set of
// queries a helper would type (testdata/judged.json), each with the
// producers' ids of the places relevant to it, over the real files in
// ../shared/reference. It reports P@5, recall@20 and the queries answered
// with nothing although relevant places exist; `carnet bench relevance`
// prints them and a test fails below the figures reached.
package relevance

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/search"
)

//go:embed testdata/judged.json
var judgedJSON []byte

// Query is one judged query.
type Query struct {
	Q        string   `json:"q"`
	Kind     string   `json:"kind"`
	Added    string   `json:"added,omitempty"` // the day the query joined the set, judged before its results were seen
	Relevant []string `json:"relevant"`
}

// Judged returns the judged queries.
func Judged() ([]Query, error) {
	var f struct {
		Queries []Query `json:"queries"`
	}
	if err := json.Unmarshal(judgedJSON, &f); err != nil {
		return nil, err
	}
	return f.Queries, nil
}

// Files returns the reference files the judgments were made on, relative
// to root (the repository's root), or an error naming the missing folder.
func Files(root string) ([]string, error) {
	var out []string
	for _, g := range []string{"../shared/reference/data/*.json", "../shared/reference/second-source/*.json"} {
		m, _ := filepath.Glob(filepath.Join(root, g))
		out = append(out, m...)
	}
	if len(out) < 3 {
		return nil, fmt.Errorf("the reference files are not in %s", filepath.Join(root, "../shared/reference"))
	}
	return out, nil
}

// Load imports the files into store through the importer.
func Load(ctx context.Context, store *models.Store, files []string) error {
	for _, f := range files {
		if _, err := modeltest.LoadStandardFile(ctx, store, f); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// Figures are the measures of one search endpoint on the judged set.
type Figures struct {
	Queries  int
	P5       float64 // mean precision of the first 5 places
	Recall20 float64 // mean of relevant in the first 20 / min(relevant, 20)
	Zero     int     // queries answered with nothing although relevant places exist
	// Honest counts, among the queries no place answers (a need no place
	// offers), those answered with nothing or with an answer saying that
	// no record holds every word (partial); each such query scores P@5
	// and recall@20 1 when honest, 0 when it claims full matches.
	Honest, NoneRelevant int
	PerQuery             []QueryFigures
	PerKind              map[string][2]float64 // kind → mean P@5, recall@20
	kindCount            map[string]int
}

// QueryFigures are one query's measures.
type QueryFigures struct {
	Q        string
	Kind     string
	Relevant int
	Total    int
	P5       float64
	Recall20 float64
}

// Evaluate runs every judged query on actors (places) or services (a
// service counts as its place; a place found twice counts once).
func Evaluate(ctx context.Context, eng search.Engine, qs []Query, services bool) (Figures, error) {
	f := Figures{PerKind: map[string][2]float64{}, kindCount: map[string]int{}}
	for _, q := range qs {
		var places []string
		total, partial := 0, false
		if services {
			r, err := eng.SearchServices(ctx, search.Query{Text: q.Q, Limit: 100})
			if refused(err) {
				// What a person typed and the API refused answers
				// nothing: it counts as a query without results.
				r, err = search.Result[models.Service]{}, nil
			}
			if err != nil {
				return f, fmt.Errorf("%q: %w", q.Q, err)
			}
			total, partial = r.Total, r.Partial
			for _, h := range r.Hits {
				places = appendOnce(places, h.Item.Actor.SourceID)
			}
		} else {
			r, err := eng.SearchActors(ctx, search.Query{Text: q.Q, Limit: 20})
			if refused(err) {
				r, err = search.Result[models.Actor]{}, nil
			}
			if err != nil {
				return f, fmt.Errorf("%q: %w", q.Q, err)
			}
			total, partial = r.Total, r.Partial
			for _, h := range r.Hits {
				places = appendOnce(places, h.Item.SourceID)
			}
		}
		rel := map[string]bool{}
		for _, id := range q.Relevant {
			rel[id] = true
		}
		hitsAt := func(k int) int {
			n := 0
			for i, p := range places {
				if i < k && rel[p] {
					n++
				}
			}
			return n
		}
		qf := QueryFigures{Q: q.Q, Kind: q.Kind, Relevant: len(rel), Total: total}
		qf.P5 = float64(hitsAt(5)) / 5
		if len(places) < 5 && len(places) > 0 && len(rel) < 5 {
			// Fewer relevant places than 5: precision over what can be right.
			qf.P5 = float64(hitsAt(5)) / float64(max(len(places), len(rel)))
		}
		qf.Recall20 = float64(hitsAt(20)) / float64(min(len(rel), 20))
		if len(rel) == 0 {
			// No place offers it: nothing, or an answer that says it
			// misses words, is the right answer.
			f.NoneRelevant++
			qf.P5, qf.Recall20 = 0, 0
			if total == 0 || partial {
				f.Honest++
				qf.P5, qf.Recall20 = 1, 1
			}
		}
		if len(rel) > 0 && total == 0 {
			f.Zero++
		}
		f.PerQuery = append(f.PerQuery, qf)
		f.P5 += qf.P5
		f.Recall20 += qf.Recall20
		k := f.PerKind[q.Kind]
		f.PerKind[q.Kind] = [2]float64{k[0] + qf.P5, k[1] + qf.Recall20}
		f.kindCount[q.Kind]++
	}
	f.Queries = len(qs)
	if f.Queries > 0 {
		f.P5 /= float64(f.Queries)
		f.Recall20 /= float64(f.Queries)
	}
	for k, v := range f.PerKind {
		n := float64(f.kindCount[k])
		f.PerKind[k] = [2]float64{v[0] / n, v[1] / n}
	}
	return f, nil
}

// refused says whether the engine refused the query as invalid (« too many
// words »): such a query is measured as answered with nothing.
func refused(err error) bool {
	return err != nil && models.ErrorCode(err) == models.EBADREQUEST
}

func appendOnce(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// Print writes the figures, worst queries first.
func (f Figures) Print(w io.Writer, name string, verbose bool) {
	fmt.Fprintf(w, "%s: %d judged queries, P@5 %.2f, recall@20 %.2f, zero-result queries %d\n", name, f.Queries, f.P5, f.Recall20, f.Zero)
	if f.NoneRelevant > 0 {
		fmt.Fprintf(w, "  queries no place answers: %d, answered with nothing or partial %d\n", f.NoneRelevant, f.Honest)
	}
	kinds := make([]string, 0, len(f.PerKind))
	for k := range f.PerKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "  %-14s %3d queries  P@5 %.2f  recall@20 %.2f\n", k, f.kindCount[k], f.PerKind[k][0], f.PerKind[k][1])
	}
	if !verbose {
		return
	}
	qs := append([]QueryFigures(nil), f.PerQuery...)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].P5+qs[i].Recall20 < qs[j].P5+qs[j].Recall20 })
	for _, q := range qs {
		fmt.Fprintf(w, "  %-32s %-12s relevant %4d  results %4d  P@5 %.2f  recall@20 %.2f\n", strings.TrimSpace(q.Q), q.Kind, q.Relevant, q.Total, q.P5, q.Recall20)
	}
}
