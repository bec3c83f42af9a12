package openinghours

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FromFrench converts opening hours written in French the way producers of
// « lieux de médiation numérique » write them (« Du lundi au vendredi de 9h
// à 12h et de 14h à 17h », « Les mardi et jeudi de 9h30 à 12h00 »,
// « lundi 8:30-12:00 13:30-17:00\nmardi 13:30-17:00 ») to OpenStreetMap
// opening_hours (« Mo-Fr 09:00-12:00,14:00-17:00 »), and reports whether
// it could.
//
// It is conservative: it converts a text only when it understands all of
// it, and refuses anything else rather than guess — a word it does not know
// (« sur rendez-vous », « vacances scolaires », « hiver », « sauf » followed
// by other hours), an ordinal (« 1er et 3e mardi du mois », « tous les 15
// jours », « un lundi sur deux »), parentheses, times without days
// (« 9h-12h / 14h-17h »: which days?), days without times (« du lundi au
// vendredi »), a day given two overlapping sets of hours, « matin » or
// « après-midi » that contradicts the hours given. The output always
// parses with Parse.
//
// What it reads:
//
//   - days: lundi … dimanche, plurals (« les lundis »), abbreviations
//     (lun., mar., mer., jeu., ven., sam., dim.), any case, with or without
//     accents; ranges « du lundi au vendredi », « lundi au vendredi »,
//     « lundi à vendredi », « lundi-vendredi »; lists with « , », « et »,
//     « / » or spaces (« lundi, mardi et jeudi »), and a chain of three
//     days or more joined by « - » (« lundi-mardi-jeudi », a list); « tous
//     les jours » (every day) and « la semaine » (Monday to Friday);
//   - times: 14h, 14h00, 14H30, 14 h 30, 14:30, 09.30, 9 heures, « midi »,
//     and a bare hour at one end of a range whose other end says h
//     (« de 14 à 18h »); ranges with « à », « - », « / » (« 14h/17h »),
//     « de … à … »;
//   - several ranges joined by « et », « puis », « / », « - », « , »,
//     « ; »; several groups of days in one text, on one line or several;
//     the hours before the days (« 9h-12h du lundi au vendredi »);
//   - « fermé le mercredi » (the whole day), « fermé le mercredi
//     après-midi », « sauf le mercredi après-midi » (that part of the day,
//     when each range of that day is clearly morning or afternoon);
//     « matin » and « après-midi » beside hours, checked against them;
//   - « horaires d'ouverture : », « ouvert » and « accueil du public »
//     before the hours, trailing punctuation.
//
// The phrasings come from real files: Corse, Épernay, La Creuse, Angers,
// Fibre 64, Hub-lo, and the cases of the ANCT's converter in
// github.com/anct-cartographie-nationale/mednum-cli
// (src/transformer/fields/horaires, openingHoursFromWeek), which extracts
// what its patterns match and drops the rest of the text; Carnet's reading
// is written anew, and refuses a text it does not read whole.
func FromFrench(s string) (string, bool) {
	if len(s) > 2000 || !utf8.ValidString(s) {
		return "", false
	}
	toks, ok := frLex(s)
	if !ok {
		return "", false
	}
	var p frParser
	p.toks = toks
	week, ok := p.parse()
	if !ok {
		return "", false
	}
	out := frFormat(week)
	if out == "" {
		return "", false
	}
	if _, err := Parse(out); err != nil {
		return "", false
	}
	return out, true
}

type frKind uint8

const (
	frDay       frKind = iota + 1 // day: 0 Monday … 6 Sunday
	frAll                         // tous les jours
	frWeek                        // la semaine
	frTime                        // h, m; bare: no h nor colon
	frTo                          // à, a: a range of times or of days
	frAu                          // au: a range of days
	frDash                        // - – —
	frSlash                       // /
	frComma                       // , et: joins days of a list, or ranges
	frStop                        // ; : . puis: ends days, joins ranges
	frLine                        // a line break
	frClosed                      // fermé, fermeture
	frExcept                      // sauf
	frMorning                     // matin
	frAfternoon                   // après-midi
)

type frTok struct {
	kind  frKind
	day   int
	h, m  int
	bare  bool
	dayAb bool // an abbreviated day
}

