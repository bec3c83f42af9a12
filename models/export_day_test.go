package models

import (
	"slices"
	"testing"
	"time"
)

// The export's day key changes exactly when the civil date of one of the
// zones whose places it shows turns, or the clock's own (freshness), and
// DayBegan is that turn.
func TestExportDayFollowsEveryZone(t *testing.T) {
	if z := placeZones(); !slices.Contains(z, "Pacific/Marquesas") || !slices.Contains(z, "Pacific/Gambier") {
		t.Fatalf("the zones of places' dates miss French Polynesia's own: %v", z)
	}
	dates := func(now time.Time) string {
		s := now.Format(time.DateOnly) + " " // the clock's zone: freshness
		for _, name := range placeZones() {  // the Marquesas' and Gambier's too
			s += now.In(zoneNamed(name)).Format(time.DateOnly) + " "
		}
		return s
	}
	start := time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC)
	prevKey, _ := exportDay(start)
	prevAll := dates(start)
	seen, owner := map[string]string{}, map[string]string{}
	for now := start; now.Before(start.Add(72 * time.Hour)); now = now.Add(15 * time.Minute) {
		key, began := exportDay(now)
		all := dates(now)
		if (key != prevKey) != (all != prevAll) {
			t.Fatalf("%s: key %s → %s while the zones' dates %q → %q", now, prevKey, key, prevAll, all)
		}
		if k, ok := seen[all]; ok && k != key {
			t.Fatalf("%s: the same dates %q under two keys %s and %s", now, all, k, key)
		}
		if d, ok := owner[key]; ok && d != all {
			t.Fatalf("%s: key %s names two sets of dates %q and %q", now, key, d, all)
		}
		seen[all], owner[key] = key, all
		if began.After(now) || now.Sub(began) >= 24*time.Hour {
			t.Fatalf("%s: began %s", now, began)
		}
		if key != prevKey && now.Sub(began) >= 15*time.Minute {
			t.Fatalf("%s: the key turned but began is %s", now, began)
		}
		prevKey, prevAll = key, all
	}
}
