package models

import (
	"context"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// ExportState identifies the directory's state for exports: the last change
// and when it happened. Exports derive ETag and Last-Modified from it.
type ExportState struct {
	Seq int64
	At  time.Time
	// Day is the date the export is made (Paris time): statuses follow
	// closure dates, so an export of the same changes differs from one
	// day to the next.
	Day string
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
		var st ExportState
		var last Change
		err := tx.Order("seq DESC").Limit(1).Find(&last).Error
		if err != nil {
			return err
		}
		st.Seq, st.At, st.Day = last.Seq, last.At, LocalDate(s.now(), "75")
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
