package openinghours

import (
	"fmt"
	"hash/maphash"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
)

// timeRange is a time range as people write it (« 09:00-12:00 », « 9:00 –
// 12:00 »), its end up to 48:00 (OSM's extended time past midnight).
const timeRange = `([0-4]?[0-9]):([0-5][0-9])\s*[-–]\s*([0-4]?[0-9]):([0-5][0-9])`

var (
	timeRangeRe = regexp.MustCompile(timeRange)
	// plainRule is a rule of weekdays (or PH) and time ranges only (« Mo-Fr
	// 09:00-12:00,14:00-17:00 »): no state, comment, month or week. Group
	// 1 is the selector, group 2 the ranges.
	plainRule = regexp.MustCompile(`(?i)^\s*((?:` + selectorPrefix + `)?((?:mo|tu|we|th|fr|sa|su|ph)(?:\s*[-,]\s*(?:mo|tu|we|th|fr|sa|su|ph))*))\s+(` + timeRange + `(?:\s*,\s*` + timeRange + `)*)\s*$`)
)

// selectorPrefix is one week or month selector before a rule's weekdays
// (« week 01-53/2 », « Jan-Mar »): rules joined must write it alike.
const selectorPrefix = `(?:week\s*[0-9][0-9/,\-]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:\s*[-,]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))*)\s+`

// MaxRangeMinutes is the longest a time range may last: a day. OSM's
// syntax lets an end run to 48:00 so that a range may pass midnight
// (« Fr 22:00-26:00 », until 02:00 on Saturday), but a single range longer
// than a day (« Mo 09:00-48:00 », 39 hours) is no place's hours: a slip,
// or a whole week written as one range.
const MaxRangeMinutes = 24 * 60

// rangeMinutes is how long a range of timeRangeRe's groups lasts, read as
// the parser reads it: an end at or before the start runs past midnight.
func rangeMinutes(m []string) int {
	from := digitsValue(m[1])*60 + digitsValue(m[2])
	to := digitsValue(m[3])*60 + digitsValue(m[4])
	if to <= from {
		to += 24 * 60
	}
	return to - from
}

