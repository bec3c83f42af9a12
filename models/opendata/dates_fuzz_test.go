package opendata

import (
	"testing"
	"time"
)

// FuzzProducerDate: whatever a date_maj cell holds, producerDate reads a
// valid day or nothing, and never panics (probe 41a L2 added dates in
// words and PostgreSQL's short zone offsets).
func FuzzProducerDate(f *testing.F) {
	for _, s := range []string{"2023-05-17", "2023-05-17 12:00:00+02", "2023-05-17 23:30:00+00", "17 mai 2023", "1er août 2023",
		"31 février 2023", "17/05/2023", "juil-22", "45000", "2023-05-17T12:00:00+02:00", "99 mai 2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		day, _, ok := producerDate(s, "75001")
		if !ok {
			return
		}
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			t.Errorf("%q read as %q, no day", s, day)
		}
	})
}
