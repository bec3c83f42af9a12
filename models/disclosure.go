package models

import (
	"context"
	"crypto/rand"
	"time"

	"gorm.io/gorm"
)

// StatsThreshold is the smallest count that referral statistics show to a
// caller who is neither an administrator nor a member of the structure
// asked about: a count from 1 to StatsThreshold-1 is withheld, as national
// statistics offices do with small cells (5 is the usual threshold for
// social data: a count under it can describe a handful of identifiable
// people). Zero is shown: it describes nobody.
const StatsThreshold = 5

// Cell is one count of a statistics table, withheld or not.
type Cell struct {
	N        int
	Withheld bool
	// Key is the cell key: the sum of the record keys of what it counts
	// (Referral.StatsKey), modulo CellKeys. Perturb reads it.
	Key int
}

// CellKeys is the range of record and cell keys.
const CellKeys = 256

// newStatsKey draws a record key, 1 to CellKeys.
func newStatsKey() int {
	var b [1]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	return 1 + int(b[0])
}

// AddKey adds a record key to a cell key.
func AddKey(cellKey, recordKey int) int { return (cellKey + recordKey) % CellKeys }

// StatsNoise is the largest amount Perturb moves a count by.
const StatsNoise = 2

// perturbation maps a cell key to the amount added to the count: 0 for
// 40% of the keys, ±1 for 20% each, ±2 for 10% each (102, 51, 51, 26, 26
// of 256), so that the noise averages zero. A cell key is the sum of
// uniform record keys modulo 256, itself uniform.
func perturbation(key int) int {
	switch k := key % CellKeys; {
	case k < 102:
		return 0
	case k < 153:
		return 1
	case k < 204:
		return -1
	case k < 230:
		return 2
	default:
		return -2
	}
}

// Perturb adds to every shown, non-zero count the small amount its cell key
// decides (the cell-key method of the Australian Bureau of Statistics,
// also used for the 2021 census of England and Wales), and keeps it at
// threshold or above. Suppression alone protects within one answer only:
// two answers over populations a few referrals apart (windows a day apart,
// a territory and one of its structures, before and after a referral) gave
// those referrals back by a subtraction. With a perturbation, the
// difference of two counts is the true difference plus up to ±2·StatsNoise,
// so one referral no longer shows; and since the amount is decided by the
// keys of what a cell counts, the same population always gets the same
// answer: asking again averages nothing out. Run after SuppressSmallCells
// (which decides on the true counts).
func Perturb(threshold int, cells []*Cell) {
	for _, c := range cells {
		if c.Withheld || c.N == 0 {
			continue
		}
		c.N = max(c.N+perturbation(c.Key), threshold)
	}
}

// CellGroup is cells that add up to a total shown beside them (the
// statuses of the referrals add up to their number): withholding one of
// them alone would be undone by a subtraction.
type CellGroup struct {
	Cells []*Cell
	Total *Cell
}

// SuppressSmallCells withholds every cell from 1 to threshold-1 (primary
// suppression), then, in each group whose total is shown and where exactly
// one cell is withheld, withholds another: the smallest shown non-zero cell
// of the group, or the total itself when there is none (secondary
// suppression), until no group has a lone withheld cell. A total shared by
// several groups is the same *Cell in each, so withholding it once counts
// everywhere. cells are every cell, grouped or not.
func SuppressSmallCells(threshold int, cells []*Cell, groups []CellGroup) {
	for _, c := range cells {
		if c.N > 0 && c.N < threshold {
			c.Withheld = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, g := range groups {
			if g.Total == nil || g.Total.Withheld {
				continue
			}
			withheld := 0
			var smallest *Cell
			for _, c := range g.Cells {
				switch {
				case c.Withheld:
					withheld++
				case c.N > 0 && (smallest == nil || c.N < smallest.N):
					smallest = c
				}
			}
			if withheld != 1 {
				continue
			}
			if smallest == nil {
				smallest = g.Total
			}
			smallest.Withheld = true
			changed = true
		}
	}
}

// StatsWindow widens [from, to) to whole UTC days: from goes back to its
// midnight, to forward to the next one (unless it is one). A window narrower
// than a day cannot single out one event then.
func StatsWindow(from, to *time.Time) (*time.Time, *time.Time) {
	day := 24 * time.Hour
	if from != nil {
		f := from.UTC().Truncate(day)
		from = &f
	}
	if to != nil {
		t := to.UTC().Truncate(day)
		if t.Before(to.UTC()) {
			t = t.Add(day)
			if t.Year() > 9999 {
				// No JSON time writes the year 10000: a window to the
				// last day of 9999 (« no end ») answered an empty body.
				t = to.UTC()
			}
		}
		to = &t
	}
	return from, to
}

// SeesExactReferralStats reports whether p reads the exact referral
// statistics of the structure actorID ("" for the whole platform or its
// territory): administrators, and the members of the structure itself,
// whose own referrals they are (the route lets only its managers ask).
// Coordinators and a network's managers read protected figures.
func (p *Principal) SeesExactReferralStats(actorID string) bool {
	if p.IsAdmin() {
		return true
	}
	return actorID != "" && !p.IsPartner() && p.BelongsTo(actorID)
}

// RecordReferralStatsRead traces, in each structure's trail, a read of
// exact referral statistics by an administrator that describe a handful of
// the structure's referrals: the structures the answer shows with a count
// from 1 to StatsThreshold-1, and the one asked about. Over a narrow window
// such figures describe single referrals (their two structures, status and
// themes), so they are a read of the structures' referrals like any other;
// the caller writes the trace before answering. Other callers read
// protected figures or their own, which are not traced.
func (s *Store) RecordReferralStatsRead(ctx context.Context, p *Principal, actorIDs []string, from, to *time.Time) error {
	if !p.IsAdmin() || len(actorIDs) == 0 {
		return nil
	}
	// The window is always given, null for no bound: {} did not tell a
	// read of every referral from a details-less entry (probe 37a, L4).
	details := map[string]any{"reason": ReadByAdministrator, "created_since": nil, "created_before": nil}
	if from != nil {
		details["created_since"] = from.UTC().Format(TimeLayout)
	}
	if to != nil {
		details["created_before"] = to.UTC().Format(TimeLayout)
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		for _, id := range actorIDs {
			if err := s.trail(tx, TrailEvent{Action: TrailReferralStatsRead, ActorID: id, SubjectKind: SubjectReferral}, details); err != nil {
				return err
			}
		}
		return nil
	})
}