// frWords are the words read as such; frNoise those that say nothing the
// hours need (articles, « de », « horaires d'ouverture »).
var frWords = map[string]frTok{
	"a": {kind: frTo}, "au": {kind: frAu},
	"et": {kind: frComma}, "puis": {kind: frStop},
	"ferme": {kind: frClosed}, "fermee": {kind: frClosed}, "fermes": {kind: frClosed}, "fermees": {kind: frClosed},
	"fermeture": {kind: frClosed}, "sauf": {kind: frExcept},
	"matin": {kind: frMorning}, "matins": {kind: frMorning}, "matinee": {kind: frMorning},
	"midi": {kind: frTime, h: 12},
}

var frNoise = map[string]bool{
	"de": true, "du": true, "d": true, "le": true, "les": true, "l": true,
	"horaires": true, "horaire": true, "ouverture": true, "ouvert": true, "ouverte": true,
	// « Accueil du public du lundi au vendredi de 9h à 12h » (Hub-lo).
	"accueil": true, "public": true,
}

var frDays = map[string]int{
	"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
	"lundis": 0, "mardis": 1, "mercredis": 2, "jeudis": 3, "vendredis": 4, "samedis": 5, "dimanches": 6,
}

var frDayAbbrevs = map[string]int{
	"lun": 0, "mar": 1, "mer": 2, "merc": 2, "jeu": 3, "ven": 4, "vend": 4, "sam": 5, "dim": 6,
}

// frFold lowers s and removes the accents of the letters French uses.
func frFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'à', 'â', 'ä':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï':
			r = 'i'
		case 'ô', 'ö':
			r = 'o'
		case 'ù', 'û', 'ü':
			r = 'u'
		case 'ç':
			r = 'c'
		case '’', 'ʼ', '‘':
			r = '\''
		case '–', '—', '‑', '−':
			r = '-'
		case '\u00a0', '\u202f', '\t':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

func frIsLetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

// frLex cuts s into tokens; it fails on a word or a sign it does not know.
func frLex(s string) ([]frTok, bool) {
	s = frFold(s)
	var toks []frTok
	var words []string // the words read, to read « tous les jours »
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\r':
			i++
		case c == '\n':
			toks = append(toks, frTok{kind: frLine})
			i++
		case c == ',':
			toks = append(toks, frTok{kind: frComma})
			i++
		case c == ';' || c == ':' || c == '.':
			toks = append(toks, frTok{kind: frStop})
			i++
		case c == '\'':
			i++ // l'après-midi, d'ouverture
		case c == '-':
			toks = append(toks, frTok{kind: frDash})
			i++
		case c == '/':
			toks = append(toks, frTok{kind: frSlash})
			i++
		case c >= '0' && c <= '9':
			t, n, ok := frLexTime(s[i:])
			if !ok {
				return nil, false
			}
			toks = append(toks, t)
			words = append(words, "#")
			i += n
		case frIsLetter(rune(c)):
			j := i
			for j < len(s) && frIsLetter(rune(s[j])) {
				j++
			}
			w := s[i:j]
			i = j
			words = append(words, w)
			if w == "apres" { // après-midi, après midi
				k := i
				for k < len(s) && (s[k] == ' ' || s[k] == '-') {
					k++
				}
				if strings.HasPrefix(s[k:], "midi") {
					i = k + 4
					if i < len(s) && s[i] == 's' {
						i++
					}
					if i < len(s) && frIsLetter(rune(s[i])) {
						return nil, false
					}
					toks = append(toks, frTok{kind: frAfternoon})
					continue
				}
				return nil, false
			}
			n := len(words)
			switch {
			case w == "jours" && n >= 3 && words[n-2] == "les" && words[n-3] == "tous":
				toks = append(toks, frTok{kind: frAll})
			case w == "semaine" && n >= 2 && words[n-2] == "la":
				toks = append(toks, frTok{kind: frWeek})
			case frNoise[w] || w == "tous" || w == "la":
				// « tous » and « la » say something only before « les
				// jours » and « semaine »; alone they are articles.
			default:
				if d, ok := frDays[w]; ok {
					toks = append(toks, frTok{kind: frDay, day: d})
				} else if d, ok := frDayAbbrevs[w]; ok {
					toks = append(toks, frTok{kind: frDay, day: d, dayAb: true})
					if i < len(s) && s[i] == '.' {
						i++ // the abbreviation's dot
					}
				} else if t, ok := frWords[w]; ok {
					toks = append(toks, t)
				} else {
					return nil, false
				}
			}
		default:
			return nil, false // parentheses, +, *, digits glued to words…
		}
	}
	return toks, true
}

