package models

import (
	"context"
	"time"

	"gorm.io/gorm"
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
)

// FeedEntry is one record of a page of the change feed, in its current
// state: the feed tells what changed and how it is now, so a follower that
// applies every entry ends with the server's state.
type FeedEntry struct {
	Seq      int64 // the last change of this record within the page
	Entity   string
	EntityID string
	Op       string
	At       time.Time
	Version  int64
	Actor    *Actor   // current actor; set unless the entity is a service
	Service  *Service // current service with its actor; set for services
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
// a page are collapsed into one entry, at the seq of the last one, carrying
// the record's current state; archived records come as tombstones.
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
			return nil
		}
		feed.Next = rows[len(rows)-1].Seq
		type key struct{ entity, id string }
		last := map[key]int{}     // index in rows of the record's last change
		created := map[key]bool{} // first change in the page is its creation
		var actorIDs, serviceIDs []string
		for i, r := range rows {
			k := key{r.Entity, r.EntityID}
			if _, seen := last[k]; !seen {
				created[k] = r.Op == ChangeCreate
				if r.Entity == EntityActor {
					actorIDs = append(actorIDs, r.EntityID)
				} else {
					serviceIDs = append(serviceIDs, r.EntityID)
				}
			}
			last[k] = i
		}
		actors := map[string]*Actor{}
		var as []Actor
		if err := tx.Where("id IN ?", actorIDs).Find(&as).Error; err != nil {
			return err
		}
		for i := range as {
			actors[as[i].ID] = &as[i]
		}
		services := map[string]*Service{}
		visible := map[string]bool{}
		if len(serviceIDs) > 0 {
			var ss []Service
			if err := tx.Preload("Actor").Where("id IN ?", serviceIDs).Find(&ss).Error; err != nil {
				return err
			}
			for i := range ss {
				services[ss[i].ID] = &ss[i]
			}
			var ids []string
			if err := draftsVisibleTo(tx.Model(&Service{}).Where("id IN ?", serviceIDs), viewer).Pluck("id", &ids).Error; err != nil {
				return err
			}
			for _, id := range ids {
				visible[id] = true
			}
		}
		for i, r := range rows {
			k := key{r.Entity, r.EntityID}
			if last[k] != i {
				continue
			}
			e := FeedEntry{Seq: r.Seq, Entity: r.Entity, EntityID: r.EntityID, At: r.At, Version: r.Version, Op: FeedUpdate}
			if created[k] {
				e.Op = FeedCreate
			}
			archived := false
			switch r.Entity {
			case EntityActor:
				e.Actor = actors[r.EntityID]
				archived = e.Actor == nil || e.Actor.IsArchived()
				if e.Actor != nil {
					e.At, e.Version = e.Actor.UpdatedAt, e.Actor.Version
				}
			default:
				e.Service = services[r.EntityID]
				archived = e.Service == nil || e.Service.IsArchived()
				if e.Service != nil {
					e.At, e.Version = e.Service.UpdatedAt, e.Service.Version
					if !archived && !visible[r.EntityID] {
						e.Op, e.Service = FeedHide, nil
					}
				}
			}
			if archived {
				e.Op = FeedArchive
			}
			feed.Entries = append(feed.Entries, e)
		}
		return nil
	})
	return feed, dbError(err)
}
