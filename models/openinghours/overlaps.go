package openinghours

import (
	"regexp"
	"slices"
	"strings"
)

// dayRanges is a rule's list of two or more time ranges (« 08:30-12:00,
// 08:30-16:00 »).
var dayRanges = regexp.MustCompile(`\b[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9](?:,[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9])+`)

// MergeOverlaps merges the time ranges of a rule that overlap
// (« Th 08:30-12:00,08:30-16:00 » → « Th 08:30-16:00 »): valid syntax, but
// a day written so is a slip of the producer's (a morning range left
// beside the whole day's), which a list of hours would show twice. The
// ranges of such a rule are sorted and each overlapping run joined; a rule
// whose ranges do not overlap (touching ones, « 09:00-12:00,12:00-14:00 »,
// included), or that holds a range past midnight or a range followed by
// anything but a rule's end (an open end « + », a repetition « /90 »), is
// left as written. changed is false when nothing was merged.
func MergeOverlaps(s string) (merged string, changed bool) {
	merged = dayRanges.ReplaceAllStringFunc(s, func(list string) string {
		rs := strings.Split(list, ",")
		for _, r := range rs {
			if from, to, _ := strings.Cut(r, "-"); from >= to {
				return list // past midnight, or empty
			}
		}
		slices.Sort(rs) // HH:MM-HH:MM sorts by start, then end
		out := rs[:1]
		for _, r := range rs[1:] {
			last := &out[len(out)-1]
			lf, lt, _ := strings.Cut(*last, "-")
			f, t, _ := strings.Cut(r, "-")
			if f < lt { // overlaps (touching ranges stay apart)
				*last = lf + "-" + max(lt, t)
				continue
			}
			out = append(out, r)
		}
		if len(out) == len(rs) {
			return list
		}
		return strings.Join(out, ",")
	})
	if merged == s {
		return s, false
	}
	// A list followed by an open end or a repetition is no list of plain
	// ranges: left as written.
	for _, loc := range dayRanges.FindAllStringIndex(s, -1) {
		if loc[1] < len(s) && strings.ContainsRune("+/:0123456789", rune(s[loc[1]])) {
			return s, false
		}
	}
	return merged, true
}
