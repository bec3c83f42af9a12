package models

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// Operations of the change feed. Create, update and archive are those of the
// change log; hide tells a reader that a service it may have copied is now a
// draft it may not see (remove it, like a tombstone, until it is published
// again).
const (
	FeedCreate  = ChangeCreate
	FeedUpdate  = ChangeUpdate
	FeedArchive = ChangeArchive
	FeedHide    = "hide"
	// FeedLeave tells a follower filtered by territory or source (a
	// webhook subscription's filters, the feed's source=) that a record it
	// may have copied is no longer where its filter selects: remove it, as
	// a tombstone, until it comes back (then as an update).
	FeedLeave = "leave"
)

// FeedEntry is one record of a page of the change feed, in its current
// state: the feed tells what changed and how it is now, so a follower that
// applies every entry ends with the server's state.
type FeedEntry struct {
	Seq      int64 // the first change of this record within the page (each change's own for webhooks)
	Entity   string
	EntityID string
	Op       string
	At       time.Time
	Version  int64
	Actor    *Actor   // current actor; set unless the entity is a service
	Service  *Service // current service with its actor; set for services
	// SameAs is the actor's confirmed duplicate links, as GET
	// /actors/{id} shows them: a follower of the feed learns that a
	// record left the public surfaces for another one.
	SameAs SameAs
	// movedFrom is where the record was before the changes the entry
	// tells, when one of them moved it (Change.MovedFrom).
	movedFrom string
}

// Feed is one page of the change feed.
type Feed struct {
	Entries []FeedEntry
	// Next is the cursor to send as after for the next page: the last
	// seq read, or the after given when the page is empty.
	Next int64
	// HasMore says whether changes after Next were already committed.
	HasMore bool
}

// Changes returns up to limit changes committed after seq after, in commit
// order. seq is assigned by the single writer in commit order and readers
// only see committed transactions, so following Next never skips nor
// repeats a change even while writes go on. Several changes of one record in
// a page are collapsed into one entry, at the seq of the first one (see
// entries), carrying the record's current state; archived records come as
// tombstones.
func (s *Store) Changes(ctx context.Context, after int64, limit int, viewer *Principal) (Feed, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, 1000)
	feed := Feed{Next: after}
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []Change
		if err := tx.Where("seq > ?", after).Order("seq").Limit(limit + 1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) > limit {
			rows, feed.HasMore = rows[:limit], true
		}
		if len(rows) == 0 {
			return checkFeedCursor(tx, after)
		}
		feed.Next = rows[len(rows)-1].Seq
		fr, err := loadFeedRecords(tx, rows)
		if err != nil {
			return err
		}
		feed.Entries, err = fr.entries(tx, viewer, false)
		return err
	})
	return feed, dbError(err)
}

// checkFeedCursor refuses a cursor beyond the feed's last change, which no
// page gave: answered as an empty page and echoed as next_cursor, it made
// a follower with a corrupted cursor skip every change until seq reached
// it. Webhook replays refuse it too (ReplayWebhook). Read only when the
// page is empty: a cursor before the head has changes after it.
func checkFeedCursor(tx *gorm.DB, after int64) error {
	if after == 0 {
		return nil
	}
	var head int64
	if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error; err != nil {
		return err
	}
	if after > head {
		return &Error{Code: EBADREQUEST, Message: "The cursor is beyond the feed's last change.",
			Fields: []FieldError{{Field: "cursor", Reason: "must be the next_cursor of a previous page, from 0 to the feed's last seq (" + strconv.FormatInt(head, 10) + ")"}}}
	}
	return nil
}

// feedRecords are the records named by a run of change-log rows, loaded
// once: the change feed reads them for its caller, the webhook fan-out for
// each subscription's viewer.
type feedRecords struct {
	rows       []Change
	actors     map[string]*Actor
	sameAs     [][2]string // the confirmed links of the actors
	services   map[string]*Service
	serviceIDs []string
}

