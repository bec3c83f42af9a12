package search

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// resultCache keeps recent answers until the next write. The directory is
// read-mostly and the same searches recur (people type the same prefixes;
// maps ask for the same filters), while a broad query such as « médiat »
// must visit a third of the directory to count its results. Every write
// applied to the index starts a new generation, and an answer is reused
// only within the generation it was computed in: a search after a write
// never sees an answer from before it.
type resultCache struct {
	mu      sync.Mutex
	max     int
	gen     uint64
	entries map[string]any // canonical query → Result[T]
}

func (c *resultCache) get(gen uint64, key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.max == 0 {
		return nil, false
	}
	v, ok := c.entries[key]
	return v, ok
}

func (c *resultCache) put(gen uint64, key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max == 0 {
		return
	}
	if c.gen != gen || len(c.entries) >= c.max {
		// A new generation, or full: start afresh. Simpler than an LRU,
		// and writes empty the cache far more often than it fills.
		c.entries, c.gen = map[string]any{}, gen
	}
	c.entries[key] = v
}

// SetCacheSize sets how many answers are kept between writes (default
// 2048); 0 turns the cache off, e.g. to measure the engine itself.
func (m *Memory) SetCacheSize(n int) {
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	m.cache.max, m.cache.entries = n, map[string]any{}
}

// cacheKey writes a planned query in canonical form: what the answer
// depends on, in a fixed order.
func cacheKey(kind string, p *plan) string {
	q := &p.q
	var b strings.Builder
	w := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
			b.WriteByte(0)
		}
		b.WriteByte(1)
	}
	sorted := func(l []string) []string { return slices.Sorted(slices.Values(l)) }
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	w(kind, q.Sort, q.Cursor, strconv.Itoa(p.limit), strconv.FormatBool(q.IncludeRemote), strconv.FormatBool(q.ExcludeFull), strconv.FormatBool(q.IncludeDuplicates))
	w(p.typed...)
	w(slices.Sorted(maps.Keys(p.near))...)
	if q.Near != nil {
		w(f(q.Near.Lat), f(q.Near.Lon), f(p.radius))
	}
	w(sorted(q.InseeCodes)...)
	w(sorted(q.PostalCodes)...)
	if q.OpenAt != nil {
		w(strconv.FormatInt(q.OpenAt.UnixNano(), 10))
	}
	if q.Referrals != nil {
		// The teams change without a write to the directory: they are
		// part of the question.
		w(append([]string{strconv.FormatBool(*q.Referrals)}, slices.Sorted(maps.Keys(q.Teams))...)...)
	}
	for _, field := range slices.Sorted(func(yield func(string) bool) {
		for k := range q.Filters {
			if !yield(k) {
				return
			}
		}
	}) {
		w(append([]string{field}, sorted(q.Filters[field])...)...)
	}
	w(q.Facets...)
	return b.String()
}
