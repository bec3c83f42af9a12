// Package editdist measures how far apart two short strings are, for the
// places that forgive a misspelling: a commune's name, a column of a file,
// a query parameter.
package editdist

// Bounded is the Levenshtein distance of a and b (in bytes), or limit+1 as
// soon as it exceeds limit: callers only ask whether two names are within
// one or two edits, and most pairs are far apart.
func Bounded(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
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
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
