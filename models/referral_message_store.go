package models

import (
	"carnet/models/textlen"
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

const maxMessage = 2000

// EntityReferralMessage is what a message post binds its Idempotency-Key
// to: a retry renders the message again, never from a stored copy.
const EntityReferralMessage = "referral_message"

// ReferralMessage is a short message between the two structures of a
// referral (« elle viendra mardi », « merci de rappeler »). Its text is
// personal data: visible to the two structures only, never logged nor in
// an event, deleted by retention with the person's data.
type ReferralMessage struct {
	ID            string `gorm:"primaryKey"`
	ReferralID    string
	AuthorID      string
	AuthorActorID string
	Body          string
	CreatedAt     time.Time
}

// PostReferralMessage adds a message to referral id on behalf of byActorID
// (one of its two structures, which the caller belongs to) and tells the
// other side. A referral whose data was erased takes no more messages.
func (s *Store) PostReferralMessage(ctx context.Context, id, byActorID, body string) (*ReferralMessage, error) {
	// Read as stored text is (trimmed, line breaks as \n, NFC) before it
	// is counted: « é » sent decomposed counted two characters of the
	// 2,000 (probe 43).
	body = text(body)
	var fe FieldErrors
	switch n := textlen.Of(body); {
	case n == 0:
		fe.Add("body", "is required")
	case n > maxMessage:
		fe.Addf("body", "must be at most %d characters", maxMessage)
	default:
		checkText(&fe, "body", body, true)
	}
	if err := fe.Err("The message is invalid."); err != nil {
		return nil, err
	}
	var m *ReferralMessage
	err := s.write(ctx, func(tx *gorm.DB) error {
		var r Referral
		// Locked: retention cannot erase the referral's messages while
		// this one is being added (see AnonymizeReferrals).
		err := forUpdate(tx).Take(&r, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "No referral has the id %q.", clip(id))
		}
		if err != nil {
			return err
		}
		if byActorID != r.FromActorID && byActorID != r.ToActorID {
			return Errorf(ENOTFOUND, "No referral has the id %q.", clip(id))
		}
		if r.AnonymizedAt != nil {
			return erasedReferral("messages")
		}
		if err := refuseArchivedAct(tx, &r, byActorID, "write about"); err != nil {
			return err
		}
		now := s.now()
		m = &ReferralMessage{ID: NewID(), ReferralID: r.ID, AuthorID: PrincipalFrom(ctx).UserID, AuthorActorID: byActorID, Body: body, CreatedAt: now}
		if err := tx.Create(m).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, EntityReferralMessage, m.ID); err != nil {
			return err
		}
		if err := addReferralEvent(tx, &r, EventMessage, m.AuthorID, byActorID, "", now); err != nil {
			return err
		}
		other := receiverSide(&r)
		if byActorID == r.ToActorID {
			other = senderSide(&r)
		}
		return s.tell(tx, NotifyReferralMessage, referralParamsOf(tx, &r), other)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// GetReferralMessage returns the message with id; the caller checks that
// the viewer may see its referral.
func (s *Store) GetReferralMessage(ctx context.Context, id string) (*ReferralMessage, error) {
	var m ReferralMessage
	err := s.read(ctx).Take(&m, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No message has the id %q.", clip(id))
	}
	return &m, dbError(err)
}

// ListReferralMessages pages through a referral's messages, oldest first.
// The caller has checked that the viewer may see the referral.
func (s *Store) ListReferralMessages(ctx context.Context, referralID string, p ListParams) (Page[ReferralMessage], error) {
	p = normalizeParams(p)
	p.Sort = SortID
	var page Page[ReferralMessage]
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		base := func() *gorm.DB { return tx.Model(&ReferralMessage{}).Where("referral_id = ?", referralID) }
		if err := base().Count(&page.Total).Error; err != nil {
			return err
		}
		q, err := keyset(base(), "referral_messages", p)
		if err != nil {
			return err
		}
		if err := q.Limit(p.Limit + 1).Find(&page.Items).Error; err != nil {
			return err
		}
		if len(page.Items) > p.Limit {
			page.Items = page.Items[:p.Limit]
			page.NextCursor = nextCursor(p, page.Items[p.Limit-1].ID, "", page.Items[p.Limit-1].CreatedAt)
		}
		return nil
	})
	return page, dbError(err)
}

// erasedReferral is the refusal of every act on a referral whose person's
// data was erased (retention): a message, a transition, a forward — the
// same 409 for each (probe 43: a transition of an erased referral was
// accepted, recording an outcome about nobody, and a forward answered 422
// naming the erased fields).
func erasedReferral(what string) error {
	return Errorf(ECONFLICT, "This referral's data was erased at the end of its retention period; it takes no more %s.", what)
}