func digitsValue(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// RangeRule says which time ranges every path refuses, for their messages.
const RangeRule = "a time range may run past midnight (up to 48:00) but not last more than 24 hours nor start at 24:00 or later"

// LongRanges lists the time ranges of s that break RangeRule, each with
// why: « 09:00-48:00 lasts 39 hours », « 25:00-26:00 starts at 25:00 ».
// OSM's syntax lets only an end run past 24:00 (« Fr 22:00-26:00 »); a
// start there is the next day's, a slip the parser kept as an unreadable
// rule, and orientation ranked such a place first showing it (probe 38b,
// L2). API writes, suggestions and syncs refuse such a value (422 naming
// the field); the file import drops those ranges with a warning
// (DropLongRanges).
func LongRanges(s string) []string {
	if !mayHaveLateHour(s) {
		return nil
	}
	var out []string
	for _, m := range timeRangeRe.FindAllStringSubmatch(s, -1) {
		if why := rangeFault(m); why != "" {
			out = append(out, m[0]+" "+why)
		}
	}
	return out
}

// mayHaveLateHour says whether s holds an hour of 24 or more before a
// colon, which every range LongRanges reports has: one starting at 24:00
// or later, or one lasting more than a day, whose end is then past 24:00
// (an end at or before its start runs past midnight, within a day). Most
// hours have none, and every file import and API write asks: the regexp
// was run on every place's hours (issue 11, item 6).
func mayHaveLateHour(s string) bool {
	for i := 2; i < len(s); i++ {
		if s[i] == ':' && isDigit(s[i-1]) && (s[i-2] >= '3' && s[i-2] <= '4' || s[i-2] == '2' && s[i-1] >= '4') {
			return true
		}
	}
	return false
}

// rangeFault says why a range of timeRangeRe's groups breaks RangeRule,
// or "" when it does not.
func rangeFault(m []string) string {
	if h := digitsValue(m[1]); h >= 24 {
		return fmt.Sprintf("starts at %02d:%s", h, m[2])
	}
	if d := rangeMinutes(m); d > MaxRangeMinutes {
		return "lasts " + duration(d)
	}
	return ""
}

func duration(min int) string {
	if min%60 == 0 {
		return fmt.Sprintf("%d hours", min/60)
	}
	return fmt.Sprintf("%dh%02d", min/60, min%60)
}

// DropLongRanges removes the ranges LongRanges finds, for the file import:
// from its rule's list when the rule is a plain one (weekdays and ranges)
// with other ranges left, else the whole rule (a rule of weekdays without
// its ranges would read as open all day). dropped says what was removed.
func DropLongRanges(s string) (out string, dropped []string) {
	if len(LongRanges(s)) == 0 {
		return s, nil
	}
	var kept []string
	for _, p := range splitRules(s) {
		part := s[p[0]:p[1]]
		long := LongRanges(part)
		if len(long) == 0 {
			kept = append(kept, strings.TrimSpace(part))
			continue
		}
		m := plainRule.FindStringSubmatch(part)
		if m == nil {
			dropped = append(dropped, fmt.Sprintf("the rule « %s » (%s)", strings.TrimSpace(part), strings.Join(long, ", ")))
			continue
		}
		var ranges []string
		for _, r := range timeRangeRe.FindAllStringSubmatch(m[3], -1) {
			if rangeFault(r) == "" {
				ranges = append(ranges, r[0])
			}
		}
		if len(ranges) == 0 {
			dropped = append(dropped, fmt.Sprintf("the rule « %s » (%s)", strings.TrimSpace(part), strings.Join(long, ", ")))
			continue
		}
		dropped = append(dropped, strings.Join(long, ", ")+" on "+m[1])
		kept = append(kept, m[1]+" "+strings.Join(ranges, ","))
	}
	return strings.Join(kept, "; "), dropped
}

// Join is two or more rules in a row that name the same days, which
// JoinRepeatedRules read as one.
type Join struct {
	Days  string   // the selector, as the first rule writes it
	Rules []string // the rules as written
	Into  string   // the rule they were read as
}

// String says the join plainly, for a producer to find it in its file.
func (j Join) String() string {
	return fmt.Sprintf("on %s, the rules « %s » name the same days: read as one, « %s » (OpenStreetMap keeps the last alone; write the ranges of a day in one rule, separated by « , »)",
		j.Days, strings.Join(j.Rules, " » and « "), j.Into)
}

// JoinRepeatedRules reads rules that name the same days (« Mo
// 09:00-12:00; Mo 10:00-13:00 ») as one rule holding the ranges of each
// (« Mo 09:00-12:00,10:00-13:00 »), which MergeOverlaps then merges when
// they overlap. In OSM's semantics, which Carnet's evaluation keeps (a
// later rule replaces the earlier ones for the days it names: « Mo-Fr
// 09:00-18:00; We 09:00-12:00 » closes Wednesday at noon), the first rule
// would be dead, replaced whole: no producer writes a rule for it to do
// nothing, and one who repeats a day means both ranges, as one who writes
// them in one rule with « , » (which is merged).
//
// Joined: plain rules (weekdays or PH, time ranges, optionally after one
// week or month selector) whose selectors name the same set of days
// (« Mo-We » and « Mo,Tu,We »; the week or month selector written alike),
// in a row or apart when no rule between them names any of their days
// (« Mo 09:00-12:00; Tu 09:00-12:00; Mo 14:00-17:00 », « …; PH off; Mo
// 18:00-19:00 »): the joined rule takes the first one's place, its times
// written with two-digit hours. Left to OSM's reading: a rule naming part
// of the days (the exception above), a state, a comment, and rules apart
// when one between them names a day of theirs (or no day: every day).
// joins is empty when nothing was joined (the value is then returned as
// written).
func JoinRepeatedRules(s string) (out string, joins []Join) {
	parts := splitRules(s)
	if len(parts) < 2 || !daysShared(s, parts) {
		return s, nil
	}
	type rule struct {
		text, sel, ranges string
		key               string // the selector's week or month and day set, for plain rules
		days              uint8  // the days it names (bit 7: PH); anyDay when unknown
		plain, gone       bool
	}
	rs := make([]rule, len(parts))
	for i, p := range parts {
		part := s[p[0]:p[1]]
		r := rule{text: strings.TrimSpace(part), days: daysNamed(part)}
		if m := plainRule.FindStringSubmatch(part); m != nil {
			if mask, ok := daySet(m[2]); ok {
				r.sel, r.ranges, r.plain, r.days = strings.TrimSpace(m[1]), m[3], true, mask
				r.key = strings.ToLower(strings.Join(strings.Fields(m[1][:len(m[1])-len(m[2])]), "")) + fmt.Sprint("|", mask)
			}
		}
		rs[i] = r
	}
	var kept []string
	for i := range rs {
		if rs[i].gone {
			continue
		}
		if !rs[i].plain {
			kept = append(kept, rs[i].text)
			continue
		}
		jn := Join{Days: rs[i].sel, Rules: []string{rs[i].text}}
		ranges := []string{rs[i].ranges}
		for j := i + 1; j < len(rs); j++ {
			if rs[j].gone {
				continue
			}
			if rs[j].plain && rs[j].key == rs[i].key {
				jn.Rules = append(jn.Rules, rs[j].text)
				ranges = append(ranges, rs[j].ranges)
				rs[j].gone = true
				continue
			}
			if rs[j].days&rs[i].days != 0 {
				break // a rule between them names a day of theirs: OSM's order matters
			}
		}
		if len(jn.Rules) == 1 {
			kept = append(kept, rs[i].text)
			continue
		}
		jn.Into = rs[i].sel + " " + timeRangeRe.ReplaceAllStringFunc(strings.Join(ranges, ","), padRange)
		joins = append(joins, jn)
		kept = append(kept, jn.Into)
	}
	if len(joins) == 0 {
		return s, nil
	}
	return strings.Join(kept, "; "), joins
}

const anyDay uint8 = 0xff

var (
	dayBits      = map[string]uint8{"mo": 1, "tu": 2, "we": 4, "th": 8, "fr": 16, "sa": 32, "su": 64, "ph": 128}
	dayOrder     = []string{"mo", "tu", "we", "th", "fr", "sa", "su"}
	leadingDays  = regexp.MustCompile(`(?i)^\s*(?:` + selectorPrefix + `)?((?:mo|tu|we|th|fr|sa|su|ph)(?:\s*[-,]\s*(?:mo|tu|we|th|fr|sa|su|ph))*)\b`)
	daySeparator = regexp.MustCompile(`\s*,\s*`)
)

// daySet is the set of days a weekday selector names (« Mo-We,Fr,PH »);
// a range may wrap past Sunday (« Sa-Mo »). ok false when it cannot be
// read (« PH-Mo »).
func daySet(sel string) (mask uint8, ok bool) {
	for _, item := range daySeparator.Split(strings.ToLower(strings.TrimSpace(sel)), -1) {
		from, to, isRange := strings.Cut(item, "-")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !isRange {
			b, known := dayBits[from]
			if !known {
				return 0, false
			}
			mask |= b
			continue
		}
		fi, ti := slices.Index(dayOrder, from), slices.Index(dayOrder, to)
		if fi < 0 || ti < 0 {
			return 0, false
		}
		for d := fi; ; d = (d + 1) % 7 {
			mask |= dayBits[dayOrder[d]]
			if d == ti {
				break
			}
		}
	}
	return mask, mask != 0
}

// daysNamed is the set of days a rule names by its leading weekday
// selector, or anyDay when it names none that can be read (« 10:00-12:00 »
// alone is every day in OSM, « Jan 1 off » some date: either may touch any
// day).
func daysNamed(rule string) uint8 {
	m := leadingDays.FindStringSubmatch(rule)
	if m == nil {
		return anyDay
	}
	if mask, ok := daySet(m[1]); ok {
		return mask
	}
	return anyDay
}

// daysShared reports whether two of the rules may name a day in common,
// by their leading weekdays read without expressions: rules that name
// none in common are never joined, and most values are such (« Mo-Fr
// 09:00-12:00; Sa 10:00-12:00 »), so the expressions below run for few
// (they took 4 % of an import's CPU). A rule whose days cannot be read so
// counts as naming every day.
func daysShared(s string, parts [][2]int) bool {
	var seen uint8
	for _, p := range parts {
		m := quickDays(s[p[0]:p[1]])
		if seen&m != 0 {
			return true
		}
		seen |= m
	}
	return false
}

// quickDays is the set of weekdays (bit 7: PH) a rule's leading selector
// names (« Mo-We,Fr », « Sa-Mo »), or anyDay when it starts otherwise.
func quickDays(rule string) uint8 {
	i, mask, from := 0, uint8(0), -1
	for {
		for i < len(rule) && rule[i] == ' ' {
			i++
		}
		if i+2 > len(rule) {
			break
		}
		d := dayIndex(rule[i], rule[i+1])
		if d < 0 || i+2 < len(rule) && isLetter(rule[i+2]) {
			break
		}
		i += 2
		if from >= 0 {
			if d == 7 || from == 7 {
				return anyDay
			}
			for x := from; ; x = (x + 1) % 7 {
				mask |= 1 << x
				if x == d {
					break
				}
			}
			from = -1
		} else {
			mask |= 1 << d
		}
		for i < len(rule) && rule[i] == ' ' {
			i++
		}
		switch {
		case i < len(rule) && rule[i] == '-':
			from = d
			i++
		case i < len(rule) && rule[i] == ',':
			i++
		default:
			if mask == 0 {
				return anyDay
			}
			return mask
		}
	}
	if mask == 0 || from >= 0 {
		return anyDay
	}
	return mask
}

// dayIndex is the day two letters name (0 Monday … 6 Sunday, 7 PH), any
// case, or -1.
func dayIndex(a, b byte) int {
	switch string([]byte{a | 0x20, b | 0x20}) {
	case "mo":
		return 0
	case "tu":
		return 1
	case "we":
		return 2
	case "th":
		return 3
	case "fr":
		return 4
	case "sa":
		return 5
	case "su":
		return 6
	case "ph":
		return 7
	}
	return -1
}

// padRange writes a time range with two-digit hours (« 9:00-12:00 » →
// « 09:00-12:00 »), as the merged ranges are.
func padRange(r string) string {
	m := timeRangeRe.FindStringSubmatch(r)
	if m == nil {
		return r
	}
	pad := func(h string) string {
		if len(h) == 1 {
			return "0" + h
		}
		return h
	}
	return pad(m[1]) + ":" + m[2] + "-" + pad(m[3]) + ":" + m[4]
}

// Tidied is the value every write stores for s (API writes, suggestions,
// syncs, imports): rules naming the same days joined (JoinRepeatedRules),
// then the overlapping ranges of a rule merged (MergedOverlaps). said is
// what was done, in the words of the import's and the sync's warnings,
// empty when s is stored as written.
func Tidied(s string) (out string, said []string) {
	slot := &tidiedMemo[maphash.String(tidiedSeed, s)&(uint64(len(tidiedMemo))-1)]
	if m := slot.Load(); m != nil && m.in == s {
		return m.out, slices.Clone(m.said)
	}
	out, said = tidied(s)
	// The memo's own copies: s is often a cell of an import's row, whose
	// buffer the entry would otherwise keep alive.
	m := &tidiedEntry{in: strings.Clone(s), said: slices.Clone(said)}
	m.out = m.in
	if out != s {
		m.out = strings.Clone(out)
	}
	slot.Store(m)
	return out, said
}

// The last hours tidied, so that an import's places, which share a few
// ways of writing their hours, and the several readings of one place's
// hours while it is imported (mapped, normalised, prepared: three to five
// Tidied of the same text, each running the dayRanges regexp), tidy each
// text once: Tidied is a pure function of its input. Direct-mapped and
// lock-free, as commune.Resolve's memo: a slot holds the last text that
// hashed to it, and concurrent callers replace whole entries.
var (
	tidiedMemo [1 << 10]atomic.Pointer[tidiedEntry]
	tidiedSeed = maphash.MakeSeed()
)

type tidiedEntry struct {
	in, out string
	said    []string
}

// tidied is Tidied without its memo.
func tidied(s string) (out string, said []string) {
	out, joins := JoinRepeatedRules(s)
	if len(joins) > 0 {
		said = append(said, "rules naming the same days: "+joined(joins))
	}
	out, merges := MergedOverlaps(out)
	if len(merges) > 0 {
		said = append(said, "time ranges of one day overlap: "+joined(merges))
	}
	return out, said
}

// joined writes what was done, one item after the other.
func joined[T fmt.Stringer](items []T) string {
	ss := make([]string, len(items))
	for i, x := range items {
		ss[i] = x.String()
	}
	return strings.Join(ss, "; ")
}
