package models

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"carnet/models/contact"
)

// User is a person with an account: an administrator, a coordinator, a
// structure's manager or member.
type User struct {
	ID            string `gorm:"primaryKey"`
	Email         string
	PasswordHash  string
	PlatformAdmin bool
	Disabled      bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// NewUser describes an account to create.
type NewUser struct {
	Email         string
	Password      string
	PlatformAdmin bool
}

// CreateUser creates an account. E-mails are unique, compared lower-case.
func (s *Store) CreateUser(ctx context.Context, in NewUser) (*User, error) {
	var fe FieldErrors
	email, err := contact.NormalizeEmail(in.Email)
	if err != nil {
		fe.Add("email", err.Error())
	}
	email = strings.ToLower(email)
	if err := ValidatePassword(in.Password); err != nil {
		var e *Error
		if errors.As(err, &e) {
			fe = append(fe, e.Fields...)
		}
	}
	if err := fe.Err("The account is invalid."); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, Internal(err)
	}
	now := s.now()
	u := &User{ID: NewID(), Email: email, PasswordHash: hash, PlatformAdmin: in.PlatformAdmin, CreatedAt: now, UpdatedAt: now}
	err = s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			if isUniqueOn(err, "users.email") {
				return &Error{Code: ECONFLICT, Message: "An account with this e-mail already exists.",
					Fields: []FieldError{{Field: "email", Reason: "is already registered"}}}
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

var errBadCredentials = Errorf(EUNAUTHORIZED, "The e-mail or the password is incorrect.")

// lazyDummyHash is computed on first use so that programs that never log
// anyone in (tests, the CLI) do not pay for an argon2 hash at start-up.
var lazyDummyHash = sync.OnceValue(func() string { return dummyHash() })

// Authenticate checks an e-mail and password. Unknown e-mails, wrong
// passwords and disabled accounts give the same answer, in about the same
// time, so that the endpoint does not reveal which accounts exist.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var u User
	err := s.read(ctx).Take(&u, "email = ?", email).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_, _ = CheckPassword(lazyDummyHash(), password)
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, dbError(err)
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, Internal(err)
	}
	if !ok || u.Disabled {
		return nil, errBadCredentials
	}
	return &u, nil
}

// LoadPrincipal rebuilds the caller from the database. A deleted or disabled
// account yields EUNAUTHORIZED even with a valid token.
func (s *Store) LoadPrincipal(ctx context.Context, userID string) (*Principal, error) {
	if !ValidID(userID) {
		return nil, Errorf(EUNAUTHORIZED, "The token does not name a valid account.")
	}
	var u User
	err := s.read(ctx).Take(&u, "id = ?", userID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && u.Disabled) {
		return nil, Errorf(EUNAUTHORIZED, "The account of this token is disabled or no longer exists.")
	}
	if err != nil {
		return nil, dbError(err)
	}
	return &Principal{UserID: u.ID, Email: u.Email, PlatformAdmin: u.PlatformAdmin}, nil
}
