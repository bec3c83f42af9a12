package openinghours

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// MaxLength bounds the input of Parse. OSM itself caps tag values at 255
// characters; we allow more for pasted data, but not so much that a
// hostile value could make Parse (whose precomputation is quadratic in
// the number of time spans) slow.
const MaxLength = 1024

// Parse parses an OSM opening_hours value (the subset described in the
// package documentation). On failure it returns a *ParseError. Equal
// inputs may give the same *Hours (see memo): an Hours is immutable.
func Parse(s string) (*Hours, error) {
	if len(s) > MaxLength {
		return nil, errorf(MaxLength, "value is too long (%d bytes, at most %d)", len(s), MaxLength)
	}
	slot := &memo[maphash.String(memoSeed, s)&(uint64(len(memo))-1)]
	if m := slot.Load(); m != nil && m.s == s {
		return m.h, nil
	}
	h, err := parse(s)
	if err == nil {
		slot.Store(&memoEntry{s: strings.Clone(s), h: h}) // not the caller's whole line
	}
	return h, err
}

// The last values parsed: an import reads a place's hours, then validates
// them twice (when the row is mapped and when the record is written), and
// the places of one producer often share their hours. Parse is a pure
// function of its input and an Hours never changes once parsed, so a value
// seen lately is answered from memory. Direct-mapped and lock-free: a slot
// holds the last value that hashed to it; errors are not kept.
var (
	memo     [1 << 10]atomic.Pointer[memoEntry]
	memoSeed = maphash.MakeSeed()
)

type memoEntry struct {
	s string
	h *Hours
}

func parse(s string) (*Hours, error) {
	toks, lerr := lex(s)
	if lerr != nil {
		return nil, lerr
	}
	p := parser{toks: toks}
	rules, _, perr := p.parseRules()
	if perr != nil {
		return nil, perr
	}
	h := &Hours{rules: rules}
	h.compile()
	return h, nil
}

