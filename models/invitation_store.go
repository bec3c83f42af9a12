package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// InvitationTTL is how long an invitation can be accepted.
const InvitationTTL = 7 * 24 * time.Hour

const invitationPrefix = "inv_"

// Invitation invites a person, by e-mail, to create an account with the
// given grants: a role on a structure, coordination of a territory, or
// platform administration. Only the token's hash is stored; the token is
// given once to the inviter, who passes it on.
type Invitation struct {
	ID                      string `gorm:"primaryKey"`
	Email                   string
	TokenHash               string
	ActorID                 *string
	Role                    string
	PlatformAdmin           bool
	CoordinatorDepartements StringList
	CoordinatorCommunes     StringList
	CreatedBy               string
	// Delivery is how the token reached the person: ResetDeliveryEmail
	// (e-mailed to the address), ResetDeliveryManual (shown to the inviter,
	// who passes it on — and may use it), "unknown" before it was kept.
	Delivery   string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt *time.Time
	AcceptedBy *string
	// TokenSpentAt is when the token was posted without a session for an
	// address that has an account (see AcceptInvitation).
	TokenSpentAt *time.Time
	// RevokedAt is when a manager of its structure (or an administrator)
	// withdrew it: its token no longer works (RevokeInvitation).
	RevokedAt *time.Time
}

// NewInvitation describes an invitation.
type NewInvitation struct {
	Email         string
	ActorID       string
	Role          Role
	PlatformAdmin bool
	Coordinates   Territory
}

// CreateInvitation records an invitation and returns its token.
func (s *Store) CreateInvitation(ctx context.Context, in NewInvitation) (*Invitation, string, error) {
	var fe FieldErrors
	email := normalizeEmail(&fe, "email", in.Email)
	checkTerritory(&fe, "coordinator", &in.Coordinates)
	if in.ActorID != "" && !validRole(in.Role) {
		fe.Add("role", "must be manager or member when actor_id is set")
	}
	if in.ActorID == "" && in.Role != "" {
		fe.Add("actor_id", "is required when a role is given")
	}
	if in.ActorID == "" && !in.PlatformAdmin && in.Coordinates.IsZero() {
		fe.Add("actor_id", "an invitation grants something: a role on an actor, a territory to coordinate, or platform administration")
	}
	if err := fe.Err("The invitation is invalid."); err != nil {
		return nil, "", err
	}
	if p := PrincipalFrom(ctx); in.ActorID != "" && p != nil && p.UserID != "" && !p.IsAdmin() && strings.EqualFold(p.Email, email) {
		return nil, "", errSelfGrant("email")
	}
	token, hash := newSecret(invitationPrefix)
	now := s.now()
	inv := &Invitation{ID: NewID(), Email: email, TokenHash: hash, Role: string(in.Role), PlatformAdmin: in.PlatformAdmin,
		CoordinatorDepartements: in.Coordinates.Departements, CoordinatorCommunes: in.Coordinates.Communes,
		CreatedBy: PrincipalFrom(ctx).Scope(), Delivery: s.resetDelivery(), CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	if in.ActorID != "" {
		inv.ActorID = &in.ActorID
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		ev := TrailEvent{Action: TrailInvitationCreated, SubjectKind: SubjectInvitation, SubjectID: inv.ID, SubjectLabel: inv.Email}
		if inv.ActorID != nil {
			// Locked: two invitations of one address at once take turns,
			// and the second replaces the first.
			if _, err := lockActor(tx, *inv.ActorID, Precondition{}); err != nil {
				return err
			}
			ev.ActorID = *inv.ActorID
			if err := s.replaceOpenInvitation(tx, inv); err != nil {
				return err
			}
		}
		if err := tx.Create(inv).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, SubjectInvitation, inv.ID); err != nil {
			return err
		}
		if err := s.trail(tx, ev, invitationGrants(inv)); err != nil {
			return err
		}
		return s.queueInvitation(tx, inv, token)
	})
	if err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// replaceOpenInvitation makes room for inv, to a structure: one
