package openinghours

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPlainHoursFastPaths (issue 11, item 6): the checks that spare most
// hours the regexps and copies of LongRanges and MergedOverlaps answer
// exactly as the full reading does, on lists of ranges of every kind
// (in order or not, touching, overlapping, past midnight, past 24:00, of
// one-digit hours, with a space after the comma).
func TestPlainHoursFastPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 1))
	clock := func() string {
		h, m := r.IntN(50), []string{"00", "30", "15", "59"}[r.IntN(4)]
		if h < 10 && r.IntN(2) == 0 {
			return fmt.Sprintf("%d:%s", h, m)
		}
		return fmt.Sprintf("%02d:%s", h, m)
	}
	for i := range 20000 {
		list := ""
		for j := range 1 + r.IntN(4) {
			if j > 0 {
				list += []string{",", ", "}[r.IntN(2)]
			}
			list += clock() + "-" + clock()
		}
		s := []string{"Mo-Fr ", "", "Sa "}[i%3] + list + []string{"", "; Su 10:00-11:00", "+"}[r.IntN(3)]
		var full []string
		for _, m := range timeRangeRe.FindAllStringSubmatch(s, -1) {
			if why := rangeFault(m); why != "" {
				full = append(full, m[0]+" "+why)
			}
		}
		if got := LongRanges(s); fmt.Sprint(got) != fmt.Sprint(full) {
			t.Fatalf("LongRanges(%q) = %q, want %q", s, got, full)
		}
		for _, loc := range dayRanges.FindAllStringIndex(s, -1) {
			l := s[loc[0]:loc[1]]
			if sortedApart(l) {
				if out, runs := mergeListFull(l); out != l || runs != nil {
					t.Fatalf("sortedApart(%q), but merged as %q", l, out)
				}
			}
		}
	}
}

// mergeListFull is mergeList without its fast path.
func mergeListFull(list string) (string, []mergedRun) {
	defer func(f func(string) bool) { sortedApartCheck = f }(sortedApartCheck)
	sortedApartCheck = func(string) bool { return false }
	return mergeList(list)
}

// TestPlainHoursCopyNothing: hours with nothing to merge are returned as
// they are, not copied.
func TestPlainHoursCopyNothing(t *testing.T) {
	s := "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"
	if n := testing.AllocsPerRun(100, func() { LongRanges(s) }); n != 0 {
		t.Errorf("LongRanges: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { mergeList("09:00-12:00,14:00-18:00") }); n != 0 {
		t.Errorf("mergeList: %v allocations, want 0", n)
	}
}
