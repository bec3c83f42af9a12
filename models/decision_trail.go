package models

import "gorm.io/gorm"

// closedUnlessDecided opens a new service of a structure with a team to
// referrals only when its creator may make that commitment for it (its
// managers, or its network's, and administrators): a coordinator or a
// partner creating one for the structure creates it closed, and the
// structure's managers open it; one that sent accepts_referrals true
// (Service.AskReferrals) is refused naming it, as on update (it was
// dropped, answered 201 with false). Before, a coordinator created an open
// service for a structure that had closed its others, and referrals (a
// person's data) reached its team in its stead.
func closedUnlessDecided(tx *gorm.DB, sv *Service) error {
	p := PrincipalFrom(tx.Statement.Context)
	if sv.ReferralsClosed || p == nil || p.IsAdmin() {
		return nil
	}
	team, err := hasTeam(tx, sv.ActorID)
	if err != nil || !team {
		return err
	}
	ref, err := actorRef(tx, sv.ActorID)
	if err != nil {
		return err
	}
	if sv.referralsAsked && !p.ManagesActor(ref) {
		// Sent true: refused as on update, rather than dropped with a 201.
		return forbidden("accepts_referrals", "Receiving referrals (people's personal data) is the structure's own commitment: only its managers (or its network's) and administrators open a service to them (omit accepts_referrals: the service starts closed, and they open it).")
	}
	sv.ReferralsClosed = !p.ManagesActor(ref)
	return nil
}

// traceActorDecisions records in the actor's trail the decisions of its
// own that a write makes, on every path that writes an actor: joining,
// moving or leaving a network (from its creation on: the network's
// managers manage it), and, once it has a team, publishing or hiding its
// phones and e-mails. Before, a coordinator's PATCH of parent_id granted
// another structure's managers the team, and the journal said nothing.
func (s *Store) traceActorDecisions(tx *gorm.DB, before, after *Actor) error {
	if parentChanged(before, after) {
		var old *string
		if before != nil {
			old = before.ParentID
		}
		if err := s.traceDecision(tx, TrailNetworkChanged, SubjectActor, after.ID, after.ID, after.Name, old, after.ParentID); err != nil {
			return err
		}
	}
	if before == nil || before.ContactPublic == after.ContactPublic {
		return nil
	}
	team, err := hasTeam(tx, after.ID)
	if err != nil || !team {
		return err
	}
	return s.traceDecision(tx, TrailContactPublicChanged, SubjectActor, after.ID, after.ID, after.Name, before.ContactPublic, after.ContactPublic)
}

// traceReferralsDecision records a service of a structure with a team
// opening or closing to referrals (a new one opening too).
func (s *Store) traceReferralsDecision(tx *gorm.DB, before, after *Service) error {
	if !referralsMoved(before, after) {
		return nil
	}
	var old any
	if before != nil {
		old = !before.ReferralsClosed
	}
	return s.traceDecision(tx, TrailReferralsChanged, SubjectService, after.ActorID, after.ID, after.Name, old, !after.ReferralsClosed)
}

// referralsMoved says a write opens a service to referrals or closes it
// (a new one opening too): what its structure's trail records.
func referralsMoved(before, after *Service) bool {
	if before == nil {
		return !after.ReferralsClosed
	}
	return before.ReferralsClosed != after.ReferralsClosed
}

// traceDecision appends one decision of a structure to its journal, with
// the value before (nil for none) and after.
func (s *Store) traceDecision(tx *gorm.DB, action, kind, actorID, id, label string, was, is any) error {
	ev := TrailEvent{Action: action, ActorID: actorID, SubjectKind: kind, SubjectID: id, SubjectLabel: label}
	return s.trail(tx, ev, map[string]any{"old": was, "new": is})
}
