package models

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Kinds of e-mail notification. Each account chooses which of the optional
// ones it gets; the others answer something the person asked for or must do
// (an invitation, a reset link, a verification link).
const (
	NotifyReferralReceived = "referral_received"    // a new referral to your structure
	NotifyReferralStatus   = "referral_status"      // a referral you sent was accepted, refused, closed, forwarded…
	NotifyReferralMessage  = "referral_message"     // a message on a referral of your structure
	NotifyReferralReminder = "referral_reminder"    // a referral waits for your structure's answer or outcome
	NotifyJoinRequest      = "join_request"         // someone asks to join a structure you manage
	NotifyJoinDecision     = "join_request_decided" // your request to join was accepted or refused
	NotifySuggestion       = "suggestion"           // a change suggested on a record you moderate

	NotifyInvitation        = "invitation"         // an invitation, with its link
	NotifyPasswordReset     = "password_reset"     // a password-reset link
	NotifyEmailVerification = "email_verification" // the link that confirms a sign-up
	NotifySignupExisting    = "signup_existing"    // someone signed up with an address that has an account
)

// NotificationKind describes a kind for the people choosing.
type NotificationKind struct {
	Kind     string
	Label    string // in French, as the e-mails are
	Optional bool
}

// NotificationKinds lists every kind, optional ones first.
var NotificationKinds = []NotificationKind{
	{NotifyReferralReceived, "Une nouvelle orientation est adressée à ma structure", true},
	{NotifyReferralStatus, "Une orientation que j'ai envoyée est acceptée, refusée, transmise ou close", true},
	{NotifyReferralMessage, "Un message est posté sur une orientation que je suis", true},
	{NotifyReferralReminder, "Une orientation attend une réponse ou un résultat de ma structure", true},
	{NotifyJoinRequest, "Une personne demande à rejoindre une structure que je gère", true},
	{NotifyJoinDecision, "Ma demande pour rejoindre une structure a reçu une réponse", true},
	{NotifySuggestion, "Une modification est suggérée sur une fiche que je modère", true},
	{NotifyInvitation, "Une invitation à rejoindre Carnet", false},
	{NotifyPasswordReset, "Un lien pour choisir un nouveau mot de passe", false},
	{NotifyEmailVerification, "Le lien qui confirme une inscription", false},
	{NotifySignupExisting, "Une inscription tentée avec une adresse qui a déjà un compte", false},
}

// IsOptionalNotification reports whether people may turn kind off.
func IsOptionalNotification(kind string) bool {
	i := slices.IndexFunc(NotificationKinds, func(k NotificationKind) bool { return k.Kind == kind })
	return i >= 0 && NotificationKinds[i].Optional
}

// Notifies reports whether this store queues e-mail notifications (an SMTP
// server is configured). Without one, nothing is queued and the service
// behaves as before: invitation tokens are shown to the inviter.
func (s *Store) Notifies() bool { return s.notify }

// OnOutbox registers a function called after a transaction that queued
// e-mails commits, so that this process's worker sends them at once instead
// of at its next poll. Call it before serving requests.
func (s *Store) OnOutbox(fn func()) { s.outboxWake = fn }

// notification is one e-mail to queue. Params hold what the template needs:
// names of structures and services, ids for links, at most a one-time token;
// never a referred person's data.
type notification struct {
	Kind   string
	UserID string // the recipient's account, or "" with Email
	Email  string
	Params map[string]string
}

type outboxKey struct{}

// queue writes notifications to the outbox inside tx, so that they exist if
// and only if the change they tell about commits. Recipients who turned the
// kind off are skipped by the callers (see tell).
func (s *Store) queue(tx *gorm.DB, ns ...notification) error {
	if !s.notify || len(ns) == 0 {
		return nil
	}
	now := s.now()
	rows := make([]OutboxMessage, 0, len(ns))
	for _, n := range ns {
		params, err := json.Marshal(n.Params)
		if err != nil {
			return err
		}
		rows = append(rows, OutboxMessage{ID: NewID(), Kind: n.Kind, UserID: n.UserID, ToEmail: n.Email, Params: string(params),
			State: OutboxPending, NextAttemptAt: now, CreatedAt: now})
	}
	if err := tx.Create(&rows).Error; err != nil {
		return err
	}
	if flag, ok := tx.Statement.Context.Value(outboxKey{}).(*bool); ok {
		*flag = true
	}
	return nil
}

// recipient is an account that may be told something.
type recipient struct {
	ID               string
	Email            string
	NotificationsOff StringList
}

