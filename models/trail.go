package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// TrailEvent is one entry of the security trail: a grant or removal of
// rights (memberships, roles, accounts, partner clients, invitations,
// password resets) or a read of a referral's personal data by someone who is
// not an ordinary, long-standing member of its structures (or of exact
// statistics describing a handful of them). Events are written
// in the transaction of the change they describe, so the trail cannot miss
// one, and never hold a referred person's data.
type TrailEvent struct {
	Seq          int64 `gorm:"primaryKey"`
	At           time.Time
	Action       string
	ActorID      string // the structure concerned; "" for platform events
	OtherActorID string // the other structure of a referral
	SubjectKind  string
	SubjectID    string
	SubjectLabel string
	WhoKind      string
	WhoID        string
	WhoLabel     string
	// WhoRole is WhoAdministrator when the account acted as a platform
	// administrator, "" otherwise (and for entries before migration
	// 00110).
	WhoRole string
	Channel string
	Details string // a JSON object
}

func (TrailEvent) TableName() string { return "trail_events" }

// Kinds of trail subjects.
const (
	SubjectAccount    = "account"
	SubjectClient     = "client"
	SubjectReferral   = "referral"
	SubjectInvitation = "invitation"
	SubjectWebhook    = "webhook"
	SubjectActor      = "actor"
	SubjectService    = "service"
)

// Trail actions.
const (
	TrailMemberAdded         = "membership.added"
	TrailMemberRoleChanged   = "membership.role_changed"
	TrailMemberRemoved       = "membership.removed"
	TrailInvitationCreated   = "invitation.created"
	TrailInvitationAccepted  = "invitation.accepted"
	TrailInvitationRevoked   = "invitation.revoked"
	TrailAccountCreated      = "account.created"
	TrailAccountUpdated      = "account.updated"
	TrailAccountDeleted      = "account.deleted"
	TrailPasswordChanged     = "account.password_changed"
	TrailPasswordResetIssued = "account.password_reset_issued"
	TrailPasswordResetUsed   = "account.password_reset_used"
	TrailClientCreated       = "client.created"
	TrailClientUpdated       = "client.updated"
	TrailClientSecretRotated = "client.secret_rotated"
	TrailReferralRead        = "referral.read"
	// TrailReferralAttempt: a call on a referral, by someone whose reads
	// are traced (Principal.ReadTrace), that failed (409, 422, 400…) and
	// so answered none of its personal data: not a read, but worth the
	// managers' knowing (see Store.RecordReferralAttempt).
	TrailReferralAttempt = "referral.access_attempted"
	// TrailReferralStatsRead: exact referral statistics read by someone
	// outside the structure (an administrator), that describe a handful of
	// its referrals (see Store.RecordReferralStatsRead).
	TrailReferralStatsRead    = "referral.statistics_read"
	TrailWebhookCreated       = "webhook.created"
	TrailWebhookUpdated       = "webhook.updated"
	TrailWebhookSecretRotated = "webhook.secret_rotated"
	TrailWebhookDeleted       = "webhook.deleted"
	// The structure's own decisions (see Principal.ownDecisions), in its
	// journal with who made them: joining, moving or leaving a network
	// (whose managers then manage its team), publishing or hiding its
	// phones and e-mails, opening or closing a service to referrals.
	TrailNetworkChanged       = "actor.network_changed"
	TrailContactPublicChanged = "actor.contact_public_changed"
	TrailReferralsChanged     = "service.accepts_referrals_changed"
	// TrailDuplicateDecided: a link of the structure's record with another
	// record confirmed (one of them hidden), dismissed, or kept otherwise.
	TrailDuplicateDecided = "actor.duplicate_decided"
	// TrailChangedByOutsider: the structure's record or one of its
	// services created, changed, archived or restored by someone who is
	// not of its team (a coordinator, a network's manager, a partner, an
	// administrator): details say which (entity, op) and the fields'
	// names, the values being in the record's history. A coordinator
	// archived a team's structure and its journal said nothing (probe 43).
	TrailChangedByOutsider = "actor.changed_by_outsider"
)

