package search

import (
	"container/heap"
	"math"
	"slices"
)

// A query of one word ordered by relevance is the type-ahead case ("médiat"),
// and the broadest: a prefix can match 40 % of the directory. Its score is
// idf(word) × the weight of the best (field, whole word or prefix) pair
// holding it, so a match's score takes one of ten values. runWord ranks by
// those ten levels instead of scoring each match: it ORs the matching terms'
// postings (or, for frequent terms, their field bitsets) into one bitset per
// level, and fills the page from the best level down, only counting the
// levels below once the page is full. Results, order, totals, cursors and
// facets are those of the general path (a test compares them).

// wordLevel is one (field, whole word or prefix) pair and its weight.
type wordLevel struct {
	field  int
	whole  bool
	weight float32 // as match computes it: float32(field weight × factor)
}

// wordLevels are the pairs in decreasing weight; levelOf finds a pair's
// index.
var wordLevels, levelOf = func() ([]wordLevel, [numTextFields][2]int) {
	var ls []wordLevel
	for f := range numTextFields {
		for _, whole := range []bool{true, false} {
			factor := prefixFactor
			if whole {
				factor = 1
			}
			ls = append(ls, wordLevel{field: f, whole: whole, weight: float32(fieldWeight[f] * factor)})
		}
	}
	slices.SortStableFunc(ls, func(a, b wordLevel) int {
		if a.weight != b.weight {
			if a.weight > b.weight {
				return -1
			}
			return 1
		}
		return 0
	})
	var idx [numTextFields][2]int
	for i, l := range ls {
		w := 0
		if l.whole {
			w = 1
		}
		idx[l.field][w] = i
	}
	return ls, idx
}()

// wordPath reports whether p can take runWord: one word, by relevance,
// and no condition that bitsets cannot express (place, open at a time).
func (t *table) wordPath(p *plan) bool {
	return len(p.words) == 1 && p.sort == SortRelevance && !p.placeRestricted && p.q.OpenAt == nil && !t.generalWords
}

// runWord executes a one-word relevance query; s.filter is built.
func (t *table) runWord(p *plan, s *scratch) page {
	q := &p.q
	n := len(s.filter)
	for i := range s.levels {
		s.levels[i] = grow(s.levels[i], n)
		clear(s.levels[i])
	}
	s.seen = grow(s.seen, n)
	clear(s.seen)

	ids, exact := t.text.termRange(p.words[0])
	size := 0
	for k, id := range ids {
		size += len(t.text.postings[id])
		whole := 0
		if k == exact {
			whole = 1
		}
		if fb := t.text.fieldBits[id]; fb != nil {
			for f := range numTextFields {
				fb[f].orInto(s.levels[levelOf[f][whole]])
			}
			continue
		}
		for _, e := range t.text.postings[id] {
			for f := range numTextFields {
				if e&(1<<f) != 0 {
					s.levels[levelOf[f][whole]].set(e >> 8)
				}
			}
		}
	}
	// Each match belongs to its best level only; then the filters apply.
	for i := range s.levels {
		lv := s.levels[i]
		s.seen.andNotWith(lv)
		lv.orInto(s.seen)
		s.filter.andWith(lv)
	}
	s.filter.andWith(s.seen) // every match passing the filters

	var out page
	out.total = s.seen.count()
	df := float64(size)
	idf32 := float32(math.Max(math.Log(1+(float64(t.len())-df+0.5)/(df+0.5)), 0.01))
	var after *hit
	if p.after != nil {
		after = &hit{key: p.after.Key, slot: math.MaxUint32}
	}
	h := &hitHeap{t: t, hits: make([]hit, 0, p.limit+1)}
	remaining := 0 // matches after the cursor
	for i, l := range wordLevels {
		lv := s.levels[i]
		score := float64(l.weight * idf32)
		key := -score
		switch {
		case size == 0:
			continue
		case after != nil && key < after.key:
			continue // shown on earlier pages
		case len(h.hits) == p.limit && (after == nil || key > after.key):
			remaining += lv.count() // worse than the full page
			continue
		}
		lv.each(func(slot uint32) bool {
			x := hit{slot: slot, score: score, dist: math.NaN(), key: key}
			if after != nil && t.compareAfter(x, *after, p.after.ID) <= 0 {
				return true
			}
			remaining++
			if len(h.hits) < p.limit {
				heap.Push(h, x)
			} else if t.compareHits(x, h.hits[0]) < 0 {
				h.hits[0] = x
				heap.Fix(h, 0)
			}
			return true
		})
	}
	out.hits = h.hits
	slices.SortFunc(out.hits, t.compareHits)
	if remaining > p.limit && len(out.hits) > 0 {
		out.next = t.cursorOf(p, out.hits[len(out.hits)-1])
	}
	if len(q.Facets) > 0 {
		out.facets = t.facets(q.Facets, s.seen, out.total)
	}
	return out
}
