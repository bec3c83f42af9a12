package models

import "context"

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
	audit = map[string]string{}
	for _, e := range events {
		audit[e.EntityID] = e.Changes
	}
	return
}