// teamActions are the events of a structure's team: they belong to that
// structure's journal only.
var teamActions = []string{TrailMemberAdded, TrailMemberRoleChanged, TrailMemberRemoved}

// TrailActions lists every action, for filters and documentation.
var TrailActions = []string{TrailMemberAdded, TrailMemberRoleChanged, TrailMemberRemoved, TrailInvitationCreated, TrailInvitationAccepted,
	TrailInvitationRevoked, TrailAccountCreated, TrailAccountUpdated, TrailAccountDeleted, TrailPasswordChanged, TrailPasswordResetIssued, TrailPasswordResetUsed,
	TrailClientCreated, TrailClientUpdated, TrailClientSecretRotated, TrailReferralRead, TrailReferralAttempt,
	TrailReferralStatsRead, TrailWebhookCreated, TrailWebhookUpdated, TrailWebhookSecretRotated, TrailWebhookDeleted,
	TrailNetworkChanged, TrailContactPublicChanged, TrailReferralsChanged, TrailDuplicateDecided, TrailChangedByOutsider}

// trail appends ev inside tx; who and channel come from the transaction's
// context, the time from the store's clock.
func (s *Store) trail(tx *gorm.DB, ev TrailEvent, details map[string]any) error {
	return trailAt(tx, s.now(), ev, details)
}

// trailAt is trail at the time at.
func trailAt(tx *gorm.DB, at time.Time, ev TrailEvent, details map[string]any) error {
	ctx := tx.Statement.Context
	ev.At, ev.Channel = at, string(ChannelFrom(ctx))
	p := PrincipalFrom(ctx)
	ev.WhoKind, ev.WhoID, ev.WhoLabel = who(p)
	if p.IsAdmin() {
		// A structure's managers read who touched its team or its
		// people's data: an administrator without a display name was
		// « compte sans nom », like any member (probe 37a, L4).
		ev.WhoRole = WhoAdministrator
	}
	if details == nil {
		details = map[string]any{}
	}
	b, err := json.Marshal(details)
	if err != nil {
		return err
	}
	ev.Details = string(b)
	return tx.Create(&ev).Error
}

// WhoAdministrator is the trail's who.role of an account that acted as a
// platform administrator.
const WhoAdministrator = "platform_administrator"

// who describes a principal for the audit history and the trail. id
// always identifies the account; the label is recorded now, as the person
// is named to others (PersonLabel), never their login e-mail: history and
// trails are read by other structures' managers and by coordinators.
func who(p *Principal) (kind, id, label string) {
	switch {
	case p.IsPartner():
		return WhoClient, p.ClientID, p.ClientName
	case !p.IsAnonymous():
		return WhoUser, p.UserID, p.PublicLabel()
	}
	return WhoSystem, "", ""
}

// TrailFilter selects trail events. ActorID gives a structure's journal: the
// events about it (its team, its referrals' reads) and the account events of
// its members while they were members (every period of membership).
type TrailFilter struct {
	ActorID     string
	SubjectKind string
	SubjectID   string
	Action      string
	// Keyed shows the events' seqs, and reads and writes the cursors,
	// through the trail's keyed permutation (TrailSeqs): a structure's
	// trail. The seqs count the events of the whole platform, and the
	// gap between two of a structure's told its managers how many
	// membership changes, invitations and traced referral reads happened
	// elsewhere meanwhile.
	Keyed bool
	// WithoutReferrals leaves out the events about its referrals (reads,
	// attempts, statistics read): a structure's journal read by a manager
	// of its network, who is neither of a referral's two structures.
	WithoutReferrals bool
	ListParams
}

// referralActions are the trail's events about referrals.
var referralActions = []string{TrailReferralRead, TrailReferralAttempt, TrailReferralStatsRead}

// trailKeyName derives the trail's permutation from the referral feed's
// key: two sequences, two permutations.
const trailKeyName = "trail"

// TrailSeqs returns the permutation a structure's trail shows its seqs
// through.
func (s *Store) TrailSeqs(ctx context.Context) (FeedSeqs, error) {
	f, err := s.ReferralFeedSeqs(ctx)
	if err != nil {
		return FeedSeqs{}, err
	}
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte(trailKeyName))
	return FeedSeqs{key: m.Sum(nil)}, nil
}

