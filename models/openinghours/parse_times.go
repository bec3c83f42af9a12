package openinghours

// at247 reports whether the next tokens start "24/7" (so that "Jan 24/7"
// is not read as 24 January).
func (p *parser) at247() bool {
	t := p.peek()
	return t.kind == tNum && t.num == 24 && t.ndig == 2 && p.peekAt(1).kind == tSlash
}

func (p *parser) parse247() *ParseError {
	p.next() // 24
	p.next() // /
	t := p.next()
	if t.kind != tNum || t.num != 7 {
		return errorf(t.pos, `expected "24/7", found "24/" followed by %s`, t.describe())
	}
	return nil
}

// parseSpans reads a comma list of time spans such as 09:00-12:00.
func (p *parser) parseSpans(r *rule) *ParseError {
	for {
		startTok := p.peek()
		from, err := p.time(false)
		if err != nil {
			return err
		}
		switch t := p.peek(); t.kind {
		case tPlus:
			return errorf(t.pos, `open-ended times ("10:00+") are not supported`)
		case tDash:
			p.next()
		default:
			return errorf(t.pos, `expected "-" and an end time after %s (single points in time are not supported), found %s`, startTok.describe(), t.describe())
		}
		if from >= 1440 {
			return errorf(startTok.pos, "a time span cannot start at 24:00 or later")
		}
		endTok := p.peek()
		to, err := p.time(true)
		if err != nil {
			return err
		}
		switch t := p.peek(); {
		case t.kind == tPlus:
			return errorf(t.pos, `open-ended times ("10:00+") are not supported`)
		case t.kind == tDash:
			return errorf(t.pos, `unexpected "-" after %s: a time span has one start and one end; separate spans with "," (e.g. "09:00-12:00,14:00-18:00")`, endTok.describe())
		case t.kind == tSlash:
			return errorf(t.pos, `periodic times ("10:00-16:00/01:00") are not supported`)
		case t.kind == tColon:
			return errorf(t.pos, `unexpected ":" after %s: write times as HH:MM (e.g. "14:00-18:10")`, endTok.describe())
		}
		// OSM: an end before (or equal to) the start runs past midnight.
		// (It then stays below 48:00, the limit time() enforces.)
		if to <= from {
			to += 1440
		}
		r.spans = append(r.spans, span{from, to})

		if p.peek().kind != tComma {
			return nil
		}
		if n := p.peekAt(1); n.kind != tTime && n.kind != tNum {
			return nil // "," starts an additional rule
		}
		p.next()
	}
}

// time reads HH:MM, or a bare hour (H or HH) as opening_hours.js
// tolerates, and returns minutes since midnight. An end time may go up to
// 48:00 (OSM extended time).
func (p *parser) time(isEnd bool) (int, *ParseError) {
	t := p.next()
	switch t.kind {
	case tTime, tNum:
	case tWord:
		if k, _ := classify(t); k == wUnknownWord {
			return 0, unsupportedWord(t)
		}
		return 0, errorf(t.pos, "expected a time like 09:00, found %s", t.describe())
	case tOther:
		if t.text == "(" {
			return 0, p.parenError(t, p.peek())
		}
		return 0, errorf(t.pos, "expected a time like 09:00, found %s", t.describe())
	default:
		return 0, errorf(t.pos, "expected a time like 09:00, found %s", t.describe())
	}
	if t.kind == tNum && t.ndig > 2 {
		return 0, errorf(t.pos, "expected a time like 09:00, found %s", t.describe())
	}
	maxHour := 24
	if isEnd {
		maxHour = 48
	}
	if t.num > maxHour {
		if isEnd {
			return 0, errorf(t.pos, "hour %d is out of range (00-24, or up to 48 for an end past midnight)", t.num)
		}
		return 0, errorf(t.pos, "hour %d is out of range (00-24)", t.num)
	}
	if t.min > 59 {
		return 0, errorf(t.pos+t.ndig+1, "minutes %02d are out of range (00-59)", t.min)
	}
	m := t.num*60 + t.min
	if m > maxHour*60 {
		return 0, errorf(t.pos, "time %02d:%02d is out of range (at most %02d:00)", t.num, t.min, maxHour)
	}
	return m, nil
}
