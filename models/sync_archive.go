package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// A sync restores an archived record only when the source's own writer
// archived it: its sync or import (a snapshot's absentee, a record sent
// archived, channel sync), an operator's import (channel cli), its
// partner client through the API, or Carnet itself. A record archived by a
// person through the API (or by accepting a suggestion) — a coordinator,
// an administrator, a manager, a moderator — was taken out of the public directory on purpose: the partner's
// next sync, which usually re-sends it unchanged, brought it back
// silently (probe 38b M3). It now stays archived, the sync reports it
// kept_archived with who archived it and when, and the partner asks them
// (POST /actors/{id}/restore, or its own DELETE and sync). A restore by a
// sync is recorded as « restore », as POST /restore records it.

// restoring names a change that brings a record out of the archive a
// restore, whatever the path.
func restoring(e changeEvent, restored bool) changeEvent {
	if restored {
		e.Action = AuditRestore
	}
	return e
}

// othersArchive says why a sync must leave the archived record
// entity/id archived, from the last archive in its history: "" when the
// source's own writer archived it (or the history does not say).
func othersArchive(tx *gorm.DB, entity, id string) (string, error) {
	ev, err := lastArchive(tx, entity, id)
	if err != nil || ev.WhoKind != WhoUser || ev.Channel == string(ChannelSync) || ev.Channel == string(ChannelCLI) {
		return "", err
	}
	return fmt.Sprintf("kept archived: archived by a person (%s) through the API on %s, not by this source; a sync does not undo it: ask the place's editors or coordinator to restore it",
		ev.WhoLabel, ev.At.Format(time.DateOnly)), nil
}

// lastArchive is the last archive in the history of entity/id, zero when
// the history has none.
func lastArchive(tx *gorm.DB, entity, id string) (AuditEvent, error) {
	var ev AuditEvent
	err := tx.Where("entity = ? AND entity_id = ? AND action = ?", entity, id, ChangeArchive).Order("seq DESC").Limit(1).Find(&ev).Error
	return ev, err
}

// mayUndoArchive refuses the restore of entity/id by p when the last
// archive of it was an administrator's and p is not one: taking a record
// out of the directory is then the platform's moderation (a structure that
// is not one, a place that never existed), which the structure's manager,
// a coordinator or a partner undid with POST …/restore (probe 46, L1).
// Any other archive is undone by whoever may edit the record. Whether the
// person was an administrator is read now, from their account: the audit
// keeps who, not their standing then.
func mayUndoArchive(tx *gorm.DB, entity, id string) error {
	p := PrincipalFrom(tx.Statement.Context)
	if p == nil || p.IsAdmin() {
		return nil
	}
	ev, err := lastArchive(tx, entity, id)
	if err != nil || ev.WhoKind != WhoUser || ev.WhoID == "" {
		return err
	}
	var admins int64
	if err := tx.Model(&User{}).Where("id = ? AND platform_admin = ?", ev.WhoID, true).Count(&admins).Error; err != nil || admins == 0 {
		return err
	}
	return Errorf(EFORBIDDEN, "An administrator archived this %s on %s: only an administrator may restore it.", entity, ev.At.Format(time.DateOnly))
}

// keptArchived fills o when the archived record ex stays archived
// (othersArchive), and reports it; a lookup error goes to err.
func keptArchived(tx *gorm.DB, entity string, ex existingKey, o *SyncOutcome, err *error) bool {
	if !ex.Archived {
		return false
	}
	why, e := othersArchive(tx, entity, ex.ID)
	if e != nil {
		*err = e
		return true
	}
	if why == "" {
		return false
	}
	o.ID, o.Result = ex.ID, SyncKeptArchived
	o.Warnings = append(o.Warnings, FieldError{Field: "archived_at", Reason: why})
	return true
}