// invitation is pending per structure and address (a unique index, since
// migration 00110, keeps it so). An address that is already a member's is
// refused (ECONFLICT naming email, before any mail is queued): its role
// changes in the members list. An earlier invitation still open is
// revoked — its token dies — and the trail says it was replaced: sending
// an invitation again is how a manager answers a lost mail, or corrects
// the role. Before (probe 37a), an address held several pending
// invitations, each token worked, and the role finally held depended on
// the link used.
func (s *Store) replaceOpenInvitation(tx *gorm.DB, inv *Invitation) error {
	var members int64
	err := tx.Table("memberships").Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.actor_id = ? AND users.email = ? AND users.deleted_at IS NULL", *inv.ActorID, inv.Email).Count(&members).Error
	if err != nil {
		return err
	}
	if members > 0 {
		return &Error{Code: ECONFLICT, Message: "This address is already a member of the structure: change its role in the members list rather than inviting it.",
			Fields: []FieldError{{Field: "email", Reason: "is already a member of this structure"}}}
	}
	var open []Invitation
	if err := forUpdate(tx).Where("actor_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL", *inv.ActorID, inv.Email).Find(&open).Error; err != nil {
		return err
	}
	for i := range open {
		if err := s.revokeOpen(tx, &open[i], open[i].Email, map[string]any{"reason": "replaced", "replaced_by": inv.ID}); err != nil {
			return err
		}
	}
	return nil
}

// errLapsedInvitation answers an invitation whose sender may no longer
// grant what it gives.
var errLapsedInvitation = Errorf(ENOTFOUND, "This invitation is no longer valid: whoever sent it may no longer grant these rights; ask for a new one.")

// inviterMayGrant decides again, as the invitation is accepted, whether
// its sender may give what it grants (Principal.CanGrant), with the
// sender's rights as they are now. An operator's invitation (no sender)
// stays valid.
func inviterMayGrant(tx *gorm.DB, inv *Invitation) (bool, error) {
	p, operator, err := principalByScope(tx, inv.CreatedBy)
	if err != nil || operator {
		return operator, err
	}
	g := Grant{PlatformAdmin: inv.PlatformAdmin, Coordinates: Territory{Departements: inv.CoordinatorDepartements, Communes: inv.CoordinatorCommunes}}
	if inv.ActorID != nil {
		ref, err := actorRef(tx, *inv.ActorID)
		if ErrorCode(err) == ENOTFOUND {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		g.Actor = &ref
	}
	return p.CanGrant(g), nil
}

// errSelfGrant refuses a role on a structure that an account would give
// itself: an invitation it sent to its own address, a join request it
// approves. Only a network's managers (who manage the structure's team
// through its lineage) could, and then read the structure's later
// referrals as an ordinary member, untraced, where they read none before.
// A role on a structure is given by someone else: one of its managers, or
// an administrator, whose act its trail shows. Administrators may still
// add themselves: every read of theirs is traced (platform_administrator).
func errSelfGrant(field string) error {
	msg := "Nobody gives themself a role on a structure: ask one of its managers (or an administrator) to invite you."
	return &Error{Code: EFORBIDDEN, Message: msg, Fields: []FieldError{{Field: field, Reason: "would give your own account a role on this structure"}}}
}

var errBadInvitation = Errorf(ENOTFOUND, "This invitation does not exist, was already used or has expired; ask for a new one.")

// AcceptInvitation uses an invitation's token without a session: a person
// without an account creates one with password and gets the invitation's
// grants. The answer must not tell whoever holds the token — the inviter
// too, when it was shown to them (delivery manual) — whether the address
// already has an account: for an address that has one, the password is
// judged and hashed as a new one would be, nothing is created, and the
// token is spent for this use (as it is once a new account was created:
// a second post answers as for a used token); the account accepts it
// signed in (AcceptInvitationAs). The current password of an existing
// account is never checked here: the route is no way to guess it, nor to
// lock its owner out of logging in.
func (s *Store) AcceptInvitation(ctx context.Context, token, password, displayName string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		inv, err := s.openInvitation(tx, token, true)
		if err != nil {
			return err
		}
		// The same work, and the same refusals, whether or not the
		// address has an account.
		displayName = strings.TrimSpace(displayName)
		var fe FieldErrors
		checkDisplayName(&fe, displayName)
		if err := ValidatePassword(password, PasswordContext{Email: inv.Email, DisplayName: displayName, Structures: actorNames(tx, inv.ActorID)}); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				return err
			}
			fe = append(fe, e.Fields...)
		}
		if err := fe.Err("The account is invalid."); err != nil {
			return err
		}
		hash, err := HashPassword(password)
		if err != nil {
			return Internal(err)
		}
		var n int64
		if err := tx.Model(&User{}).Where("email = ?", inv.Email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return tx.Model(inv).Update("token_spent_at", s.now()).Error
		}
		nu, err := s.insertUser(tx, NewUser{Email: inv.Email, DisplayName: displayName, passwordHash: hash})
		if err != nil {
			return err
		}
		now := s.now()
		// The password was chosen with the token: whoever was shown it
		// (the inviter, when it was not e-mailed) knows it, as after a
		// reset delivered by hand.
		if err := discloseCredentials(tx, inv.Delivery, inv.CreatedBy, nu.ID, now); err != nil {
			return err
		}
		if err := s.trail(asAccount(tx, nu), TrailEvent{Action: TrailAccountCreated, SubjectKind: SubjectAccount, SubjectID: nu.ID, SubjectLabel: nu.Label()},
			map[string]any{"invitation_id": inv.ID}); err != nil {
			return err
		}
		_, err = s.grantInvitation(tx, inv, nu)
		return err
	})
}

