package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// jobRun is a periodic job's schedule, shared by every process on the
// database.
type jobRun struct {
	Name      string `gorm:"primaryKey"`
	NextAt    time.Time
	StartedAt *time.Time
	Runner    string
}

func (jobRun) TableName() string { return "job_runs" }

// ClaimJob tells whether the caller (runner, e.g. a host and process id)
// should run the periodic job name now. A job is due once every interval:
// the first caller to find it due moves its next time forward, in one
// conditional UPDATE, and gets true; every other caller, on this replica or
// another, gets false until the next interval. A job never seen before is
// due at once.
func (s *Store) ClaimJob(ctx context.Context, name, runner string, every time.Duration) (bool, error) {
	claimed := false
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&jobRun{Name: name, NextAt: now}).Error; err != nil {
			return err
		}
		res := tx.Model(&jobRun{}).Where("name = ? AND next_at <= ?", name, now).
			Updates(map[string]any{"next_at": now.Add(every), "started_at": now, "runner": runner})
		claimed = res.RowsAffected == 1
		return res.Error
	})
	return claimed, err
}

// leftoversJob marks, in job_runs, an erasure whose old page images may
// still sit in the database's files: its next_at is the time of the latest
// such erasure. It is set in the erasure's own transaction and cleared only
// by a checkpoint that went through after it (Store.Checkpoint), so that a
// checkpoint a reader made give up is tried again at every maintenance run
// (Store.Maintain) instead of waiting for the next erasure, which may come
// days later while the erased values stay readable in the WAL.
const leftoversJob = "erase-leftovers"

// oweErasure records, inside the erasing transaction tx, that a checkpoint
// is owed.
func oweErasure(tx *gorm.DB, now time.Time) error {
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoUpdates: clause.AssignmentColumns([]string{"next_at"})}).
		Create(&jobRun{Name: leftoversJob, NextAt: now}).Error
}

// erasureOwed reports whether an erasure still waits for its checkpoint.
func (s *Store) erasureOwed(ctx context.Context) (bool, error) {
	var n int64
	err := s.read(ctx).Model(&jobRun{}).Where("name = ?", leftoversJob).Count(&n).Error
	return n > 0, err
}

// erasurePaid clears the mark of the erasures made up to since, which a
// checkpoint started at since has removed; a later one keeps its mark.
func (s *Store) erasurePaid(ctx context.Context, since time.Time) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Where("name = ? AND next_at <= ?", leftoversJob, since).Delete(&jobRun{}).Error
	})
}
