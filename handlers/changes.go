package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Tombstone says a record left the directory (archived), or is hidden from
// this caller (a service back to draft): remove it from your copy.
type Tombstone struct {
	Entity string `json:"entity" enums:"actor,service"`
	ID     string `json:"id" format:"uuid"`
	// null for a hidden draft.
	ArchivedAt *time.Time `json:"archived_at" format:"date-time" extensions:"x-nullable"`
}

// ChangeEntry is one record of the change feed in its current state.
type ChangeEntry struct {
	// Position in the feed; entries come in increasing seq.
	Seq    int64  `json:"seq" example:"1042"`
	Entity string `json:"entity" enums:"actor,service"`
	ID     string `json:"id" format:"uuid"`
	// create and update carry the record; archive and hide a tombstone.
	Op      string    `json:"op" enums:"create,update,archive,hide"`
	At      time.Time `json:"at" format:"date-time"`
	Version int64     `json:"version"`
	// The actor's current representation, for actor entries that are not tombstones.
	Actor *Actor `json:"actor" extensions:"x-nullable"`
	// The service's current representation, for service entries that are not tombstones.
	Service   *Service   `json:"service" extensions:"x-nullable"`
	Tombstone *Tombstone `json:"tombstone" extensions:"x-nullable"`
}

// ChangeMeta describes a page of the change feed.
type ChangeMeta struct {
	Limit int `json:"limit" example:"100"`
	// Pass it as after to get the next changes (also when has_more is
	// false: later changes will follow it).
	NextCursor string `json:"next_cursor" example:"1042"`
	// More changes are already waiting after this page.
	HasMore bool `json:"has_more"`
}

// ChangeLinks are the links of a page of the change feed.
type ChangeLinks struct {
	Self string `json:"self"`
	// Always set: poll it later when has_more is false.
	Next string `json:"next"`
}

// ChangeList is one page of the change feed.
type ChangeList struct {
	Data  []ChangeEntry `json:"data"`
	Meta  ChangeMeta    `json:"meta"`
	Links ChangeLinks   `json:"links"`
}

// ListChanges godoc
//
//	@Summary		Follow the changes of the directory
//	@Description	Returns creations, updates and archives of actors and services in commit order, after the cursor. Following next_cursor never skips nor repeats a change, even while writes happen. Each entry carries the record's current state (several changes of one record within a page are collapsed into one entry); archived records come as tombstones, and a service turned back to draft as a hide tombstone for callers who may not see drafts. Start with after=0 (or without after) to read the whole history, or list the directory first and follow from the cursor you kept.
//	@Tags			changes
//	@Produce		json
//	@Param			after	query		string	false	"The next_cursor of the previous page; 0 for the beginning"	default(0)
//	@Param			limit	query		int		false	"Changes per page"	minimum(1)	maximum(1000)	default(100)
//	@Param			source	query		[]string	false	"Only the records of these sources (a service by its own source or its actor's). A page then holds the matching entries of the changes it read: fewer than limit, or none, while has_more is true"	collectionFormat(csv)	example(caf-13)
//	@Success		200		{object}	ChangeList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/changes [get]
func (h *Handler) ListChanges(c *gin.Context) error {
	q := newQueryParser(c.Request.URL.Query())
	var after int64
	if s := q.one("after"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			q.errs.Add("after", "must be the next_cursor of a previous page (a non-negative integer)")
		}
		after = n
	}
	limit := 100
	if s := q.one("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			q.errs.Add("limit", "must be an integer from 1 to 1000")
		}
		limit = n
	}
	sources := q.strings("source")
	for i, s := range sources {
		sources[i] = strings.ToLower(s)
	}
	if err := q.err(); err != nil {
		return err
	}
	feed, err := h.Store.Changes(c.Request.Context(), after, limit, principal(c))
	if err != nil {
		return err
	}
	out := ChangeList{Data: make([]ChangeEntry, 0, len(feed.Entries))}
	for _, e := range feed.Entries {
		if len(sources) > 0 && !e.FromSources(sources) {
			continue
		}
		out.Data = append(out.Data, newChangeEntry(e, func(a *models.Actor) Actor { return h.actorView(c, a) }))
	}
	next := strconv.FormatInt(feed.Next, 10)
	out.Meta = ChangeMeta{Limit: limit, NextCursor: next, HasMore: feed.HasMore}
	v := url.Values{"after": {next}, "limit": {strconv.Itoa(limit)}}
	if len(sources) > 0 {
		v.Set("source", strings.Join(sources, ","))
	}
	out.Links = ChangeLinks{Self: c.Request.URL.RequestURI(), Next: c.Request.URL.Path + "?" + v.Encode()}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// newChangeEntry describes a feed entry: the record's current state, shown
// by actorView (which applies the contact rule for the reader), or a
// tombstone. The change feed and the webhooks' payloads share it.
func newChangeEntry(e models.FeedEntry, actorView func(*models.Actor) Actor) ChangeEntry {
	ce := ChangeEntry{Seq: e.Seq, Entity: e.Entity, ID: e.EntityID, Op: e.Op, At: e.At, Version: e.Version}
	switch {
	case e.Op == models.FeedArchive || e.Op == models.FeedHide:
		ts := &Tombstone{Entity: e.Entity, ID: e.EntityID}
		if e.Actor != nil {
			ts.ArchivedAt = e.Actor.ArchivedAt
		} else if e.Service != nil {
			ts.ArchivedAt = e.Service.ArchivedAt
		}
		ce.Tombstone = ts
	case e.Actor != nil:
		a := actorView(e.Actor)
		ce.Actor = &a
	case e.Service != nil:
		s := newService(e.Service)
		ce.Service = &s
	}
	return ce
}
