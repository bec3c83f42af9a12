package models

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SnapshotSessionTTL is how long a snapshot session lives after its last
// batch (or its opening, before any): a partner's nightly sync that stopped
// half-way leaves no session open for the next night's run, and the keys it
// recorded are purged.
const SnapshotSessionTTL = 24 * time.Hour

// SnapshotSession is a snapshot sent in several sync batches: each batch
// that joins it (SyncOptions.SnapshotID) is written as an upsert and records
// every source_id it carries; completing the session archives the source's
// live records absent from all of its batches, of the kinds it received
// batches of (CompleteSnapshot). One source has at most one session at a
// time. Its state is in the database, so batches may reach any replica.
type SnapshotSession struct {
	ID          string `gorm:"primaryKey"`
	Source      string
	OpenedAt    time.Time
	LastBatchAt *time.Time
	ExpiresAt   time.Time
	Batches     int
	// The kinds the session received batches of, even empty ones.
	ActorsSent, ServicesSent bool
	// The distinct source ids of each kind its batches carried (read from
	// sync_snapshot_keys, not stored in the row).
	Actors, Services int `gorm:"-"`
}

func (SnapshotSession) TableName() string { return "sync_snapshot_sessions" }

// snapshotKey is a source_id a batch of a session carried.
type snapshotKey struct {
	SessionID string `gorm:"primaryKey"`
	Entity    string `gorm:"primaryKey"`
	SourceID  string `gorm:"primaryKey"`
}

func (snapshotKey) TableName() string { return "sync_snapshot_keys" }

// OpenSnapshot opens a snapshot session for source. Expired sessions (of
// every source) are purged first, in the same transaction; a live session of
// the source is a conflict naming it (complete it or abandon it).
func (s *Store) OpenSnapshot(ctx context.Context, source string) (*SnapshotSession, error) {
	if err := checkSyncSourceName(source); err != nil {
		return nil, err
	}
	var out *SnapshotSession
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		if _, err := purgeSnapshots(tx, now); err != nil {
			return err
		}
		if err := lockSource(tx, source); err != nil {
			return err
		}
		var open SnapshotSession
		err := tx.Where("source = ?", source).Take(&open).Error
		if err == nil {
			return &Error{Code: ECONFLICT, Message: fmt.Sprintf("A snapshot session of the source %s is already open (%s, until %s): send its batches and complete it, or abandon it with DELETE /api/v1/sync/%s/snapshots/%s.",
				source, open.ID, open.ExpiresAt.UTC().Format(time.RFC3339), source, open.ID),
				Fields: []FieldError{{Field: "id", Reason: "the open session of the source is " + open.ID}}}
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		out = &SnapshotSession{ID: NewID(), Source: source, OpenedAt: now, ExpiresAt: now.Add(SnapshotSessionTTL)}
		return tx.Create(out).Error
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetSnapshot returns a session of source with its counts. An unknown id,
// or one of another source, answers ENOTFOUND; an expired session EGONE.
func (s *Store) GetSnapshot(ctx context.Context, source, id string) (*SnapshotSession, error) {
	db := s.read(ctx)
	sess, err := findSnapshot(db, source, id, s.now(), "id", false)
	if err != nil {
		return nil, dbError(err)
	}
	if err := countSnapshotKeys(db, sess); err != nil {
		return nil, dbError(err)
	}
	return sess, nil
}

// AbandonSnapshot ends a session without archiving anything.
func (s *Store) AbandonSnapshot(ctx context.Context, source, id string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := lockSource(tx, source); err != nil {
			return err
		}
		sess, err := findSnapshot(tx, source, id, s.now(), "id", true)
		if err != nil {
			return err
		}
		return deleteSnapshots(tx, []string{sess.ID})
	})
}

// CompleteSnapshot ends a session: the source's live records absent from
// every batch of it are archived, for the kinds it received batches of,
// with SyncBatch's guard (opt.AllowMassArchive) and outcomes (Index -1).
// The session ends unless the guard refuses (ECONFLICT: the partner may
// complete it again with AllowMassArchive) or opt.DryRun.
func (s *Store) CompleteSnapshot(ctx context.Context, source, id string, opt SyncOptions) (*SyncResult, error) {
	return s.syncWrite(ctx, opt, func(tx *gorm.DB, res *SyncResult) error {
		if err := lockSource(tx, source); err != nil {
			return err
		}
		sess, err := findSnapshot(tx, source, id, s.now(), "id", true)
		if err != nil {
			return err
		}
		if !sess.ActorsSent && !sess.ServicesSent {
			return &Error{Code: ECONFLICT, Message: fmt.Sprintf("The snapshot session %s received no batch: send the source's records with PUT /api/v1/sync/%s/actors?snapshot_id=%s (and /services), an empty list to say the source has none, or abandon the session.", sess.ID, source, sess.ID),
				Fields: []FieldError{{Field: "id", Reason: "no batch joined this session"}}}
		}
		keep := syncKeys{actors: map[string]bool{}, services: map[string]bool{}}
		load := func(entity string, into map[string]bool) error {
			var ids []string
			if err := tx.Model(&snapshotKey{}).Where("session_id = ? AND entity = ?", sess.ID, entity).Pluck("source_id", &ids).Error; err != nil {
				return err
			}
			for _, k := range ids {
				into[k] = true
			}
			return nil
		}
		if sess.ActorsSent {
			if err := load(EntityActor, keep.actors); err != nil {
				return err
			}
		}
		if sess.ServicesSent {
			if err := load(EntityService, keep.services); err != nil {
				return err
			}
		}
		if err := s.archiveAbsent(tx, source, keep, sess.ActorsSent, sess.ServicesSent, opt.AllowMassArchive, res); err != nil {
			return err
		}
		return deleteSnapshots(tx, []string{sess.ID})
	})
}

