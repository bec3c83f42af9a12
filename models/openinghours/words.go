package openinghours

import "strings"

var weekdayNames = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

var monthNames = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// daysInMonth allows 29 February: the selector then simply never matches
// in common years.
var daysInMonth = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

type wordKind uint8

const (
	wUnknownWord wordKind = iota
	wWeekday
	wMonth
	wPH
	wState
	wWeek // "week", which starts a week-number selector
)

// classify returns the keyword kind and value of a token (wUnknownWord
// for anything that is not a known keyword).
func classify(t token) (wordKind, int) {
	if t.kind != tWord {
		return wUnknownWord, 0
	}
	return t.word, t.wval
}

// lookupWord recognises keywords case-insensitively, as opening_hours.js
// does ("mo-fr" is accepted and printed back as "Mo-Fr").
func lookupWord(w string) (wordKind, int) {
	switch len(w) {
	case 2:
		for i, n := range weekdayNames {
			if asciiEqualFold(w, n) {
				return wWeekday, i
			}
		}
		if asciiEqualFold(w, "PH") {
			return wPH, 0
		}
	case 3:
		for i := 1; i < len(monthNames); i++ {
			if asciiEqualFold(w, monthNames[i]) {
				return wMonth, i
			}
		}
		if asciiEqualFold(w, "off") {
			return wState, int(modOff)
		}
	case 4:
		if asciiEqualFold(w, "open") {
			return wState, int(modOpen)
		}
		if asciiEqualFold(w, "week") {
			return wWeek, 0
		}
	default:
		switch {
		case asciiEqualFold(w, "closed"):
			return wState, int(modOff)
		case asciiEqualFold(w, "unknown"):
			return wState, int(modUnknown)
		}
	}
	return wUnknownWord, 0
}

// asciiEqualFold is strings.EqualFold restricted to ASCII, so that Unicode
// folding ("cloſed" with a long s) cannot turn an odd word into a keyword.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// unsupportedWord explains words that are valid OSM syntax outside the
// subset we implement, or common mistakes, so that the user is not left
// with a bare "unexpected word".
func unsupportedWord(t token) *ParseError {
	w := strings.ToLower(t.text)
	switch w {
	case "sh":
		return errorf(t.pos, "school holidays (SH) are not supported")
	case "easter":
		return errorf(t.pos, "easter-relative dates are not supported")
	case "sunrise", "sunset", "dawn", "dusk":
		return errorf(t.pos, "variable times (sunrise, sunset, dawn, dusk) are not supported")
	case "day", "days":
		return errorf(t.pos, "date offsets (+2 days) are not supported")
	case "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"lun", "mar", "mer", "jeu", "ven", "sam", "dim",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return errorf(t.pos, "unknown weekday %q: weekdays are written Mo, Tu, We, Th, Fr, Sa, Su", t.text)
	case "ferme", "fermé", "ouvert", "jf", "feries", "fériés", "et", "and", "h":
		return errorf(t.pos, "unknown word %q: use the OSM keywords (Mo-Su, PH, off, open) and put free text between double quotes", t.text)
	}
	return errorf(t.pos, "unknown word %q: expected a weekday (Mo-Su), a month (Jan-Dec), PH, open, off, closed or unknown", t.text)
}