// ListTrail pages through trail events, newest first.
func (s *Store) ListTrail(ctx context.Context, f TrailFilter) (Page[TrailEvent], error) {
	if !f.Keyed {
		return s.listTrail(ctx, f)
	}
	seqs, err := s.TrailSeqs(ctx)
	if err != nil {
		return Page[TrailEvent]{}, err
	}
	if f.Cursor != "" {
		shown, err := decodeSeqCursor(f.Cursor)
		seq, ok := seqs.Seq(shown)
		if err != nil || !ok || seq <= 0 {
			return Page[TrailEvent]{}, &Error{Code: EBADREQUEST, Message: "The cursor is not valid.",
				Fields: []FieldError{{Field: "cursor", Reason: "use the next link of a previous page, unchanged"}}}
		}
		f.Cursor = encodeSeqCursor(seq)
	}
	page, err := s.listTrail(ctx, f)
	if err != nil {
		return page, err
	}
	if page.NextCursor != "" {
		seq, err := decodeSeqCursor(page.NextCursor)
		if err != nil {
			return page, Internal(err)
		}
		page.NextCursor = encodeSeqCursor(seqs.Show(seq))
	}
	for i := range page.Items {
		page.Items[i].Seq = seqs.Show(page.Items[i].Seq)
	}
	return page, nil
}

func (s *Store) listTrail(ctx context.Context, f TrailFilter) (Page[TrailEvent], error) {
	return seqPage(s, ctx, f.ListParams, func(tx *gorm.DB) *gorm.DB {
		q := tx.Model(&TrailEvent{})
		if f.ActorID != "" {
			// A member's account events while they are a member, but
			// not another structure's team events about them (who
			// added, promoted or removed them there, and who did it):
			// those are that structure's. Nor what happened to the
			// account before it joined: a reset link another
			// structure's manager issued then names that structure
			// and that manager's login e-mail.
			//
			// Every period of membership counts, not only the current
			// one: removing a member and adding them back hid from the
			// managers the reset links issued and used while they were
			// a member (who took the account over, and when), which the
			// trail had shown them. A period runs from a membership.added
			// of this structure to the next membership.removed; the
			// current membership also counts from its row (memberships
			// older than the trail have no membership.added event).
			q = q.Where("(actor_id = ? OR other_actor_id = ? OR (subject_kind = ? AND action NOT IN ? AND (subject_id IN "+
				"(SELECT m.user_id FROM memberships m WHERE m.actor_id = ? AND m.created_at <= trail_events.at) OR "+
				"subject_id IN (SELECT j.subject_id FROM trail_events j WHERE j.actor_id = ? AND j.action = ?) AND EXISTS "+
				"(SELECT 1 FROM trail_events j WHERE j.actor_id = ? AND j.subject_kind = ? AND j.subject_id = trail_events.subject_id "+
				"AND j.action = ? AND j.seq < trail_events.seq AND NOT EXISTS (SELECT 1 FROM trail_events r WHERE r.actor_id = ? "+
				"AND r.subject_kind = ? AND r.subject_id = j.subject_id AND r.action = ? AND r.seq > j.seq AND r.seq < trail_events.seq)))))",
				f.ActorID, f.ActorID, SubjectAccount, teamActions, f.ActorID,
				f.ActorID, TrailMemberAdded,
				f.ActorID, SubjectAccount, TrailMemberAdded, f.ActorID, SubjectAccount, TrailMemberRemoved)
		}
		if f.WithoutReferrals {
			q = q.Where("action NOT IN ?", referralActions)
		}
		if f.SubjectKind != "" {
			q = q.Where("subject_kind = ?", f.SubjectKind)
		}
		if f.SubjectID != "" {
			q = q.Where("subject_id = ?", f.SubjectID)
		}
		if f.Action != "" {
			q = q.Where("action = ?", f.Action)
		}
		return q
	}, func(e *TrailEvent) int64 { return e.Seq })
}
