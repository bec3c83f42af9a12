// Package contact normalises the ways a place can be reached — phone
// numbers, e-mail addresses and web addresses — into the one form the
// national standard « lieux de médiation numérique » publishes, and refuses
// what cannot be published.
//
// Each Normalize function returns the stored form or an error whose message
// is meant for API users (it becomes a problem's errors[].reason): it says
// what is wrong and, where possible, how to write the value instead. Errors
// wrap ErrInvalidPhone, ErrInvalidEmail or ErrInvalidURL for errors.Is. An
// accepted value is a fixed point: normalising it again returns it unchanged,
// so stored values can be re-validated at any time without drifting.
// Nothing here panics, whatever the input.
package contact

import (
	"errors"
	"fmt"
)

// Sentinels wrapped by the errors of this package.
var (
	ErrInvalidPhone = errors.New("invalid phone number")
	ErrInvalidEmail = errors.New("invalid e-mail address")
	ErrInvalidURL   = errors.New("invalid web address")
)

// invalidError carries a user-facing reason and unwraps to a sentinel, so the
// message needs no technical prefix.
type invalidError struct {
	sentinel error
	reason   string
}

func (e *invalidError) Error() string { return e.reason }
func (e *invalidError) Unwrap() error { return e.sentinel }

func phoneErr(format string, args ...any) error {
	return &invalidError{ErrInvalidPhone, fmt.Sprintf(format, args...)}
}

func emailErr(format string, args ...any) error {
	return &invalidError{ErrInvalidEmail, fmt.Sprintf(format, args...)}
}

func urlErr(format string, args ...any) error {
	return &invalidError{ErrInvalidURL, fmt.Sprintf(format, args...)}
}

// brief quotes at most 40 runes of user input for an error message: enough to
// recognise the value, never a large payload reflected back (%q escapes
// invalid UTF-8 and control characters).
func brief(s string) string {
	const max = 40
	n := 0
	for i := range s {
		if n == max {
			return fmt.Sprintf("%q…", s[:i])
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}
