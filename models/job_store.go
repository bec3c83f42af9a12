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
