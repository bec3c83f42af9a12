package search

import (
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

// wordPath reports whether p can take runWord: one word, by relevance,
// and no condition that bitsets cannot express (place, open at a time).
func (t *table) wordPath(p *plan) bool {
	return len(p.an.clauses) == 1 && !p.an.placeOnly && len(p.an.places) == 0 && p.sort == SortRelevance &&
		!p.placeRestricted && p.q.OpenAt == nil && p.q.Referrals == nil && !t.generalWords
}

// runWord executes a one-word relevance query; s.filter is built. Each
// match (a term in one field, or a value) has an encoded weight
// (encWeight); matches are ORed into one bitset per distinct weight, and
// each slot counts at its best level only.
func (t *table) runWord(p *plan, s *scratch) page {
	q := &p.q
	c := &p.an.clauses[0]
	n := len(s.filter)
	var weights []float32
	level := func(e float32) bitset {
		i := slices.Index(weights, e)
		if i < 0 {
			i = len(weights)
			weights = append(weights, e)
			if len(s.levels) <= i {
				s.levels = append(s.levels, nil)
			}
			s.levels[i] = grow(s.levels[i], n)
			clear(s.levels[i])
		}
		return s.levels[i]
	}
	s.seen = grow(s.seen, n)
	clear(s.seen)
	for _, tr := range c.terms {
		var lv [numTextFields]bitset
		for f := range numTextFields {
			lv[f] = level(encWeight(float32(fieldWeight[f])*tr.factor, tr.fuzzy))
		}
		fm := c.termMask(tr)
		if fb := t.text.fieldBits[tr.id]; fb != nil {
			for f := range numTextFields {
				if fm&(1<<f) != 0 {
					fb[f].orInto(lv[f])
				}
			}
			continue
		}
		for _, e := range t.text.postings[tr.id] {
			for f := range numTextFields {
				if e&fm&(1<<f) != 0 {
					lv[f].set(e >> 8)
				}
			}
		}
	}
	for _, sr := range c.sets {
		sr.set.orInto(level(encWeight(sr.weight, sr.fuzzy)))
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmpFloat(float64(weights[b]), float64(weights[a])) })
	// Each match belongs to its best level only; then the filters apply.
	for _, i := range order {
		lv := s.levels[i]
		s.seen.andNotWith(lv)
		lv.orInto(s.seen)
		s.filter.andWith(lv)
	}
	s.filter.andWith(s.seen) // every match passing the filters

	var out page
	out.total = s.seen.count()
	idf := idfOf(clauseDF(c), t.len())
	levelKey := func(i int) (float64, float64) {
		w, fuzzy := decWeight(weights[i])
		score := float64(w * idf)
		spelling := 0
		if fuzzy {
			spelling = 1
		}
		return score, relevanceKey(score, 0, spelling, false, 0)
	}
	var after *hit
	if p.after != nil {
		after = &hit{key: p.after.Key, slot: math.MaxUint32}
		// Where the walk stood, as the records rank now (see afterKey).
		current, found := 0.0, false
		if slot, ok := t.byID[p.after.ID]; ok {
			for _, i := range order {
				if s.levels[i].has(slot) {
					_, current = levelKey(i)
					found = true
					break
				}
			}
		}
		after.key = t.afterKey(p, current, found)
		if !found {
			after.key = snapKey(after.key, func(yield func(float64) bool) {
				for i := range order {
					if _, key := levelKey(i); !yield(key) {
						return
					}
				}
			})
		}
	}
	h := &hitHeap{t: t, hits: make([]hit, 0, p.limit+1)}
	remaining := 0 // matches after the cursor
	for _, i := range order {
		lv := s.levels[i]
		score, key := levelKey(i)
		switch {
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
			h.offer(x, p.limit)
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
