package models

import (
	"context"
	"errors"
	"maps"
	"strings"
	"time"

	"gorm.io/gorm"
)

// PendingInvitation is an invitation to a structure that may still be
// accepted, as its managers see it: who was invited, with which role, by
// whom, when, until when and how the token travelled — never the token
// (only its hash is kept) nor whether the address has an account.
type PendingInvitation struct {
	Invitation
	// InvitedByKind and InvitedByID name who sent it (WhoUser, or
	// WhoSystem for the operator's command line); InvitedByLabel names
	// the account as others see it now (PersonLabel).
	InvitedByKind, InvitedByID, InvitedByLabel string
}

// pendingInvitations selects actorID's invitations that can still be
// accepted: not accepted, not revoked, not expired at now. One whose
// sender may no longer grant it is still listed: it would be refused on
// acceptance (inviterMayGrant), and revoking it is how a manager clears it.
func pendingInvitations(tx *gorm.DB, actorID string, now time.Time) *gorm.DB {
	return tx.Model(&Invitation{}).Where("actor_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", actorID, now.UTC())
}

// ListInvitations pages through the pending invitations to actorID, oldest
// first (ids are time-ordered).
func (s *Store) ListInvitations(ctx context.Context, actorID string, p ListParams) (Page[PendingInvitation], error) {
	p = normalizeParams(p)
	p.Sort = SortID
	var page Page[PendingInvitation]
	now := s.now()
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		if err := pendingInvitations(tx, actorID, now).Count(&page.Total).Error; err != nil {
			return err
		}
		q := pendingInvitations(tx, actorID, now)
		if p.Cursor != "" {
			c, err := decodeCursor(p.Cursor, SortID)
			if err != nil {
				return err
			}
			q = q.Where("id > ?", c.ID)
		}
		var rows []Invitation
		if err := q.Order("id").Limit(p.Limit + 1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) > p.Limit {
			rows = rows[:p.Limit]
			page.NextCursor = encodeCursor(cursor{Sort: SortID, ID: rows[p.Limit-1].ID})
		}
		for _, inv := range rows {
			out := PendingInvitation{Invitation: inv, InvitedByKind: WhoSystem}
			if id, ok := strings.CutPrefix(inv.CreatedBy, "user:"); ok {
				label, err := labelOf(tx, id)
				if err != nil {
					return err
				}
				out.InvitedByKind, out.InvitedByID, out.InvitedByLabel = WhoUser, id, label
			}
			page.Items = append(page.Items, out)
		}
		return nil
	})
	return page, dbError(err)
}

// RevokeInvitation withdraws the pending invitation id to actorID: its
// token stops working at once (openInvitation, ReissueInvitation), and
// the structure's trail records who revoked it. An id that names no
// pending invitation of actorID — another structure's, expired, revoked —
// answers ENOTFOUND; an accepted one ECONFLICT (the person is in the team:
// remove the member instead).
func (s *Store) RevokeInvitation(ctx context.Context, actorID, id string) error {
	notFound := Errorf(ENOTFOUND, "No pending invitation to this structure has the id %q.", clip(id))
	if !ValidID(id) {
		return notFound
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		var inv Invitation
		err := forUpdate(tx).Take(&inv, "id = ? AND actor_id = ?", id, actorID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return notFound
		}
		if err != nil {
			return err
		}
		now := s.now()
		switch {
		case inv.AcceptedAt != nil:
			return Errorf(ECONFLICT, "This invitation was accepted on %s: the person is in the team; remove the member instead.", inv.AcceptedAt.UTC().Format(time.DateOnly))
		case inv.RevokedAt != nil || !now.Before(inv.ExpiresAt):
			return notFound
		}
		return s.revokeOpen(tx, &inv, inv.Email, nil)
	})
}

