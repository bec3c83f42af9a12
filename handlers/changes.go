package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Tombstone says a record left the directory (archived), is hidden from
// this caller (a service back to draft), or left the selection of a
// filtered follower (leave: it moved out of the territory or source
// followed): remove it from your copy.
type Tombstone struct {
	Entity   string `json:"entity" enums:"actor,service"`
	EntityID string `json:"entity_id" format:"uuid" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// Deprecated: the former name of entity_id, sent until version 1.2.
	ID string `json:"id" format:"uuid" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// null for a hidden draft or a record that left a filter.
	ArchivedAt *Time `json:"archived_at" format:"date-time" extensions:"x-nullable"`
}

// ChangeEntry is one record of the change feed in its current state.
type ChangeEntry struct {
	// Position in the feed; entries come in increasing seq. A record's entry collapsing several
	// changes of a page is at the first of them.
	Seq      int64  `json:"seq" example:"1042"`
	Entity   string `json:"entity" enums:"actor,service"`
	EntityID string `json:"entity_id" format:"uuid" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// Deprecated: the former name of entity_id, sent until version 1.2.
	ID string `json:"id" format:"uuid" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// create and update carry the record; archive, hide and leave a tombstone
	// (leave: the record moved out of the sources followed with source=, or out of a
	// webhook subscription's filters).
	Op      string `json:"op" enums:"create,update,archive,hide,leave"`
	At      Time   `json:"at" format:"date-time"`
	Version int64  `json:"version"`
	// The actor's current representation, for actor entries that are not tombstones: the record
	// GET /api/v1/actors/{id} returns, its confirmed duplicate links (duplicate_of, stands_for) included.
	Actor *ActorRecord `json:"actor" extensions:"x-nullable"`
	// The service's current representation, for service entries that are not tombstones.
	Service   *Service   `json:"service" extensions:"x-nullable"`
	Tombstone *Tombstone `json:"tombstone" extensions:"x-nullable"`
}

// FeedMeta describes a page of a change feed (/changes, /referrals/changes).
// It is the lists' ListMeta without total: a feed has no end, only a point
// where nothing more is waiting yet.
type FeedMeta struct {
	Limit int `json:"limit" example:"100"`
	// Pass it back as cursor to get the next changes. Never null: when
	// has_more is false, later changes will follow it.
	NextCursor string `json:"next_cursor" example:"1042"`
	// More changes are already waiting after this page: call again at once.
	HasMore bool `json:"has_more" example:"false"`
}

// FeedLinks are the links of a page of a change feed.
type FeedLinks struct {
	Self string `json:"self" example:"/api/v1/changes?cursor=1000&limit=100"`
	// Always set: follow it at once while has_more is true, later otherwise.
	Next string `json:"next" example:"/api/v1/changes?cursor=1042&limit=100"`
}

// feedPage builds the meta and links of a feed page that ends at next.
func feedPage(c *gin.Context, next int64, limit int, more bool) (FeedMeta, FeedLinks) {
	cur := strconv.FormatInt(next, 10)
	q := c.Request.URL.Query()
	q.Del("after") // the former name of cursor
	q.Set("cursor", cur)
	q.Set("limit", strconv.Itoa(limit))
	u := url.URL{Path: c.Request.URL.Path, RawQuery: q.Encode()}
	return FeedMeta{Limit: limit, NextCursor: cur, HasMore: more}, FeedLinks{Self: c.Request.URL.RequestURI(), Next: u.RequestURI()}
}

// ChangeList is one page of the change feed.
type ChangeList struct {
	Data  []ChangeEntry `json:"data"`
	Meta  FeedMeta      `json:"meta"`
	Links FeedLinks     `json:"links"`
}

