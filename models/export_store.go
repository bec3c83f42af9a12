package models

import (
	"context"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// ExportState identifies the directory's state for exports: the last change
// anyone may know of (not PrivateOnly) and when it happened. Exports derive ETag and Last-Modified from it.
type ExportState struct {
	Seq int64
	At  time.Time
	// SharedSourceIDs are the source ids that more than one published
	// actor carries (two sources may use the same ids): exports that
	// publish producers' ids use Carnet's id for them, so that ids stay
	// unique in a file.
	SharedSourceIDs map[string]bool
	// Now is when the export runs: freshness and quality scores are as of
	// this day.
	Now time.Time
	// Day is the date the export is made (Paris time): statuses follow
	// closure dates, so an export of the same changes differs from one
	// day to the next.
	Day string
}

// ExportStateNow reads the directory's state for exports without walking
// it: what an export made now would be keyed by (its Seq and Day; not its
// SharedSourceIDs). A client that already holds that state gets 304 without
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
	return ExportState{Seq: last.Seq, At: last.At, Now: now, Day: LocalDate(now, "75")}, nil
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
		var shared []string
		err = tx.Raw("SELECT source_id FROM actors WHERE archived_at IS NULL AND status <> ? AND source_id <> '' GROUP BY source_id HAVING COUNT(*) > 1",
			vocab.ActorClosed).Scan(&shared).Error
		if err != nil {
			return err
		}
		st.SharedSourceIDs = make(map[string]bool, len(shared))
		for _, id := range shared {
			st.SharedSourceIDs[id] = true
		}
		if ok, err := begin(st); err != nil || !ok {
			return err
		}
		after := ""
		for {
			var actors []Actor
			q := tx.Where("archived_at IS NULL AND status <> ?", vocab.ActorClosed)
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
