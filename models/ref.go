package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// ActorRef loads what the authorization policies need to know about the
// actor with id, including its lineage of networks. Archived actors are
// included: answering 410 rather than 404 needs to see them.
func (s *Store) ActorRef(ctx context.Context, id string) (ActorRef, error) {
	return actorRef(s.read(ctx), id)
}

// RefOf describes an actor as it is (or would be after a change), taking its
// lineage from ref, for checks on the new state of an update.
func RefOf(a *Actor, lineage []string) ActorRef {
	c := *a
	c.Normalize()
	return ActorRef{ID: c.ID, Source: c.Source, Departement: c.Departement, InseeCode: placeCode(&c), Lineage: lineage}
}

// placeCode is the INSEE code of the commune an actor's address resolves
// to, which authorization uses rather than the code as written: a file's
// wrong code must not put a place in another coordinator's territory.
func placeCode(a *Actor) string {
	if r := resolvePlace(a.Address, a.Latitude, a.Longitude); r.Commune != nil {
		return r.Commune.Code
	}
	return a.Address.InseeCode
}

func actorRef(db *gorm.DB, id string) (ActorRef, error) {
	if !ValidID(id) {
		return ActorRef{}, Errorf(ENOTFOUND, "No actor has the id %q.", clip(id))
	}
	var row struct {
		ID          string
		Source      string
		Departement string
		InseeCode   string
		ParentID    *string
	}
	err := db.Model(&Actor{}).Select("id", "source", "departement", "insee_code", "parent_id").Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ActorRef{}, Errorf(ENOTFOUND, "No actor has the id %q.", id)
	}
	if err != nil {
		return ActorRef{}, dbError(err)
	}
	ref := ActorRef{ID: row.ID, Source: row.Source, Departement: row.Departement, InseeCode: row.InseeCode, Lineage: []string{row.ID}}
	next := row.ParentID
	for depth := 0; next != nil && depth < maxParentDepth; depth++ {
		var p struct{ ParentID *string }
		if err := db.Model(&Actor{}).Select("parent_id").Where("id = ?", *next).Take(&p).Error; err != nil {
			break
		}
		ref.Lineage = append(ref.Lineage, *next)
		next = p.ParentID
	}
	return ref, nil
}

// authorizeActor applies Principal.AuthorizeActorChange to a write of an
// actor inside its transaction: before is the stored actor (nil when
// creating), after the normalised, validated state about to be stored. A
// write without a principal (an operator's command, a background job) is
// not restricted. Every path calls it (create, PUT, PATCH, suggestion,
// sync, import, restore), so it also records there the structure's own
// decisions the write makes (traceActorDecisions).
func (s *Store) authorizeActor(tx *gorm.DB, before, after *Actor) error {
	ctx := tx.Statement.Context
	if p := PrincipalFrom(ctx); p != nil {
		ch, err := actorChange(tx, before, after)
		if err != nil {
			return err
		}
		if err := p.AuthorizeActorChange(ch); err != nil {
			return err
		}
	}
	return s.traceActorDecisions(tx, before, after)
}

// actorChange describes a write of an actor for AuthorizeActorChange.
func actorChange(tx *gorm.DB, before, after *Actor) (ActorChange, error) {
	ch := ActorChange{Sync: bulkWrite(tx.Statement.Context), ParentChanged: parentChanged(before, after)}
	lineage := []string{after.ID}
	if after.ParentID != nil {
		parent, err := actorRef(tx, *after.ParentID)
		switch ErrorCode(err) {
		case "":
			lineage = append(lineage, parent.Lineage...)
			if ch.ParentChanged {
				ch.Parent = &parent
			}
		case ENOTFOUND: // validation names the unknown parent
		default:
			return ch, err
		}
	}
	if before != nil {
		ref, err := actorRef(tx, before.ID)
		if err != nil {
			return ch, err
		}
		if ch.HasTeam, err = hasTeam(tx, before.ID); err != nil {
			return ch, err
		}
		ch.Before = &ref
		ch.SourceChanged = before.Source != after.Source || before.SourceID != after.SourceID
		ch.ProvenanceChanged = provenanceChanged(before, after)
		ch.ContactsPublished = ch.HasTeam && !before.ContactPublic && after.ContactPublic
	} else {
		ch.SourceChanged = after.Source != "" || after.SourceID != ""
	}
	ch.After = ActorRef{ID: after.ID, Source: after.Source, Departement: after.Departement, InseeCode: after.Address.InseeCode, Lineage: lineage}
	return ch, nil
}

