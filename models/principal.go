package models

import (
	"context"
	"slices"
)

// Role is what a principal may do for one structure (actor). Only the
// platform administrator exists in the foundation; the per-structure roles
// below are declared now so that tokens and policies have their final shape.
type Role string

const (
	RoleManager     Role = "manager"     // edits its actor (and child actors) and its members
	RoleMember      Role = "member"      // an aidant: reads, and orients people on its structure's behalf
	RoleCoordinator Role = "coordinator" // edits actors located in a territory
)

// Membership grants a role on one actor.
type Membership struct {
	ActorID string
	Role    Role
}

// Principal is the authenticated caller, rebuilt from the database on every
// request (not trusted from the token alone), so that a disabled account loses
// access on its very next request.
type Principal struct {
	UserID        string
	Email         string
	PlatformAdmin bool
	Memberships   []Membership

	// A partner client (machine-to-machine) has a ClientID instead of a
	// UserID, and may write only records of its own Sources.
	ClientID   string
	ClientName string
	Sources    []string
}

// Scope names the caller for per-caller state such as idempotency keys.
func (p *Principal) Scope() string {
	switch {
	case p == nil:
		return ""
	case p.ClientID != "":
		return "client:" + p.ClientID
	case p.UserID != "":
		return "user:" + p.UserID
	}
	return ""
}

// IsAnonymous reports whether nobody is authenticated.
func (p *Principal) IsAnonymous() bool { return p == nil || p.UserID == "" && p.ClientID == "" }

// IsPartner reports whether p is a partner client.
func (p *Principal) IsPartner() bool { return p != nil && p.ClientID != "" }

// CanWriteSource reports whether p may create or change records whose source
// is source: administrators any, partner clients only their own.
func (p *Principal) CanWriteSource(source string) bool {
	switch {
	case p.IsAnonymous():
		return false
	case p.PlatformAdmin:
		return true
	case p.IsPartner():
		return source != "" && slices.Contains(p.Sources, source)
	}
	return false
}

// CanEditActor reports whether p may create, change or archive the actor and
// its services. In the foundation only platform administrators may; structure
// roles extend this policy.
func (p *Principal) CanEditActor(actorID string) bool {
	if p.IsAnonymous() {
		return false
	}
	return p.PlatformAdmin
}

// CanCreateActor reports whether p may add a new actor to the directory.
func (p *Principal) CanCreateActor() bool {
	return !p.IsAnonymous() && p.PlatformAdmin
}

// CanSeeUnpublished reports whether p may read the actor's draft services.
func (p *Principal) CanSeeUnpublished(actorID string) bool {
	return p.CanEditActor(actorID)
}

// CanSeeAllUnpublished reports whether p may read every draft service.
func (p *Principal) CanSeeAllUnpublished() bool {
	return !p.IsAnonymous() && p.PlatformAdmin
}

// EditableActorIDs lists the actors whose drafts p may read besides the
// published directory. Empty in the foundation: only administrators edit.
func (p *Principal) EditableActorIDs() []string {
	return nil
}

type principalKey struct{}

// WithPrincipal returns a context carrying p. Store methods read it to know
// who acts (for audit) without every signature growing a parameter.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller stored in ctx, or nil for anonymous.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
