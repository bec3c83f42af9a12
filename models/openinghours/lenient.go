package openinghours

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Unreadable is a part of a value that ParseLenient could not read: a rule,
// or the rest of a ";"-separated part from the rule that failed.
type Unreadable struct {
	// Text is the part as written, trimmed.
	Text string
	// Err says why it was not read; Err.Pos is an offset in the whole value.
	Err *ParseError
	// days are the weekdays whose hours the part leaves unknown (bit 0 =
	// Monday), all of them when it names no day it can be tied to.
	days uint8
}

// UnknownDays returns the weekdays whose hours are unknown because of the
// part, Monday first.
func (u Unreadable) UnknownDays() []time.Weekday {
	var out []time.Weekday
	for i := range 7 {
		if u.days&(1<<i) != 0 {
			out = append(out, time.Weekday((i+1)%7))
		}
	}
	return out
}

// Effect says in English, for reports, which days the part leaves
// unknown: "hours unknown on Saturday, Sunday" or "hours unknown on every
// day".
func (u Unreadable) Effect() string {
	if u.days == allDays {
		return "hours unknown on every day"
	}
	var names []string
	for _, d := range u.UnknownDays() {
		names = append(names, d.String())
	}
	return "hours unknown on " + strings.Join(names, ", ")
}

// ParseLenient reads what it can of a value that Parse rejects. Each part
// between ";" is read on its own; a part that cannot be read is kept from
// the rule that failed to its end and reported, and the rules before it,
// in that part and in the others, are used.
//
// Dropping a rule must not open a place it would have closed: in OSM a
// later rule overrides earlier ones for the days it selects ("Mo-Sa
// 09:00-18:00; Sa off" closes Saturday), so an unreadable rule is replaced
// by an "unknown" rule (never open) on the days it names — OSM, French or
// English day names and ranges — or on every day when it names none, or
// names dates, holidays or "every day" that cannot be told apart. When its
// times might run past midnight (an end before a start, or past 24:00),
// the next days are unknown too. So "Mo-Fr 09:00-19:00; Sa 17:00" is open
// on weekdays until 19:00 and unknown on Saturday.
//
// It returns the same *Hours as Parse and no Unreadable when Parse accepts
// the value, and Parse's error when no rule at all can be read.
func ParseLenient(s string) (*Hours, []Unreadable, error) {
	h, err := Parse(s)
	if err == nil || len(s) > MaxLength {
		return h, nil, err
	}
	var rules []rule
	var bad []Unreadable
	readable := false
	for _, part := range splitRules(s) {
		got, u := parsePart(s[part[0]:part[1]], part[0])
		if len(got) > 0 {
			readable = true
			rules = append(rules, got...)
		}
		if u != nil {
			rules = append(rules, unknownRules(u, len(got) > 0)...)
			bad = append(bad, *u)
		}
	}
	if !readable {
		return nil, nil, err
	}
	h = &Hours{rules: rules}
	h.compile()
	return h, bad, nil
}

// splitRules returns the [start, end) offsets of the parts of s between
// ";" outside comments; blank parts are left out.
func splitRules(s string) [][2]int {
	var out [][2]int
	start, quoted := 0, false
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '"' {
			quoted = !quoted
		}
		if i == len(s) || (s[i] == ';' && !quoted) {
			if strings.TrimSpace(s[start:i]) != "" {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return out
}

// parsePart parses one part (no ";" outside comments) found at offset off
// of the value. It returns the rules read before the first that fails,
// and the unreadable rest, if any.
func parsePart(part string, off int) ([]rule, *Unreadable) {
	toks, lerr := lex(part)
	var rules []rule
	failAt := 0
	perr := lerr
	if lerr == nil {
		p := parser{toks: toks}
		rules, failAt, perr = p.parseRules()
		if perr == nil {
			return rules, nil
		}
	} else if prefix, err := lex(part[:lerr.Pos]); err == nil {
		// Read the rules before the character that cannot be read. The
		// last one is cut short by it, so it fails too, unless a
		// separator came just before: then a new rule starts there.
		p := parser{toks: prefix}
		rules, failAt, err = p.parseRules()
		if err == nil {
			if n := len(prefix); n >= 2 && (prefix[n-2].kind == tComma || prefix[n-2].kind == tSemi) {
				failAt = prefix[n-2].pos + 1
			} else if len(rules) > 0 {
				rules, failAt = rules[:len(rules)-1], p.starts[len(p.starts)-1]
			}
		}
	}
	text := part[failAt:]
	trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
	return rules, &Unreadable{Text: strings.TrimRightFunc(trimmed, unicode.IsSpace),
		Err: &ParseError{Pos: off + perr.Pos, Reason: perr.Reason}}
}

// unknownRules replaces an unreadable part: its days become unknown, and
// the next days too when its times may run past midnight. It records the
// days in u.
func unknownRules(u *Unreadable, additional bool) []rule {
	days, spill := namedDays(u.Text)
	u.days = days
	if days == allDays {
		return []rule{{additional: additional, mod: modUnknown}} // no selector: every day
	}
	out := []rule{{additional: additional, days: days, mod: modUnknown}}
	if spill {
		next := (days<<1 | days>>6) & allDays
		out = append(out, rule{additional: true, days: next, mod: modUnknown})
		u.days |= next
	}
	return out
}

const allDays = 0x7f

// namedDays returns the weekdays a text names (bit 0 = Monday): OSM two
// letter days, French and English day names and abbreviations, ranges
// written with "-", "au", "à" or "to" between two days. It returns all days
// when the text names none, or names what selects days it cannot tell
// (months, holidays, "semaines paires", years, "tous les jours"). Week
// numbers ("week 01-53/2 Tu") only narrow a rule to some weeks: its
// weekdays are returned, and made unknown every week. spill reports times
// that may run past midnight: an end not after the time before it, or a
// time past 24:00.
func namedDays(text string) (days uint8, spill bool) {
	broad := false
	prev := -1         // the last day named, for ranges
	rangeOpen := false // a range word was seen after prev
	lastTime := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r2, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n
			}
			w := foldWord(text[i:j])
			i = j
			if w == "week" {
				if k := skipWeekNumbers(text, i); k > i {
					// "week 01-53/2 Tu …": the week numbers narrow the
					// rule to some weeks, and are not times; its weekdays
					// still say which days it can touch.
					i, rangeOpen = k, false
					continue
				}
			}
			if d, ok := dayWords[w]; ok {
				if rangeOpen && prev >= 0 {
					for x := prev; x != d; x = (x + 1) % 7 {
						days |= 1 << x
					}
				}
				days |= 1 << d
				prev, rangeOpen = d, false
				continue
			}
			switch {
			case rangeWords[w] && prev >= 0:
				rangeOpen = true
				continue
			case broadWords[w]:
				broad = true
			default:
				if k, _ := lookupWord(w); k == wMonth || k == wPH {
					broad = true
				}
			}
			rangeOpen = false
		case r >= '0' && r <= '9':
			j := i
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			n := atoiSmall(text[i:j])
			if j-i >= 3 {
				broad = true // a year (2026) or a week number written 053
			}
			minutes := n * 60
			if j+2 < len(text) && (text[j] == ':' || text[j] == 'h' || text[j] == 'H') && isDigit(text[j+1]) && isDigit(text[j+2]) {
				minutes += atoiSmall(text[j+1 : j+3])
				j += 3
			}
			if j-i <= 6 {
				if minutes > 24*60 || minutes <= lastTime {
					spill = true
				}
				lastTime = minutes
			}
			i = j
			rangeOpen = false
		default:
			if r == '[' {
				broad = true // Mo[1]: some weeks of the month
			}
			if r == '-' || r == '\u2013' {
				rangeOpen = prev >= 0 && rangeOpen || prev >= 0 && lastDayJustBefore(text[:i])
			}
			i += size
		}
	}
	if broad || days == 0 {
		return allDays, spill
	}
	return days, spill
}

