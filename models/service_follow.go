package models

import (
	"gorm.io/gorm"
)

// Probe 40a M1: a service's representation embeds its actor's name,
// address, département and point (handlers.ActorSummary), and a service
// without an address of its own is filtered by its actor's place and
// source. A change of those moved what every copy of the service shows,
// or where a filter finds it, under the same service version and with no
// service entry in the change feed or the webhooks: copies kept the old
// name and address for good. Such a change of an actor is now a change of
// each of its live services too: a new version, in the change log.

// followedFields are the changed fields of the actor that its services
// show or are filtered by, as their history names them (actor.name…);
// none when the services' representation and place did not move.
func followedFields(before, a *Actor) []FieldChange {
	var out []FieldChange
	add := func(field string, old, new any) {
		if !equalJSON(old, new) {
			out = append(out, FieldChange{Field: "actor." + field, Old: old, New: new})
		}
	}
	add("name", before.Name, a.Name)
	add("address", before.Address, a.Address)
	add("departement", before.Departement, a.Departement)
	add("latitude", before.Latitude, a.Latitude)
	add("longitude", before.Longitude, a.Longitude)
	add("source", before.Source, a.Source)
	return out
}

// servicesFollow records, after a's change from before, a change of each of
// its live services when the change moved what they show (followedFields):
// their version and updated_at move, and the change feed and webhooks
// carry them after the actor. One read and one UPDATE for all of them (a
// place with 200 services costs 200 log rows and history events, as
// editing them would). A change that moves none of those fields (most
// re-imports, every edit of hours or contacts) costs nothing.
func (s *Store) servicesFollow(tx *gorm.DB, before, a *Actor) error {
	fields := followedFields(before, a)
	if len(fields) == 0 || a.IsArchived() {
		return nil
	}
	var services []Service
	if err := forUpdate(tx).Where("actor_id = ? AND archived_at IS NULL", a.ID).Order("id").Find(&services).Error; err != nil {
		return err
	}
	if len(services) == 0 {
		return nil
	}
	now := s.now()
	if err := tx.Model(&Service{}).Where("actor_id = ? AND archived_at IS NULL", a.ID).
		UpdateColumns(map[string]any{"version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
		return err
	}
	events := make([]changeEvent, len(services))
	for i := range services {
		was := services[i]
		was.Actor = before
		sv := &services[i]
		sv.Version, sv.UpdatedAt, sv.Actor = sv.Version+1, now, a
		events[i] = changeOf(EntityService, ChangeUpdate, &was, sv)
		events[i].decision = fields
	}
	return recordChanges(tx, events)
}
