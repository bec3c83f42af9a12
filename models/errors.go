package models

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Code classifies an error for callers. It is the only thing the HTTP layer
// looks at to choose a status, so a new failure mode needs a code here and a
// status in handlers/respond.go, nowhere else.
type Code string

// Error codes. Their string values appear in problem types
// (urn:carnet:problem:<code>) and are part of the public contract.
const (
	EBADREQUEST      Code = "bad_request"                     // malformed syntax: JSON, query strings
	EINVALID         Code = "validation_failed"               // well-formed but breaks a rule
	EUNAUTHORIZED    Code = "unauthorized"                    // no or bad credentials
	EFORBIDDEN       Code = "forbidden"                       // authenticated but not allowed
	ENOTFOUND        Code = "not_found"                       // absent, or hidden from this caller
	EMETHOD          Code = "method_not_allowed"              // the route exists with other methods
	EGONE            Code = "gone"                            // archived: a tombstone
	ECONFLICT        Code = "conflict"                        // clashes with the current state
	EPRECONDITION    Code = "precondition_failed"             // stale If-Match
	ETOOLARGE        Code = "payload_too_large"               // body over the limit
	EHEADERSTOOLARGE Code = "request_header_fields_too_large" // request head over the limit
	EURITOOLONG      Code = "uri_too_long"                    // the request's target alone over the head's limit (RFC 9110: 414)
	EUNSUPPORTED     Code = "unsupported_media_type"          // body not JSON
	ENOTACCEPTABLE   Code = "not_acceptable"                  // Accept names no media type the operation answers
	ERATELIMITED     Code = "too_many_requests"               // rate limit hit
	EUNAVAILABLE     Code = "unavailable"                     // a dependency is down
	ESTORAGEFULL     Code = "storage_full"                    // the disk holding the database is full
	EINTERNAL        Code = "internal"                        // a bug or an outage; details only in logs
)

// FieldError names one offending input field and why it was refused. Field is
// the JSON path as the client wrote it (e.g. "address.postal_code",
// "phones[1]"), so that a form can put the message next to the right input.
type FieldError struct {
	Field  string `json:"field" example:"address.postal_code"`
	Reason string `json:"reason" example:"must be 5 digits"`
	// Value is the field's value as written, for a warning of an import
	// or a sync whose report has a column for it (an import's). Reason
	// then begins with it quoted, as clients of the API read it.
	Value string `json:"-"`
}

// Error is the one error type that crosses package boundaries. Message is
// written for API users and is safe to show; Err is the internal cause, which
// is logged and never sent to clients.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
	// RetryAfter tells a rate-limited or unavailable caller when to retry.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Reason)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a user-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// storageFull is the error of a write refused because the disk holding the
// database is full (SQLite's SQLITE_FULL, PostgreSQL's disk_full 53100,
// ENOSPC): the transaction rolled back whole, reads still work, and the
// same write succeeds once space is freed, which only an operator can do.
// It was answered 500 « An internal error occurred. » (probe 39a F3).
func storageFull(err error) *Error {
	return &Error{Code: ESTORAGEFULL, Message: "The disk holding the database is full: nothing was written. Reads still work; retry once the operators have freed space.",
		Err: err, RetryAfter: StorageFullRetry}
}

// StorageFullRetry is the Retry-After of a write refused for a full disk:
// freeing space takes an operator minutes, not seconds.
const StorageFullRetry = time.Minute

// Internal wraps an unexpected failure. The cause goes to the logs only.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: "An internal error occurred.", Err: err}
}

// ErrorCode returns the code of err, EINTERNAL for foreign errors and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// FieldErrors collects validation failures so that a client learns about every
// invalid field in one round trip instead of fixing them one at a time.
type FieldErrors []FieldError

// Add records a failure for field. The same failure found by two checks
// (a field's shape and the commune reference both refusing « 00000 ») is
// said once.
func (fe *FieldErrors) Add(field, reason string) {
	e := FieldError{Field: field, Reason: reason}
	if slices.Contains(*fe, e) {
		return
	}
	*fe = append(*fe, e)
}

// Addf records a failure with a formatted reason.
func (fe *FieldErrors) Addf(field, format string, args ...any) {
	fe.Add(field, fmt.Sprintf(format, args...))
}

// Err returns nil when nothing was recorded, else an EINVALID error.
func (fe FieldErrors) Err(message string) error {
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message, Fields: fe}
}

// reasonWrongPassword is the field reason of a wrong password given by a
// signed-in person (a password change, an account's deletion).
const reasonWrongPassword = "does not match"

// IsWrongCredential tells whether err says a password or a partner's secret
// was wrong (or the account unknown or disabled: the same 401), so that the
// login limits count it as a guess.
func IsWrongCredential(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	if e.Code == EUNAUTHORIZED {
		return true
	}
	return e.Code == EINVALID && len(e.Fields) == 1 && e.Fields[0].Reason == reasonWrongPassword
}