// AcceptInvitationAs accepts an invitation as account userID, signed in:
// the way for an address that already has an account. An invitation to
// another address answers as an unknown one. Returns the account.
func (s *Store) AcceptInvitationAs(ctx context.Context, token, userID string) (*User, error) {
	var out *User
	err := s.write(ctx, func(tx *gorm.DB) error {
		inv, err := s.openInvitation(tx, token, false)
		if err != nil {
			return err
		}
		var u User
		err = tx.Take(&u, "id = ? AND deleted_at IS NULL", userID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && !strings.EqualFold(u.Email, inv.Email) {
			return errBadInvitation
		}
		if err != nil {
			return err
		}
		out, err = s.grantInvitation(tx, inv, &u)
		return err
	})
	return out, err
}

// openInvitation locks the open invitation token names: unused, unexpired,
// not spent by a post without a session when anonymous, and whose sender
// may still grant what it gives.
func (s *Store) openInvitation(tx *gorm.DB, token string, anonymous bool) (*Invitation, error) {
	var inv Invitation
	err := forUpdate(tx).Take(&inv, "token_hash = ?", hashSecret(token)).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errBadInvitation
	}
	if err != nil {
		return nil, err
	}
	if inv.AcceptedAt != nil || inv.RevokedAt != nil || !s.now().Before(inv.ExpiresAt) || anonymous && inv.TokenSpentAt != nil {
		return nil, errBadInvitation
	}
	if ok, err := inviterMayGrant(tx, &inv); err != nil {
		return nil, err
	} else if !ok {
		return nil, errLapsedInvitation
	}
	return &inv, nil
}

