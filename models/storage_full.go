package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// StorageFullWindow is how long after a write refused for a full disk the
// store reports the condition (StorageFull). A write succeeding meanwhile
// does not end it: a small one fits in the free pages of the file, or of
// the WAL, while every write that needs a new page still fails.
const StorageFullWindow = time.Minute

// noteStorage records a write refused for a full disk.
func (s *Store) noteStorage(err error) {
	if ErrorCode(err) == ESTORAGEFULL {
		s.storageFullAt.Store(s.now().UnixNano())
	}
}

// StorageFull returns when a write last failed because the disk holding
// the database was full, if one did in the last StorageFullWindow: the
// readiness probe reports it.
func (s *Store) StorageFull() (time.Time, bool) {
	ns := s.storageFullAt.Load()
	if ns == 0 {
		return time.Time{}, false
	}
	at := time.Unix(0, ns).UTC()
	return at, s.now().Sub(at) < StorageFullWindow
}

// LimitGrowth lets SQLite's database grow by at most pages more pages
// (PRAGMA max_page_count on the writer connections); a negative count
// lifts the limit. Writes past it fail as on a full disk (SQLITE_FULL):
// tests use it to fill the disk without filling one.
func (s *Store) LimitGrowth(ctx context.Context, pages int64) error {
	if s.gate == nil {
		return Errorf(EINVALID, "LimitGrowth is SQLite's")
	}
	var current int64
	if err := s.w.WithContext(ctx).Raw("PRAGMA page_count").Scan(&current).Error; err != nil {
		return err
	}
	limit := current + pages
	if pages < 0 {
		limit = 1 << 32 // SQLite's own default (4294967294 pages)
	}
	for _, db := range []*gorm.DB{s.w, s.wb} {
		if err := db.WithContext(ctx).Exec(fmt.Sprintf("PRAGMA max_page_count=%d", limit)).Error; err != nil {
			return err
		}
	}
	return nil
}
