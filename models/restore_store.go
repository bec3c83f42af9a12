package models

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// AuditRestore is the audit history's action for a record brought back from
// the archive (the change feed reports it as an update with the record).
const AuditRestore = "restore"

// RestoreActor brings an archived actor back, with the services that were
// archived with it (at the same instant), each in the status it had before.
// Its network must be active (ECONFLICT otherwise) unless opt.LeaveNetwork
// restores it outside; an actor that is not
// archived answers ECONFLICT. The caller's rights on the restored state are
// checked like any change.
func (s *Store) RestoreActor(ctx context.Context, id string, pre Precondition, opt RestoreOptions) (*Actor, error) {
	var out Actor
	err := s.write(ctx, func(tx *gorm.DB) error {
		a, err := archivedRecord[Actor](tx, "actor", id, pre)
		if err != nil {
			return err
		}
		if err := mayUndoArchive(tx, EntityActor, id); err != nil {
			return err
		}
		before := *a
		leave := opt.LeaveNetwork && a.ParentID != nil
		if leave {
			a.ParentID = nil
		} else if a.ParentID != nil && !activeNetwork(tx, *a.ParentID) {
			return Errorf(ECONFLICT, "The network %s of this actor is archived or gone: restore the network first, or restore the actor outside it (leave_network=true).", *a.ParentID)
		}
		// Leaving the network is a change of parent_id, authorised as a
		// direct edit of it would be.
		if err := s.authorizeActor(tx, &before, a); err != nil {
			return err
		}
		archivedAt := *a.ArchivedAt
		now := s.now()
		a.ArchivedAt, a.UpdatedAt, a.Version = nil, now, a.Version+1
		a.PublicVersion, a.PublicUpdatedAt = a.PublicVersion+1, now
		cols := []string{"archived_at", "updated_at", "version", "public_version", "public_updated_at"}
		if leave {
			a.Fingerprint = a.ContentFingerprint()
			cols = append(cols, "parent_id", "fingerprint")
		}
		// A placeholder date archived with it (before the floor, or
		// before migration 00098 for a database restored from a backup)
		// is read again as an import reads it: the restore is a write.
		if dropPlaceholderDate(a, now.Format(time.DateOnly)) {
			cols = append(cols, "producer_updated_on", "checked_on", "checked_on_undated")
		}
		if err := tx.Model(a).Select(cols).Updates(a).Error; err != nil {
			return err
		}
		ch := changeOf(EntityActor, ChangeUpdate, &before, a)
		ch.Action = AuditRestore
		if err := recordChange(tx, ch); err != nil {
			return err
		}
		if _, err := s.restoreArchivedWith(tx, a.ID, archivedAt, nil); err != nil {
			return err
		}
		out = *a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// restoreArchivedWith brings back, with the actor just restored, the
// services archived with it: at its archiving or just after, in the same
// transaction (a service archived on its own before stays archived). Those
// skip names (a batch's own records, which it restores itself) are left.
// Every path that restores a place uses it — POST …/restore and a sync
// batch sending the place again — so that a place never comes back without
// its offer.
func (s *Store) restoreArchivedWith(tx *gorm.DB, actorID string, archivedAt time.Time, skip func(*Service) bool) ([]Service, error) {
	var services []Service
	if err := forUpdate(tx).Where("actor_id = ? AND archived_at >= ?", actorID, archivedAt).Order("id").Find(&services).Error; err != nil {
		return nil, err
	}
	if skip != nil {
		services = slices.DeleteFunc(services, func(sv Service) bool { return skip(&sv) })
	}
	// They come back together: the same bound as for any service added to
	// a place (a place archived with more, before the bound, is refused
	// rather than restored past it).
	if err := (serviceRoom{}).take(tx, actorID, len(services)); err != nil {
		return nil, err
	}
	for i := range services {
		if err := s.restoreService(tx, &services[i]); err != nil {
			return nil, err
		}
	}
	return services, nil
}

// RestoreOptions tunes RestoreActor.
type RestoreOptions struct {
	// LeaveNetwork restores the actor outside its network (parent_id
	// cleared): the only way back for a place whose network was archived
	// after it, since an archived place cannot be edited (410) and a place
	// may not belong to an archived network.
	LeaveNetwork bool
}

// activeNetwork reports whether the actor id exists and is not archived,
// locking it in share mode until the write commits (it cannot be archived
// meanwhile).
func activeNetwork(tx *gorm.DB, id string) bool {
	var parent Actor
	err := forShare(tx).Select("id", "archived_at").Take(&parent, "id = ?", id).Error
	return err == nil && !parent.IsArchived()
}

// RestoreService brings an archived service back in the status it had
// before (draft when unknown). Its actor must be active.
func (s *Store) RestoreService(ctx context.Context, id string, pre Precondition) (*Service, error) {
	var out Service
	err := s.write(ctx, func(tx *gorm.DB) error {
		sv, err := archivedRecord[Service](tx, "service", id, pre)
		if err != nil {
			return err
		}
		if err := mayUndoArchive(tx, EntityService, id); err != nil {
			return err
		}
		actor, err := activeActor(tx, sv.ActorID)
		if err != nil {
			return Errorf(ECONFLICT, "The actor of this service is archived: restore the actor first.")
		}
		before := *sv
		if err := s.authorizeService(tx, &before, sv, actor); err != nil {
			return err
		}
		if err := (serviceRoom{}).take(tx, sv.ActorID, 1); err != nil {
			return err
		}
		if err := s.restoreService(tx, sv); err != nil {
			return err
		}
		// The place's score counts its services, as when one is archived
		// (ArchiveService): a restore left the score of the place without
		// it, served, filtered on and exported.
		if err := s.refreshActorQuality(tx, sv.ActorID, sv.IsPublished()); err != nil {
			return err
		}
		sv.Actor = actor
		out = *sv
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Store) restoreService(tx *gorm.DB, sv *Service) error {
	before := *sv
	now := s.now()
	sv.Status, sv.ArchivedAt, sv.UpdatedAt, sv.Version = statusBeforeArchive(tx, sv.ID), nil, now, sv.Version+1
	sv.Actor = nil
	sv.Fingerprint = sv.ContentFingerprint()
	if err := tx.Model(sv).Select("status", "archived_at", "updated_at", "version", "fingerprint").Updates(sv).Error; err != nil {
		return err
	}
	ch := changeOf(EntityService, ChangeUpdate, &before, sv)
	ch.Action = AuditRestore
	return recordChange(tx, ch)
}

// StatusBeforeArchive is the status an archived service had when it was
// last archived (statusBeforeArchive): draft, or published. An archived
// draft is still a draft to those who may not see drafts.
func (s *Store) StatusBeforeArchive(ctx context.Context, id string) string {
	return statusBeforeArchive(s.r.WithContext(ctx), id)
}

// statusBeforeArchive reads a service's status before its last archiving
// from the audit history; draft when the history does not say, so that a
// restored service is reviewed before it is shown.
func statusBeforeArchive(tx *gorm.DB, id string) string {
	var ev AuditEvent
	if err := tx.Where("entity = ? AND entity_id = ? AND action = ?", EntityService, id, ChangeArchive).Order("seq DESC").Take(&ev).Error; err != nil {
		return vocab.ServiceDraft
	}
	var changes []FieldChange
	if json.Unmarshal([]byte(ev.Changes), &changes) == nil {
		for _, c := range changes {
			if st, ok := c.Old.(string); ok && c.Field == "status" && (st == vocab.ServicePublished || st == vocab.ServiceDraft) {
				return st
			}
		}
	}
	return vocab.ServiceDraft
}

// archivedRecord loads an archived actor or service for restoring.
func archivedRecord[T Actor | Service](tx *gorm.DB, kind, id string, pre Precondition) (*T, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No %s has the id %q.", kind, clip(id))
	}
	var row T
	var err error
	if sv, ok := any(&row).(*Service); ok {
		err = lockServiceRow(tx, id, sv) // its actor first
	} else {
		err = forUpdate(tx).Take(&row, "id = ?", id).Error
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No %s has the id %q.", kind, id)
	}
	if err != nil {
		return nil, err
	}
	var archived *time.Time
	var version int64
	switch r := any(&row).(type) {
	case *Actor:
		archived, version = r.ArchivedAt, r.Version
	case *Service:
		archived, version = r.ArchivedAt, r.Version
	}
	if archived == nil {
		return nil, Errorf(ECONFLICT, "The %s %s is not archived.", kind, id)
	}
	if err := pre.Check(kind, version); err != nil {
		return nil, err
	}
	return &row, nil
}