// grantInvitation gives account u what invitation inv grants and marks it
// accepted.
func (s *Store) grantInvitation(tx *gorm.DB, inv *Invitation, user *User) (*User, error) {
	u := *user
	now := s.now()
	if inv.PlatformAdmin {
		u.PlatformAdmin = true
	}
	if len(inv.CoordinatorDepartements)+len(inv.CoordinatorCommunes) > 0 {
		u.CoordinatorDepartements = mergeCodes(u.CoordinatorDepartements, inv.CoordinatorDepartements)
		u.CoordinatorCommunes = mergeCodes(u.CoordinatorCommunes, inv.CoordinatorCommunes)
	}
	u.UpdatedAt = now
	if err := tx.Model(&u).Select("platform_admin", "coordinator_departements", "coordinator_communes", "updated_at").Updates(&u).Error; err != nil {
		return nil, err
	}
	// The account accepts (the trail's who), whoever holds the token: the
	// entry also names who issued it and how it was delivered, so that a
	// structure's managers see an account its inviter could have set up
	// themself.
	if inv.ActorID != nil && inv.CreatedBy == "user:"+u.ID && !u.PlatformAdmin {
		return nil, errSelfGrant("token")
	}
	// The account as it was when it accepted: an administrator accepting
	// says so in the trail; one made administrator by this invitation was
	// not one yet.
	tx = asAccount(tx, user)
	// Accepted before the membership is added, which revokes the other
	// invitations still open to the structure (revokeOnJoin), not this one.
	if err := tx.Model(inv).Updates(map[string]any{"accepted_at": now, "accepted_by": u.ID}).Error; err != nil {
		return nil, err
	}
	ev := TrailEvent{Action: TrailInvitationAccepted, SubjectKind: SubjectInvitation, SubjectID: inv.ID, SubjectLabel: inv.Email}
	if inv.ActorID != nil {
		ev.ActorID = *inv.ActorID
		// Someone already in the team gets the invitation's role, through
		// the same rule as any role change (a structure keeps a manager).
		row, err := lockMembership(tx, *inv.ActorID, u.ID)
		switch ErrorCode(err) {
		case "":
			if err := s.setRole(tx, row, Role(inv.Role)); err != nil {
				return nil, err
			}
		case ENOTFOUND:
			if _, err := s.addMember(tx, *inv.ActorID, u.ID, Role(inv.Role), ViaInvitation); err != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
	details := invitationGrants(inv)
	details["issued_by"], details["delivery"] = strings.TrimPrefix(inv.CreatedBy, "user:"), inv.Delivery
	if err := s.trail(tx, ev, details); err != nil {
		return nil, err
	}
	return &u, nil
}

// asAccount is tx acting as account u: the trail names it as the one who
// acted, and as a platform administrator when it is one (before, verify
// 37a's N1, an administrator's acceptance showed who.role "").
func asAccount(tx *gorm.DB, u *User) *gorm.DB {
	return tx.WithContext(WithPrincipal(tx.Statement.Context, &Principal{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName,
		ProfessionalEmail: u.ProfessionalEmail, PlatformAdmin: u.PlatformAdmin}))
}

// invitationGrants lists what an invitation grants, for the trail.
func invitationGrants(inv *Invitation) map[string]any {
	d := map[string]any{}
	if inv.Role != "" {
		d["role"] = inv.Role
	}
	if inv.PlatformAdmin {
		d["platform_admin"] = true
	}
	if len(inv.CoordinatorDepartements)+len(inv.CoordinatorCommunes) > 0 {
		d["coordinator"] = Territory{Departements: inv.CoordinatorDepartements, Communes: inv.CoordinatorCommunes}
	}
	return d
}

// queueInvitation e-mails the invitation's link to the invited address,
// when the service sends e-mail (the handler then does not show the token).
func (s *Store) queueInvitation(tx *gorm.DB, inv *Invitation, token string) error {
	params := map[string]string{"token": token, "expires_at": inv.ExpiresAt.Format(time.RFC3339), "role": inv.Role}
	if inv.ActorID != nil {
		params["actor_name"] = actorName(tx, *inv.ActorID)
	}
	if inv.PlatformAdmin {
		params["platform_admin"] = "true"
	}
	if len(inv.CoordinatorDepartements)+len(inv.CoordinatorCommunes) > 0 {
		params["coordinator"] = "true"
	}
	// The e-mail goes to the address's owner only: it may say that the
	// address has an account, which accepts signed in (AcceptInvitationAs)
	// rather than by choosing a password.
	var n int64
	if err := tx.Model(&User{}).Where("email = ? AND deleted_at IS NULL", inv.Email).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		params["account_exists"] = "true"
	}
	return s.queue(tx, notification{Kind: NotifyInvitation, Email: inv.Email, Params: params})
}

func mergeCodes(a, b StringList) StringList {
	out := append(StringList{}, a...)
	for _, c := range b {
		if !out.Contains(c) {
			out = append(out, c)
		}
	}
	return out
}

// ReissueInvitation replaces the token of an open invitation whose answer
// was lost (an Idempotency-Key replay after a crash): the undelivered token
// stops working, its e-mail still queued is dropped, and the new one is
// returned and e-mailed.
func (s *Store) ReissueInvitation(ctx context.Context, id string) (*Invitation, string, error) {
	token, hash := newSecret(invitationPrefix)
	var inv Invitation
	err := s.write(ctx, func(tx *gorm.DB) error {
		// Not for a revoked invitation: a replay of its creation would
		// give its sender a working token again.
		err := forUpdate(tx).Take(&inv, "id = ? AND accepted_at IS NULL AND revoked_at IS NULL", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errBadInvitation
		}
		if err != nil {
			return err
		}
		// A new token only while its sender may still grant it.
		if ok, err := inviterMayGrant(tx, &inv); err != nil {
			return err
		} else if !ok {
			return errLapsedInvitation
		}
		// The replaced token's mail, still queued, would carry a dead
		// link beside the new one's.
		if err := dropInvitationMail(tx, &inv); err != nil {
			return err
		}
		inv.TokenHash, inv.Delivery = hash, s.resetDelivery()
		if err := tx.Model(&inv).Updates(map[string]any{"token_hash": hash, "delivery": inv.Delivery}).Error; err != nil {
			return err
		}
		return s.queueInvitation(tx, &inv, token)
	})
	if err != nil {
		return nil, "", err
	}
	return &inv, token, nil
}

// actorNames is the name of the structure id names, when there is one: the
// context of a password set to join it.
func actorNames(tx *gorm.DB, id *string) []string {
	if id == nil || !ValidID(*id) {
		return nil
	}
	var names []string
	// A failed read leaves the context without the name; the transaction
	// reports the error on its next statement.
	tx.Model(&Actor{}).Where("id = ?", *id).Pluck("name", &names)
	return names
}
