package models

import (
	"time"

	"gorm.io/gorm"
)

// Entities recorded in the changes table.
const (
	EntityActor   = "actor"
	EntityService = "service"
)

// Change operations recorded in the changes table.
const (
	ChangeCreate  = "create"
	ChangeUpdate  = "update"
	ChangeArchive = "archive"
)

// Change is one row of the change log: which record changed, how, and in
// which order. The log is written in the same transaction as the change, so
// it can never miss one.
type Change struct {
	Seq      int64 `gorm:"primaryKey"`
	Entity   string
	EntityID string
	Op       string
	Version  int64
	At       time.Time
	// PrivateOnly marks a change that only readers of the record's private
	// side may know of: of an actor's private contacts alone (see
	// PrivateOnly), or of a service that is not published before nor
	// after it (a draft created, edited, archived or restored as a draft).
	// The feed and webhooks leave it out for readers who may not see the
	// contacts or the drafts, and exports do not date the directory by it.
	PrivateOnly bool
	// MovedFrom is where the record was, for filters, before a change
	// that moved it (placeKey: its sources, département and commune), and
	// empty when the change moved nothing: a follower filtered by
	// territory or source is told the record left its selection (FeedLeave).
	MovedFrom string
}

// changeEvent is one change as the store's write paths describe it: the
// change log row plus the states before and after, from which the audit
// history takes the changed fields.
type changeEvent struct {
	Change
	ActorID string // the actor the record belongs to (itself for an actor)
	Before  any    // *Actor or *Service; nil on create
	After   any
	// Action names the change in the audit history when it is not Op
	// (a restore is an update of the change log).
	Action string
	// decision are the changed fields of an actor that its columns do
	// not hold, added to its history's: duplicate_of and stands_for, as a
	// duplicate decision changes them (touchPair).
	decision []FieldChange
	// rebuilt says that the audit event of this creation stores
	// rebuiltFromRow rather than the record's content (see rebuildCreated):
	// bulk creations by sync batches and imports.
	rebuilt bool
}

func changeOf(entity, op string, before, after any) changeEvent {
	e := changeEvent{Change: Change{Entity: entity, Op: op}, Before: before, After: after}
	switch v := after.(type) {
	case *Actor:
		e.EntityID, e.ActorID, e.Version, e.At = v.ID, v.ID, v.Version, v.UpdatedAt
		if b, ok := before.(*Actor); ok && b != nil {
			e.PrivateOnly = b.PublicVersion == v.PublicVersion // every other change moves it
			e.MovedFrom = movedFrom(actorPlace(b), actorPlace(v))
		}
	case *Service:
		e.EntityID, e.ActorID, e.Version, e.At = v.ID, v.ActorID, v.Version, v.UpdatedAt
		b, _ := before.(*Service)
		e.PrivateOnly = !v.IsPublished() && (b == nil || !b.IsPublished())
		if b != nil && b.IsArchived() == v.IsArchived() {
			was := b.Actor
			if was == nil {
				was = v.Actor // a service write does not change its actor
			}
			e.MovedFrom = movedFrom(servicePlace(b, was), servicePlace(v, v.Actor))
		}
	}
	return e
}

// recordChange logs a change and its audit event in the transaction tx.
func recordChange(tx *gorm.DB, e changeEvent) error {
	return recordChanges(tx, []changeEvent{e})
}

// recordChanges logs changes and their audit events, in order. The audit
// events are written at once, with multi-row INSERTs; the change log's rows
// at the end of the transaction, under the log lock (see Store.write), so
// that seq order is commit order: do not read them back in the same
// transaction.
func recordChanges(tx *gorm.DB, events []changeEvent) error {
	ctx := tx.Statement.Context
	changes := make([]Change, len(events))
	// The events in one array, each row pointing into it: an event
	// allocated apart was 200,000 allocations of a 100,000-place first
	// import (issue 11, item 6).
	evs := make([]AuditEvent, len(events))
	audits := make([]*AuditEvent, len(events))
	for i, e := range events {
		changes[i] = e.Change
		if err := fillAuditEvent(ctx, e, &evs[i]); err != nil {
			return err
		}
		audits[i] = &evs[i]
	}
	if err := insertRows(tx, audits); err != nil {
		return err
	}
	if err := traceOutsiders(tx, events); err != nil {
		return err
	}
	return appendLog(tx, func(p *pendingLogs) { p.changes = append(p.changes, changes...) })
}