// parentChanged says a write joins, moves or leaves a network.
func parentChanged(before, after *Actor) bool {
	var old *string
	if before != nil {
		old = before.ParentID
	}
	return !equalPtr(old, after.ParentID)
}

func equalPtr(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// hasTeam says the actor has active members: what it decides of itself is
// then its team's, and someone can read its referrals. Disabled accounts
// are no team: they cannot log in (a referral to a structure whose only
// members were disabled was taken, and nobody could read it). An actor the
// transaction created has none (see withNewActors): a sync batch's new
// places are not asked, one query each (issue 11, item 6).
func hasTeam(tx *gorm.DB, actorID string) (bool, error) {
	if created, _ := tx.Statement.Context.Value(newActorsKey{}).(map[string]bool); created[actorID] {
		return false, nil
	}
	var n int64
	err := tx.Model(&membershipRow{}).Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.actor_id = ? AND NOT users.disabled", actorID).Limit(1).Count(&n).Error
	return n > 0, err
}

// ActorsWithTeam returns, of ids (all actors when ids is nil), those with
// a team as hasTeam counts it: someone can read their referrals. Search
// and orientation serve referrals_possible from it, since a service's
// accepts_referrals is what its structure declared and a partner's
// import declares it for structures nobody of which is in Carnet.
func (s *Store) ActorsWithTeam(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if ids != nil && len(ids) == 0 {
		return out, nil
	}
	q := s.read(ctx).Model(&membershipRow{}).Distinct("memberships.actor_id").
		Joins("JOIN users ON users.id = memberships.user_id").Where("NOT users.disabled")
	if ids != nil {
		q = q.Where("memberships.actor_id IN ?", ids)
	}
	var got []string
	if err := q.Pluck("memberships.actor_id", &got).Error; err != nil {
		return nil, err
	}
	for _, id := range got {
		out[id] = true
	}
	return out, nil
}

type newActorsKey struct{}

// withNewActors marks ids as actors that tx's transaction created: no
// membership can name them yet (their ids are new, and no write path adds
// a member in the transaction that creates the structure).
func withNewActors(tx *gorm.DB, ids map[string]bool) *gorm.DB {
	return tx.WithContext(context.WithValue(tx.Statement.Context, newActorsKey{}, ids))
}

// provenanceChanged names the first provenance field a write changes on a
// record a partner syncs (both sides normalised: an empty producer reads as
// the source), "" when none.
func provenanceChanged(before, after *Actor) string {
	producer := before.Producer
	if producer == "" { // as Normalize reads it
		producer = before.Source
	}
	switch {
	case before.Source == "":
		return ""
	case producer != after.Producer:
		return "producer"
	case before.ProducerUpdatedOn != after.ProducerUpdatedOn:
		return "producer_updated_on"
	}
	return ""
}

// authorizeService applies Principal.AuthorizeServiceChange to a write of a
// service inside its transaction (before nil when creating), and records
// in the structure's trail whether it opens or closes to referrals.
func (s *Store) authorizeService(tx *gorm.DB, before, after *Service, actor *Actor) error {
	ctx := tx.Statement.Context
	if p := PrincipalFrom(ctx); p != nil {
		ref, err := actorRef(tx, actor.ID)
		if err != nil {
			return err
		}
		ch := ServiceChange{Actor: ref, Source: after.Source, Sync: bulkWrite(ctx)}
		if before != nil {
			ch.Before, ch.BeforeSource = true, before.Source
			ch.SourceChanged = before.Source != after.Source || before.SourceID != after.SourceID
			if before.ReferralsClosed && !after.ReferralsClosed {
				if ch.OpensReferrals, err = hasTeam(tx, actor.ID); err != nil {
					return err
				}
			}
		} else {
			ch.SourceChanged = after.Source != "" || after.SourceID != ""
		}
		if err := p.AuthorizeServiceChange(ch); err != nil {
			return err
		}
	}
	// The team is asked only when the write opens or closes the service
	// (each service write of an import asked it: issue 11, item 6).
	if !referralsMoved(before, after) {
		return nil
	}
	if team, err := hasTeam(tx, actor.ID); err != nil || !team {
		return err
	}
	return s.traceReferralsDecision(tx, before, after)
}
