package openinghours

import (
	"fmt"
	"strings"
)

// String returns the canonical form of the expression: OSM spelling and
// case (Mo, Jan, PH, off, week), zero-padded HH:MM times and week numbers
// (week 01-53/2, as opening_hours.js prints them), one space between the
// parts of a rule, "; " and ", " between rules, weekdays as compact
// Monday-first ranges ("Mo-We,Fr"; "Sa-Mo" when it wraps), "closed"
// written "off", ends past midnight written as the wall-clock time
// ("22:00-02:00", not "22:00-26:00") unless the span lasts more than a
// day. Rule order, time spans and comments are kept as written, since
// they matter to OSM semantics or to readers. Parse(h.String()) gives an
// equivalent Hours, and String is idempotent. A nil Hours prints as "".
func (h *Hours) String() string {
	if h == nil {
		return ""
	}
	var b strings.Builder
	for i := range h.rules {
		r := &h.rules[i]
		if i > 0 {
			if r.additional {
				b.WriteString(", ")
			} else {
				b.WriteString("; ")
			}
		}
		r.format(&b)
	}
	return b.String()
}

// MarshalText implements encoding.TextMarshaler with the canonical form,
// so an Hours can be a JSON string field.
func (h *Hours) MarshalText() ([]byte, error) {
	return []byte(h.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with Parse.
func (h *Hours) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*h = *p
	return nil
}

func (r *rule) format(b *strings.Builder) {
	// Parts of a rule are separated by one space.
	start := b.Len()
	sepIfPart := func() {
		if b.Len() > start {
			b.WriteByte(' ')
		}
	}
	for i, dr := range r.dates {
		if i > 0 {
			b.WriteByte(',')
		}
		dr.format(b)
	}
	for i, wr := range r.weeks {
		if i == 0 {
			sepIfPart()
			b.WriteString("week ")
		} else {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, "%02d", wr.from)
		if wr.to != wr.from || wr.step != 0 {
			fmt.Fprintf(b, "-%02d", wr.to)
		}
		if wr.step != 0 {
			fmt.Fprintf(b, "/%d", wr.step)
		}
	}
	if r.days != 0 || r.ph {
		sepIfPart()
		writeDays(b, r.days)
		if r.ph {
			if r.days != 0 {
				b.WriteByte(',')
			}
			b.WriteString("PH")
		}
	}
	if r.always {
		sepIfPart()
		b.WriteString("24/7")
	}
	for i, sp := range r.spans {
		if i == 0 {
			sepIfPart()
		} else {
			b.WriteByte(',')
		}
		end := sp.end
		if end > 1440 && end-1440 <= sp.start {
			end -= 1440
		}
		fmt.Fprintf(b, "%02d:%02d-%02d:%02d", sp.start/60, sp.start%60, end/60, end%60)
	}
	if r.mod != modNone {
		sepIfPart()
		b.WriteString([...]string{"", "open", "off", "unknown"}[r.mod])
	}
	if r.hasComment {
		sepIfPart()
		b.WriteByte('"')
		b.WriteString(r.comment)
		b.WriteByte('"')
	}
}

func (dr dateRange) format(b *strings.Builder) {
	if dr.fromDay == 0 {
		b.WriteString(monthNames[dr.fromMonth])
		if dr.toMonth != dr.fromMonth {
			b.WriteByte('-')
			b.WriteString(monthNames[dr.toMonth])
		}
		return
	}
	fmt.Fprintf(b, "%s %02d", monthNames[dr.fromMonth], dr.fromDay)
	switch {
	case dr.toMonth != dr.fromMonth:
		fmt.Fprintf(b, "-%s %02d", monthNames[dr.toMonth], dr.toDay)
	case dr.toDay != dr.fromDay:
		fmt.Fprintf(b, "-%02d", dr.toDay)
	}
}

// writeDays prints a weekday set as runs: one day "Mo", two days "Sa,Su",
// three or more "Mo-Fr". Runs are listed from Monday, except that a run
// crossing Sunday-Monday is kept whole and printed last ("We,Sa-Mo").
func writeDays(b *strings.Builder, days uint8) {
	days &= 0x7f
	if days == 0x7f {
		b.WriteString("Mo-Su")
		return
	}
	has := func(d int) bool { return days&(1<<mod(d, 7)) != 0 }
	// Runs are listed from Monday. A run of three days or more across
	// Sunday-Monday is kept whole by starting after it ("We,Sa-Mo"); a
	// shorter one is split ("Mo,Su").
	first, wrapLen := 0, 0
	for has(first) && has(first-1) {
		first++
	}
	for d := first; has(d - 1 - wrapLen); {
		wrapLen++
	}
	if wrapLen < 3 {
		first = 0
	}
	wrote := false
	for k := 0; k < 7; {
		d := first + k
		if !has(d) {
			k++
			continue
		}
		n := 1
		for k+n < 7 && has(d+n) {
			n++
		}
		if wrote {
			b.WriteByte(',')
		}
		wrote = true
		switch {
		case n == 1:
			b.WriteString(weekdayNames[mod(d, 7)])
		case n == 2:
			b.WriteString(weekdayNames[mod(d, 7)] + "," + weekdayNames[mod(d+1, 7)])
		default:
			b.WriteString(weekdayNames[mod(d, 7)] + "-" + weekdayNames[mod(d+n-1, 7)])
		}
		k += n
	}
}