// revokeOpen revokes the open invitation inv: its token stops working.
// When it was still pending (not expired), the trail records who revoked
// it, naming the invitee label, with what it granted, who issued it, and
// extra (why, when not a manager's decision).
func (s *Store) revokeOpen(tx *gorm.DB, inv *Invitation, label string, extra map[string]any) error {
	now := s.now()
	if err := tx.Model(inv).Update("revoked_at", now).Error; err != nil {
		return err
	}
	if err := dropInvitationMail(tx, inv); err != nil {
		return err
	}
	if !now.Before(inv.ExpiresAt) {
		return nil // expired: nothing was pending, nothing to tell
	}
	ev := TrailEvent{Action: TrailInvitationRevoked, SubjectKind: SubjectInvitation, SubjectID: inv.ID, SubjectLabel: label}
	if inv.ActorID != nil {
		ev.ActorID = *inv.ActorID
	}
	details := invitationGrants(inv)
	details["issued_by"] = strings.TrimPrefix(inv.CreatedBy, "user:")
	maps.Copy(details, extra)
	return s.trail(tx, ev, details)
}

// revokeInvitationsTo withdraws, as an account with email is deleted, the
// invitations still pending to that address, and writes placeholder in
// place of the address in every invitation to it (pending, expired,
// revoked: the address is the person's, erased with the account). A
// pending one was the only copy of the address left, readable by the
// structure's managers, and accepting it later brought the deleted
// person's membership back. Each structure's trail records the
// revocation, naming the invitee as the deleted account is named.
func (s *Store) revokeInvitationsTo(tx *gorm.DB, email, placeholder string) error {
	var open []Invitation
	if err := forUpdate(tx).Where("email = ? AND accepted_at IS NULL AND revoked_at IS NULL", email).Order("id").Find(&open).Error; err != nil {
		return err
	}
	for i := range open {
		if err := s.revokeOpen(tx, &open[i], DeletedAccountLabel, map[string]any{"reason": "account_deleted"}); err != nil {
			return err
		}
	}
	return tx.Model(&Invitation{}).Where("email = ?", email).Update("email", placeholder).Error
}

// dropInvitationMail deletes the e-mails of invitation inv still in the
// outbox: its link no longer works. Before (verify 37a's N3), a replaced
// invitation's queued mail was still sent, and its recipient got two
// invitations, one of them dead.
func dropInvitationMail(tx *gorm.DB, inv *Invitation) error {
	return dropLinkMail(tx, NotifyInvitation, inv.Email, inv.TokenHash)
}

// dropLinkMail deletes the e-mails of kind to email still in the outbox
// that carry the token whose hash is tokenHash: its link no longer works
// (revoked, or replaced by ReissueInvitation and ReissuePasswordReset).
// The outbox row names no invitation or reset link: the token it carries
// does, through its hash.
func dropLinkMail(tx *gorm.DB, kind, email, tokenHash string) error {
	var queued []OutboxMessage
	err := tx.Where("kind = ? AND to_email = ? AND state IN ?", kind, email, []string{OutboxPending, OutboxSending}).Find(&queued).Error
	if err != nil {
		return err
	}
	var ids []string
	for i := range queued {
		if tok := queued[i].ParamMap()["token"]; tok != "" && hashSecret(tok) == tokenHash {
			ids = append(ids, queued[i].ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return tx.Where("id IN ?", ids).Delete(&OutboxMessage{}).Error
}

// revokeOnJoin withdraws, as account u becomes a member of actorID by any
// path, the invitations to that structure still open to its address: a
// member is not invited (replaceOpenInvitation). Before (verify 37a's N4),
// an address invited as manager that joined as member through a join
// request kept the invitation, and once removed, its old link brought it
// back as manager. The trail says why: reason joined.
func (s *Store) revokeOnJoin(tx *gorm.DB, actorID string, u *User) error {
	var open []Invitation
	if err := forUpdate(tx).Where("actor_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL", actorID, u.Email).Order("id").Find(&open).Error; err != nil {
		return err
	}
	for i := range open {
		if err := s.revokeOpen(tx, &open[i], open[i].Email, map[string]any{"reason": "joined"}); err != nil {
			return err
		}
	}
	return nil
}
