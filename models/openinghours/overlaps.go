package openinghours

import (
	"regexp"
	"slices"
	"strings"
)

// dayRanges is a rule's list of two or more time ranges (« 08:30-12:00,
// 08:30-16:00 »).
// Hours of one digit and a space after the comma are read too, as people
// write them (« Mo 9:00-12:00, 11:00-13:00 » was stored as sent): a merged
// list is written as opening_hours does, a list left alone as it was.
var dayRanges = regexp.MustCompile(`\b[0-2]?[0-9]:[0-5][0-9]-[0-2]?[0-9]:[0-5][0-9](?:, ?[0-2]?[0-9]:[0-5][0-9]-[0-2]?[0-9]:[0-5][0-9])+`)

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
	merged, merges := MergedOverlaps(s)
	return merged, len(merges) > 0
}

// Merge is one run of overlapping ranges MergedOverlaps joined: the days
// of its rule as written (« Mo-Fr », "" for every day), the ranges, sorted,
// and the range they were read as.
type Merge struct {
	Days   string
	Ranges []string
	Into   string
}

// String says the merge plainly, for a producer to find it in its file:
// « on Mo-Fr, 09:00-12:00 and 10:00-13:00 overlap; read as 09:00-13:00 ».
func (m Merge) String() string {
	days := "every day"
	if m.Days != "" {
		days = "on " + m.Days
	}
	if !slices.ContainsFunc(m.Ranges, func(r string) bool { return r != m.Ranges[0] }) {
		return days + ", " + m.Ranges[0] + " is written twice; read once"
	}
	list := strings.Join(m.Ranges[:len(m.Ranges)-1], ", ") + " and " + m.Ranges[len(m.Ranges)-1]
	return days + ", " + list + " overlap; read as " + m.Into
}

// MergedOverlaps is MergeOverlaps, with what it merged: one Merge per run
// of overlapping ranges, in the order of the expression.
func MergedOverlaps(s string) (merged string, merges []Merge) {
	if !strings.Contains(s, ",") { // dayRanges' lists have two ranges or more
		return s, nil
	}
	locs := dayRanges.FindAllStringIndex(s, -1)
	// A list followed by an open end or a repetition is no list of plain
	// ranges: left as written.
	for _, loc := range locs {
		if loc[1] < len(s) && strings.ContainsRune("+/:0123456789", rune(s[loc[1]])) {
			return s, nil
		}
	}
	// The merged text is written only when something was merged: most
	// hours have nothing to merge, and every place's were copied.
	outs := make([]string, len(locs))
	for i, loc := range locs {
		out, runs := mergeList(s[loc[0]:loc[1]])
		outs[i] = out
		for _, run := range runs {
			merges = append(merges, Merge{Days: ruleDays(s[:loc[0]]), Ranges: run.ranges, Into: run.into})
		}
	}
	if len(merges) == 0 {
		return s, nil
	}
	var b strings.Builder
	last := 0
	for i, loc := range locs {
		b.WriteString(s[last:loc[0]])
		b.WriteString(outs[i])
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String(), merges
}

type mergedRun struct {
	ranges []string
	into   string
}

// mergeList joins the overlapping ranges of one list (« 08:30-12:00,
// 08:30-16:00 ») and returns the runs it joined.
func mergeList(list string) (string, []mergedRun) {
	if sortedApartCheck(list) {
		return list, nil
	}
	rs := strings.Split(list, ",")
	for i, r := range rs {
		rs[i] = canonicalRange(r)
	}
	for _, r := range rs {
		if from, to, _ := strings.Cut(r, "-"); from >= to {
			return list, nil // past midnight, or empty
		}
	}
	slices.Sort(rs) // HH:MM-HH:MM sorts by start, then end
	out := rs[:1:1]
	runs := [][]string{{rs[0]}}
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		lf, lt, _ := strings.Cut(*last, "-")
		f, t, _ := strings.Cut(r, "-")
		if f < lt { // overlaps (touching ranges stay apart)
			*last = lf + "-" + max(lt, t)
			runs[len(runs)-1] = append(runs[len(runs)-1], r)
			continue
		}
		out = append(out, r)
		runs = append(runs, []string{r})
	}
	if len(out) == len(rs) {
		return list, nil
	}
	var merged []mergedRun
	for i, run := range runs {
		if len(run) > 1 {
			merged = append(merged, mergedRun{run, out[i]})
		}
	}
	return strings.Join(out, ","), merged
}

// sortedApartCheck is sortedApart, replaced by a test to run mergeList in full.
var sortedApartCheck = sortedApart

// sortedApart says whether the ranges of a list of dayRanges are written
// in order and apart, each ending before it starts (no range past
// midnight) and starting at or after the previous one's end: the list
// most hours have, which mergeList would sort and find nothing to join in,
// read here without splitting and copying it.
func sortedApart(list string) bool {
	prevEnd := -1
	for rest, more := list, true; more; {
		var r string
		r, rest, more = strings.Cut(rest, ",")
		from, to, _ := strings.Cut(strings.TrimSpace(r), "-")
		f, t := clockMinutes(from), clockMinutes(to)
		if f < 0 || t < 0 || f >= t || f < prevEnd {
			return false
		}
		prevEnd = t
	}
	return true
}

// clockMinutes reads « H:MM » or « HH:MM » as minutes since midnight, -1
// for anything else. Such times, padded to « HH:MM » (canonicalRange),
// compare as text as they do as minutes.
func clockMinutes(t string) int {
	h, m, ok := strings.Cut(t, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || len(t) < 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(t); i++ {
		if i != len(h) && !isDigit(t[i]) {
			return -1
		}
	}
	for i := 0; i < len(h); i++ {
		n = n*10 + int(h[i]-'0')
	}
	return n*60 + int(m[0]-'0')*10 + int(m[1]-'0')
}

// canonicalRange writes a range of dayRanges as opening_hours does
// (« 9:00-12:00 » → « 09:00-12:00 »), so that ranges compare as text.
func canonicalRange(r string) string {
	from, to, _ := strings.Cut(strings.TrimSpace(r), "-")
	pad := func(t string) string {
		if len(t) == 4 { // H:MM
			return "0" + t
		}
		return t
	}
	return pad(from) + "-" + pad(to)
}

// ruleDays is the selector of the rule a list of ranges ends (the text
// before the list, back to the rule's start or to the previous times of a
// rule added with « , »).
func ruleDays(before string) string {
	if i := strings.LastIndexAny(before, ";|"); i >= 0 {
		before = before[i+1:]
	}
	if loc := clockTime.FindAllStringIndex(before, -1); len(loc) > 0 {
		before = before[loc[len(loc)-1][1]:]
	}
	return strings.Trim(before, " ,")
}

// clockTime is a time of day as opening_hours writes it.
var clockTime = regexp.MustCompile(`[0-2]?[0-9]:[0-5][0-9]`)