// frLexTime reads a time at the start of s (a digit): 9, 9h, 9h30, 9 h 30,
// 9:30, 09.30, 9 heures, 9h30h. It fails on « 1er », « 3e », « 13h030 »
// and numbers of more than two digits.
func frLexTime(s string) (frTok, int, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 2 {
		return frTok{}, 0, false
	}
	h := atoi(s[:i])
	t := frTok{kind: frTime, h: h, bare: true}
	skip := func(j int) int {
		for j < len(s) && s[j] == ' ' {
			j++
		}
		return j
	}
	two := func(j int) (int, bool) { // two digits at s[j:] and no third
		if j+2 <= len(s) && isDigit(s[j]) && isDigit(s[j+1]) && (j+2 == len(s) || !isDigit(s[j+2])) {
			return atoi(s[j : j+2]), true
		}
		return 0, false
	}
	j := skip(i)
	switch {
	case j < len(s) && s[j] == 'h':
		t.bare = false
		j++
		if strings.HasPrefix(s[j:], "eures") {
			j += 5
		} else if strings.HasPrefix(s[j:], "eure") {
			j += 4
		}
		end := j
		k := skip(j)
		if m, ok := two(k); ok {
			// « 9 h 30 », but not « 16 h 18 h » (two times).
			after := skip(k + 2)
			if k == j || after >= len(s) || (s[after] != 'h' && s[after] != ':') {
				t.m, end = m, k+2
				if end < len(s) && s[end] == 'h' && (end+1 == len(s) || !frIsLetter(rune(s[end+1]))) {
					end++ // 09h30h
				}
			}
		} else if k < len(s) && isDigit(s[k]) && k == j {
			return frTok{}, 0, false // 13h030, 9h3
		}
		i = end
	case j < len(s) && s[j] == ':' || i < len(s) && s[i] == '.':
		if s[i] == '.' {
			j = i
		}
		m, ok := two(skip(j + 1))
		switch {
		case ok:
			t.bare, t.m = false, m
			i = skip(j+1) + 2
		case s[j] == '.':
			return t, i, true // a full stop after a bare number
		case skip(j+1) < len(s) && isDigit(s[skip(j+1)]):
			return frTok{}, 0, false // 9:3
		default:
			// « 9: à 13: », as forms export hours without minutes.
			t.bare = false
			i = j + 1
		}
	}
	if i < len(s) && frIsLetter(rune(s[i])) && (t.bare || !frStartsWord(s[i:])) {
		// « 1er », « 3e », « 2eme », « 7j »: not a time. (« 14hà » is a
		// time followed by « à », « Jeudi10h » a day then a time.)
		return frTok{}, 0, false
	}
	if t.h > 24 || t.m > 59 {
		return frTok{}, 0, false
	}
	return t, i, true
}

