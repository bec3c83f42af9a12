package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

type refreshToken struct {
	ID         string `gorm:"primaryKey"`
	FamilyID   string
	UserID     string
	TokenHash  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
	ReplacedBy string
}

func (refreshToken) TableName() string { return "refresh_tokens" }

const refreshPrefix = "rt_"

var errBadRefresh = Errorf(EUNAUTHORIZED, "The refresh token is invalid, expired or revoked; log in again.")

// IssueRefreshToken starts a new login session (a token family) for userID.
func (s *Store) IssueRefreshToken(ctx context.Context, userID string, ttl time.Duration) (string, time.Time, error) {
	var token string
	var exp time.Time
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		token, exp, err = s.insertRefresh(tx, userID, NewID(), ttl)
		return err
	})
	return token, exp, err
}

func (s *Store) insertRefresh(tx *gorm.DB, userID, family string, ttl time.Duration) (string, time.Time, error) {
	secret, hash := newSecret(refreshPrefix)
	now := s.now()
	rt := refreshToken{ID: NewID(), FamilyID: family, UserID: userID, TokenHash: hash, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	return secret, rt.ExpiresAt, tx.Create(&rt).Error
}

// RotateRefreshToken exchanges a refresh token for a new one of the same
// family and returns the account id. A token used twice means it leaked:
// the whole family is revoked and both holders must log in again.
func (s *Store) RotateRefreshToken(ctx context.Context, token string, ttl time.Duration) (userID, next string, exp time.Time, err error) {
	var reuse bool
	err = s.write(ctx, func(tx *gorm.DB) error {
		var rt refreshToken
		// Locked: the same token presented twice at once is rotated
		// once, and the second use is seen as a reuse.
		e := forUpdate(tx).Take(&rt, "token_hash = ?", hashSecret(token)).Error
		if errors.Is(e, gorm.ErrRecordNotFound) {
			return errBadRefresh
		}
		if e != nil {
			return e
		}
		now := s.now()
		if rt.RevokedAt != nil {
			if rt.ReplacedBy != "" {
				reuse = true
				return revokeFamily(tx, rt.FamilyID, now)
			}
			return errBadRefresh
		}
		if !now.Before(rt.ExpiresAt) {
			return errBadRefresh
		}
		u, e := getUser(tx, rt.UserID)
		if e != nil || u.Disabled {
			return errBadRefresh
		}
		next, exp, e = s.insertRefresh(tx, rt.UserID, rt.FamilyID, ttl)
		if e != nil {
			return e
		}
		userID = rt.UserID
		return tx.Model(&rt).Updates(map[string]any{"revoked_at": now, "replaced_by": hashSecret(next)}).Error
	})
	if err == nil && reuse {
		err = errBadRefresh
	}
	return userID, next, exp, err
}

// RevokeRefreshToken ends the login session the token belongs to (log out).
// Unknown tokens are ignored: logging out twice is not an error.
func (s *Store) RevokeRefreshToken(ctx context.Context, token string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var rt refreshToken
		err := tx.Take(&rt, "token_hash = ?", hashSecret(token)).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return revokeFamily(tx, rt.FamilyID, s.now())
	})
}

func revokeFamily(tx *gorm.DB, family string, now time.Time) error {
	return tx.Model(&refreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).Update("revoked_at", now).Error
}

func revokeUserTokens(tx *gorm.DB, userID string, now time.Time) error {
	return tx.Model(&refreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now).Error
}
