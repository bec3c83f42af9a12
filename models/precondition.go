package models

import (
	"fmt"
	"slices"
	"strings"
)

// Precondition is what a conditional write requires of the record's current
// version: RFC 9110's If-Match and If-None-Match, read by the HTTP layer
// (handlers/etag.go) and checked by the store inside the write's transaction,
// after the record is locked, so that no other write can slip in between the
// check and the change. The zero value requires nothing.
//
// Checks run on a record that exists: a missing record answers 404 and an
// archived one 410 before any precondition, as RFC 9110 §13.2.1 orders it
// (a server ignores the preconditions of a request it would refuse anyway).
// No write of the API creates a record at an address the client chooses, so
// If-None-Match: * (« only if absent ») always fails on them: the record is
// there.
type Precondition struct {
	// IfMatch, when set, lists the versions one of which the record must
	// be at (If-Match), or Any (If-Match: *: the record exists).
	IfMatch *Versions
	// IfNoneMatch, when set, lists the versions the record must not be at
	// (If-None-Match), or Any (If-None-Match: *: the record must not exist).
	IfNoneMatch *Versions
}

// Versions is a set of versions of a record, or any version (*).
type Versions struct {
	Any  bool
	List []int64
	// Public lists public versions of an actor (Actor.PublicVersion), what
	// the ETags sent to callers who may not see its contacts name
	// ("4.public"): such a tag holds while nothing that caller is shown
	// has changed.
	Public []int64
}

// IfVersion is the precondition « the record is at version v », what
// If-Match: "v" says.
func IfVersion(v int64) Precondition {
	return Precondition{IfMatch: &Versions{List: []int64{v}}}
}

// IsZero says whether p requires nothing.
func (p Precondition) IsZero() bool { return p.IfMatch == nil && p.IfNoneMatch == nil }

// Check refuses (EPRECONDITION) a write to the kind of record (« actor »)
// that exists at version when p does not hold.
func (p Precondition) Check(kind string, version int64) error {
	return p.CheckPublic(kind, version, 0)
}

// CheckPublic is Check for a record that also has a public version (an
// actor: Actor.PublicVersion), which public tags name.
func (p Precondition) CheckPublic(kind string, version, public int64) error {
	names := func(v *Versions) bool {
		return slices.Contains(v.List, version) || public > 0 && slices.Contains(v.Public, public)
	}
	if m := p.IfMatch; m != nil && !m.Any && !names(m) {
		if len(m.List) == 0 && len(m.Public) == 0 {
			return Errorf(EPRECONDITION, "The %s is at version %d, and If-Match names none of its versions (only strong ETags such as \"%d\" match).", kind, version, version)
		}
		return Errorf(EPRECONDITION, "The %s changed since you read it (version %d, yours is %s); fetch it again and reapply your change.", kind, version, m)
	}
	if n := p.IfNoneMatch; n != nil {
		if n.Any {
			return Errorf(EPRECONDITION, "The %s exists (version %d), and If-None-Match: * asks for a write only where none does.", kind, version)
		}
		if names(n) {
			return Errorf(EPRECONDITION, "The %s is at version %d, which If-None-Match excludes.", kind, version)
		}
	}
	return nil
}

// String writes the versions as a list: "3", or "3 or 4", or "*".
func (v *Versions) String() string {
	if v.Any {
		return "*"
	}
	s := make([]string, 0, len(v.List)+len(v.Public))
	for _, n := range v.List {
		s = append(s, fmt.Sprint(n))
	}
	for _, n := range v.Public {
		s = append(s, fmt.Sprintf("%d.public", n))
	}
	return strings.Join(s, " or ")
}
