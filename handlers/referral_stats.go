package handlers

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"carnet/models"
)

// protectReferralStats converts the store's statistics to the response,
// withholding small cells (and the cells that would give them back) and
// perturbing the others by their cell keys (models.Perturb) unless the
// caller reads exact figures. Cells are built in a fixed order (sorted
// keys, structures by id) so that secondary suppression picks the same
// cell on every call: two calls choosing differently would show both.
func protectReferralStats(st *models.ReferralStats, exact bool) ReferralStats {
	var all []*models.Cell
	cell := func(n, key int) *models.Cell {
		c := &models.Cell{N: n, Key: key}
		all = append(all, c)
		return c
	}
	cellMap := func(m, cellKeys map[string]int) (keys []string, cells []*models.Cell) {
		keys = sortedKeys(m)
		for _, k := range keys {
			cells = append(cells, cell(m[k], cellKeys[k]))
		}
		return keys, cells
	}
	k := &st.Keys
	total, accepted, reminders := cell(st.Total, k.Total), cell(st.AcceptedCount, k.Accepted), cell(st.Reminders, k.Reminders)
	statusKeys, statusCells := cellMap(st.ByStatus, k.ByStatus)
	themeKeys, themeCells := cellMap(st.ByTheme, k.ByTheme)
	monthKeys, monthCells := cellMap(st.ByMonth, k.ByMonth)
	reasonKeys, reasonCells := cellMap(st.ByRefusalReason, k.ByRefusalReason)
	ids := map[string]int{}
	for id := range st.Sent {
		ids[id] = 0
	}
	for id := range st.Received {
		ids[id] = 0
	}
	structureIDs := sortedKeys(ids)
	var sent, received []*models.Cell
	for _, id := range structureIDs {
		sent = append(sent, cell(st.Sent[id], k.Sent[id]))
		received = append(received, cell(st.Received[id], k.Received[id]))
	}
	if !exact {
		var refused *models.Cell
		if i := slices.Index(statusKeys, models.ReferralRefused); i >= 0 {
			refused = statusCells[i]
		}
		models.SuppressSmallCells(models.StatsThreshold, all, []models.CellGroup{
			{Cells: statusCells, Total: total},
			{Cells: monthCells, Total: total},
			{Cells: sent, Total: total},
			{Cells: received, Total: total},
			{Cells: reasonCells, Total: refused},
		})
		models.Perturb(models.StatsThreshold, all)
	}
	count := func(c *models.Cell) *int {
		if c.Withheld {
			return nil
		}
		n := c.N
		return &n
	}
	counts := func(keys []string, cells []*models.Cell) map[string]*int {
		m := make(map[string]*int, len(keys))
		for i, k := range keys {
			m[k] = count(cells[i])
		}
		return m
	}
	out := ReferralStats{Total: count(total), Accepted: count(accepted), Reminders: count(reminders),
		ByStatus: counts(statusKeys, statusCells), ByTheme: counts(themeKeys, themeCells), ByMonth: counts(monthKeys, monthCells),
		ByRefusalReason: counts(reasonKeys, reasonCells), Structures: []StructureCount{},
		MedianHoursToAcceptance: st.MedianHoursToAcceptance, Disclosure: StatsDisclosure{Exact: exact}}
	if !exact {
		out.Disclosure.Threshold = models.StatsThreshold
		out.Disclosure.Noise = models.StatsNoise
		if accepted.Withheld {
			out.MedianHoursToAcceptance = nil
		} else if m := out.MedianHoursToAcceptance; m != nil {
			// the median of an odd number is one referral's delay: to the
			// hour, not to the second
			h := math.Round(*m)
			out.MedianHoursToAcceptance = &h
		}
	}
	shown := func(n *int) int { // a withheld count sorts as 0: the order must not tell it
		if n == nil {
			return 0
		}
		return *n
	}
	for i, id := range structureIDs {
		s := StructureCount{ActorID: id, Name: st.Names[id], Sent: count(sent[i]), Received: count(received[i])}
		if shown(s.Sent) == 0 && shown(s.Received) == 0 {
			continue // nothing shown but that it took part in a referral
		}
		out.Structures = append(out.Structures, s)
	}
	slices.SortFunc(out.Structures, func(a, b StructureCount) int {
		if d := (shown(b.Sent) + shown(b.Received)) - (shown(a.Sent) + shown(a.Received)); d != 0 {
			return d
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ActorID, b.ActorID))
	})
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// describedStructures are the structures exact statistics describe a
// handful of referrals of: the one asked about (actor, "" for none) and
// every one shown with a count from 1 to models.StatsThreshold-1.
func describedStructures(st *models.ReferralStats, actor string) []string {
	small := func(n int) bool { return n > 0 && n < models.StatsThreshold }
	seen := map[string]bool{}
	if actor != "" {
		seen[actor] = true
	}
	for id, n := range st.Sent {
		if small(n) {
			seen[id] = true
		}
	}
	for id, n := range st.Received {
		if small(n) {
			seen[id] = true
		}
	}
	return sortedKeys(seen)
}
