package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// PasswordResetTTL is how long a reset link can be used: long enough to
// hand it to the person the same day, short enough that a forgotten one is
// soon worthless.
const PasswordResetTTL = 4 * time.Hour

// Reset links an account may receive in a row before waiting: an issuer
// cannot flood an account, and a leaked issuer account cannot churn them.
const (
	maxResetsPerWindow = 3
	resetWindow        = time.Hour
)

const resetPrefix = "pwr_"

// How a reset link reaches the person: e-mailed to the account's address
// when the service sends e-mail, otherwise shown once to its issuer, who
// passes it on — and so may use it themself (see recordDisclosure).
const (
	ResetDeliveryEmail  = "email"
	ResetDeliveryManual = "manual"
)

// resetDelivery is how a link issued now reaches the person.
func (s *Store) resetDelivery() string {
	if s.notify {
		return ResetDeliveryEmail
	}
	return ResetDeliveryManual
}

type passwordReset struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	TokenHash string
	CreatedBy string
	ActorID   string
	// Delivery is ResetDeliveryEmail or ResetDeliveryManual ("unknown"
	// for links issued before it was kept).
	Delivery  string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (passwordReset) TableName() string { return "password_resets" }

// PasswordReset is an issued reset link; Token is shown once, to the
// issuer only when Delivery is ResetDeliveryManual.
type PasswordReset struct {
	ID        string
	UserID    string
	Email     string
	ExpiresAt time.Time
	Token     string
	Delivery  string
}

// Entity an issued reset link binds an Idempotency-Key to.
const EntityPasswordReset = "password_reset"

// IssuePasswordReset creates a single-use reset link for the account, on
// behalf of actorID's manager ("" for an administrator: the caller checked
// the rights). Earlier unused links of the account stop working. At most
// three links per account and hour (ERATELIMITED).
func (s *Store) IssuePasswordReset(ctx context.Context, userID, actorID string) (*PasswordReset, error) {
	token, hash := newSecret(resetPrefix)
	var out *PasswordReset
	err := s.write(ctx, func(tx *gorm.DB) error {
		// Locked: concurrent issues for one account count each other.
		u, err := getUser(forUpdate(tx), userID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return Errorf(ECONFLICT, "The account %s is disabled: an administrator enables it first.", u.Email)
		}
		now := s.now()
		var recent []passwordReset
		if err := tx.Where("user_id = ? AND created_at > ?", userID, now.Add(-resetWindow)).Order("created_at").Find(&recent).Error; err != nil {
			return err
		}
		if len(recent) >= maxResetsPerWindow {
			return &Error{Code: ERATELIMITED, Message: "Too many reset links were issued for this account in the last hour; use the last one or wait.",
				RetryAfter: recent[0].CreatedAt.Add(resetWindow).Sub(now)}
		}
		if err := tx.Model(&passwordReset{}).Where("user_id = ? AND used_at IS NULL AND expires_at > ?", userID, now).Update("expires_at", now).Error; err != nil {
			return err
		}
		r := passwordReset{ID: NewID(), UserID: userID, TokenHash: hash, CreatedBy: PrincipalFrom(ctx).Scope(), ActorID: actorID,
			Delivery: s.resetDelivery(), CreatedAt: now, ExpiresAt: now.Add(PasswordResetTTL)}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, EntityPasswordReset, r.ID); err != nil {
			return err
		}
		out = &PasswordReset{ID: r.ID, UserID: u.ID, Email: u.Email, ExpiresAt: r.ExpiresAt, Token: token, Delivery: r.Delivery}
		if err := s.trail(tx, TrailEvent{Action: TrailPasswordResetIssued, ActorID: actorID, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()},
			map[string]any{"reset_id": r.ID, "expires_at": r.ExpiresAt}); err != nil {
			return err
		}
		// With e-mail configured, the link goes to the account's address
		// (the handler then does not show the token).
		return s.queuePasswordReset(tx, u.ID, token, r.ExpiresAt)
	})
	return out, err
}

