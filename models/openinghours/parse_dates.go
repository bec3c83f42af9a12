package openinghours

// parseDays reads a comma list of weekdays, weekday ranges and PH.
func (p *parser) parseDays(r *rule) *ParseError {
	for {
		t := p.next()
		kind, wd := classify(t)
		switch kind {
		case wPH:
			r.ph = true
			if k, _ := classify(p.peek()); k == wWeekday {
				return errorf(p.peek().pos, `"PH" followed by weekdays without a comma (holidays falling on those days) is not supported; write "Mo-Fr,PH" for either`)
			}
		case wWeekday:
			last := wd
			if p.peek().kind == tDash {
				p.next()
				t2 := p.next()
				k2, wd2 := classify(t2)
				if k2 == wUnknownWord && t2.kind == tWord {
					return unsupportedWord(t2)
				}
				if k2 != wWeekday {
					return errorf(t2.pos, `expected a weekday after "-", found %s`, t2.describe())
				}
				last = wd2
			}
			for d := wd; ; d = (d + 1) % 7 { // Sa-Mo wraps over the week end
				r.days |= 1 << d
				if d == last {
					break
				}
			}
			if n := p.peek(); n.kind == tOther && n.text == "[" {
				return errorf(n.pos, "nth-weekday selectors (Mo[1]) are not supported")
			}
		default:
			if t.kind == tWord && kind == wUnknownWord {
				return unsupportedWord(t)
			}
			return errorf(t.pos, `expected a weekday (Mo-Su) or PH after ",", found %s`, t.describe())
		}
		if p.peek().kind != tComma {
			break
		}
		n := p.peekAt(1)
		if k, _ := classify(n); k == wWeekday || k == wPH || (n.kind == tWord && k == wUnknownWord) {
			p.next()
			continue
		}
		if n.kind == tTime || n.kind == tNum {
			return errorf(p.peek().pos, `unexpected "," between weekdays and times: use a space (e.g. "Mo-Fr 09:00-12:00")`)
		}
		// "Mo-Fr, off" would otherwise read as an all-day rule plus an
		// additional one, which is never what was meant.
		return errorf(n.pos, `expected a weekday (Mo-Su) or PH after ",", found %s`, n.describe())
	}
	if t := p.peek(); t.kind == tWord {
		switch kind, _ := classify(t); kind {
		case wMonth:
			return errorf(t.pos, `months must come before weekdays (e.g. "Jul-Aug Mo-Fr")`)
		case wWeek:
			return errorf(t.pos, `week numbers must come before weekdays (e.g. "week 01-53/2 Tu 09:00-12:30")`)
		}
	}
	return nil
}

// parseWeeks reads "week" and a comma list of ISO week numbers (01-53),
// ranges and ranges with a step: week 05; week 10-20; week 01-53/2; week
// 01,03,05. Like opening_hours.js it refuses a range that goes backwards
// (no wrapping over the new year) and a step outside 2-26.
func (p *parser) parseWeeks(r *rule) *ParseError {
	after := p.next().text // "week", as written
	for {
		from, err := p.weekNumber(after)
		if err != nil {
			return err
		}
		wr := weekRange{from: uint8(from), to: uint8(from)}
		if p.peek().kind == tDash {
			after = p.next().text
			toTok := p.peek()
			to, err := p.weekNumber(after)
			if err != nil {
				return err
			}
			if to < from {
				return errorf(toTok.pos, `week range %02d-%02d goes backwards (a range cannot wrap over the new year: write "week %02d-53,01-%02d")`, from, to, from, to)
			}
			wr.to = uint8(to)
			if p.peek().kind == tSlash {
				p.next()
				st := p.next()
				switch {
				case st.kind != tNum:
					return errorf(st.pos, `expected a step (2-26) after "/", found %s`, st.describe())
				case st.num < 2:
					return errorf(st.pos, `a step of %d selects every week of the range: omit "/%s"`, st.num, st.text)
				case st.num > 26:
					return errorf(st.pos, "a step of %d is more than 26 (half of the 53 weeks of a year): list the weeks instead", st.num)
				}
				wr.step = uint8(st.num)
			}
		} else if t := p.peek(); t.kind == tSlash {
			return errorf(t.pos, `a step needs a range of weeks (e.g. "week 01-53/2")`)
		}
		r.weeks = append(r.weeks, wr)
		if p.peek().kind != tComma {
			break
		}
		after = p.next().text
	}
	if t := p.peek(); t.kind == tNum && t.ndig == 4 {
		return errorf(t.pos, "year selectors (like 2026) are not supported")
	}
	if kind, _ := classify(p.peek()); kind == wMonth {
		return errorf(p.peek().pos, `months must come before week numbers (e.g. "Jan-Jun week 01-53/2")`)
	}
	return nil
}