// frStartsWord reports whether s starts with a word the lexer knows, as in
// « 14hà 17h » or « Jeudi10h », so that a time glued to it is still a time.
func frStartsWord(s string) bool {
	j := 0
	for j < len(s) && frIsLetter(rune(s[j])) {
		j++
	}
	w := s[:j]
	_, day := frDays[w]
	_, word := frWords[w]
	return day || word || frNoise[w]
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

type frRange struct{ from, to int } // minutes

type frGroup struct {
	days   [7]bool
	ranges []frRange
	closed bool
	part   frKind // frMorning or frAfternoon on a closed group: that part only
}

type frParser struct {
	toks []frTok
	i    int
}

func (p *frParser) peek(k int) frTok {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return frTok{}
}

// skipSeps skips separators (not line breaks unless lines) and returns
// whether any was skipped.
func (p *frParser) skipSeps(lines bool) {
	for p.i < len(p.toks) {
		switch p.toks[p.i].kind {
		case frComma, frStop, frDash, frSlash:
		case frLine:
			if !lines {
				return
			}
		default:
			return
		}
		p.i++
	}
}

// parse reads the whole text into a week of ranges, or fails.
func (p *frParser) parse() ([7][]frRange, bool) {
	var week [7][]frRange
	var groups []*frGroup
	var cur *frGroup
	var leading []frRange // hours before any day (« 9h-12h du lundi au vendredi »)
	closedNext := false   // « fermé » before days
	part := frKind(0)     // matin / après-midi in force in the current group
	for {
		p.skipSeps(true)
		if p.i >= len(p.toks) {
			break
		}
		t := p.toks[p.i]
		switch t.kind {
		case frDay, frAll, frWeek:
			days, ok := p.days()
			if !ok {
				return week, false
			}
			if len(leading) > 0 {
				// Hours then days, and nothing after.
				if cur != nil || closedNext {
					return week, false
				}
				p.skipSeps(true)
				if p.i < len(p.toks) {
					return week, false
				}
				cur = &frGroup{days: days, ranges: leading}
				groups = append(groups, cur)
				leading = nil
				continue
			}
			if cur != nil && !cur.closed && len(cur.ranges) == 0 {
				return week, false // days without hours
			}
			cur = &frGroup{days: days, closed: closedNext}
			closedNext, part = false, 0
			groups = append(groups, cur)
		case frClosed, frExcept:
			p.i++
			if t.kind == frExcept && (cur == nil || cur.closed || len(cur.ranges) == 0) {
				return week, false // « sauf » follows hours it makes an exception to
			}
			if t.kind == frClosed && cur != nil && !cur.closed && len(cur.ranges) == 0 {
				cur.closed, cur.part = true, part // « samedi : fermé », « lundi matin fermé »
				continue
			}
			if closedNext {
				return week, false
			}
			closedNext = true
		case frMorning, frAfternoon:
			p.i++
			if cur == nil || closedNext || (cur.closed && cur.part != 0) {
				return week, false
			}
			if cur.closed {
				cur.part = t.kind
			} else {
				part = t.kind
			}
		case frTime:
			r, ok := p.timeRange()
			if !ok || closedNext {
				return week, false
			}
			if part != 0 && !frIsPart(r, part) {
				return week, false // « matin » beside afternoon hours
			}
			switch {
			case cur == nil:
				leading = append(leading, r)
			case cur.closed:
				return week, false // a closure with hours: an exception
			default:
				cur.ranges = append(cur.ranges, r)
			}
		default: // à or au out of place
			return week, false
		}
	}
	if len(leading) > 0 || closedNext || len(groups) == 0 {
		return week, false
	}
	for _, g := range groups {
		if !g.closed {
			if len(g.ranges) == 0 {
				return week, false
			}
			for d := range 7 {
				if g.days[d] {
					for _, r := range g.ranges {
						if !slices.Contains(week[d], r) {
							week[d] = append(week[d], r)
						}
					}
				}
			}
		}
	}
	for _, g := range groups {
		if !g.closed {
			continue
		}
		for d := range 7 {
			if !g.days[d] {
				continue
			}
			if g.part == 0 {
				week[d] = nil
				continue
			}
			other := frKind(frMorning)
			if g.part == frMorning {
				other = frAfternoon
			}
			var kept []frRange
			for _, r := range week[d] {
				in, out := frIsPart(r, g.part), frIsPart(r, other)
				if in == out {
					return week, false // 9h-17h, closed in the afternoon?
				}
				if out {
					kept = append(kept, r)
				}
			}
			week[d] = kept
		}
	}
	for d := range 7 {
		slices.SortFunc(week[d], func(a, b frRange) int { return a.from - b.from })
		for k := 1; k < len(week[d]); k++ {
			if week[d][k].from < week[d][k-1].to {
				return week, false // two sets of hours for one day
			}
		}
	}
	return week, true
}

// frIsPart reports whether r is clearly in the morning (ends by 14:00 and
// starts before noon) or the afternoon (starts from 11:00 and ends after
// noon).
func frIsPart(r frRange, part frKind) bool {
	if part == frMorning {
		return r.from < 12*60 && r.to <= 14*60
	}
	return r.from >= 11*60 && r.to > 12*60
}

// days reads a set of days: one day, a range, a list, « tous les jours ».
func (p *frParser) days() ([7]bool, bool) {
	var set [7]bool
	t := p.toks[p.i]
	if t.kind == frAll || t.kind == frWeek {
		p.i++
		n := 7
		if t.kind == frWeek {
			n = 5
		}
		for d := range n {
			set[d] = true
		}
		return set, true
	}
	var items [][2]int // single days (a == b) or ranges
	dashChain := 0     // days joined by dashes in a row
	maxChain := 0
	for {
		t := p.toks[p.i]
		p.i++
		from := t.day
		// A range: « lundi au vendredi », « lundi à vendredi ».
		if k := p.peek(0).kind; (k == frAu || k == frTo) && p.peek(1).kind == frDay {
			to := p.peek(1).day
			if to <= from {
				return set, false
			}
			items = append(items, [2]int{from, to})
			p.i += 2
			dashChain = 0
		} else {
			items = append(items, [2]int{from, from})
		}
		// The next day of the list, if any.
		j := p.i
		dash := false
		for j < len(p.toks) {
			k := p.toks[j].kind
			if k == frComma || k == frSlash || k == frDash {
				dash = dash || k == frDash
				j++
				continue
			}
			break
		}
		if j >= len(p.toks) || p.toks[j].kind != frDay {
			break
		}
		// Separators between days in a list: « , », « et », « / », « - »,
		// nothing; not « ; », « : » or « . », which end a sentence
		// (« Du lundi au vendredi. Samedi 9h-12h » is not a list).
		if dash && j == p.i+1 && items[len(items)-1][0] == items[len(items)-1][1] {
			if dashChain == 0 {
				dashChain = 1
			}
			dashChain++
		} else {
			dashChain = 0
		}
		maxChain = max(maxChain, dashChain)
		p.i = j
	}
	// Two days joined by a dash are a range (« lundi-vendredi »), three or
	// more a list (« lundi-mardi-jeudi »); a dashed pair inside a longer
	// list is either: refused.
	if maxChain == 2 {
		if len(items) != 2 {
			return set, false
		}
		if items[1][0] <= items[0][0] {
			return set, false
		}
		items = [][2]int{{items[0][0], items[1][0]}}
	}
	for _, it := range items {
		for d := it[0]; d <= it[1]; d++ {
			set[d] = true
		}
	}
	return set, true
}

// timeRange reads « 9h - 12h », « 9h à 12h », « 14h/17h »; p.i is on
// the first time.
func (p *frParser) timeRange() (frRange, bool) {
	a := p.toks[p.i]
	if k := p.peek(1).kind; k != frDash && k != frTo && k != frSlash {
		return frRange{}, false
	}
	b := p.peek(2)
	if b.kind != frTime {
		return frRange{}, false
	}
	p.i += 3
	if a.bare && b.bare {
		return frRange{}, false // « 10-12 »: hours or something else?
	}
	r := frRange{a.h*60 + a.m, b.h*60 + b.m}
	if r.from >= 24*60 || r.to > 24*60 || r.from >= r.to {
		return frRange{}, false
	}
	return r, true
}

var frOSMDays = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

// frFormat writes the week as opening_hours: days with the same hours
// together, in the order of their first day.
func frFormat(week [7][]frRange) string {
	var rules []string
	done := [7]bool{}
	for d := range 7 {
		if done[d] || len(week[d]) == 0 {
			continue
		}
		var same []int
		for e := d; e < 7; e++ {
			if !done[e] && slices.Equal(week[e], week[d]) {
				same = append(same, e)
				done[e] = true
			}
		}
		var days []string
		for k := 0; k < len(same); {
			j := k
			for j+1 < len(same) && same[j+1] == same[j]+1 {
				j++
			}
			switch {
			case j-k >= 2:
				days = append(days, frOSMDays[same[k]]+"-"+frOSMDays[same[j]])
			default:
				for x := k; x <= j; x++ {
					days = append(days, frOSMDays[same[x]])
				}
			}
			k = j + 1
		}
		var spans []string
		for _, r := range week[d] {
			spans = append(spans, fmt.Sprintf("%02d:%02d-%02d:%02d", r.from/60, r.from%60, r.to/60, r.to%60))
		}
		rules = append(rules, strings.Join(days, ",")+" "+strings.Join(spans, ","))
	}
	return strings.Join(rules, "; ")
}
