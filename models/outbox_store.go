package models

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// Outbox states. A message is pending until a worker claims it (sending,
// with a lease); then sent, or pending again with a later attempt, or failed
// for good. A sending row whose lease ran out belongs to a worker that died:
// any worker may claim it again.
const (
	OutboxPending = "pending"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// OutboxMessage is one e-mail to send.
type OutboxMessage struct {
	ID            string `gorm:"primaryKey"`
	Kind          string
	UserID        string
	ToEmail       string
	Params        string
	State         string
	Attempts      int
	NextAttemptAt time.Time
	LeaseOwner    string
	LeaseUntil    *time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

// TableName keeps GORM off its plural guess.
func (OutboxMessage) TableName() string { return "outbox" }

// ParamMap decodes the template parameters.
func (m *OutboxMessage) ParamMap() map[string]string {
	out := map[string]string{}
	_ = json.Unmarshal([]byte(m.Params), &out)
	return out
}

// ClaimOutbox takes up to limit messages due now for owner, for lease: each
// is moved to sending only if it is still pending and due (or sending with a
// lease that ran out) when the UPDATE runs. The conditional UPDATE is what
// makes several workers — in this process, another replica, after a crash —
// safe on SQLite and PostgreSQL alike: two claims of one row cannot both
// change it.
func (s *Store) ClaimOutbox(ctx context.Context, owner string, lease time.Duration, limit int) ([]OutboxMessage, error) {
	now := s.now()
	var ids []string
	due := "(state = ? AND next_attempt_at <= ?) OR (state = ? AND lease_until < ?)"
	if err := s.read(ctx).Model(&OutboxMessage{}).Where(due, OutboxPending, now, OutboxSending, now).
		Order("next_attempt_at").Order("id").Limit(limit).Pluck("id", &ids).Error; err != nil {
		return nil, dbError(err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var out []OutboxMessage
	err := s.write(ctx, func(tx *gorm.DB) error {
		until := now.Add(lease)
		for _, id := range ids {
			res := tx.Model(&OutboxMessage{}).Where("id = ? AND ("+due+")", id, OutboxPending, now, OutboxSending, now).
				Updates(map[string]any{"state": OutboxSending, "lease_owner": owner, "lease_until": until, "attempts": gorm.Expr("attempts + 1")})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 1 {
				var m OutboxMessage
				if err := tx.Take(&m, "id = ?", id).Error; err != nil {
					return err
				}
				out = append(out, m)
			}
		}
		return nil
	})
	return out, err
}

// RenewOutbox extends owner's lease on message id just before sending it,
// and reports whether owner still holds it. A worker that was stalled past
// its lease (its messages taken over by another) then skips the rest of its
// batch instead of sending them a second time.
func (s *Store) RenewOutbox(ctx context.Context, id, owner string, lease time.Duration) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&OutboxMessage{}).Where("id = ? AND state = ? AND lease_owner = ?", id, OutboxSending, owner).
			Update("lease_until", s.now().Add(lease))
		n = res.RowsAffected
		return res.Error
	})
	return n == 1, err
}

// OutboxResult is how an attempt ended.
type OutboxResult struct {
	Sent bool
	// RetryAt is when to try again after a temporary failure; zero with
	// Sent false means the message failed for good.
	RetryAt time.Time
	Error   string // the cause, for operators; never a referred person's data
}

// FinishOutbox records how owner's attempt at message id ended. It changes
// the row only while owner still holds it, so a worker whose lease ran out
// (and whose message another worker took) cannot overwrite the newer state.
// A sent or failed message loses its parameters: one-time links do not
// outlive their delivery.
func (s *Store) FinishOutbox(ctx context.Context, id, owner string, r OutboxResult) error {
	now := s.now()
	set := map[string]any{"lease_owner": "", "lease_until": nil, "last_error": clipRunes(r.Error, 300)}
	switch {
	case r.Sent:
		set["state"], set["sent_at"], set["params"], set["last_error"] = OutboxSent, now, "{}", ""
	case !r.RetryAt.IsZero():
		set["state"], set["next_attempt_at"] = OutboxPending, r.RetryAt.UTC()
	default:
		set["state"], set["params"] = OutboxFailed, "{}"
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&OutboxMessage{}).Where("id = ? AND state = ? AND lease_owner = ?", id, OutboxSending, owner).Updates(set).Error
	})
}

// OutboxCounts counts messages per state, for operators.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		State string
		N     int
	}
	if err := s.read(ctx).Model(&OutboxMessage{}).Select("state, count(*) AS n").Group("state").Scan(&rows).Error; err != nil {
		return nil, dbError(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out, nil
}

// purgeOutbox deletes messages sent or failed before before: they hold
// addresses, and their only use after delivery is an operator's question
// about the last days.
func purgeOutbox(tx *gorm.DB, before time.Time) (int64, error) {
	res := tx.Where("state IN ? AND created_at < ?", []string{OutboxSent, OutboxFailed}, before).Delete(&OutboxMessage{})
	return res.RowsAffected, res.Error
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
