package models

import (
	"context"

	"gorm.io/gorm"
)

// HoldCreateActor starts a write transaction that creates a and appends its
// change-log row, as Store.write does, then waits: the returned function
// commits it, rollback ends it otherwise (a no-op after commit). Tests use it
// to hold a transaction open between its seq and its commit.
func HoldCreateActor(ctx context.Context, s *Store, a *Actor) (commit, rollback func() error, err error) {
	logs := &pendingLogs{}
	tx := s.w.WithContext(context.WithValue(ctx, pendingKey{}, logs)).Begin()
	if err := tx.Error; err != nil {
		return nil, nil, err
	}
	if err := s.insertActor(tx, a); err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	if err := appendLogs(tx, logs); err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	done := false
	return func() error { done = true; return tx.Commit().Error },
		func() error {
			if done {
				return nil
			}
			return tx.Rollback().Error
		}, nil
}

// ChangesAfter exposes changesAfter to tests.
func (s *Store) ChangesAfter(ctx context.Context, after int64, limit int) ([]Change, error) {
	cs, _, err := s.changesAfter(ctx, after, limit)
	return cs, err
}

// MatchesWord evaluates the store's dialect's containsWord: whether text
// contains the folded word w, as the public queries match it.
func MatchesWord(s *Store, text, w string) (bool, error) {
	cond, arg := s.d.containsWord("CAST(? AS text)", w)
	var ok bool
	err := s.r.Raw("SELECT "+cond, text, arg).Scan(&ok).Error
	return ok, err
}

// Unchecked forgets that NormalizeChecked checked a, and what its reading
// of the place remembered, so that PrepareSyncBatch normalises, reconciles
// and validates it whole.
func Unchecked(a *Actor) { a.checked, a.placeRead = false, placeRead{} }

// Settled reports whether NormalizeChecked found a's place settled
// (placeRead.settled).
func Settled(a *Actor) bool { return a.placeRead.settled() }

// EncodeCreated is encodeCreated: the audit changes of record's creation.
func EncodeCreated(record any) (string, error) { return encodeCreated(record) }

// Created lists the stored actors and services of source, each with the
// changes its creation's audit event recorded.
func Created(s *Store, source string) (actors []Actor, services []Service, audit map[string]string, err error) {
	if err = s.r.Where("source = ?", source).Find(&actors).Error; err != nil {
		return
	}
	if err = s.r.Where("source = ?", source).Find(&services).Error; err != nil {
		return
	}
	var events []AuditEvent
	if err = s.r.Where("action = ?", ChangeCreate).Find(&events).Error; err != nil {
		return
	}
	if err = rebuildHistory(s.r, events); err != nil { // as the history reads them
		return
	}
	audit = map[string]string{}
	for _, e := range events {
		audit[e.EntityID] = e.Changes
	}
	return
}

// StoreCreationsInFull makes the audit events of bulk creations hold their
// record's content, as they did before rebuiltFromRow, until the test ends.
func StoreCreationsInFull(t interface{ Cleanup(func()) }) {
	creationsInFull = true
	t.Cleanup(func() { creationsInFull = false })
}

// CompareRebuiltCreations rebuilds each creation's changes stored in full
// from its row and the later events, and calls differ for each that is not
// byte for byte the stored one. It returns how many it compared.
func CompareRebuiltCreations(ctx context.Context, s *Store, differ func(ev AuditEvent, rebuilt string)) (int, error) {
	var events []AuditEvent
	db := s.r.WithContext(ctx)
	if err := db.Where("action = ? AND changes <> ?", ChangeCreate, rebuiltFromRow).Order("seq").Find(&events).Error; err != nil {
		return 0, err
	}
	for _, ev := range events {
		got, err := rebuildCreated(db, &ev)
		if err != nil {
			return 0, err
		}
		if got != ev.Changes {
			differ(ev, got)
		}
	}
	return len(events), nil
}

// CreatedIDs lists the records of entity in the order of their creation.
func CreatedIDs(ctx context.Context, s *Store, entity string) ([]string, error) {
	var ids []string
	err := s.r.WithContext(ctx).Model(&AuditEvent{}).Where("entity = ? AND action = ?", entity, ChangeCreate).Order("seq").Pluck("entity_id", &ids).Error
	return ids, err
}

// OnLinkInsert runs fn between CreateDuplicate's look-up of a pair and its
// insert, until the test ends.
func OnLinkInsert(t interface{ Cleanup(func()) }, fn func(tx *gorm.DB, a, b string) error) {
	beforeLinkInsert = fn
	t.Cleanup(func() { beforeLinkInsert = nil })
}

// OnDetectedLinksInsert runs fn between detection's read of the stored
// links and its insert of the new ones (pairs: their actors, a before b),
// until the test ends.
func OnDetectedLinksInsert(t interface{ Cleanup(func()) }, fn func(tx *gorm.DB, pairs [][2]string) error) {
	beforeDetectedInsert = fn
	t.Cleanup(func() { beforeDetectedInsert = nil })
}