// ReissuePasswordReset replaces the token of a reset link whose answer was
// lost (an Idempotency-Key replay after a crash): the undelivered token
// stops working, its e-mail still queued is dropped, and a new one is
// returned and e-mailed, with the same expiry.
func (s *Store) ReissuePasswordReset(ctx context.Context, id string) (*PasswordReset, error) {
	token, hash := newSecret(resetPrefix)
	var out *PasswordReset
	err := s.write(ctx, func(tx *gorm.DB) error {
		var r passwordReset
		if err := forUpdate(tx).Take(&r, "id = ? AND used_at IS NULL", id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return errBadReset
			}
			return err
		}
		u, err := getUser(tx, r.UserID)
		if err != nil {
			return err
		}
		// A new token only while its issuer may still issue it.
		if ok, err := issuerMayReset(tx, &r, u); err != nil {
			return err
		} else if !ok {
			return errBadReset
		}
		// Delivered as links issued now are: the new token is shown to
		// the issuer when the service sends no e-mail (any more).
		r.Delivery = s.resetDelivery()
		// The replaced token's mail, still queued, would carry a dead
		// link beside the new one's.
		if err := dropLinkMail(tx, NotifyPasswordReset, u.Email, r.TokenHash); err != nil {
			return err
		}
		if err := tx.Model(&r).Updates(map[string]any{"token_hash": hash, "delivery": r.Delivery}).Error; err != nil {
			return err
		}
		out = &PasswordReset{ID: r.ID, UserID: u.ID, Email: u.Email, ExpiresAt: r.ExpiresAt, Token: token, Delivery: r.Delivery}
		return s.queuePasswordReset(tx, u.ID, token, r.ExpiresAt)
	})
	return out, err
}

// issuerMayReset decides again, as the link is used, whether its issuer
// may issue it (Principal.CanIssueReset), with the issuer's and the
// account's rights as they are now. A link of an operator's command stays
// valid.
func issuerMayReset(tx *gorm.DB, r *passwordReset, u *User) (bool, error) {
	p, operator, err := principalByScope(tx, r.CreatedBy)
	if err != nil || operator {
		return operator, err
	}
	a, err := accountOf(tx, u)
	if err != nil {
		return false, err
	}
	return p.CanIssueReset(a), nil
}

var errBadReset = Errorf(ENOTFOUND, "This reset link does not exist, was already used, was replaced by a newer one or has expired; ask for a new one.")

// ResetPassword sets a new password with a reset link: the link is used up,
// every session of the account ends, and the trail records it.
func (s *Store) ResetPassword(ctx context.Context, token, next string) error {
	var r passwordReset
	err := s.read(ctx).Take(&r, "token_hash = ?", hashSecret(token)).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errBadReset
	}
	if err != nil {
		return dbError(err)
	}
	now := s.now()
	if r.UsedAt != nil || !now.Before(r.ExpiresAt) {
		return errBadReset
	}
	u, err := s.GetUser(ctx, r.UserID)
	if err != nil {
		return err
	}
	if u.Disabled {
		return errBadReset
	}
	hash, err := s.newPasswordHash(ctx, next, u, "new_password")
	if err != nil {
		return err
	}
	// The person acts without a token: the trail names their account.
	ctx = WithPrincipal(ctx, &Principal{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, ProfessionalEmail: u.ProfessionalEmail})
	return s.write(ctx, func(tx *gorm.DB) error {
		// Used up in the same transaction, and only if still unused: two
		// concurrent uses cannot both succeed.
		res := tx.Model(&passwordReset{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", r.ID, now).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errBadReset
		}
		if ok, err := issuerMayReset(tx, &r, u); err != nil {
			return err
		} else if !ok {
			return errBadReset
		}
		if err := recordDisclosure(tx, &r, u.ID, now); err != nil {
			return err
		}
		return s.setPassword(tx, u, hash, "", TrailPasswordResetUsed, map[string]any{"reset_id": r.ID, "delivery": r.Delivery})
	})
}

// recordDisclosure keeps, as a password is set with reset link r, who knows
// the account's credentials from now on (discloseCredentials).
func recordDisclosure(tx *gorm.DB, r *passwordReset, userID string, now time.Time) error {
	return discloseCredentials(tx, r.Delivery, r.CreatedBy, userID, now)
}

// discloseCredentials keeps, as account userID's password is set with a
// token (a reset link, or the invitation that creates the account) issued
// by scope createdBy and delivered as delivery, who knows the account's
// credentials from now on. A token shown to an issuer other than the
// account (delivery manual, or unknown) discloses them to that issuer, who
// could have used it: the account's reads of referrals sent before now, and
// of those the issuer could not read untraced, are traced
// (Principal.ReadTrace), whoever changes the password afterwards (the
// issuer knows it and could be the one changing it). A token e-mailed to
// the account's address gives the account back, whoever issued it: its
// issuer never saw it. A token an administrator was shown for their own
// account changes nothing: the session that asked for it may be held by
// whoever knows the password already.
func discloseCredentials(tx *gorm.DB, delivery, createdBy, userID string, now time.Time) error {
	var set map[string]any
	switch {
	case delivery == ResetDeliveryEmail:
		set = map[string]any{"credentials_disclosed_at": nil, "credentials_disclosed_by": ""}
	case createdBy != "user:"+userID:
		set = map[string]any{"credentials_disclosed_at": now, "credentials_disclosed_by": strings.TrimPrefix(createdBy, "user:")}
	default:
		return nil
	}
	return tx.Model(&User{}).Where("id = ?", userID).Updates(set).Error
}
