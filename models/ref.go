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

// RefForNewActor describes an actor about to be created, for CanCreateActor:
// its place and source as normalised, and the lineage of its parent.
func (s *Store) RefForNewActor(ctx context.Context, a *Actor) (ActorRef, error) {
	c := *a
	c.Normalize()
	ref := ActorRef{Source: c.Source, Departement: c.Departement, InseeCode: placeCode(&c)}
	if c.ParentID != nil && ValidID(*c.ParentID) {
		parent, err := actorRef(s.read(ctx), *c.ParentID)
		switch ErrorCode(err) {
		case "":
			ref.Lineage = parent.Lineage
		case ENOTFOUND:
			// Validation reports the unknown parent; authorization
			// decides on the place and source alone.
		default:
			return ActorRef{}, err
		}
	}
	return ref, nil
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
