package models

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ReferralForward sends a referral on to a better-suited service.
type ReferralForward struct {
	ToServiceID string
	// Message is the forwarder's note to the new structure (personal data,
	// like every message).
	Message string
	// The person agreed to be sent on, on ConsentOn; the forwarder commits
	// to the data-protection rules as any sender does.
	ConsentOn          string
	ReferentCommitment bool
	// Precondition is the caller's If-Match / If-None-Match on the
	// original referral.
	Precondition Precondition
	// Invalid holds what the caller found wrong in the request's body
	// (a consent missing or not given, which the model does not keep);
	// NoConsent says the consent was missing altogether, so that its
	// fields are not named one by one. The forward names them with
	// every other offending field.
	Invalid   FieldErrors
	NoConsent bool
}

// ForwardReferral sends referral id on to another service on behalf of its
// receiving structure: a new referral from that structure, carrying the
// person's data and the original's needs, linked both ways; the original
// closes as "forwarded" and its sender is told. Only a sent or accepted
// referral can be forwarded. Returns the new referral and the original.
func (s *Store) ForwardReferral(ctx context.Context, id string, f ReferralForward) (*Referral, *Referral, error) {
	var next, orig Referral
	err := s.write(ctx, func(tx *gorm.DB) error {
		err := forUpdate(tx).Take(&orig, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "No referral has the id %q.", clip(id))
		}
		if err != nil {
			return err
		}
		p := PrincipalFrom(ctx)
		if !p.BelongsTo(orig.ToActorID) {
			return Errorf(EFORBIDDEN, "Only the receiving structure may forward a referral.")
		}
		if err := f.Precondition.Check("referral", orig.Version); err != nil {
			return err
		}
		if orig.AnonymizedAt != nil {
			return erasedReferral("forwards")
		}
		if _, ok := ReferralSideFor(orig.Status, ReferralForwarded); !ok {
			return Errorf(ECONFLICT, "A referral cannot be forwarded once it is %s.", orig.Status)
		}
		// A forward is a new referral from the receiving structure: not
		// from one out of the directory (see refuseArchivedAct).
		if err := refuseArchivedAct(tx, &orig, orig.ToActorID, "forward"); err != nil {
			return err
		}
		held, err := chainHeld(tx, &orig)
		if err != nil {
			return err
		}
		sentAt := held[orig.ToActorID]
		now := s.now()
		next = Referral{FromActorID: orig.ToActorID, ToServiceID: f.ToServiceID, Themes: orig.Themes, Situation: orig.Situation,
			PersonFirstName: orig.PersonFirstName, PersonLastName: orig.PersonLastName, ContactChannel: orig.ContactChannel,
			ContactValue: orig.ContactValue, Availability: orig.Availability, Message: f.Message,
			ConsentOn: f.ConsentOn, ReferentCommitment: f.ReferentCommitment, ForwardedFromID: orig.ID,
			ForwardedFromSentAt: &sentAt}
		next.Normalize()
		if err := forwardErrors(tx, &next, f, now); err != nil {
			return err
		}
		if err := s.insertReferral(tx, &next, now); err != nil {
			var e *Error
			if errors.As(err, &e) && e.Code == EINVALID && len(e.Fields) > 0 {
				// Its checks speak of a new referral; the caller asked
				// for a forward, as its other refusals say.
				return FieldErrors(e.Fields).Err("The forward is invalid.")
			}
			return err
		}
		if t, ok := held[next.ToActorID]; ok {
			// Forwarded back to a structure of the chain: it holds the
			// data since the chain first brought it there.
			next.ToEntrustedAt = &t
			if err := tx.Model(&Referral{}).Where("id = ?", next.ID).UpdateColumn("to_entrusted_at", t).Error; err != nil {
				return err
			}
		}
		orig.Status, orig.ClosedAt, orig.ForwardedToID, orig.UpdatedAt, orig.Version = ReferralForwarded, &now, next.ID, now, orig.Version+1
		if err := tx.Model(&orig).Select("status", "closed_at", "forwarded_to_id", "updated_at", "version").Updates(&orig).Error; err != nil {
			return err
		}
		if err := addReferralEvent(tx, &orig, EventStatus, p.UserID, orig.ToActorID, "", now); err != nil {
			return err
		}
		params := referralParamsOf(tx, &orig)
		nextParams := referralParamsOf(tx, &next)
		params["forwarded_to_actor_name"], params["forwarded_to_service_name"] = nextParams["to_actor_name"], nextParams["service_name"]
		return s.tell(tx, NotifyReferralStatus, params, senderSide(&orig))
	})
	if err != nil {
		return nil, nil, err
	}
	return &next, &orig, nil
}

