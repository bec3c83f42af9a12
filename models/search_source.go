package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// This file gives read models kept beside the database (the search index of
// models/search) what they need: every live row at start-up, and the current
// state of the rows a write changed. They read the read pool: a listener
// following the change log (Store.Follow) reads after the commit, so a fresh
// read sees it.

// scanBatch bounds how many rows one query loads, so that building an index
// over a national directory does not hold one huge result set in memory.
const scanBatch = 5000

// ScanDirectory calls fn with every non-archived actor, then with every
// non-archived service (without its Actor), in id order, in batches.
// Statuses are not filtered: the caller decides what it shows.
func (s *Store) ScanDirectory(ctx context.Context, actors func([]Actor) error, services func([]Service) error) error {
	after := ""
	for {
		var batch []Actor
		if err := s.read(ctx).Where("archived_at IS NULL AND id > ?", after).Order("id").Limit(scanBatch).Find(&batch).Error; err != nil {
			return dbError(err)
		}
		if len(batch) == 0 {
			break
		}
		if err := actors(batch); err != nil {
			return err
		}
		after = batch[len(batch)-1].ID
	}
	after = ""
	for {
		var batch []Service
		if err := s.read(ctx).Where("archived_at IS NULL AND id > ?", after).Order("id").Limit(scanBatch).Find(&batch).Error; err != nil {
			return dbError(err)
		}
		if len(batch) == 0 {
			return nil
		}
		if err := services(batch); err != nil {
			return err
		}
		after = batch[len(batch)-1].ID
	}
}

// ChangedRows is the current state of the records named by a list of changes.
type ChangedRows struct {
	// Actors are the changed actors and the actors of changed services,
	// archived ones included (a read model removes them).
	Actors []Actor
	// Services are the changed services and every service of the changed
	// actors (an actor's address, hours or status changes how its services
	// are found), archived ones included, without their Actor.
	Services []Service
	// Missing are ids named by changes but absent from the database.
	MissingActors, MissingServices []string
}

// LoadChanged reads the current state of the actors and services named by
// changes, for read models that apply them.
func (s *Store) LoadChanged(ctx context.Context, changes []Change) (ChangedRows, error) {
	var out ChangedRows
	actorIDs := map[string]bool{}
	serviceIDs := map[string]bool{}
	for _, c := range changes {
		switch c.Entity {
		case EntityActor:
			actorIDs[c.EntityID] = true
		case EntityService:
			serviceIDs[c.EntityID] = true
		}
	}
	db := s.read(ctx)
	err := db.Transaction(func(tx *gorm.DB) error {
		svcIDs := keys(serviceIDs)
		for _, chunk := range chunks(svcIDs) {
			var batch []Service
			if err := tx.Where("id IN ?", chunk).Find(&batch).Error; err != nil {
				return err
			}
			out.Services = append(out.Services, batch...)
		}
		found := map[string]bool{}
		for _, sv := range out.Services {
			found[sv.ID] = true
			actorIDs[sv.ActorID] = true
		}
		for _, id := range svcIDs {
			if !found[id] {
				out.MissingServices = append(out.MissingServices, id)
			}
		}
		ids := keys(actorIDs)
		for _, chunk := range chunks(ids) {
			var batch []Actor
			if err := tx.Where("id IN ?", chunk).Find(&batch).Error; err != nil {
				return err
			}
			out.Actors = append(out.Actors, batch...)
		}
		clear(found)
		for _, a := range out.Actors {
			found[a.ID] = true
		}
		for _, id := range ids {
			if !found[id] {
				out.MissingActors = append(out.MissingActors, id)
			}
		}
		// Every service of a changed actor: its place, hours and status
		// are the actor's.
		changedActors := make([]string, 0, len(actorIDs))
		for _, c := range changes {
			if c.Entity == EntityActor {
				changedActors = append(changedActors, c.EntityID)
			}
		}
		for _, chunk := range chunks(changedActors) {
			var batch []Service
			if err := tx.Where("actor_id IN ?", chunk).Find(&batch).Error; err != nil {
				return err
			}
			for _, sv := range batch {
				if !serviceIDs[sv.ID] {
					serviceIDs[sv.ID] = true
					out.Services = append(out.Services, sv)
				}
			}
		}
		return nil
	})
	return out, dbError(err)
}

// ServicesOfActors returns the non-archived services of the given actors.
func (s *Store) ServicesOfActors(ctx context.Context, actorIDs []string) ([]Service, error) {
	var out []Service
	for _, chunk := range chunks(actorIDs) {
		var batch []Service
		if err := s.read(ctx).Where("archived_at IS NULL AND actor_id IN ?", chunk).Find(&batch).Error; err != nil {
			return nil, dbError(err)
		}
		out = append(out, batch...)
	}
	return out, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// chunks splits ids so that an IN list stays under SQLite's limit on bound
// parameters.
func chunks(ids []string) [][]string {
	const n = 500
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// PlaceWithServices is one actor and the services it offers, for bulk loads.
type PlaceWithServices struct {
	Actor    Actor
	Services []Service
}

// CreatePlaces inserts actors with their services in one transaction, through
// the same validation and change log as CreateActor and CreateService, and
// stops at the first invalid row (its index is in the error's message). It
// is for seeding and fixtures; partner sync has its own upsert path.
func (s *Store) CreatePlaces(ctx context.Context, places []PlaceWithServices) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		for i := range places {
			p := &places[i]
			if err := s.insertActor(tx, &p.Actor); err != nil {
				return placeError(i, err)
			}
			for j := range p.Services {
				p.Services[j].ActorID = p.Actor.ID
				if err := s.insertService(tx, &p.Services[j]); err != nil {
					return placeError(i, err)
				}
			}
		}
		return nil
	})
}

func placeError(i int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Message = fmt.Sprintf("place %d: %s", i, c.Message)
		return &c
	}
	return err
}