// weekNumber reads an ISO week number, written with one or two digits.
func (p *parser) weekNumber(after string) (int, *ParseError) {
	t := p.next()
	switch {
	case t.kind != tNum:
		return 0, errorf(t.pos, "expected a week number (01-53) after %q, found %s", after, t.describe())
	case t.ndig > 2:
		return 0, errorf(t.pos, "expected a week number (01-53), found %s", t.describe())
	case t.num < 1 || t.num > 53:
		return 0, errorf(t.pos, "week %d does not exist: ISO week numbers run from 01 to 53", t.num)
	}
	return t.num, nil
}

// parseDates reads a comma list of month and month-day selectors: Jul,
// Jan-Jun, Dec 25, Dec 24-26, Dec 24-Jan 02, Dec 24,31.
func (p *parser) parseDates(r *rule) *ParseError {
	prevMonth := 0
	for {
		t := p.peek()
		var dr dateRange
		if kind, m := classify(t); kind == wMonth {
			p.next()
			dr.fromMonth, dr.toMonth = uint8(m), uint8(m)
		} else if t.kind == tNum && prevMonth != 0 { // "Dec 24,31": same month as before
			dr.fromMonth, dr.toMonth = uint8(prevMonth), uint8(prevMonth)
		} else {
			return errorf(t.pos, `expected a month (Jan-Dec) after ",", found %s`, t.describe())
		}
		if p.peek().kind == tNum && !p.at247() {
			if err := p.parseMonthDays(&dr); err != nil {
				return err
			}
		} else if p.peek().kind == tDash {
			p.next()
			t2 := p.next()
			k2, m2 := classify(t2)
			if k2 != wMonth {
				return errorf(t2.pos, `expected a month after "-", found %s`, t2.describe())
			}
			if p.peek().kind == tNum && !p.at247() {
				return errorf(p.peek().pos, `a month range cannot end on a day; write both days (e.g. "Jan 01-Mar 15")`)
			}
			dr.toMonth = uint8(m2)
		}
		r.dates = append(r.dates, dr)
		if dr.fromDay != 0 {
			prevMonth = int(dr.toMonth)
		} else {
			prevMonth = 0
		}
		if p.peek().kind != tComma {
			break
		}
		n := p.peekAt(1)
		if k, _ := classify(n); k == wMonth || (n.kind == tNum && prevMonth != 0) {
			p.next()
			continue
		}
		return errorf(n.pos, `expected a month (Jan-Dec) after ",", found %s`, n.describe())
	}
	if t := p.peek(); t.kind == tNum && t.ndig == 4 {
		return errorf(t.pos, "year selectors (like 2026) are not supported")
	}
	return nil
}

// parseMonthDays reads "24", "24-26" or "24-Jan 02" after a month name.
func (p *parser) parseMonthDays(dr *dateRange) *ParseError {
	d1, err := p.day(int(dr.fromMonth))
	if err != nil {
		return err
	}
	dr.fromDay, dr.toDay = uint8(d1), uint8(d1)
	if p.peek().kind != tDash {
		return nil
	}
	p.next()
	t := p.peek()
	if kind, m := classify(t); kind == wMonth {
		p.next()
		if p.peek().kind != tNum {
			return errorf(p.peek().pos, "expected a day number after %s, found %s", t.describe(), p.peek().describe())
		}
		dr.toMonth = uint8(m)
	} else if t.kind != tNum {
		return errorf(t.pos, `expected a day number or a month after "-", found %s`, t.describe())
	}
	dayTok := p.peek()
	d2, err := p.day(int(dr.toMonth))
	if err != nil {
		return err
	}
	if dr.toMonth == dr.fromMonth && d2 < d1 {
		return errorf(dayTok.pos, "day range %s %d-%d goes backwards", monthNames[dr.fromMonth], d1, d2)
	}
	dr.toDay = uint8(d2)
	return nil
}

func (p *parser) day(month int) (int, *ParseError) {
	t := p.next()
	if t.kind != tNum || t.ndig > 2 {
		return 0, errorf(t.pos, "expected a day of the month (1-31), found %s", t.describe())
	}
	if t.num < 1 || t.num > daysInMonth[month] {
		return 0, errorf(t.pos, "day %d does not exist in %s", t.num, monthNames[month])
	}
	return t.num, nil
}