// maxChain bounds the walk of a forward chain (each hop is a forward a
// member made by hand).
const maxChain = 1000

// chainHeld is, for each structure of r's forward chain (r and the
// referrals it continues), the first time the chain brought it the
// person's data: the first referral it sent or received in the chain,
// counted as entrustedAt counts (a forwarder from when it received).
func chainHeld(tx *gorm.DB, r *Referral) (map[string]time.Time, error) {
	held := map[string]time.Time{}
	keep := func(actor string, t time.Time) {
		if h, ok := held[actor]; !ok || t.Before(h) {
			held[actor] = t
		}
	}
	cur := r
	for hop := 0; ; hop++ {
		keep(cur.FromActorID, cur.entrustedAt(cur.FromActorID))
		keep(cur.ToActorID, cur.entrustedAt(cur.ToActorID))
		if cur.ForwardedFromID == "" || hop >= maxChain {
			return held, nil
		}
		var prev Referral
		err := tx.Select("id", "from_actor_id", "to_actor_id", "created_at", "forwarded_from_id", "forwarded_from_sent_at", "to_entrusted_at").
			Take(&prev, "id = ?", cur.ForwardedFromID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return held, nil
		}
		if err != nil {
			return nil, err
		}
		cur = &prev
	}
}

// forwardErrors names at once every offending field of a forward: those
// the caller found in the body (f.Invalid), the new referral's own checks
// (Validate: service id, consent date and commitment, message) and, when
// any of those fail, what insertReferral would refuse in the target
// service — which it checks only once everything else is valid.
// Returning at the first group hid the others: a client fixed the consent
// and learnt then that the service was wrong. nil when only
// insertReferral's checks fail: it makes them, under its locks.
func forwardErrors(tx *gorm.DB, next *Referral, f ReferralForward, now time.Time) error {
	fe := slices.Clone(f.Invalid)
	var e *Error
	if err := next.Validate(now); errors.As(err, &e) {
		for _, fld := range e.Fields {
			if f.NoConsent && strings.HasPrefix(fld.Field, "consent.") {
				continue
			}
			fe = append(fe, fld)
		}
	} else if err != nil {
		return err
	}
	if len(fe) == 0 {
		return nil
	}
	target, err := referralTargetErrors(tx, next, now)
	if err != nil {
		return err
	}
	return withNewFields(fe, target).Err("The forward is invalid.")
}

