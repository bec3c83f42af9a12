package models

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The referral feed (GET /api/v1/referrals/changes) is paged by the
// referral events' seq, which counts every event of the platform: shown as
// it is, the gap between two of a structure's own events told it how many
// referrals the other structures sent, answered, forwarded or wrote about
// meanwhile — exactly, at the moment of its choosing (a message of its own
// is an event it posts at will). The feed therefore shows each seq through
// FeedSeqs, a permutation keyed by a secret the service draws once
// (service_keys): the order of the feed and its cursors are unchanged for
// the follower, and the values say nothing of the events between.

// serviceKey is a row of service_keys.
type serviceKey struct {
	Name      string `gorm:"primaryKey"`
	Value     string
	CreatedAt time.Time
}

func (serviceKey) TableName() string { return "service_keys" }

const referralFeedKeyName = "referral_feed"

// FeedSeqs maps a feed's internal seqs to the values its followers see
// (1 to 2^52; 0 is the beginning) and back. The values are JSON numbers a
// JavaScript client reads as doubles, exact up to 2^53: 2^52 seqs (four
// million billion events) keep every value exact.
type FeedSeqs struct{ key []byte }

const (
	feedHalfBits = 26
	feedHalfMask = 1<<feedHalfBits - 1
	// MaxFeedSeq is the largest seq FeedSeqs maps (and, plus one, the
	// largest value it shows).
	MaxFeedSeq = 1<<(2*feedHalfBits) - 1
	feedRounds = 4
)

func (f FeedSeqs) round(i int, half uint64) uint64 {
	m := hmac.New(sha256.New, f.key)
	var b [9]byte
	b[0] = byte(i)
	binary.BigEndian.PutUint64(b[1:], half)
	m.Write(b[:])
	return binary.BigEndian.Uint64(m.Sum(nil)[:8]) & feedHalfMask
}

// Show returns the value followers see for seq (0 stays 0, the beginning).
func (f FeedSeqs) Show(seq int64) int64 {
	if seq <= 0 || seq > MaxFeedSeq {
		return seq
	}
	x := uint64(seq)
	l, r := x>>feedHalfBits, x&feedHalfMask
	for i := range feedRounds {
		l, r = r, l^f.round(i, r)
	}
	return int64(l<<feedHalfBits|r) + 1
}

// Seq returns the seq a follower's value stands for, false for a value no
// seq is shown as.
func (f FeedSeqs) Seq(shown int64) (int64, bool) {
	if shown == 0 {
		return 0, true
	}
	if shown < 1 || shown-1 > MaxFeedSeq {
		return 0, false
	}
	y := uint64(shown - 1)
	l, r := y>>feedHalfBits, y&feedHalfMask
	for i := feedRounds - 1; i >= 0; i-- {
		l, r = r^f.round(i, l), l
	}
	return int64(l<<feedHalfBits | r), true
}

// ReferralFeedSeqs returns the referral feed's permutation, drawing its key
// the first time any replica needs it.
func (s *Store) ReferralFeedSeqs(ctx context.Context) (FeedSeqs, error) {
	if k := s.feedKey.Load(); k != nil {
		return FeedSeqs{key: *k}, nil
	}
	key, err := s.loadServiceKey(ctx, referralFeedKeyName)
	if err == nil && key == nil {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return FeedSeqs{}, Internal(err)
		}
		err = s.write(ctx, func(tx *gorm.DB) error {
			return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&serviceKey{Name: referralFeedKeyName, Value: hex.EncodeToString(b), CreatedAt: s.now()}).Error
		})
		if err == nil {
			key, err = s.loadServiceKey(ctx, referralFeedKeyName) // another replica's, if it drew first
		}
	}
	if err == nil && key == nil {
		err = errors.New("the referral feed's key was drawn but cannot be read")
	}
	if err != nil {
		return FeedSeqs{}, dbError(err)
	}
	s.feedKey.Store(&key)
	return FeedSeqs{key: key}, nil
}

// PinReferralFeedKey sets the referral feed's key (tests that compare two
// databases' feeds).
func (s *Store) PinReferralFeedKey(ctx context.Context, key []byte) error {
	err := s.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoUpdates: clause.AssignmentColumns([]string{"value"})}).
			Create(&serviceKey{Name: referralFeedKeyName, Value: hex.EncodeToString(key), CreatedAt: s.now()}).Error
	})
	if err != nil {
		return dbError(err)
	}
	k := append([]byte(nil), key...)
	s.feedKey.Store(&k)
	return nil
}

func (s *Store) loadServiceKey(ctx context.Context, name string) ([]byte, error) {
	var rows []serviceKey
	if err := s.read(ctx).Where("name = ?", name).Limit(1).Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return hex.DecodeString(rows[0].Value)
}

// ReferralFeedHead returns the last seq of the referral events (0 when
// there are none): a cursor past it was never given by the feed.
func (s *Store) ReferralFeedHead(ctx context.Context) (int64, error) {
	var head int64
	err := s.read(ctx).Model(&ReferralEvent{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error
	return head, dbError(err)
}