// loadFeedRecords loads the current state of the records rows name (their
// services with their actors), archived ones included.
func loadFeedRecords(tx *gorm.DB, rows []Change) (*feedRecords, error) {
	fr := &feedRecords{rows: rows, actors: map[string]*Actor{}, services: map[string]*Service{}}
	var actorIDs []string
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.EntityID] {
			continue
		}
		seen[r.EntityID] = true
		if r.Entity == EntityActor {
			actorIDs = append(actorIDs, r.EntityID)
		} else {
			fr.serviceIDs = append(fr.serviceIDs, r.EntityID)
		}
	}
	if len(actorIDs) > 0 {
		var as []Actor
		if err := tx.Where("id IN ?", actorIDs).Find(&as).Error; err != nil {
			return nil, err
		}
		for i := range as {
			fr.actors[as[i].ID] = &as[i]
		}
		var err error
		if fr.sameAs, err = confirmedPairs(tx, actorIDs...); err != nil {
			return nil, err
		}
	}
	if len(fr.serviceIDs) > 0 {
		var ss []Service
		if err := tx.Preload("Actor").Where("id IN ?", fr.serviceIDs).Find(&ss).Error; err != nil {
			return nil, err
		}
		for i := range ss {
			fr.services[ss[i].ID] = &ss[i]
		}
	}
	return fr, nil
}

// entries returns the rows as viewer may see them: several changes of one
// record are collapsed into one entry, at the seq of the first one,
// carrying the record's current state; archived records come as
// tombstones, and a draft service the viewer may not see as a hide
// tombstone.
//
// At the first, not the last (probe 40a M2): a place restored, its
// services restored with it, then the place edited, came as the services
// then the place (at its edit's seq), and a follower filing offers under
// their place dropped offers of a place it did not have yet. A service's
// changes need its place live, so the change that made the place visible
// comes before them: at its first change, the place's entry comes before
// its services' entries. The entry shows the current state either way.
//
// each is the webhooks' rule instead: every change is an entry of its own,
// with its own operation, seq, time and version, carrying the record's
// current state (a tombstone for an archival). A subscriber is told every
// change once, in order: collapsed, a creation read with its archival was
// delivered as the archival alone, a tombstone of a record the subscriber
// never heard of. A service hidden from the viewer still comes as one
// entry: its earlier changes would show its current, unpublished state.
func (fr *feedRecords) entries(tx *gorm.DB, viewer *Principal, each bool) ([]FeedEntry, error) {
	visible := map[string]bool{}
	if len(fr.serviceIDs) > 0 {
		var ids []string
		if err := draftsVisibleTo(tx.Model(&Service{}).Where("id IN ?", fr.serviceIDs), viewer).Pluck("id", &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			visible[id] = true
		}
	}
	// Actors whose private contacts the viewer may not see: their changes
	// of private contacts alone are left out, and their entries carry the
	// public version and time (what the public representation shows).
	contacts := map[string]bool{}
	if viewer.IsAdmin() {
		for id := range fr.actors {
			contacts[id] = true
		}
	} else if len(fr.actors) > 0 {
		ids := make([]string, 0, len(fr.actors))
		for id := range fr.actors {
			ids = append(ids, id)
		}
		var seen []string
		cond, args := contactsVisibleTo(viewer, "actors.id")
		if err := tx.Model(&Actor{}).Where("id IN ?", ids).Where(cond, args...).Pluck("id", &seen).Error; err != nil {
			return nil, err
		}
		for _, id := range seen {
			contacts[id] = true
		}
	}
	hid, err := hidingVersions(tx, fr, visible)
	if err != nil {
		return nil, err
	}
	type key struct{ entity, id string }
	at := map[key]int{}       // index in rows of the record's first kept change: where its entry goes
	from := map[key]string{}  // where the record was before its first move in the run
	created := map[key]bool{} // first change in the run is its creation
	first := map[key]bool{}
	kept := make([]bool, len(fr.rows))
	for i, r := range fr.rows {
		k := key{r.Entity, r.EntityID}
		if !first[k] {
			first[k], created[k] = true, r.Op == ChangeCreate
		}
		if r.PrivateOnly && (r.Entity == EntityActor && !contacts[r.EntityID] || r.Entity == EntityService && !visible[r.EntityID]) {
			continue
		}
		if v, ok := hid[r.EntityID]; ok && r.Entity == EntityService && r.Version < v {
			continue // the hide entry comes at the change that hid it, in this page or a later one
		}
		kept[i] = true
		if _, seen := at[k]; !seen {
			at[k] = i
		}
		if _, moved := from[k]; !moved && r.MovedFrom != "" {
			from[k] = r.MovedFrom
		}
	}
	// later counts, for each record, its kept changes after the one read:
	// an actor shown without its private contacts is dated by its public
	// version, which each of them moved by one.
	later := map[key]int64{}
	var out []FeedEntry
	for i := len(fr.rows) - 1; i >= 0; i-- {
		r := fr.rows[i]
		k := key{r.Entity, r.EntityID}
		own := each && (r.Entity == EntityActor || visible[r.EntityID])
		if !kept[i] || at[k] != i && !own {
			continue
		}
		e, ok := fr.entry(r, created[k], visible[r.EntityID], contacts[r.EntityID])
		if !ok {
			continue
		}
		e.movedFrom = from[k]
		if own {
			e.movedFrom = r.MovedFrom
			e.Op, e.At, e.Version = feedOp(r, e), r.At, r.Version
			if e.Actor != nil && !contacts[r.EntityID] {
				e.Version = e.Actor.PublicVersion - later[k]
			}
		}
		later[k]++
		out = append(out, e)
	}
	slices.Reverse(out)
	return out, nil
}