// tell queues kind to the accounts selected by where (a condition on users,
// memberships joined when the query needs them), minus the person acting and
// those who turned the kind off.
func (s *Store) tell(tx *gorm.DB, kind string, params map[string]string, accounts func(q *gorm.DB) *gorm.DB) error {
	if !s.notify {
		return nil
	}
	var rs []recipient
	q := tx.Table("users").Select("DISTINCT users.id, users.email, users.notifications_off").
		Where("users.disabled = ? AND users.deleted_at IS NULL", false)
	if err := accounts(q).Order("users.id").Scan(&rs).Error; err != nil {
		return err
	}
	me := PrincipalFrom(tx.Statement.Context)
	var ns []notification
	for _, r := range rs {
		if me != nil && r.ID == me.UserID || r.NotificationsOff.Contains(kind) {
			continue
		}
		ns = append(ns, notification{Kind: kind, UserID: r.ID, Email: r.Email, Params: params})
	}
	return s.queue(tx, ns...)
}

// Recipient selections for tell.
func membersOf(actorIDs ...string) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Joins("JOIN memberships ON memberships.user_id = users.id").Where("memberships.actor_id IN ?", actorIDs)
	}
}

func managersOf(actorIDs ...string) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return membersOf(actorIDs...)(q).Where("memberships.role = ?", string(RoleManager))
	}
}

func account(id string) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB { return q.Where("users.id = ?", id) }
}

// moderatorsOf selects who moderates suggestions about the actor: managers
// of it and of its networks, and coordinators of its territory. Territories
// are JSON arrays of codes, matched with LIKE on the quoted code (portable
// SQL; the codes are validated, so no wildcard can hide in them).
func moderatorsOf(ref ActorRef) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		cond := "users.id IN (SELECT user_id FROM memberships WHERE role = ? AND actor_id IN ?)"
		args := []any{string(RoleManager), ref.Lineage}
		d := dialectOf(q)
		if ref.Departement != "" {
			c, a := d.anyOf("users.coordinator_departements", []string{ref.Departement})
			cond += " OR " + c
			args = append(args, a...)
		}
		if ref.InseeCode != "" {
			c, a := d.anyOf("users.coordinator_communes", []string{ref.InseeCode})
			cond += " OR " + c
			args = append(args, a...)
		}
		return q.Where("("+cond+")", args...)
	}
}

// actorName returns the actor's name for a message ("" if it has none).
func actorName(tx *gorm.DB, id string) string {
	var names []string
	tx.Model(&Actor{}).Where("id = ?", id).Limit(1).Pluck("name", &names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// QueuePasswordReset e-mails a password-reset link to the account; the
// reset flow calls it (when Notifies) instead of showing the token. The
// token is kept in the outbox only until the message is sent.
func (s *Store) QueuePasswordReset(ctx context.Context, userID, token string, expires time.Time) error {
	return s.write(ctx, func(tx *gorm.DB) error { return s.queuePasswordReset(tx, userID, token, expires) })
}

// queuePasswordReset is QueuePasswordReset inside the reset flow's own
// transaction.
func (s *Store) queuePasswordReset(tx *gorm.DB, userID, token string, expires time.Time) error {
	u, err := getUser(tx, userID)
	if err != nil {
		return err
	}
	return s.queue(tx, notification{Kind: NotifyPasswordReset, UserID: u.ID, Email: u.Email,
		Params: map[string]string{"token": token, "expires_at": expires.UTC().Format(time.RFC3339)}})
}

// SetNotifications turns optional kinds on or off for the account.
func (s *Store) SetNotifications(ctx context.Context, userID string, choices map[string]bool) (*User, error) {
	var fe FieldErrors
	for kind := range choices {
		if !IsOptionalNotification(kind) {
			var names []string
			for _, k := range NotificationKinds {
				if k.Optional {
					names = append(names, k.Kind)
				}
			}
			fe.Addf(kind, "is not a notification one can turn off (choose among %s)", strings.Join(names, ", "))
		}
	}
	if err := fe.Err("The notification choices are invalid."); err != nil {
		return nil, err
	}
	return s.changeOwnAccount(ctx, userID, func(u *User) error {
		off := StringList{}
		for _, k := range NotificationKinds {
			on, chosen := choices[k.Kind]
			if chosen && !on || !chosen && u.NotificationsOff.Contains(k.Kind) {
				off = append(off, k.Kind)
			}
		}
		u.NotificationsOff = off
		return nil
	}, "notifications_off")
}
