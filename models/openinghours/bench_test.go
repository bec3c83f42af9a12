package openinghours

import (
	"testing"
	"time"
)

const (
	benchTypical = "Mo-Fr 09:00-12:00,14:00-18:30; We 09:00-12:00; Sa 08:30-12:00"
	benchPH      = "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off"
	benchDates   = "Mo-Su 09:00-18:00; Jul,Aug Mo-Fr 10:00-12:00; Dec 24-Jan 02 off; PH off"
	benchWeeks   = "week 01-53/2 Tu 09:00-12:30; week 02-52/2 Th 13:30-16:30; PH off"
)

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchTypical); err != nil {
			b.Fatal(err)
		}
	}
}

func benchOpenAt(b *testing.B, expr string, at time.Time) {
	h := mustParse(expr)
	b.ReportAllocs()
	for b.Loop() {
		h.OpenAt(at)
	}
}

// Fast path: the precomputed week.
func BenchmarkOpenAt(b *testing.B) {
	benchOpenAt(b, benchTypical, mustTime(b, "2026-03-04 15:00"))
}

// With PH on an ordinary day: holiday check, then the precomputed week.
func BenchmarkOpenAtPH(b *testing.B) {
	benchOpenAt(b, benchPH, mustTime(b, "2026-03-04 15:00"))
}

// On a holiday: the rule evaluator.
func BenchmarkOpenAtOnHoliday(b *testing.B) {
	benchOpenAt(b, benchPH, mustTime(b, "2026-07-14 10:00"))
}

// Month and date rules: always the rule evaluator.
func BenchmarkOpenAtDates(b *testing.B) {
	benchOpenAt(b, benchDates, mustTime(b, "2026-07-14 10:00"))
}

// Week numbers: the ISO week of the day, then the rule evaluator.
func BenchmarkOpenAtWeeks(b *testing.B) {
	benchOpenAt(b, benchWeeks, mustTime(b, "2026-03-10 10:00"))
}

func BenchmarkOpenBetween(b *testing.B) {
	h := mustParse(benchTypical)
	b.ReportAllocs()
	for b.Loop() {
		h.OpenBetween(time.Thursday, 18*60, 24*60)
	}
}
