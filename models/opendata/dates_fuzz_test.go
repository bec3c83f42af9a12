package opendata

import (
	"strings"
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

// FuzzProducerDateDigitless: a text without a digit reads as no date, so
// that producerDate answers it without reading it (readDate).
func FuzzProducerDateDigitless(f *testing.F) {
	for _, s := range []string{"Hubik", "mai", "Octobre", "juil-", "inf", "+Inf", "NaN", "infinity", "1er mai", "-", "T", "Z", "premier mai deux mille"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, strings.TrimSpace(s))
		if day, _, ok := readDate(strings.TrimSpace(s), "75001"); ok {
			t.Errorf("%q, without a digit, read as %q", s, day)
		}
	})
}