// ListChanges godoc
//
//	@ID			listChanges
//	@Summary		Follow the changes of the directory
//	@Description	Returns creations, updates and archives of actors and services in commit order, after the cursor. Following links.next (or passing meta.next_cursor back as cursor) never skips nor repeats a change, even while writes happen. Each entry carries the record's current state (several changes of one record within a page are collapsed into one entry, at the seq of its first change in the page: a place comes before the services its restoration or creation makes visible); a service embeds its place's name and address, so a change of those comes with an update of each of its services, and a change of a service that moves its place's quality or checked_on with an update of the place; archived records come as tombstones, and a service turned back to draft as a hide tombstone for callers who may not see drafts. A change of an actor's private phones and e-mails alone is left out for callers who may not see them, whose entries carry the actor's public version and time. Start without cursor (or with cursor=0) to read the whole history, or list the directory first and follow from the cursor you kept. The envelope is the lists' one: meta.has_more says whether more changes are already waiting; links.next is always set, to poll later.
//	@Tags			changes
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			cursor	query		string	false	"The next_cursor of the previous page; 0 for the beginning. A value no page gave (beyond the feed's last change, or with spaces or a sign) answers 400"	default(0)	example(1042)
//	@Param			after	query		string	false	"Deprecated: the former name of cursor, accepted until version 1.2"
//	@Param			limit	query		int		false	"Changes per page"	minimum(1)	maximum(1000)	default(100)
//	@Param			source	query		[]string	false	"Only the records of these sources (a service by its own source or its actor's; case ignored; a value that cannot name a source, such as *, answers 400). A page then holds the matching entries of the changes it read: fewer than limit, or none, while has_more is true. A record that moves out of these sources (its source, or its place's, changed) comes once as a leave tombstone: drop it from your copy"	collectionFormat(csv)	example(caf-13)
//	@Success		200		{object}	ChangeList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/changes [get]
func (h *Handler) ListChanges(c *gin.Context) error {
	q := queryOf(c)
	cursorName, after := q.seqCursor()
	limit := q.limit(100, 1000)
	sources := q.sources("source")
	if err := q.err(); err != nil {
		return err
	}
	feed, err := h.Store.Changes(c.Request.Context(), after, limit, principal(c))
	if err != nil {
		return renameField(err, "cursor", cursorName)
	}
	out := ChangeList{Data: make([]ChangeEntry, 0, len(feed.Entries))}
	for _, e := range feed.Entries {
		if len(sources) > 0 && !e.FromSources(sources) {
			if !e.LeftSources(sources) {
				continue
			}
			e = e.Leaving() // it left the sources followed: the follower drops it
		}
		out.Data = append(out.Data, newChangeEntry(e, func(a *models.Actor) Actor { return h.actorView(c, a) }))
	}
	out.Meta, out.Links = feedPage(c, feed.Next, limit, feed.HasMore)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// newChangeEntry describes a feed entry: the record's current state, shown
// by actorView (which applies the contact rule for the reader), or a
// tombstone. The change feed and the webhooks' payloads share it.
func newChangeEntry(e models.FeedEntry, actorView func(*models.Actor) Actor) ChangeEntry {
	ce := ChangeEntry{Seq: e.Seq, Entity: e.Entity, EntityID: e.EntityID, ID: e.EntityID, Op: e.Op, At: stamp(e.At), Version: e.Version}
	switch {
	case e.Op == models.FeedArchive || e.Op == models.FeedHide || e.Op == models.FeedLeave:
		ts := &Tombstone{Entity: e.Entity, EntityID: e.EntityID, ID: e.EntityID}
		if e.Actor != nil {
			ts.ArchivedAt = stampPtr(e.Actor.ArchivedAt)
		} else if e.Service != nil {
			ts.ArchivedAt = stampPtr(e.Service.ArchivedAt)
		}
		ce.Tombstone = ts
	case e.Actor != nil:
		a := newActorRecord(actorView(e.Actor), e.SameAs)
		ce.Actor = &a
	case e.Service != nil:
		s := newService(e.Service)
		ce.Service = &s
	}
	return ce
}

// seqCursor reads the cursor of a change feed: the seq of the last change
// read (its next_cursor), 0 or absent for the beginning. after is its
// former name, and name the one given (errors about the value name it).
// A cursor is a value the feed gave, written as it gave it: spaces around
// it (which query parameters otherwise shed) are refused like any other
// character no next_cursor holds.
func (q *queryParser) seqCursor() (name string, n int64) {
	name, s := q.alias("cursor", "after")
	if s == "" {
		return name, 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || !decimalDigits(q.v[name][0]) {
		q.errs.Add(name, "must be the next_cursor of a previous page (a non-negative integer)")
		return name, 0
	}
	return name, n
}

// renameField names a field of err as the request named it (a parameter
// given by its former name).
func renameField(err error, from, to string) error {
	if e, ok := err.(*models.Error); ok && from != to {
		for i := range e.Fields {
			if e.Fields[i].Field == from {
				e.Fields[i].Field = to
			}
		}
	}
	return err
}