type parser struct {
	toks []token
	i    int
	// starts holds the byte offset of each rule parseRules began.
	starts []int
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt looks n tokens ahead; past the end it returns the EOF token.
func (p *parser) peekAt(n int) token {
	if p.i+n >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+n]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// parenError explains a « ( » where a rule or a time was expected. OSM
// reads parentheses only around variable times, « (sunrise-01:00) », which
// are not supported: that is the reason only when a variable time follows.
// Any other « ( » is told as what it is, a parenthesis left open or out of
// place (500 « ( » were answered « variable times … are not supported »).
func (p *parser) parenError(t, after token) *ParseError {
	if after.kind == tWord {
		switch strings.ToLower(after.text) {
		case "sunrise", "sunset", "dawn", "dusk":
			return errorf(t.pos, "variable times (sunrise, sunset, dawn, dusk) are not supported")
		}
	}
	depth := 0
	for _, u := range p.toks {
		if u.pos < t.pos || u.kind != tOther {
			continue
		}
		switch u.text {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth == 0 {
			return errorf(t.pos, `unexpected "(": parentheses are read only around variable times, which are not supported`)
		}
	}
	return errorf(t.pos, `unbalanced "(": no ")" closes it`)
}

// parseRules reads rules separated by ";" (a later rule replaces earlier
// ones for the days it selects) or "," (an additional rule that adds to
// them). Empty rules ("a;;b", a trailing ";" or ",") are skipped, as
// opening_hours.js does.
//
// On failure it also returns the rules read before the one that failed,
// and the byte offset where that one starts: ParseLenient keeps them.
// Words that cannot continue a complete rule ("Mo 09:00-12:00 sur rdv")
// count as part of it, so that rule is the one that failed.
func (p *parser) parseRules() ([]rule, int, *ParseError) {
	var rules []rule
	additional := false
	for {
		t := p.peek()
		switch t.kind {
		case tEOF:
			if len(rules) == 0 {
				return nil, t.pos, errorf(t.pos, `empty value: expected opening hours such as "Mo-Fr 09:00-18:00"`)
			}
			return rules, t.pos, nil
		case tSemi:
			p.next()
			additional = false
			continue
		}
		start := t.pos
		p.starts = append(p.starts, start)
		r, err := p.parseRule()
		if err != nil {
			return rules, start, err
		}
		r.additional = additional && len(rules) > 0
		rules = append(rules, r)

		t = p.peek()
		switch t.kind {
		case tEOF:
			return rules, t.pos, nil
		case tSemi:
			p.next()
			additional = false
		case tComma:
			p.next()
			additional = true
		case tPipe:
			return rules[:len(rules)-1], start, errorf(t.pos, `fallback rules ("||") are not supported`)
		default:
			return rules[:len(rules)-1], start, p.unexpectedAfterRule(t)
		}
	}
}

// unexpectedAfterRule explains a token that cannot continue the rule.
func (p *parser) unexpectedAfterRule(t token) *ParseError {
	kind, _ := classify(t)
	switch {
	case kind == wWeekday:
		return errorf(t.pos, `unexpected weekday %s: separate rules with ";" (e.g. "Mo 09:00-12:00; Tu 14:00-18:00")`, t.describe())
	case kind == wMonth:
		return errorf(t.pos, `unexpected month %s: months must come first in a rule (e.g. "Jul-Aug Mo-Fr 10:00-12:00")`, t.describe())
	case kind == wWeek:
		return errorf(t.pos, `unexpected %s: week numbers come first in a rule, after the months (e.g. "Jan-Jun week 01-53/2 Tu 09:00-12:30")`, t.describe())
	case kind == wPH:
		return errorf(t.pos, `unexpected "PH": list it with the weekdays (e.g. "Mo-Fr,PH 09:00-12:00") or in its own rule ("; PH off")`)
	case kind == wState:
		return errorf(t.pos, `unexpected %s: a rule has at most one state (open, off, closed, unknown), before its comment`, t.describe())
	case t.kind == tWord:
		return unsupportedWord(t)
	case t.kind == tTime || t.kind == tNum:
		return errorf(t.pos, `unexpected time %s: separate time spans with "," (e.g. "09:00-12:00,14:00-18:00")`, t.describe())
	case t.kind == tComment:
		return errorf(t.pos, "unexpected comment: a rule has at most one comment, at its end")
	case t.kind == tPlus:
		return errorf(t.pos, `open-ended times ("10:00+") are not supported`)
	}
	return errorf(t.pos, `unexpected %s: expected ";" between rules`, t.describe())
}

// parseRule reads one rule: [dates] [weeks] [weekdays/PH] [times | 24/7]
// [state] [comment], the order of the OSM specification (the wide range
// selectors, then the small ones).
func (p *parser) parseRule() (rule, *ParseError) {
	var r rule
	start := p.i

	if t := p.peek(); t.kind == tNum && t.ndig == 4 {
		return r, errorf(t.pos, "year selectors (like 2026) are not supported")
	}
	if kind, _ := classify(p.peek()); kind == wMonth {
		if err := p.parseDates(&r); err != nil {
			return r, err
		}
		if p.peek().kind == tColon { // optional "Jul: Mo-Fr" readability colon
			p.next()
		}
	}
	if kind, _ := classify(p.peek()); kind == wWeek {
		if err := p.parseWeeks(&r); err != nil {
			return r, err
		}
		if p.peek().kind == tColon { // "week 01-53/2: Tu"
			p.next()
		}
	}
	if kind, _ := classify(p.peek()); kind == wWeekday || kind == wPH {
		if err := p.parseDays(&r); err != nil {
			return r, err
		}
	}
	switch t := p.peek(); t.kind {
	case tNum, tTime:
		if p.at247() {
			if err := p.parse247(); err != nil {
				return r, err
			}
			r.always = true
		} else if err := p.parseSpans(&r); err != nil {
			return r, err
		}
	case tWord:
		if kind, _ := classify(t); kind == wUnknownWord {
			return r, unsupportedWord(t)
		}
	case tOther:
		if t.text == "(" {
			return r, p.parenError(t, p.peekAt(1))
		}
	}
	if kind, v := classify(p.peek()); kind == wState {
		p.next()
		r.mod = modifier(v)
	}
	if t := p.peek(); t.kind == tComment {
		p.next()
		r.comment, r.hasComment = t.text, true
	}
	if p.i == start {
		t := p.peek()
		if t.kind == tWord {
			if kind, _ := classify(t); kind == wUnknownWord {
				return r, unsupportedWord(t)
			}
		}
		if t.kind == tPipe {
			return r, errorf(t.pos, `fallback rules ("||") are not supported`)
		}
		return r, errorf(t.pos, "expected a weekday (Mo-Su), PH, a month, week numbers, a time like 09:00, 24/7, open, off or a comment, found %s", t.describe())
	}
	return r, nil
}
