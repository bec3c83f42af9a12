// Package editdist measures how far apart two short strings are, for the
// places that forgive a misspelling: search words, a commune's name, a
// column of a file, a query parameter.
package editdist

// maxLen is the longest string Bounded compares: words, names and
// parameters are far shorter, and the rows stay on the stack.
const maxLen = 64

// Bounded returns the optimal string alignment distance between a and b
// in bytes (insertions, deletions, substitutions and transpositions of
// adjacent letters, the common typos), or limit+1 as soon as it must
// exceed limit — callers only ask whether two names are within one or two
// edits, and most pairs are far apart. Strings over 64 bytes are never
// close. It does not allocate: search calls it for every candidate of a
// misspelt word.
func Bounded(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) > maxLen || len(b) > maxLen {
		return limit + 1
	}
	var rows [3][maxLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > limit {
		return limit + 1
	}
	return prev[len(b)]
}

// Closest returns the one candidate nearest to s, at most maxEdits(c)
// edits (never more than two) from it, or "" when none is that near or
// when several are equally near: a hint names a single likely meaning or
// none (a misspelt parameter, column, field or département).
func Closest(s string, candidates []string, maxEdits func(c string) int) string {
	best, bestD, ties := "", 3, 0
	for _, c := range candidates {
		limit := min(maxEdits(c), 2)
		if limit < 0 {
			continue
		}
		d := Bounded(s, c, limit)
		switch {
		case d > limit:
		case d < bestD:
			best, bestD, ties = c, d, 0
		case d == bestD:
			ties++
		}
	}
	if ties > 0 {
		return ""
	}
	return best
}
