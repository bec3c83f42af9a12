package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// ExportState identifies the directory's state for exports: the last change
// anyone may know of (not PrivateOnly) and when it happened. Exports derive ETag and Last-Modified from it.
type ExportState struct {
	Seq int64
	At  time.Time
	// SourceIDHolders maps each source id that more than one actor
	// carries (two sources may both number their places 1, 2, 3…)
	// to the one actor that keeps it in exports that publish producers'
	// ids: the oldest (created first; Carnet's ids, UUIDv7, break a tie),
	// the one that published it first. The others are exported under
	// Carnet's id, so that ids stay unique in a file. Giving Carnet's id
	// to all of them made one source's import change another source's
	// ids: a reuser saw places vanish and others appear. The holder
	// keeps it archived or closed (see sourceIDHolders), and a source id
	// that is another actor's Carnet id is held by that actor.
	SourceIDHolders map[string]string
	// Now is when the export runs: freshness and quality scores are as of
	// this day.
	Now time.Time
	// Day names the civil dates the export is made on: statuses follow
	// closure dates in each place's own time zone, and freshness the date
	// of the clock's zone, so an export of the same changes differs
	// whenever one of those dates turns. It is the
	// Paris date, followed by how many of the other zones are a day ahead
	// of it and how many a day behind when any is (« 2026-12-24+0-5 »):
	// within one Paris day the first count only grows and the second only
	// falls, so the key changes exactly when some zone's date does.
	Day string
	// DayBegan is when the last of those dates turned (the latest local
	// midnight at or before Now): the export differs from any made
	// before it, so Last-Modified is never earlier.
	DayBegan time.Time
}

// exportDay is the Day and DayBegan of an export made at now.
func exportDay(now time.Time) (string, time.Time) {
	paris := LocalDate(now, "75")
	var ahead, behind int
	var began time.Time
	zones := make([]*time.Location, 0, 16)
	// Every zone a place's date is taken in (PlaceDate): a closure in the
	// Marquesas begins 30 minutes before one in Tahiti.
	for _, name := range placeZones() {
		zones = append(zones, zoneNamed(name))
	}
	// Freshness (QualityOf's stale) turns with the date of the clock's own
	// zone, UTC on a server without TZ: it counts as one more zone.
	zones = append(zones, now.Location())
	for i, z := range zones {
		local := now.In(z)
		if m := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, z); m.After(began) {
			began = m
		}
		if i == 0 {
			continue
		}
		switch d := local.Format(time.DateOnly); {
		case d > paris:
			ahead++
		case d < paris:
			behind++
		}
	}
	if ahead == 0 && behind == 0 {
		return paris, began
	}
	return fmt.Sprintf("%s+%d-%d", paris, ahead, behind), began
}

// ExportStateNow reads the directory's state for exports without walking
// it: what an export made now would be keyed by (its Seq and Day; not its
// SourceIDHolders). A client that already holds that state gets 304 without
// the walk, and a kept export of that state can be served as it is.
func (s *Store) ExportStateNow(ctx context.Context) (ExportState, error) {
	st, err := s.exportState(s.read(ctx))
	return st, dbError(err)
}

// exportState reads the last change anyone may know of: exports show no
// private contacts and no drafts, and their ETag, Last-Modified and
// X-Changes-Cursor must not move with a change of those alone (following the
// feed from an earlier cursor only reads such changes again, as the state
// they led to).
func (s *Store) exportState(tx *gorm.DB) (ExportState, error) {
	var last Change
	if err := tx.Where("private_only = ?", false).Order("seq DESC").Limit(1).Find(&last).Error; err != nil {
		return ExportState{}, err
	}
	now := s.now()
	day, began := exportDay(now)
	return ExportState{Seq: last.Seq, At: last.At, Now: now, Day: day, DayBegan: began}, nil
}

// exportBatch is how many actors an export reads at a time: memory stays
// constant whatever the directory's size.
const exportBatch = 500