// PurgeSnapshots deletes the sessions that expired, with their keys.
func (s *Store) PurgeSnapshots(ctx context.Context) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		n, err = purgeSnapshots(tx, s.now())
		return err
	})
	return n, err
}

// purgeSnapshots deletes the sessions expired at now, their rows locked
// first: a batch joining a session locks its row before it writes keys.
func purgeSnapshots(tx *gorm.DB, now time.Time) (int, error) {
	var ids []string
	if err := forUpdate(tx).Model(&SnapshotSession{}).Where("expires_at <= ?", now).Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return len(ids), deleteSnapshots(tx, ids)
}

// deleteSnapshots deletes sessions and their keys. The keys are deleted
// explicitly: SQLite's bulk writes (a sync's transaction) run without
// foreign keys, so the cascade would not.
func deleteSnapshots(tx *gorm.DB, ids []string) error {
	if err := tx.Where("session_id IN ?", ids).Delete(&snapshotKey{}).Error; err != nil {
		return err
	}
	return tx.Where("id IN ?", ids).Delete(&SnapshotSession{}).Error
}

// findSnapshot reads the session id of source, locked for update with lock.
// field names the parameter that named it in errors (the path's id, a
// batch's snapshot_id).
func findSnapshot(db *gorm.DB, source, id string, now time.Time, field string, lock bool) (*SnapshotSession, error) {
	missing := &Error{Code: ENOTFOUND, Message: fmt.Sprintf("No snapshot session %q of the source %s: it may have been completed or abandoned, or purged after it expired; open one with POST /api/v1/sync/%s/snapshots.", clipID(id), source, source),
		Fields: []FieldError{{Field: field, Reason: "names no open snapshot session of the source " + source}}}
	if !ValidID(id) {
		return nil, missing
	}
	q := db
	if lock {
		q = forUpdate(db)
	}
	var sess SnapshotSession
	err := q.Where("id = ?", id).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && sess.Source != source {
		return nil, missing
	}
	if err != nil {
		return nil, err
	}
	if !sess.ExpiresAt.After(now) {
		return nil, &Error{Code: EGONE, Message: fmt.Sprintf("The snapshot session %s expired at %s, %s after its last batch: nothing was archived; open a new session and send every batch again.",
			sess.ID, sess.ExpiresAt.UTC().Format(time.RFC3339), SnapshotSessionTTL),
			Fields: []FieldError{{Field: field, Reason: "names an expired snapshot session"}}}
	}
	return &sess, nil
}

func clipID(id string) string {
	if len(id) > 64 || !utf8.ValidString(id) || !OneLineText(id) {
		return "…"
	}
	return id
}

// countSnapshotKeys sets the session's counts of distinct source ids.
func countSnapshotKeys(db *gorm.DB, sess *SnapshotSession) error {
	var rows []struct {
		Entity string
		N      int
	}
	if err := db.Model(&snapshotKey{}).Select("entity", "COUNT(*) AS n").Where("session_id = ?", sess.ID).Group("entity").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		switch r.Entity {
		case EntityActor:
			sess.Actors = r.N
		case EntityService:
			sess.Services = r.N
		}
	}
	return nil
}

// joinSnapshot checks, in a batch's transaction, that the session it joins
// is a live session of source, and locks it.
func joinSnapshot(tx *gorm.DB, source, id string, now time.Time) (*SnapshotSession, error) {
	if err := lockSource(tx, source); err != nil {
		return nil, err
	}
	return findSnapshot(tx, source, id, now, "snapshot_id", true)
}

// recordSnapshotBatch records, in the batch's transaction, every source_id
// the batch carried (its rejected records' too: a snapshot keeps what is
// stored of a record it carries, even refused), and moves the session's
// expiry.
func recordSnapshotBatch(tx *gorm.DB, sess *SnapshotSession, actorsToo, servicesToo bool, res *SyncResult, now time.Time) error {
	seen := map[snapshotKey]bool{}
	keys := make([]snapshotKey, 0, len(res.Outcomes))
	for _, o := range res.Outcomes {
		// No stored record has a key that is empty, too long or not
		// text: it never needs keeping (and PostgreSQL's index would
		// refuse a huge one).
		if o.Index < 0 || o.SourceID == "" || !storable(o.SourceID) || utf8.RuneCountInString(o.SourceID) > maxSourceID {
			continue
		}
		k := snapshotKey{SessionID: sess.ID, Entity: o.Entity, SourceID: o.SourceID}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(keys, 500).Error; err != nil {
			return err
		}
	}
	up := map[string]any{"batches": gorm.Expr("batches + 1"), "last_batch_at": now, "expires_at": now.Add(SnapshotSessionTTL)}
	if actorsToo {
		up["actors_sent"] = true
	}
	if servicesToo {
		up["services_sent"] = true
	}
	return tx.Model(&SnapshotSession{}).Where("id = ?", sess.ID).Updates(up).Error
}

// CheckSourceName validates the source a whole sync, import or snapshot
// writes under (a path's, the import command's --source), so that one
// refused name refuses the request before anything is read, rather than
// every record one by one.
func CheckSourceName(source string) error { return checkSyncSourceName(source) }

// checkSyncSourceName validates a source named by a path.
func checkSyncSourceName(source string) error {
	var fe FieldErrors
	checkSource(&fe, source, "", nil)
	if source == "" {
		fe.Add("source", "is required")
	}
	return fe.Err("The source is invalid.")
}
