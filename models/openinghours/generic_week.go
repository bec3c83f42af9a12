package openinghours

import (
	"regexp"
	"strings"
)

// daylessRule: a rule of opening hours that begins with a time span
// (« 08:00-17:00 », « 9-12,14-17 »): it names no day.
var daylessRule = regexp.MustCompile(`^\s*\d{1,2}(?:[:h]\d{2}|h)?\s*-\s*\d`)

// emptySpan: a time span of no length (« 11:00-11:00 »).
var emptySpan = regexp.MustCompile(`\b(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\b`)

// readable: the rule r reads whole. An unreadable rule leaves every day
// unknown (see ParseLenient) and is kept: dropping « 0-000 » from « Mo;
// 0-000 » opened Monday, which the hours leave unknown.
func readable(r string) bool {
	_, unreadable, err := ParseLenient(r)
	return err == nil && len(unreadable) == 0
}

// closingRule: a rule that closes (« 08:00-17:00 off », « We 11:00-11:00
// closed »), outside its comment.
var closingRule = regexp.MustCompile(`(?i)\b(?:off|closed)\b`)

// closes: the rule r closes what it names (its comment, between quotes,
// aside).
func closes(r string) bool {
	if i := strings.IndexByte(r, '"'); i >= 0 {
		r = r[:i]
	}
	return closingRule.MatchString(r)
}

// GenericWeekText returns hours without what says nothing of the days a place
// opens, for search's generic week (open_on and open_when), and whether
// anything was dropped: a rule naming no day (« 08:00-17:00 » alone, or
// « 9-12,14-17 » after rules with days) is OpenStreetMap's every day,
// which producers write for the hours of the days they do not say
// (« ouvert dimanche » found a CCAS open « 08:00-17:00 »); a span of no
// length (« Sa 11:00-11:00 ») is its whole day and the next. Such a rule
// leaves its days unknown (never open), as an unreadable one does. A rule
// that closes (« 08:00-17:00 off ») is kept as written: it opens no day,
// and dropping it would open the days an earlier rule opened.
func GenericWeekText(text string) (string, bool) {
	rules := strings.Split(text, ";")
	kept := rules[:0:0]
	changed := false
	for _, r := range rules {
		if closes(r) {
			kept = append(kept, r)
			continue
		}
		if daylessRule.MatchString(r) && readable(r) {
			changed = true
			continue
		}
		if emptySpan.MatchString(r) && readable(r) {
			dropped := false
			r = emptySpan.ReplaceAllStringFunc(r, func(span string) string {
				if m := emptySpan.FindStringSubmatch(span); m[1] == m[2] {
					dropped = true
					return ""
				}
				return span
			})
			if dropped {
				changed = true
				for strings.Contains(r, ",,") {
					r = strings.ReplaceAll(r, ",,", ",")
				}
				r = strings.TrimRight(strings.ReplaceAll(r, " ,", " "), ", ")
				if !strings.ContainsAny(r, "0123456789") {
					continue // nothing of its times is left
				}
			}
		}
		kept = append(kept, r)
	}
	if !changed {
		return text, false
	}
	out := strings.TrimSpace(strings.Join(kept, ";"))
	if _, _, err := ParseLenient(out); err != nil {
		// Nothing readable is left (« 0 » of « 0;0-0 »): no day is
		// known, which is the empty text.
		return "", true
	}
	return out, true
}
