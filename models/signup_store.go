package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// SignupTTL is how long a sign-up's verification link works.
const SignupTTL = 24 * time.Hour

const signupPrefix = "sgn_"

// signup is a self sign-up waiting for its e-mail to be verified. The
// password is already hashed; the token is stored as a hash only.
type signup struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	DisplayName  string
	PasswordHash string
	TokenHash    string
	ActorID      string
	Message      string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

func (signup) TableName() string { return "signups" }

// NewSignup is what a person gives to sign up.
type NewSignup struct {
	Email       string
	Password    string
	DisplayName string
	// ActorID, when set, is a structure to ask to join once the e-mail is
	// verified, with Message for its managers.
	ActorID string
	Message string
}

// SignUp records a self sign-up and queues the e-mail with its verification
// link; it returns when the link expires. When the address already has an
// account, nothing is recorded and that address gets a note instead ("you
// already have an account"): the answer is the same either way, so that
// sign-up cannot be used to learn who has an account. The caller checks that
// e-mails are sent (Notifies).
func (s *Store) SignUp(ctx context.Context, in NewSignup) (time.Time, error) {
	var fe FieldErrors
	email := normalizeEmail(&fe, "email", in.Email)
	in.DisplayName, in.Message, in.ActorID = strings.TrimSpace(in.DisplayName), strings.TrimSpace(in.Message), NormalID(in.ActorID)
	checkDisplayName(&fe, in.DisplayName)
	checkLen(&fe, "message", in.Message, maxShortText)
	// The structure's name, when actor_id names one, is context too.
	var structures []string
	if in.ActorID != "" && ValidID(in.ActorID) {
		structures = actorNames(s.read(ctx), &in.ActorID)
	}
	if err := ValidatePassword(in.Password, PasswordContext{Email: email, DisplayName: in.DisplayName, Structures: structures}); err != nil {
		var e *Error
		if errors.As(err, &e) {
			fe = append(fe, e.Fields...)
		}
	}
	if in.ActorID != "" && !ValidID(in.ActorID) {
		fe.Add("actor_id", "must be the id of a structure")
	}
	if in.ActorID == "" && in.Message != "" {
		fe.Add("message", "is for the managers of actor_id: give actor_id too")
	}
	if err := fe.Err("The sign-up is invalid."); err != nil {
		return time.Time{}, err
	}
	// Hashed whether or not the address has an account, so that both
	// answers take the same time.
	hash, err := HashPassword(in.Password)
	if err != nil {
		return time.Time{}, Internal(err)
	}
	now := s.now()
	expires := now.Add(SignupTTL)
	err = s.write(ctx, func(tx *gorm.DB) error {
		if in.ActorID != "" {
			if _, err := lockActor(tx, in.ActorID, Precondition{}); err != nil {
				return &Error{Code: EINVALID, Message: "The sign-up is invalid.", Fields: []FieldError{{Field: "actor_id", Reason: "no active structure has this id"}}}
			}
		}
		var existing User
		err := tx.Take(&existing, "email = ?", email).Error
		switch {
		case err == nil:
			return s.queue(tx, notification{Kind: NotifySignupExisting, UserID: existing.ID, Email: email, Params: map[string]string{}})
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		token, tokenHash := newSecret(signupPrefix)
		row := signup{ID: NewID(), Email: email, DisplayName: in.DisplayName, PasswordHash: hash, TokenHash: tokenHash,
			ActorID: in.ActorID, Message: in.Message, CreatedAt: now, ExpiresAt: expires}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.queue(tx, notification{Kind: NotifyEmailVerification, Email: email,
			Params: map[string]string{"token": token, "expires_at": expires.Format(time.RFC3339)}})
	})
	return expires, err
}

var errBadSignup = Errorf(ENOTFOUND, "This link does not exist, was already used or has expired; sign up again.")

// VerifySignup creates the account of the sign-up whose link holds token,
// and its join request when the sign-up named a structure (skipped if the
// structure was archived meanwhile). Other pending sign-ups of the same
// address are dropped.
func (s *Store) VerifySignup(ctx context.Context, token string) (*User, *JoinRequest, error) {
	var u *User
	var jr *JoinRequest
	err := s.write(ctx, func(tx *gorm.DB) error {
		var row signup
		err := tx.Take(&row, "token_hash = ?", hashSecret(token)).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errBadSignup
		}
		if err != nil {
			return err
		}
		if !s.now().Before(row.ExpiresAt) {
			return errBadSignup
		}
		if err := tx.Where("email = ?", row.Email).Delete(&signup{}).Error; err != nil {
			return err
		}
		u, err = s.insertUser(tx, NewUser{Email: row.Email, DisplayName: row.DisplayName, passwordHash: row.PasswordHash})
		if err != nil {
			return err
		}
		if row.ActorID != "" {
			j := &JoinRequest{ID: NewID(), UserID: u.ID, ActorID: row.ActorID, Message: row.Message, Status: RequestPending, CreatedAt: s.now()}
			switch err := s.insertJoinRequest(tx, j); ErrorCode(err) {
			case "":
				j.Email, j.DisplayName = u.Email, u.DisplayName
				jr = j
			case ENOTFOUND, EGONE:
				// The structure is gone: the account stands, the person
				// asks another one.
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return u, jr, nil
}

// purgeSignups deletes sign-ups whose link expired before now.
func purgeSignups(tx *gorm.DB, now time.Time) (int64, error) {
	res := tx.Where("expires_at < ?", now).Delete(&signup{})
	return res.RowsAffected, res.Error
}
