package models

import (
	"testing"
	"time"
)

// DefaultKept: the better quality score, then the fresher producer date
// (an undated record never the fresher), then the older record (a).
func TestDefaultKept(t *testing.T) {
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	rec := func(id string, q float64, on string, undated bool) *Actor {
		return &Actor{ID: id, Quality: q, CheckedOn: on, CheckedOnUndated: undated}
	}
	cases := []struct {
		name string
		a, b *Actor
		want string
	}{
		{"better score kept though newer", rec("a", 0.3, "2024-01-01", false), rec("b", 0.6, "2024-01-01", false), "b"},
		{"better score kept though older", rec("a", 0.6, "2020-01-01", false), rec("b", 0.3, "2024-01-01", false), "a"},
		{"same score: fresher producer date", rec("a", 0.5, "2023-05-10", false), rec("b", 0.5, "2023-07-20", false), "b"},
		{"an undated record is never the fresher", rec("a", 0.5, "2023-05-10", false), rec("b", 0.5, "2026-12-01", true), "a"},
		{"all equal: the older record", rec("a", 0.5, "2023-05-10", false), rec("b", 0.5, "2023-05-10", false), "a"},
	}
	for _, c := range cases {
		if got := DefaultKept(c.a, c.b, now); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
