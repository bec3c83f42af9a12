package handlers

import (
	"errors"
	"time"

	"carnet/models"
)

// TimeLayout is how every JSON answer writes a timestamp: RFC 3339 in UTC
// with exactly six fraction digits. encoding/json wrote time.Time with
// RFC3339Nano, which drops trailing zeros (« …:05.1Z » beside
// « …:05.123456Z »), so clients comparing timestamps as text misordered
// them (probe 35b, L4). Six digits are the microseconds the store keeps
// (models.Store.now truncates to them, PostgreSQL's timestamps hold no
// more): the text says exactly what is stored, and a client that sends
// it back (updated_since, modified_after) selects the same rows.
const TimeLayout = models.TimeLayout

// Time is a timestamp of a JSON answer, written with TimeLayout. (Its name
// makes swag describe it as a string, as time.Time; the fields keep their
// format:"date-time" tags.)
type Time struct{ time.Time }

// MarshalJSON writes t in UTC with TimeLayout.
func (t Time) MarshalJSON() ([]byte, error) {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return nil, errors.New("Time.MarshalJSON: year outside of range [0,9999]") // as time.Time's
	}
	b := make([]byte, 0, len(TimeLayout)+2)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, TimeLayout)
	return append(b, '"'), nil
}

// UnmarshalJSON reads any RFC 3339 time, as time.Time does.
func (t *Time) UnmarshalJSON(b []byte) error { return t.Time.UnmarshalJSON(b) }

// stamp is t as an answer writes it.
func stamp(t time.Time) Time { return Time{t} }

// stampPtr is stamp of a time that may be absent (nil stays null).
func stampPtr(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	return &Time{*t}
}
