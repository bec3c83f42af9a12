package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// An archived structure has left the directory (DELETE /api/v1/actors/{id},
// a source's snapshot): it is shown to nobody, takes no new referral and
// sends none (insertReferral). Its open referrals stay open — the person
// still needs help, and archiving may be undone (restore) — but they can
// only be closed:
//
//   - the archived structure may close what it holds (refuse a sent
//     referral, record the outcome of an accepted one, cancel one it sent),
//     so that the other side hears at once rather than at expiry; it may not
//     accept, forward (a new referral from a structure out of the
//     directory) or write a message;
//   - a referral whose receiving structure is archived cannot go on there:
//     its sender may not write to it either, and is told to cancel it and
//     refer the person elsewhere (the referral shows to_actor.archived_at);
//   - a referral whose sending structure is archived goes on as before on
//     the receiving side: the person is helped there whatever became of
//     the structure that sent them.
//
// The refusal is a conflict with the structure's state (409), naming the
// referral's structure (from_actor or to_actor) that was archived.

// refuseArchivedAct refuses act, which does not close r, on behalf of
// byActorID (one of r's two structures) when that structure or r's
// receiving structure is archived. A closed referral is not checked: its
// lifecycle refuses every move, and what remains (messages about it) does
// not carry the person anywhere. The structures' rows are read under a
// share lock, after r's row (the order ForwardReferral already takes), so
// that an archive committing meanwhile is seen.
func refuseArchivedAct(tx *gorm.DB, r *Referral, byActorID, act string) error {
	if IsClosedReferralStatus(r.Status) {
		return nil
	}
	ids := []string{r.ToActorID}
	if byActorID != r.ToActorID {
		ids = append(ids, byActorID)
	}
	var rows []struct {
		ID         string
		Name       string
		ArchivedAt *time.Time
	}
	if err := forShare(tx).Model(&Actor{}).Select("id", "name", "archived_at").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	for _, a := range rows {
		if a.ArchivedAt == nil {
			continue
		}
		field, when := "from_actor", a.ArchivedAt.UTC().Format(time.DateOnly)
		if a.ID == r.ToActorID {
			field = "to_actor"
		}
		var msg string
		switch {
		case a.ID == byActorID && a.ID == r.ToActorID:
			msg = fmt.Sprintf("%s was archived on %s: it may no longer %s this referral, only close it (refuse it, or record its outcome); its sender may cancel it and refer the person elsewhere.", a.Name, when, act)
		case a.ID == byActorID:
			msg = fmt.Sprintf("%s was archived on %s: it may no longer %s this referral, only cancel it.", a.Name, when, act)
		default:
			msg = fmt.Sprintf("%s was archived on %s: this referral cannot go on there. Cancel it and refer the person elsewhere.", a.Name, when)
		}
		return &Error{Code: ECONFLICT, Message: msg, Fields: []FieldError{{Field: field, Reason: "was archived on " + when}}}
	}
	return nil
}

// EventReceiverArchived is the params' "event" of a referral_status e-mail
// telling a sender that the structure holding their open referral left the
// directory: the referral's status has not changed, but it cannot go on
// there (refuseArchivedAct), so the person needs another place now rather
// than when the referral expires.
const EventReceiverArchived = "to_actor_archived"

// tellSendersOfArchived tells the senders of the referrals a — being
// archived inside tx — still holds open, one e-mail a referral (each
// referral has its own link and may have its own sender). Referrals a sent
// go on at their receivers: nobody needs telling.
func (s *Store) tellSendersOfArchived(tx *gorm.DB, a *Actor) error {
	if !s.notify {
		return nil
	}
	var open []Referral
	if err := tx.Where("to_actor_id = ? AND status IN ?", a.ID, []string{ReferralSent, ReferralAccepted}).Order("id").Find(&open).Error; err != nil {
		return err
	}
	for i := range open {
		params := referralParamsOf(tx, &open[i])
		params["event"] = EventReceiverArchived
		if err := s.tell(tx, NotifyReferralStatus, params, senderSide(&open[i])); err != nil {
			return err
		}
	}
	return nil
}