// skipWeekNumbers returns the offset after the week numbers that follow
// "week" at text[i:] ("01-53/2", "01,03, 05"), or i when no number
// follows: "week-end" is not a week-number selector.
func skipWeekNumbers(text string, i int) int {
	k := i
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k == len(text) || !isDigit(text[k]) {
		return i
	}
	for k < len(text) {
		switch {
		case isDigit(text[k]) || text[k] == ' ' || text[k] == ',' || text[k] == '-' || text[k] == '/':
			k++
		case strings.HasPrefix(text[k:], "\u2013"):
			k += len("\u2013")
		default:
			return k
		}
	}
	return k
}

// lastDayJustBefore reports whether text ends with a letter (a day name
// followed by "-" starts a range; a time followed by "-" does not).
func lastDayJustBefore(text string) bool {
	text = strings.TrimRightFunc(text, func(r rune) bool { return r == ' ' || r == '.' })
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLetter(r)
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 6; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// foldWord lower-cases a word and drops French accents.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		switch r {
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'à', 'â':
			r = 'a'
		case 'û', 'ù':
			r = 'u'
		case 'î', 'ï':
			r = 'i'
		case 'ô':
			r = 'o'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dayWords maps day names (folded) to their index, Monday = 0.
var dayWords = map[string]int{
	"mo": 0, "lundi": 0, "lun": 0, "lu": 0, "monday": 0, "mon": 0,
	"tu": 1, "mardi": 1, "mar": 1, "ma": 1, "tuesday": 1, "tue": 1, "tues": 1,
	"we": 2, "mercredi": 2, "mer": 2, "me": 2, "wednesday": 2, "wed": 2,
	"th": 3, "jeudi": 3, "jeu": 3, "je": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
	"fr": 4, "vendredi": 4, "ven": 4, "vend": 4, "ve": 4, "friday": 4, "fri": 4,
	"sa": 5, "samedi": 5, "sam": 5, "saturday": 5, "sat": 5,
	"su": 6, "dimanche": 6, "dim": 6, "di": 6, "sunday": 6, "sun": 6,
}

// rangeWords join two days into a range: "lundi au vendredi".
var rangeWords = map[string]bool{"au": true, "a": true, "to": true, "till": true, "until": true, "jusqu": true}

// broadWords select days that a weekday list cannot give: holidays,
// periods, every day, weeks, the week-end written as a word.
var broadWords = map[string]bool{
	"ph": true, "sh": true, "ferie": true, "feries": true, "vacances": true, "scolaires": true,
	"holiday": true, "holidays": true, "easter": true, "paques": true, "week": true, "weekend": true,
	"semaine": true, "semaines": true, "jours": true, "jour": true, "tlj": true, "quotidien": true, "daily": true,
	"everyday": true, "mois": true, "month": true,
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true, "juillet": true,
	"aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
	"ete": true, "hiver": true, "summer": true, "winter": true, "pair": true, "paire": true, "paires": true, "impaire": true, "impaires": true,
}
