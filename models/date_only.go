package models

import (
	"sync/atomic"
	"time"
)

// dateOnly is t.Format(time.DateOnly), remembered for the last date
// formatted: a sync batch's writer asked for today's date as text several
// times a place (its checked_on, its closure's day, its zone's day), each a
// time.Format and a new string, 0.46 M of the objects a 100,000-place
// import allocated on the writer (issue 11, item 6). The text depends on
// t's date in its own location only.
func dateOnly(t time.Time) string {
	y, m, d := t.Date()
	if c := lastDateOnly.Load(); c != nil && c.y == y && c.m == m && c.d == d {
		return c.text
	}
	text := t.Format(time.DateOnly)
	lastDateOnly.Store(&formattedDate{y, m, d, text})
	return text
}

type formattedDate struct {
	y    int
	m    time.Month
	d    int
	text string
}

var lastDateOnly atomic.Pointer[formattedDate]