// ExportPlaces walks the published directory in one read transaction (a
// consistent snapshot): every live actor that is not permanently closed, in
// id order, with its published services. begin receives the state first and
// may stop the walk (a client that already has this state gets 304).
func (s *Store) ExportPlaces(ctx context.Context, begin func(ExportState) (bool, error), visit func(a *Actor, services []Service) error) error {
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := s.exportState(tx)
		if err != nil {
			return err
		}
		if st.SourceIDHolders, err = sourceIDHolders(tx); err != nil {
			return err
		}
		if ok, err := begin(st); err != nil || !ok {
			return err
		}
		after := ""
		for {
			var actors []Actor
			q := tx.Where("archived_at IS NULL AND status <> ?", vocab.ActorClosed)
			if !exportsDuplicates(ctx) {
				cond, args := notAConfirmedDuplicate("actors.id")
				q = q.Where(cond, args...)
			}
			if after != "" {
				q = q.Where("id > ?", after)
			}
			if err := scanFast(q.Model(&Actor{}).Order("id").Limit(exportBatch), &actors); err != nil {
				return err
			}
			if len(actors) == 0 {
				return nil
			}
			ids := make([]string, len(actors))
			for i := range actors {
				ids[i] = actors[i].ID
			}
			var services []Service
			sq := tx.Model(&Service{}).Where("actor_id IN ? AND archived_at IS NULL AND status = ?", ids, vocab.ServicePublished).Order("actor_id, id")
			if err := scanFast(sq, &services); err != nil {
				return err
			}
			j := 0
			for i := range actors {
				k := j
				for k < len(services) && services[k].ActorID == actors[i].ID {
					k++
				}
				if err := visit(&actors[i], services[j:k]); err != nil {
					return err
				}
				j = k
			}
			after = actors[len(actors)-1].ID
		}
	})
	return dbError(err)
}

// sourceIDHolders reads, for each source id that several actors carry, the
// one that keeps it in exports (see ExportState.SourceIDHolders): the
// oldest actor ever stored with it, published or not. Counting archived and
// closed actors too keeps every exported id where it was: were the holder
// archived, the next place would take its id, and restored, give it back —
// a published id moving from one place to another. And a source id that
// is another actor's Carnet id (a partner may send one as its own key) is
// held by that actor: no place is exported under the Carnet id of another.
func sourceIDHolders(tx *gorm.DB) (map[string]string, error) {
	var rows []struct{ SourceID, ID string }
	err := tx.Raw(`SELECT source_id, id FROM actors
		WHERE source_id IN (
			SELECT source_id FROM actors WHERE source_id <> ''
			GROUP BY source_id HAVING COUNT(*) > 1)
		ORDER BY source_id, created_at, id`).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	holders := make(map[string]string)
	for _, r := range rows {
		if _, ok := holders[r.SourceID]; !ok {
			holders[r.SourceID] = r.ID
		}
	}
	var owned []struct{ SourceID, ID string }
	err = tx.Raw(`SELECT a.source_id AS source_id, b.id AS id FROM actors a JOIN actors b ON b.id = a.source_id
		WHERE a.id <> b.id`).Scan(&owned).Error
	if err != nil {
		return nil, err
	}
	for _, r := range owned {
		holders[r.SourceID] = r.ID
	}
	return holders, nil
}

type duplicatesKey struct{}

// WithDuplicates returns ctx for an export (ExportPlaces) that keeps the
// newer record of each confirmed duplicate link, which the open-data
// exports otherwise leave out, as search and HSDS do (a place a
// coordinator confirmed is one place: a reuser's map showed it twice).
// Such an export is the client's own (include_duplicates=true), never
// kept for others.
func WithDuplicates(ctx context.Context) context.Context {
	return context.WithValue(ctx, duplicatesKey{}, true)
}

func exportsDuplicates(ctx context.Context) bool {
	v, _ := ctx.Value(duplicatesKey{}).(bool)
	return v
}