// RemindReferrals reminds the receiving structures of referrals waiting for
// them: left "sent" since before sentBefore, or accepted before
// acceptedBefore without an outcome (a zero time skips that reminder). Each
// referral is reminded once per status; the reminder is an event of the
// feed and an e-mail. Returns how many were reminded.
func (s *Store) RemindReferrals(ctx context.Context, sentBefore, acceptedBefore time.Time) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *gorm.DB) error {
		var due []Referral
		if !sentBefore.IsZero() {
			if err := forUpdate(tx).Where("status = ? AND created_at < ? AND reminded_status <> ?", ReferralSent, sentBefore.UTC(), ReferralSent).
				Order("id").Find(&due).Error; err != nil {
				return err
			}
		}
		if !acceptedBefore.IsZero() {
			var acc []Referral
			if err := forUpdate(tx).Where("status = ? AND accepted_at < ? AND reminded_status <> ?", ReferralAccepted, acceptedBefore.UTC(), ReferralAccepted).
				Order("id").Find(&acc).Error; err != nil {
				return err
			}
			due = append(due, acc...)
		}
		now := s.now()
		for i := range due {
			r := &due[i]
			r.RemindedStatus, r.RemindedAt = r.Status, &now
			if err := tx.Model(r).Select("reminded_status", "reminded_at").Updates(r).Error; err != nil {
				return err
			}
			if err := addReferralEvent(tx, r, EventReminder, "", "", "", now); err != nil {
				return err
			}
			since := r.CreatedAt
			if r.Status == ReferralAccepted && r.AcceptedAt != nil {
				since = *r.AcceptedAt
			}
			params := referralParamsOf(tx, r)
			params["days"] = strconv.Itoa(int(now.Sub(since).Hours() / 24))
			if err := s.tell(tx, NotifyReferralReminder, params, receiverSide(r)); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}

// CloseForgottenReferrals closes as "no_outcome" the referrals accepted
// before acceptedBefore and never closed, and tells their senders. They
// leave the open work of both structures; statistics count them as such.
func (s *Store) CloseForgottenReferrals(ctx context.Context, acceptedBefore time.Time) (int, error) {
	return s.closeByPlatform(ctx, ReferralNoOutcome, "status = ? AND accepted_at < ?", ReferralAccepted, acceptedBefore.UTC())
}

// MaintenanceReport counts what one maintenance run did.
type MaintenanceReport struct {
	Expired    int // sent too long without an answer
	Reminded   int // receiving structures reminded
	NoOutcome  int // accepted long ago, closed as no_outcome
	Anonymized int // personal data (and messages) erased
	Purged     int // expired sign-ups and old sent e-mails deleted
	Snapshots  int // expired snapshot sessions of partners' syncs deleted
}

// Maintain runs the referral lifecycle's periodic work — expiry, reminders,
// the no_outcome rule, retention — and deletes expired sign-ups, old
// e-mails and expired snapshot sessions. Each step is its own transaction;
// reminders run after expiry so that a referral about to expire is not
// reminded in the same run.
func (s *Store) Maintain(ctx context.Context, p ReferralPolicy) (MaintenanceReport, error) {
	var r MaintenanceReport
	now := s.now()
	ctx = WithChannel(ctx, ChannelSystem)
	var err error
	if r.Expired, err = s.ExpireReferrals(ctx, now.Add(-p.Expiry)); err != nil {
		return r, err
	}
	var sentBefore, acceptedBefore time.Time
	if p.RemindSent > 0 {
		sentBefore = now.Add(-p.RemindSent)
	}
	if p.RemindAccepted > 0 {
		acceptedBefore = now.Add(-p.RemindAccepted)
	}
	if p.NoOutcome > 0 {
		if r.NoOutcome, err = s.CloseForgottenReferrals(ctx, now.Add(-p.NoOutcome)); err != nil {
			return r, err
		}
	}
	if r.Reminded, err = s.RemindReferrals(ctx, sentBefore, acceptedBefore); err != nil {
		return r, err
	}
	if r.Anonymized, err = s.AnonymizeReferrals(ctx, now.Add(-p.Retention), now.Add(-p.MaxRetention)); err != nil {
		return r, err
	}
	if r.Snapshots, err = s.PurgeSnapshots(ctx); err != nil {
		return r, err
	}
	keep := p.OutboxRetention
	if keep <= 0 {
		keep = DefaultReferralPolicy.OutboxRetention
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		a, err := purgeSignups(tx, now)
		if err != nil {
			return err
		}
		b, err := purgeOutbox(tx, now.Add(-keep))
		r.Purged = int(a + b)
		if err != nil || r.Purged == 0 {
			return err
		}
		return oweErasure(tx, now)
	})
	if err != nil {
		return r, err
	}
	// secure_delete zeroed the erased values (the person's data, the
	// messages, the addresses of old e-mails and sign-ups) in the
	// database's pages; the WAL still holds images of those pages from
	// before: truncate it. An erasure of this run or of an earlier one
	// whose checkpoint a reader made give up is owed one (leftoversJob).
	owed, err := s.erasureOwed(ctx)
	if err != nil || !owed {
		return r, err
	}
	return r, s.Checkpoint(ctx)
}
