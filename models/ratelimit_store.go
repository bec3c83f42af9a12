package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
)

// RateRule is a token bucket: Burst attempts at once, refilled at one per
// Every.
type RateRule struct {
	Every time.Duration
	Burst int
}

// RateResult is the outcome of one attempt.
type RateResult struct {
	OK         bool
	Remaining  int           // attempts left now
	Reset      time.Duration // until the bucket is full again
	RetryAfter time.Duration // when refused, until the next attempt may pass
}

// lastRatePrune is when this process last deleted full buckets (Unix µs).
var lastRatePrune atomic.Int64

// TakeRateToken takes one attempt for key under rule at time now. The
// buckets live in the database, so that every replica counts the same
// attempts. Each is one row holding the GCRA's theoretical arrival time
// (tat): an attempt passes when max(tat, now) + Every − now ≤ Burst × Every,
// and moves tat to max(tat, now) + Every. The check and the move are one
// conditional upsert, atomic on both engines. Keys are stored as SHA-256
// hashes: the table holds no address nor e-mail.
func (s *Store) TakeRateToken(ctx context.Context, key string, rule RateRule, now time.Time) (RateResult, error) {
	every := rule.Every.Microseconds()
	tau := int64(rule.Burst) * every
	n := now.UnixMicro()
	k := rateKey(key)
	var res RateResult
	err := s.write(ctx, func(tx *gorm.DB) error {
		if last := lastRatePrune.Load(); n-last > time.Minute.Microseconds() && lastRatePrune.CompareAndSwap(last, n) {
			// A bucket whose time has passed is full: the row says
			// nothing a missing row would not.
			if err := tx.Exec("DELETE FROM rate_limits WHERE tat < ?", n).Error; err != nil {
				return err
			}
		}
		g := s.d.greatest("rate_limits.tat", "?")
		var tats []int64
		err := tx.Raw("INSERT INTO rate_limits (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = "+g+" + ? WHERE "+g+" + ? - ? <= ? RETURNING tat",
			k, n+every, n, every, n, every, n, tau).Scan(&tats).Error
		if err != nil {
			return err
		}
		if len(tats) == 1 {
			res.OK = true
			res.Remaining = int((tau - (tats[0] - n)) / every)
			res.Reset = time.Duration(tats[0]-n) * time.Microsecond
			return nil
		}
		var tat int64
		if err := tx.Raw("SELECT tat FROM rate_limits WHERE key = ?", k).Scan(&tat).Error; err != nil {
			return err
		}
		res.Reset = time.Duration(tat-n) * time.Microsecond
		res.RetryAfter = time.Duration(tat-n+every-tau) * time.Microsecond
		return nil
	})
	return res, err
}

// PeekRateToken tells whether an attempt for key under rule would pass at
// now, without taking it: the login limits read a client's mark and an
// account's bucket of failures before the check, and take from them only
// once the check failed.
func (s *Store) PeekRateToken(ctx context.Context, key string, rule RateRule, now time.Time) (RateResult, error) {
	every := rule.Every.Microseconds()
	tau := int64(rule.Burst) * every
	n := now.UnixMicro()
	var tats []int64
	if err := s.read(ctx).Raw("SELECT tat FROM rate_limits WHERE key = ?", rateKey(key)).Scan(&tats).Error; err != nil {
		return RateResult{}, err
	}
	tat := n
	if len(tats) == 1 && tats[0] > n {
		tat = tats[0]
	}
	res := RateResult{Reset: time.Duration(tat-n) * time.Microsecond}
	if tat+every-n <= tau {
		res.OK = true
		res.Remaining = int((tau - (tat - n)) / every)
		return res, nil
	}
	res.RetryAfter = time.Duration(tat-n+every-tau) * time.Microsecond
	return res, nil
}

// rateKey is how a bucket's key is stored: its SHA-256, so that the table
// holds no address nor e-mail.
func rateKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}
