package models

import (
	"gorm.io/gorm"
)

// Probe 40a M1: a service's representation embeds its actor's name,
// address, département and point (handlers.ActorSummary), and a service
// without an address of its own is filtered by its actor's place and
// source. A change of those moved what every copy of the service shows,
// or where a filter finds it, with no service entry in the change feed or
// the webhooks: copies kept the old name and address for good. Such a
// change of an actor is now logged as a change of each of its live
// services too, after the actor's. Their version and updated_at stay: the
// version counts the service's own writes, which If-Match guards (a place
// renamed does not make a partner's edit of its offer a conflict), its
// ETag already names its actor's version, and updated_since on services
// already follows the actor's updated_at.

// followedFields are the changed fields of the actor that its services
// show or are filtered by, as their history names them (actor.name…);
// none when the services' representation and place did not move.
func followedFields(before, a *Actor) []FieldChange {
	var out []FieldChange
	out = appendChanged(out, "actor.name", before.Name, a.Name)
	out = appendChanged(out, "actor.address", before.Address, a.Address)
	out = appendChanged(out, "actor.departement", before.Departement, a.Departement)
	out = appendChanged(out, "actor.latitude", before.Latitude, a.Latitude)
	out = appendChanged(out, "actor.longitude", before.Longitude, a.Longitude)
	return appendChanged(out, "actor.source", before.Source, a.Source)
}

// appendChanged appends to out the change of field from old to new when
// they differ as JSON (as the history compares them).
func appendChanged(out []FieldChange, field string, old, new any) []FieldChange {
	if equalJSON(old, new) {
		return out
	}
	return append(out, FieldChange{Field: field, Old: old, New: new})
}

// servicesFollow logs, after a's change from before, a change of each of
// its live services when the change moved what they show or where they
// are (followedFields), so that the change feed and webhooks carry them
// after the actor. One read for all of them, and a log row and a history
// event each (a place with 200 services: 200 of each). A change that
// moves none of those fields (most re-imports, edits of hours or
// contacts) costs nothing.
func (s *Store) servicesFollow(tx *gorm.DB, before, a *Actor) error {
	fields := followedFields(before, a)
	if len(fields) == 0 || a.IsArchived() {
		return nil
	}
	var services []Service
	if err := tx.Where("actor_id = ? AND archived_at IS NULL", a.ID).Order("id").Find(&services).Error; err != nil {
		return err
	}
	now := s.now()
	events := make([]changeEvent, len(services))
	for i := range services {
		was := services[i]
		was.Actor = before
		sv := &services[i]
		sv.Actor = a
		events[i] = changeOf(EntityService, ChangeUpdate, &was, sv)
		events[i].At, events[i].decision = now, fields
	}
	return recordChanges(tx, events)
}
