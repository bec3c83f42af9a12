package openinghours

import (
	"regexp"
	"strings"
)

// RuleSeparators puts back the « ; » between rules written one after the
// other without it (« Mo, Fr 14:00-17:00 We 09:00-12:00 »: Le Havre's
// file), outside comments, and reports whether it changed anything: a
// weekday or PH right after a time, with only spaces between, starts a new
// rule — OSM has no other reading of it, a time being followed only by
// another range, a state or a comment. (« , » between rules is OSM's
// additional rule separator, valid as it is.) Producers publish such values in the standard's horaires
// column; Parse refuses them, and an import may read them through this
// rewrite when that reads more of the value.
func RuleSeparators(s string) (string, bool) {
	parts := strings.Split(s, `"`)
	changed := false
	for i := 0; i < len(parts); i += 2 { // outside comments
		if r := ruleAfterTime.ReplaceAllString(parts[i], "$1; $2"); r != parts[i] {
			parts[i], changed = r, true
		}
	}
	if !changed {
		return s, false
	}
	return strings.Join(parts, `"`), true
}

var ruleAfterTime = regexp.MustCompile(`([0-9]{1,2}:[0-9]{2}\+?)\s+((?:Mo|Tu|We|Th|Fr|Sa|Su|PH)\b)`)
