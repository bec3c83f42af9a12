package models

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// IdempotencyTTL is how long a key's answer is kept and replayed.
const IdempotencyTTL = 24 * time.Hour

// IdempotentResponse is a stored answer to replay.
type IdempotentResponse struct {
	Status  int
	Headers map[string]string
	Body    []byte
}

type idempotencyKey struct {
	Scope       string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	RequestHash string
	State       string
	Status      int
	Headers     string
	Body        []byte
	CreatedAt   time.Time
}

func (idempotencyKey) TableName() string { return "idempotency_keys" }

// BeginIdempotent claims key for a request with the given hash. It returns
// the stored response when the same request already completed, ECONFLICT
// while it is still running, and EINVALID when the key was used for a
// different request. A nil response and nil error mean: go ahead, then call
// FinishIdempotent.
func (s *Store) BeginIdempotent(ctx context.Context, scope, key, hash string) (*IdempotentResponse, error) {
	var out *IdempotentResponse
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		// Expired keys are deleted here rather than by a job: the
		// index on created_at makes it cheap, and it bounds the table.
		if err := tx.Where("created_at < ?", now.Add(-IdempotencyTTL)).Delete(&idempotencyKey{}).Error; err != nil {
			return err
		}
		var k idempotencyKey
		err := tx.Take(&k, "scope = ? AND key = ?", scope, key).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			// Another process (a replica) may claim the same key between
			// the read and the insert: the key is then taken.
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).
				Create(&idempotencyKey{Scope: scope, Key: key, RequestHash: hash, State: "pending", Headers: "{}", CreatedAt: now})
			if res.Error == nil && res.RowsAffected == 0 {
				return Errorf(ECONFLICT, "A request with this Idempotency-Key is still being processed; retry in a moment.")
			}
			return res.Error
		}
		if err != nil {
			return err
		}
		if k.RequestHash != hash {
			return &Error{Code: EINVALID, Message: "This Idempotency-Key was already used for a different request; use a new key for a new request.",
				Fields: []FieldError{{Field: "Idempotency-Key", Reason: "reused with a different method, path or body"}}}
		}
		if k.State != "done" {
			return Errorf(ECONFLICT, "A request with this Idempotency-Key is still being processed; retry in a moment.")
		}
		out = &IdempotentResponse{Status: k.Status, Body: k.Body}
		return json.Unmarshal([]byte(k.Headers), &out.Headers)
	})
	return out, err
}

// FinishIdempotent stores the answer of a claimed key, or releases the key
// when resp is nil (the request failed on the server's side, so a retry must
// run again).
func (s *Store) FinishIdempotent(ctx context.Context, scope, key string, resp *IdempotentResponse) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&idempotencyKey{}).Where("scope = ? AND key = ? AND state = 'pending'", scope, key)
		if resp == nil {
			return q.Delete(&idempotencyKey{}).Error
		}
		h, err := json.Marshal(resp.Headers)
		if err != nil {
			return err
		}
		return q.Updates(map[string]any{"state": "done", "status": resp.Status, "headers": string(h), "body": resp.Body}).Error
	})
}
