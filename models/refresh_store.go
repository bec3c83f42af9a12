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

type session struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
}

// Session is a login: its id (the sid of its access tokens) and its first
// refresh token.
type Session struct {
	ID           string
	RefreshToken string
	ExpiresAt    time.Time
}

// OpenSession starts a login session for userID: a session that access
// tokens name, and its first refresh token (a token family).
func (s *Store) OpenSession(ctx context.Context, userID string, ttl time.Duration) (*Session, error) {
	var out Session
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		out.ID = NewID()
		if err := tx.Create(&session{ID: out.ID, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}).Error; err != nil {
			return err
		}
		var err error
		out.RefreshToken, out.ExpiresAt, err = s.insertRefresh(tx, userID, out.ID, ttl)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Store) insertRefresh(tx *gorm.DB, userID, family string, ttl time.Duration) (string, time.Time, error) {
	secret, hash := newSecret(refreshPrefix)
	now := s.now()
	rt := refreshToken{ID: NewID(), FamilyID: family, UserID: userID, TokenHash: hash, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	return secret, rt.ExpiresAt, tx.Create(&rt).Error
}

// RotateRefreshToken exchanges a refresh token for a new one of the same
// session and returns the account and session ids. A token used twice means
// it leaked: the whole session is revoked, its access tokens included, and
// both holders must log in again.
func (s *Store) RotateRefreshToken(ctx context.Context, token string, ttl time.Duration) (userID, sessionID, next string, exp time.Time, err error) {
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
		// The session lives as long as its latest refresh token.
		if e := tx.Model(&session{}).Where("id = ?", rt.FamilyID).Update("expires_at", exp).Error; e != nil {
			return e
		}
		userID, sessionID = rt.UserID, rt.FamilyID
		return tx.Model(&rt).Updates(map[string]any{"revoked_at": now, "replaced_by": hashSecret(next)}).Error
	})
	if err == nil && reuse {
		err = errBadRefresh
	}
	return userID, sessionID, next, exp, err
}

// RevokeRefreshToken ends the login session the token belongs to (log out),
// its access tokens included; with everywhere, every session of the
// account. Unknown tokens are ignored: logging out twice is not an error.
func (s *Store) RevokeRefreshToken(ctx context.Context, token string, everywhere bool) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var rt refreshToken
		err := tx.Take(&rt, "token_hash = ?", hashSecret(token)).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		// Everywhere only with a live token: an old one (rotated, or of an
		// ended session) must not let whoever kept it end the others.
		if everywhere && rt.RevokedAt == nil && rt.ExpiresAt.After(s.now()) {
			return revokeUserTokens(tx, rt.UserID, s.now(), "")
		}
		return revokeFamily(tx, rt.FamilyID, s.now())
	})
}

// RevokeSession ends a session by id (log out with an access token).
func (s *Store) RevokeSession(ctx context.Context, userID, sessionID string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&session{}).Where("id = ? AND user_id = ?", sessionID, userID).Count(&n).Error; err != nil || n == 0 {
			return err
		}
		return revokeFamily(tx, sessionID, s.now())
	})
}

func revokeFamily(tx *gorm.DB, family string, now time.Time) error {
	if err := tx.Model(&session{}).Where("id = ? AND revoked_at IS NULL", family).Update("revoked_at", now).Error; err != nil {
		return err
	}
	return tx.Model(&refreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).Update("revoked_at", now).Error
}

// revokeUserTokens ends every session of the account but keep (the
// caller's own, when it changes its password; "" ends them all).
func revokeUserTokens(tx *gorm.DB, userID string, now time.Time, keep string) error {
	if err := tx.Model(&session{}).Where("user_id = ? AND revoked_at IS NULL AND id <> ?", userID, keep).Update("revoked_at", now).Error; err != nil {
		return err
	}
	return tx.Model(&refreshToken{}).Where("user_id = ? AND revoked_at IS NULL AND family_id <> ?", userID, keep).Update("revoked_at", now).Error
}

// sessionLive reports whether the session is open for the account.
func sessionLive(tx *gorm.DB, userID, sessionID string, now time.Time) (bool, error) {
	if !ValidID(sessionID) {
		return false, nil
	}
	var n int64
	err := tx.Model(&session{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?", sessionID, userID, now).Count(&n).Error
	return n == 1, err
}
