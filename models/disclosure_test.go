package models

import (
	"testing"
	"time"
)

func TestSuppressSmallCells(t *testing.T) {
	type want struct {
		cells []bool // withheld, in order
		total bool
	}
	for name, tc := range map[string]struct {
		counts []int
		total  int
		want   want
	}{
		"nothing small":               {[]int{5, 7, 0}, 12, want{[]bool{false, false, false}, false}},
		"one small: the next too":     {[]int{5, 1, 9}, 15, want{[]bool{true, true, false}, false}},
		"two small: enough":           {[]int{2, 3, 9}, 14, want{[]bool{true, true, false}, false}},
		"lone small beside zeros":     {[]int{0, 3, 0}, 3, want{[]bool{false, true, false}, true}},
		"small total, all withheld":   {[]int{1, 2}, 3, want{[]bool{true, true}, true}},
		"zeros are shown":             {[]int{0, 0}, 0, want{[]bool{false, false}, false}},
		"only shown cell is the rest": {[]int{6, 4}, 10, want{[]bool{true, true}, false}},
	} {
		t.Run(name, func(t *testing.T) {
			total := &Cell{N: tc.total}
			all := []*Cell{total}
			var g []*Cell
			for _, n := range tc.counts {
				c := &Cell{N: n}
				g = append(g, c)
				all = append(all, c)
			}
			SuppressSmallCells(5, all, []CellGroup{{Cells: g, Total: total}})
			for i, c := range g {
				if c.Withheld != tc.want.cells[i] {
					t.Errorf("cell %d (%d): withheld %v", i, c.N, c.Withheld)
				}
			}
			if total.Withheld != tc.want.total {
				t.Errorf("total withheld %v", total.Withheld)
			}
		})
	}
	// A total shared by two groups: withheld for one, it protects the other.
	total, a1, a2, b1, b2 := &Cell{N: 7}, &Cell{N: 7}, &Cell{N: 0}, &Cell{N: 3}, &Cell{N: 4}
	SuppressSmallCells(5, []*Cell{total, a1, a2, b1, b2}, []CellGroup{{[]*Cell{a1, a2}, total}, {[]*Cell{b1, b2}, total}})
	if total.Withheld || a1.Withheld || !b1.Withheld || !b2.Withheld {
		t.Errorf("shared total: %v %v %v %v", total, a1, b1, b2)
	}
}

func TestStatsWindow(t *testing.T) {
	at := func(s string) *time.Time { v, _ := time.Parse(time.RFC3339, s); return &v }
	from, to := StatsWindow(at("2026-11-20T10:00:01+01:00"), at("2026-11-20T10:00:05Z"))
	if !from.Equal(*at("2026-11-20T00:00:00Z")) || !to.Equal(*at("2026-11-21T00:00:00Z")) {
		t.Errorf("%v %v", from, to)
	}
	if _, to := StatsWindow(nil, at("2026-11-21T00:00:00Z")); !to.Equal(*at("2026-11-21T00:00:00Z")) {
		t.Errorf("a midnight stays: %v", to)
	}
	if from, to := StatsWindow(nil, nil); from != nil || to != nil {
		t.Error("no window")
	}
}

func TestSeesExactReferralStats(t *testing.T) {
	member := &Principal{UserID: "u", Memberships: []Membership{{ActorID: "a", Role: RoleManager}}}
	network := &Principal{UserID: "n", Memberships: []Membership{{ActorID: "net", Role: RoleManager}}}
	coord := &Principal{UserID: "c", Coordinates: Territory{Departements: []string{"13"}}}
	admin := &Principal{UserID: "x", PlatformAdmin: true}
	for name, tc := range map[string]struct {
		p     *Principal
		actor string
		want  bool
	}{
		"administrator": {admin, "", true}, "manager of a, about a": {member, "a", true}, "manager of a, about b": {member, "b", false},
		"manager of a, the platform": {member, "", false}, "coordinator": {coord, "", false}, "coordinator about a": {coord, "a", false},
		"network manager about a member": {network, "a", false}, "anonymous": {nil, "a", false},
	} {
		if got := tc.p.SeesExactReferralStats(tc.actor); got != tc.want {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// TestPerturb: the noise of the 256 cell keys averages zero and stays
// within StatsNoise; zero and withheld cells are untouched; a shown count
// never falls under the threshold.
func TestPerturb(t *testing.T) {
	sum, moved := 0, 0
	for key := range CellKeys {
		c := &Cell{N: 100, Key: key}
		Perturb(StatsThreshold, []*Cell{c})
		d := c.N - 100
		if d < -StatsNoise || d > StatsNoise {
			t.Fatalf("key %d moved 100 by %d", key, d)
		}
		sum += d
		if d != 0 {
			moved++
		}
	}
	if sum != 0 || moved < CellKeys/2 {
		t.Errorf("noise sums to %d over the keys, %d of %d keys move a count; want 0 and most", sum, moved, CellKeys)
	}
	for key := range CellKeys {
		zero, held, small := &Cell{N: 0, Key: key}, &Cell{N: 3, Withheld: true, Key: key}, &Cell{N: StatsThreshold, Key: key}
		Perturb(StatsThreshold, []*Cell{zero, held, small})
		if zero.N != 0 || held.N != 3 || small.N < StatsThreshold {
			t.Fatalf("key %d: zero %d, withheld %d, smallest shown %d", key, zero.N, held.N, small.N)
		}
	}
	if AddKey(200, 100) != 44 {
		t.Errorf("keys add modulo %d", CellKeys)
	}
}
