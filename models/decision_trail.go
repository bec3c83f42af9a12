package models

import (
	"slices"

	"gorm.io/gorm"
)

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

// traceOutsiders records in the trail of each structure with a team the
// changes of events made to its record or its services by someone who is
// not of that team (TrailChangedByOutsider): « every access by anyone else
// leaves a trace the structure can see ». The operator's commands
// (ChannelCLI: `carnet import` has no account behind it) are someone's
// too (probe 45: the operator's import of a file was not traced where a
// partner's import of the same file was). Changes with no one behind them
// (detection, the system's jobs) and duplicate decisions (traced as
// actor.duplicate_decided) are not; the teams are read with one query
// for the batch.
func traceOutsiders(tx *gorm.DB, events []changeEvent) error {
	ctx := tx.Statement.Context
	p := PrincipalFrom(ctx)
	if p == nil && ChannelFrom(ctx) != ChannelCLI || p != nil && p.IsAnonymous() && !p.IsPartner() {
		return nil
	}
	var ids []string
	for _, e := range events {
		if (e.Entity == EntityActor || e.Entity == EntityService) && len(e.decision) == 0 && e.ActorID != "" && !p.memberOf(e.ActorID) {
			ids = append(ids, e.ActorID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	teams, err := teamsOf(tx, ids)
	if err != nil || len(teams) == 0 {
		return err
	}
	for _, e := range events {
		if !teams[e.ActorID] || len(e.decision) > 0 || e.Entity != EntityActor && e.Entity != EntityService || p.memberOf(e.ActorID) {
			continue
		}
		op := e.Op
		if e.Action != "" {
			op = e.Action
		}
		fields := []string{}
		if e.Before != nil && e.After != nil {
			for _, f := range diffFields(e.Before, e.After) {
				fields = append(fields, f.Field)
			}
		}
		kind, label := SubjectActor, ""
		switch v := e.After.(type) {
		case *Actor:
			label = v.Name
		case *Service:
			kind, label = SubjectService, v.Name
		}
		ev := TrailEvent{Action: TrailChangedByOutsider, ActorID: e.ActorID, SubjectKind: kind, SubjectID: e.EntityID, SubjectLabel: label}
		if err := trailAt(tx, e.At, ev, map[string]any{"entity": e.Entity, "op": op, "fields": fields}); err != nil {
			return err
		}
	}
	return nil
}

// memberOf says whether p is of the team of the structure actorID itself
// (a network's manager is not; no one, the operator, is of none).
func (p *Principal) memberOf(actorID string) bool {
	if p == nil {
		return false
	}
	for _, m := range p.Memberships {
		if m.ActorID == actorID {
			return true
		}
	}
	return false
}

// teamsOf returns, of ids, the structures with a team (hasTeam), leaving
// out those the transaction creates.
func teamsOf(tx *gorm.DB, ids []string) (map[string]bool, error) {
	created, _ := tx.Statement.Context.Value(newActorsKey{}).(map[string]bool)
	out := map[string]bool{}
	for chunk := range slices.Chunk(slices.Compact(slices.Sorted(slices.Values(ids))), 500) {
		var found []string
		if err := tx.Model(&membershipRow{}).Distinct("memberships.actor_id").Joins("JOIN users ON users.id = memberships.user_id").
			Where("memberships.actor_id IN ? AND NOT users.disabled", chunk).Pluck("memberships.actor_id", &found).Error; err != nil {
			return nil, err
		}
		for _, id := range found {
			if !created[id] {
				out[id] = true
			}
		}
	}
	return out, nil
}