// feedOp is a change's own operation as the webhooks tell it: a record
// gone from the database is a tombstone whatever the change was.
func feedOp(r Change, e FeedEntry) string {
	if e.Actor == nil && e.Service == nil {
		return FeedArchive
	}
	return r.Op
}

// entry is a record's entry at its change r, in the record's current state
// (see entries); ok is false for a draft never published that the viewer
// may not see.
func (fr *feedRecords) entry(r Change, created, visible, contacts bool) (e FeedEntry, ok bool) {
	e = FeedEntry{Seq: r.Seq, Entity: r.Entity, EntityID: r.EntityID, At: r.At, Version: r.Version, Op: FeedUpdate}
	if created {
		e.Op = FeedCreate
	}
	archived := false
	switch r.Entity {
	case EntityActor:
		e.Actor = fr.actors[r.EntityID]
		e.SameAs = sameAsOf(fr.sameAs, r.EntityID)
		archived = e.Actor == nil || e.Actor.IsArchived()
		if e.Actor != nil {
			e.At, e.Version = e.Actor.UpdatedAt, e.Actor.Version
			if !contacts {
				e.At, e.Version = e.Actor.PublicUpdatedAt, e.Actor.PublicVersion
			}
		}
	default:
		e.Service = fr.services[r.EntityID]
		archived = e.Service == nil || e.Service.IsArchived()
		if e.Service != nil && !e.Service.WasPublished && !visible {
			return e, false // a draft never published: nothing of it was ever in this reader's view
		}
		if e.Service != nil {
			e.At, e.Version = e.Service.UpdatedAt, e.Service.Version
			if !visible && !e.Service.IsPublished() {
				// A service hidden from this reader: the entry is
				// the change that hid it (its later changes as a
				// draft are left out above), dated by it.
				e.At, e.Version = r.At, r.Version
				if !archived {
					e.Op = FeedHide
				}
			}
		}
	}
	if archived {
		e.Op = FeedArchive
	}
	return e, true
}

// hidingVersions returns, for each service of the run now hidden from the
// reader (published once, not now, not one of the drafts it may see), the
// version of the change that hid it: its last change from published. The
// reader gets one hide entry, at that change; its earlier changes in the
// run are left out, or a reader's entries would depend on where its pages
// end (a page ending on the creation showed a hide dated by it, and the
// next page a second hide). Its later changes are private_only, left out
// already. The change log has no index by record (its rows are read by
// seq), so the version is read from the audit history, which has one; a
// service whose history does not say keeps the entry at its last change.
func hidingVersions(tx *gorm.DB, fr *feedRecords, visible map[string]bool) (map[string]int64, error) {
	var ids []string
	for id, sv := range fr.services {
		if !visible[id] && sv.WasPublished && !sv.IsPublished() {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var evs []AuditEvent
	if err := tx.Select("entity_id", "version", "changes").Where("entity = ? AND entity_id IN ? AND changes LIKE ?", EntityService, ids, `%"field":"status"%`).
		Order("seq").Find(&evs).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, ev := range evs {
		var changes []FieldChange
		if json.Unmarshal([]byte(ev.Changes), &changes) != nil {
			continue
		}
		for _, c := range changes {
			if c.Field == "status" && c.Old == vocab.ServicePublished {
				out[ev.EntityID] = ev.Version // ordered by seq: the last one stays
			}
		}
	}
	return out, nil
}

// leaving is the entry as a follower told it left its filter: a leave
// tombstone at the same change.
func (e *FeedEntry) leaving() *FeedEntry {
	out := *e
	out.Op = FeedLeave
	return &out
}

// Leaving is leaving for the change feed's source filter (LeftSources).
func (e FeedEntry) Leaving() FeedEntry { return *e.leaving() }
